import { describe, expect, it } from 'vitest';
import { BRIEFING_PDF } from '../support/evidence-fixtures.js';
import { collectPageErrors, saveScreenshot } from '../support/browser.js';
import { useServerAndBrowser } from '../support/e2e.js';
import { demoAccounts, signInAs } from './demo-accounts.js';

const SPREADSHEETS = 'Spreadsheet Data Analysis for the Workplace';

describe('earning a micro-credential in the browser', () => {
  const e2e = useServerAndBrowser();

  it('a learner enrols assessment-only, hands in a file and a link; an assessor scores the rubric and passes; the credential verifies', async () => {
    // The learner: the demo enrolment in progress is listed; enrol in the spreadsheet micro-credential, assessment only.
    const page = await e2e.browser.freshPage();
    const errors = collectPageErrors(page);
    await signInAs(page, demoAccounts.learner);
    await page.goto('/learning');
    await page.getByRole('heading', { level: 1, name: 'My learning' }).waitFor();
    await page.getByRole('list', { name: 'My enrolments' }).getByRole('link', { name: 'Workplace Health and Safety in Manufacturing' }).waitFor();
    await page.getByLabel('Micro-credential', { exact: true }).selectOption({ label: `${SPREADSHEETS} (Northbridge College)` });
    const route = page.getByRole('radio', { name: /^Assessment only/ });
    await route.waitFor();
    expect(await route.isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Enrol', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: SPREADSHEETS }).waitFor();
    const enrolmentPath = new URL(page.url()).pathname;
    expect(enrolmentPath).toMatch(/^\/learning\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('enrolment-state').textContent()).toBe('Enrolled: preparing evidence');

    // A PDF, public (embedded in the credential), then a link.
    const upload = page.getByRole('form', { name: 'Upload a file' });
    await upload.getByLabel('File', { exact: true }).setInputFiles({ name: 'briefing.pdf', mimeType: 'application/pdf', buffer: BRIEFING_PDF });
    await upload.getByLabel('Title (optional)').fill('One-page briefing');
    await upload.getByRole('checkbox', { name: /^Public/ }).check();
    await upload.getByRole('button', { name: 'Upload' }).click();
    const evidence = page.getByRole('list', { name: 'Evidence' });
    await evidence.getByRole('link', { name: 'Open briefing.pdf' }).waitFor();
    const link = page.getByRole('form', { name: 'Add a link' });
    await link.getByLabel('Web address').fill('https://portfolio.example/amara/workbook');
    await link.getByLabel('Title (optional)').fill('Workbook on my portfolio');
    await link.getByRole('button', { name: 'Add link' }).click();
    await evidence.getByRole('link', { name: 'https://portfolio.example/amara/workbook' }).waitFor();
    await page.getByRole('button', { name: 'Submit for assessment' }).click();
    await expect.poll(() => page.getByTestId('enrolment-state').textContent()).toBe('Submitted: waiting for an assessor');
    await saveScreenshot(page, 'earning-learner-submitted');

    // The assessor: claim it from the queue, open the file, score every criterion "Competent", pass.
    const assessor = await e2e.browser.freshPage();
    const assessorErrors = collectPageErrors(assessor);
    await signInAs(assessor, demoAccounts.assessor);
    await assessor.goto('/orgs/northbridge/reviews');
    await assessor.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor();
    const row = assessor.getByRole('row').filter({ hasText: 'Amara Okafor' }).filter({ hasText: SPREADSHEETS });
    await row.getByRole('button', { name: /^Claim/ }).click();
    await assessor.getByRole('heading', { level: 2, name: 'Score the rubric' }).waitFor();
    const file = await assessor.request.get(await assessor.getByRole('link', { name: 'Open briefing.pdf' }).getAttribute('href') ?? '');
    expect(file.status()).toBe(200);
    expect(file.headers()['content-security-policy']).toContain('sandbox');
    const criteria = assessor.locator('fieldset.rubric-criterion');
    expect(await criteria.count()).toBe(4);
    for (const criterion of await criteria.all()) {
      await criterion.getByRole('radio', { name: /^Competent/ }).check();
      await criterion.getByRole('textbox').fill('Meets the standard.');
    }
    await saveScreenshot(assessor, 'earning-assessor-scoring');
    await assessor.getByRole('button', { name: 'Pass', exact: true }).click();
    await expect.poll(() => assessor.getByTestId('enrolment-state').textContent()).toBe('Passed');
    await assessor.getByText('The credential is issued.').waitFor();
    expect(assessorErrors).toEqual([]);

    // The learner sees the credential, on the learning page and in the wallet.
    const learner = await e2e.browser.freshPage();
    await signInAs(learner, demoAccounts.learner);
    await learner.goto(enrolmentPath);
    await learner.getByText('Your credential is issued').waitFor();
    await learner.getByRole('region', { name: 'Feedback' }).or(learner.getByRole('heading', { level: 2, name: 'Feedback' })).first().waitFor();
    await saveScreenshot(learner, 'earning-learner-passed');
    await learner.getByRole('link', { name: 'Open the credential in your wallet' }).click();
    await learner.getByRole('heading', { level: 1, name: SPREADSHEETS }).waitFor();
    await saveScreenshot(learner, 'earning-wallet-credential');

    // And it verifies: fetched as the learner, checked by anyone.
    const own = (await (await learner.request.get('/api/v1/me/credentials')).json()) as { items: Array<{ credential: { credentialSubject: { achievement: { name: string }; result: Array<{ achievedLevel?: string }> }; evidence?: Array<{ genre: string }> } }> };
    const credential = own.items.find((c) => c.credential.credentialSubject.achievement.name === SPREADSHEETS)!.credential;
    expect(credential.credentialSubject.result.filter((r) => r.achievedLevel?.endsWith('-level-competent'))).toHaveLength(4);
    expect(credential.evidence?.map((e) => e.genre)).toEqual(['File']);
    const response = await fetch(`${e2e.server.baseUrl}/api/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ credential }) });
    expect(((await response.json()) as { verified: boolean }).verified).toBe(true);
    expect(errors).toEqual([]);
  });
});
