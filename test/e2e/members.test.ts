import { describe, expect, it } from 'vitest';
import { collectPageErrors, saveScreenshot } from '../support/browser.js';
import { useServerAndBrowser } from '../support/e2e.js';
import { demoAccounts, mainNavigation, signInAs } from './demo-accounts.js';

describe('members and organisations', () => {
  const e2e = useServerAndBrowser();

  it('lets an issuer admin give and take a role, which changes that person’s menu', async () => {
    let page = await e2e.browser.freshPage();
    const errors = collectPageErrors(page);
    await signInAs(page, demoAccounts.registrar);
    await page.goto('/orgs/northbridge/members');
    const ownRow = page.getByRole('row').filter({ hasText: demoAccounts.registrar });
    await ownRow.waitFor();
    expect(await ownRow.getByRole('button').count()).toBe(0);

    await page.getByLabel('Email address').fill(demoAccounts.learner);
    await page.getByLabel('Role').selectOption({ label: 'Assessor' });
    await page.getByRole('button', { name: 'Add member' }).click();
    await page.getByRole('status').filter({ hasText: 'Amara Okafor is now assessor.' }).waitFor();
    const learnerRow = page.getByRole('row').filter({ hasText: demoAccounts.learner });
    expect(await learnerRow.textContent()).toContain('Assessor');
    await saveScreenshot(page, 'members-added');
    expect(errors).toEqual([]);

    page = await e2e.browser.freshPage();
    await signInAs(page, demoAccounts.learner);
    expect(await mainNavigation(page)).toContain('Review queue → /orgs/northbridge/reviews');

    page = await e2e.browser.freshPage();
    await signInAs(page, demoAccounts.registrar);
    await page.goto('/orgs/northbridge/members');
    await page.getByRole('row').filter({ hasText: demoAccounts.learner }).waitFor();
    await page.getByRole('button', { name: 'Remove Amara Okafor (Assessor)' }).click();
    await page.getByRole('button', { name: 'Confirm remove Amara Okafor (Assessor)' }).click();
    await page.getByRole('status').filter({ hasText: 'Amara Okafor is no longer assessor.' }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: demoAccounts.learner }).count()).toBe(0);
  });

  it('shows the server’s reason when the person does not exist', async () => {
    const page = await e2e.browser.freshPage();
    await signInAs(page, demoAccounts.employer);
    await page.goto('/orgs/bluewater/members');
    await page.getByLabel('Email address').fill('nobody@nowhere.test');
    // Employers have administrators only, so there is no role to choose.
    expect(await page.getByLabel('Role').count()).toBe(0);
    await page.getByRole('button', { name: 'Add administrator' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('There is no such person.');
    expect(await page.getByRole('row').filter({ hasText: 'nobody@nowhere.test' }).count()).toBe(0);
  });

  it('lets the platform admin create an organisation and appoint its administrator', async () => {
    let page = await e2e.browser.freshPage();
    const errors = collectPageErrors(page);
    await signInAs(page, demoAccounts.platformAdmin);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organisations' }).click();
    await page.getByRole('row').filter({ hasText: 'Northbridge College' }).waitFor();

    await page.getByLabel('Name', { exact: true }).fill('Coastal Skills Institute');
    expect(await page.getByLabel('Short name in addresses').inputValue()).toBe('coastal-skills-institute');
    await page.getByLabel('Kind').selectOption({ label: 'Issuer' });
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await page.getByRole('row').filter({ hasText: 'coastal-skills-institute' }).waitFor();

    await page.getByLabel('Email address').fill(demoAccounts.assessor);
    await page.getByRole('button', { name: 'Add administrator' }).click();
    await page.getByRole('status').filter({ hasText: 'now administers Coastal Skills Institute' }).waitFor();
    await saveScreenshot(page, 'admin-organisations');
    expect(errors).toEqual([]);

    page = await e2e.browser.freshPage();
    await signInAs(page, demoAccounts.assessor);
    const switcher = page.getByRole('banner').getByLabel('Organisation');
    await switcher.selectOption({ label: 'Coastal Skills Institute' });
    await page.getByRole('heading', { level: 1, name: 'Micro-credentials' }).waitFor();
    expect(await mainNavigation(page)).toContain('Members → /orgs/coastal-skills-institute/members');
  });
});
