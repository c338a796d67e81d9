import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { collectPageErrors, saveScreenshot } from '../support/browser.js';
import { useServerAndBrowser } from '../support/e2e.js';
import { demoAccounts, mainNavigation, signInAs } from './demo-accounts.js';

// Written out from the issue, not derived from web/src/navigation: this test is the check on that table.
const explore = ['Catalogue → /catalogue', 'Verify a credential → /verify'];
const learner = ['My credentials → /wallet', 'My learning → /learning', 'Pathways → /pathways', 'Account → /account'];

const expectedNavigation: Record<keyof typeof demoAccounts, string[]> = {
  platformAdmin: [
    ...explore,
    ...learner,
    'Organisations → /admin/organisations',
    'Trusted issuers → /admin/registry',
    'Platform dashboard → /admin/dashboard',
  ],
  registrar: [
    ...explore,
    ...learner,
    'Micro-credentials → /orgs/northbridge/achievements',
    'Pathways → /orgs/northbridge/pathways',
    'Bulk issuance → /orgs/northbridge/bulk',
    'Issued credentials → /orgs/northbridge/credentials',
    'Members → /orgs/northbridge/members',
    'Keys & DIDs → /orgs/northbridge/keys',
    'Dashboard → /orgs/northbridge/dashboard',
  ],
  assessor: [...explore, ...learner, 'Review queue → /orgs/northbridge/reviews'],
  learner: [...explore, ...learner],
  endorser: [...explore, ...learner, 'Endorsements → /orgs/harbour-manufacturing/endorsements'],
  employer: [...explore, ...learner, 'Candidates → /orgs/bluewater/candidates', 'Members → /orgs/bluewater/members'],
};

/** Opens every item of the menu and checks each answers with its page, not the not-found page. */
async function visitEveryItem(page: Page, items: string[]): Promise<void> {
  for (const item of items) {
    const [label = '', path = ''] = item.split(' → ');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).and(page.locator(`[href="${path}"]`)).click();
    await page.waitForURL((url) => url.pathname === path);
    // The router renders the new page in a transition: until the menu marks the item current, the old
    // page (and its heading) may still be on screen.
    const current = page.locator('nav[aria-label="Main"] [aria-current="page"]');
    await expect.poll(() => current.getAttribute('href'), { message: item }).toBe(path);
    const heading = page.getByRole('heading', { level: 1 });
    await heading.waitFor();
    expect(await heading.textContent(), item).not.toBe('Page not found');
  }
}

describe('navigation per role', () => {
  const e2e = useServerAndBrowser();

  it('shows a visitor only the public areas', async () => {
    const page = await e2e.browser.freshPage();
    const errors = collectPageErrors(page);
    await page.goto('/catalogue');
    await page.getByRole('heading', { level: 1, name: 'Catalogue' }).waitFor();
    expect(await mainNavigation(page)).toEqual(explore);
    await saveScreenshot(page, 'visitor-catalogue');
    expect(errors).toEqual([]);
  });

  for (const role of Object.keys(expectedNavigation) as (keyof typeof demoAccounts)[]) {
    it(`shows ${demoAccounts[role]} exactly the areas of their roles`, async () => {
      const page = await e2e.browser.freshPage();
      const errors = collectPageErrors(page);
      await signInAs(page, demoAccounts[role]);
      expect(await mainNavigation(page)).toEqual(expectedNavigation[role]);
      await saveScreenshot(page, `role-${role}`);
      await visitEveryItem(page, expectedNavigation[role]);
      expect(errors).toEqual([]);
    });
  }

  it('answers an area of another role, or of an organisation one is not in, with the not-found page', async () => {
    const page = await e2e.browser.freshPage();
    await signInAs(page, demoAccounts.learner);
    for (const path of ['/orgs/northbridge/reviews', '/orgs/bluewater/candidates', '/admin/registry', '/no-such-page']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    }
    await saveScreenshot(page, 'not-found');
  });

  it('sends a visitor of a signed-in area to sign-in, and back there afterwards', async () => {
    const page = await e2e.browser.freshPage();
    await page.goto('/orgs/northbridge/reviews');
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/orgs/northbridge/reviews');
    await page.getByLabel('Email address').fill(demoAccounts.assessor);
    await page.getByLabel('Password').fill('tessera-demo-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/orgs/northbridge/reviews');
  });
});
