import { describe, expect, it } from 'vitest';
import { collectPageErrors, saveScreenshot } from '../support/browser.js';
import { useServerAndBrowser } from '../support/e2e.js';
import { apiAs, demoAccounts, signInAs } from './demo-accounts.js';

describe('equity fields in the browser', () => {
  const e2e = useServerAndBrowser();

  it('an organisation admin enables two fields, a learner declares, and the dashboard shows the breakdown suppressed under k', async () => {
    // Some activity this month to break down: the learner enrols in a Northbridge micro-credential.
    const registrarApi = await apiAs(e2e.server.baseUrl, demoAccounts.registrar);
    const learnerApi = await apiAs(e2e.server.baseUrl, demoAccounts.learner);
    const achievements = await registrarApi<{ items: Array<{ id: string }> }>('GET', '/api/v1/organisations/northbridge/achievements');
    let enrolled = false;
    for (const { id } of achievements.body.items) {
      if ((await learnerApi('POST', '/api/v1/me/enrolments', { achievementId: id, route: 'assessment-only' })).status === 201) {
        enrolled = true;
        break;
      }
    }
    expect(enrolled).toBe(true);

    // The registrar turns on two fields on the dashboard page's settings section.
    const admin = await e2e.browser.freshPage();
    const adminErrors = collectPageErrors(admin);
    await signInAs(admin, demoAccounts.registrar);
    await admin.goto('/orgs/northbridge/dashboard');
    const settings = admin.getByRole('form', { name: 'Equity fields you collect' });
    await settings.waitFor({ timeout: 60_000 });
    await settings.getByLabel(/^Gender identity/).check();
    await settings.getByLabel(/^Disability/).check();
    await settings.getByRole('button', { name: 'Save equity fields' }).click();
    await admin.getByText('Saved. Learners see the questions').waitFor();
    expect(adminErrors).toEqual([]);

    // The learner answers on their Account page: optional, explained, and only their own.
    const learner = await e2e.browser.freshPage();
    const learnerErrors = collectPageErrors(learner);
    await signInAs(learner, demoAccounts.learner);
    await learner.goto('/account');
    const form = learner.getByRole('form', { name: 'Your answers to Northbridge College' });
    await form.waitFor();
    await learner.getByText('Nobody there sees your answers').waitFor();
    await form.getByRole('group', { name: 'What is your gender?' }).getByLabel('Woman').check();
    await form.getByRole('group', { name: 'Do you identify as a person with a disability?' }).getByLabel('Prefer not to say').check();
    await form.getByRole('button', { name: /^Save my answers/ }).click();
    await learner.getByText('Your answers are saved.').waitFor();
    await saveScreenshot(learner, 'equity-self-declaration');
    // Saved: a reload shows the answers as the learner left them.
    await learner.reload();
    await expect.poll(() => learner.getByRole('form', { name: 'Your answers to Northbridge College' }).getByRole('group', { name: 'What is your gender?' }).getByLabel('Woman').isChecked()).toBe(true);

    expect(learnerErrors).toEqual([]);

    // The dashboard (one signed-in person at a time in this browser): one chart per field, every figure under k and so suppressed.
    const dashboard = await e2e.browser.freshPage();
    const dashboardErrors = collectPageErrors(dashboard);
    await signInAs(dashboard, demoAccounts.registrar);
    await dashboard.goto('/orgs/northbridge/dashboard');
    const breakdown = dashboard.getByTestId('equity-breakdown');
    await breakdown.waitFor({ timeout: 60_000 });
    const gender = breakdown.getByRole('figure', { name: 'Enrolments by gender identity' });
    await gender.waitFor();
    await breakdown.getByRole('figure', { name: 'Enrolments by disability' }).waitFor();
    await gender.getByRole('button', { name: 'Table of Enrolments by gender identity' }).click();
    const table = gender.getByRole('table');
    await table.waitFor();
    const headers = await table.getByRole('columnheader').allTextContents();
    expect(headers).toEqual(['Month', 'Woman', 'Man', 'Non-binary person', 'Another gender', 'Prefer not to say', 'Not declared']);
    const cells = await table.getByRole('cell').allTextContents();
    expect(cells.length).toBeGreaterThan(0);
    // A handful of demo learners cannot make a cell of 10: every figure reads as suppressed, none as a number.
    for (const cell of cells) expect(cell).toBe('suppressed (under 10)');
    const download = dashboard.waitForEvent('download');
    await gender.getByRole('button', { name: 'Download CSV of Enrolments by gender identity' }).click();
    expect((await download).suggestedFilename()).toMatch(/^enrolments-by-gender-identity-\d{4}-\d{2}-to-\d{4}-\d{2}\.csv$/);
    await saveScreenshot(dashboard, 'equity-dashboard');

    // The public export has no figure under k, and the learner's answer is nowhere in it.
    const csv = await fetch(`${e2e.server.baseUrl}/api/v1/open-data/equity?format=csv`);
    expect(csv.status).toBe(200);
    const [header, ...lines] = (await csv.text()).trim().split('\r\n');
    expect(header).toBe('achievement_id,achievement_title,organisation,month,field,answer,enrolments,passes,credentials');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) for (const value of line.split(',').slice(-3)) expect(value === '' || Number(value) >= 10).toBe(true);
    expect(dashboardErrors).toEqual([]);
  });
});
