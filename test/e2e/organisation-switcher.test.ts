import { describe, expect, it } from 'vitest';
import { collectPageErrors, saveScreenshot } from '../support/browser.js';
import { useServerAndBrowser } from '../support/e2e.js';
import { demoAccounts, demoPassword, mainNavigation, signInAs } from './demo-accounts.js';

/** Signs in over HTTP as a script would, returning what later writes need: the cookie and CSRF token. */
async function apiSession(baseUrl: string, email: string): Promise<{ cookie: string; csrfToken: string }> {
  const response = await fetch(`${baseUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: demoPassword }),
  });
  expect(response.status).toBe(200);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

describe('organisation switcher', () => {
  const e2e = useServerAndBrowser(async ({ server }) => {
    // No demo person belongs to two organisations: the platform admin makes the Northbridge assessor an
    // admin at Bluewater too, through the same API the members page will use.
    const admin = await apiSession(server.baseUrl, demoAccounts.platformAdmin);
    const added = await fetch(`${server.baseUrl}/api/v1/organisations/bluewater/members`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
      body: JSON.stringify({ email: demoAccounts.assessor, role: 'admin' }),
    });
    expect(added.status).toBe(201);
  });

  it('is absent for a person in one organisation', async () => {
    const page = await e2e.browser.freshPage();
    await signInAs(page, demoAccounts.registrar);
    expect(await page.getByLabel('Organisation').count()).toBe(0);
  });

  it('switches the menu between the organisations of a person in several', async () => {
    const page = await e2e.browser.freshPage();
    const errors = collectPageErrors(page);
    await signInAs(page, demoAccounts.assessor);
    const switcher = page.getByRole('banner').getByLabel('Organisation');
    const names = await switcher.locator('option').allTextContents();
    expect(names.sort()).toEqual(['Bluewater Logistics', 'Northbridge College']);

    await switcher.selectOption({ label: 'Bluewater Logistics' });
    await page.getByRole('heading', { level: 1, name: 'Candidates' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/orgs/bluewater/candidates');
    const bluewaterMenu = await mainNavigation(page);
    expect(bluewaterMenu).toContain('Members → /orgs/bluewater/members');
    expect(bluewaterMenu.some((item) => item.includes('/orgs/northbridge/'))).toBe(false);
    await saveScreenshot(page, 'organisation-switcher');

    // The choice holds on personal pages, which belong to no organisation.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My learning' }).click();
    await page.getByRole('heading', { level: 1, name: 'My learning' }).waitFor();
    expect(await mainNavigation(page)).toContain('Candidates → /orgs/bluewater/candidates');

    await page.getByRole('banner').getByLabel('Organisation').selectOption({ label: 'Northbridge College' });
    await page.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor();
    const northbridgeMenu = await mainNavigation(page);
    expect(northbridgeMenu).toContain('Review queue → /orgs/northbridge/reviews');
    expect(northbridgeMenu.some((item) => item.includes('/orgs/bluewater/'))).toBe(false);
    expect(errors).toEqual([]);
  });
});
