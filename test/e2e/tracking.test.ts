import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openConfiguredDatabase } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { collectPageErrors, saveScreenshot } from '../support/browser.js';
import { runCli } from '../support/cli.js';
import { useServerAndBrowser } from '../support/e2e.js';
import { apiAs, demoAccounts, signInAs } from './demo-accounts.js';

const SPREADSHEETS = 'Spreadsheet Data Analysis for the Workplace';

/** A figure of the dashboard's totals, by its label ("Credentials issued"). */
async function total(page: Page, label: string): Promise<number> {
  const text = await page.locator('dl[aria-label="Totals"] > div').filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd').textContent();
  return Number((text ?? '').replace(/[^0-9]/g, ''));
}

/** Submissions and passes of one micro-credential, read from the table view of "Assessment outcomes". */
async function assessmentRow(page: Page, title: string): Promise<{ submissions: number; passed: number }> {
  const figure = page.getByRole('figure', { name: 'Assessment outcomes' });
  // Without any activity in the range the dashboard shows an empty state instead of the charts.
  if ((await figure.getByRole('button', { name: 'Table of Assessment outcomes' }).count()) === 0) return { submissions: 0, passed: 0 };
  const toggle = figure.getByRole('button', { name: 'Table of Assessment outcomes' });
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  const row = figure.getByRole('row').filter({ has: page.getByRole('rowheader', { name: title }) });
  // Columns after the name: submissions, resubmissions, passed, returned, pass rate.
  const cells = await row.getByRole('cell').allTextContents();
  if (cells.length === 0) return { submissions: 0, passed: 0 };
  return { submissions: Number(cells[0]), passed: Number(cells[2]) };
}

interface Figures {
  enrolments: number;
  submissions: number;
  passed: number;
  issued: number;
  completions: number;
  verifications: number;
}

async function readFigures(page: Page): Promise<Figures> {
  // The line naming what is counted changes with the filters, so this waits for these figures, not the previous ones.
  const scope = page.getByText(`Figures for ${SPREADSHEETS},`);
  const refused = page.getByRole('alert');
  await scope.or(refused).first().waitFor();
  if (await refused.isVisible()) throw new Error(`The dashboard did not load: ${await refused.textContent()}`);
  const row = await assessmentRow(page, SPREADSHEETS);
  return {
    enrolments: await total(page, 'Enrolments'),
    submissions: row.submissions,
    passed: row.passed,
    issued: await total(page, 'Credentials issued'),
    completions: await total(page, 'Completions'),
    verifications: await total(page, 'Verifications'),
  };
}

describe('tracking: dashboards, open data and the audit chain in the browser', () => {
  const e2e = useServerAndBrowser();
  let credentialId = '';

  it('the registrar sees an enrolment, a submission, a pass, a credential and a verification counted once each; open data suppresses cells under k', async () => {
    const page = await e2e.browser.freshPage();
    const errors = collectPageErrors(page);
    await signInAs(page, demoAccounts.registrar);
    await page.goto('/orgs/northbridge/dashboard');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    // The first visit folds every demo event into the rollups; give a loaded machine time for it.
    await page.getByTestId('dashboard').waitFor({ timeout: 60_000 });
    // The achievement filter goes into the URL, so the figures can be bookmarked.
    await page.getByLabel('Micro-credential', { exact: true }).selectOption({ label: SPREADSHEETS });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('achievement')).toMatch(/^[0-9a-f-]{36}$/);
    const filteredUrl = new URL(page.url()).pathname + new URL(page.url()).search;
    const before = await readFigures(page);

    // The demo flow over the API: enrol, hand in a link, submit; an assessor passes it (the credential is issued); anyone verifies it.
    const learner = await apiAs(e2e.server.baseUrl, demoAccounts.learner);
    const assessor = await apiAs(e2e.server.baseUrl, demoAccounts.assessor);
    const achievementId = new URL(page.url()).searchParams.get('achievement')!;
    const enrolment = await learner<{ id: string; rubric: { criteria: Array<{ id: string }> } }>('POST', '/api/v1/me/enrolments', { achievementId, route: 'assessment-only' });
    expect(enrolment.status).toBe(201);
    const id = enrolment.body.id;
    expect((await learner('POST', `/api/v1/enrolments/${id}/evidence`, { kind: 'link', url: 'https://portfolio.example/workbook', name: 'Workbook', isPublic: true })).status).toBe(201);
    expect((await learner('POST', `/api/v1/enrolments/${id}/submit`)).status).toBe(200);
    expect((await assessor('POST', `/api/v1/enrolments/${id}/claim`)).status).toBe(200);
    const scores = enrolment.body.rubric.criteria.map((criterion) => ({ criterion: criterion.id, level: 'competent' }));
    const decision = await assessor<{ credentialId: string }>('POST', `/api/v1/enrolments/${id}/decision`, { decision: 'pass', scores });
    expect(decision.status).toBe(200);
    credentialId = decision.body.credentialId;
    const own = await learner<{ items: Array<{ id: string; credential: Record<string, unknown> }> }>('GET', '/api/v1/me/credentials');
    const credential = own.body.items.find((item) => item.id === credentialId)!.credential;
    const verified = await fetch(`${e2e.server.baseUrl}/api/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ credential }) });
    expect(((await verified.json()) as { verified: boolean }).verified).toBe(true);

    // Back on the dashboard (same filters, from the URL): each step counted exactly once.
    const expected = { enrolments: before.enrolments + 1, submissions: before.submissions + 1, passed: before.passed + 1, issued: before.issued + 1, completions: before.completions + 1, verifications: before.verifications + 1 };
    await expect
      .poll(
        async () => {
          await page.goto(filteredUrl);
          return readFigures(page);
        },
        { timeout: 90_000, interval: 500 },
      )
      .toEqual(expected);
    expect(await page.getByLabel('Micro-credential', { exact: true }).inputValue()).toBe(achievementId);
    // The table view is what the CSV download holds.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV of Assessment outcomes' }).click();
    expect((await download).suggestedFilename()).toMatch(/^assessment-outcomes-\d{4}-\d{2}-to-\d{4}-\d{2}\.csv$/);
    await page.getByRole('button', { name: 'Table of Assessment outcomes' }).click(); // back to the chart for the picture
    await page.getByRole('figure', { name: 'Credentials over time' }).locator('svg.recharts-surface').waitFor();
    await saveScreenshot(page, 'tracking-organisation-dashboard');

    // A reversed range is refused by the server, and its problem title is shown.
    await page.goto('/orgs/northbridge/dashboard?from=2026-05&to=2026-01');
    await page.getByRole('alert').filter({ hasText: 'The date range is reversed' }).waitFor();
    expect(errors).toEqual([]);

    // The open data: no figure under k; this month's single pass is too small a cell to publish.
    const csv = await fetch(`${e2e.server.baseUrl}/api/v1/open-data/achievements?format=csv`);
    expect(csv.status).toBe(200);
    const k = Number(csv.headers.get('x-suppression-k'));
    expect(k).toBeGreaterThanOrEqual(5);
    const [header, ...lines] = (await csv.text()).trim().split('\r\n');
    const columns = header!.split(',');
    const firstCount = columns.indexOf('enrolments');
    expect(firstCount).toBeGreaterThan(0);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      // Titles may hold quoted commas; the counts are the last columns and never quoted.
      const counts = line.split(',').slice(-(columns.length - firstCount));
      for (const cell of counts) if (cell !== '') expect(Number(cell)).toBeGreaterThanOrEqual(k);
    }

    // The learner's own progress, on their learning page.
    const learnerPage = await e2e.browser.freshPage();
    await signInAs(learnerPage, demoAccounts.learner);
    await learnerPage.goto('/learning');
    const progress = learnerPage.getByRole('region', { name: 'My progress' });
    await progress.locator('dl[aria-label="My totals"]').waitFor();
    const passed = await progress.locator('dl[aria-label="My totals"] > div').filter({ has: learnerPage.locator('dt', { hasText: /^Passed$/ }) }).locator('dd').textContent();
    expect(Number(passed)).toBeGreaterThanOrEqual(1);
    await progress.scrollIntoViewIfNeeded();
    await saveScreenshot(learnerPage, 'tracking-learner-progress');

    // The platform admin's dashboard, across organisations.
    const admin = await e2e.browser.freshPage();
    const adminErrors = collectPageErrors(admin);
    await signInAs(admin, demoAccounts.platformAdmin);
    await admin.goto('/admin/dashboard');
    await admin.getByTestId('dashboard').waitFor();
    await admin.getByRole('figure', { name: 'Organisations', exact: true }).locator('svg.recharts-surface').waitFor();
    expect(await total(admin, 'Credentials issued')).toBeGreaterThanOrEqual(expected.issued);
    await saveScreenshot(admin, 'tracking-platform-dashboard');
    expect(adminErrors).toEqual([]);
  });

  it('a tampered event breaks the chain and tessera doctor names it', async () => {
    expect(credentialId).not.toBe('');
    // The embedded database belongs to the server while it runs: stop it, keeping its data directory.
    await e2e.server.stop();
    const saved = { ...process.env };
    try {
      process.env.TESSERA_DATA_DIR = e2e.server.dataDir;
      delete process.env.DATABASE_URL;
      delete process.env.TESSERA_MASTER_KEY;
      const healthy = await runCli('doctor');
      expect(healthy.out).toMatch(/\[ok {2}\] event chain: All \d+ events are intact/);

      const database = await openConfiguredDatabase(loadConfig());
      let victim: { id: number };
      try {
        victim = await database.db.selectFrom('events').select('id').where('type', '=', 'credential.issued').where('subject_id', '=', credentialId).executeTakeFirstOrThrow();
        await sql`alter table events disable trigger events_append_only`.execute(database.db);
        await sql`update events set payload = payload || '{"recipientIsPerson": false}'::jsonb where id = ${victim.id}`.execute(database.db);
        await sql`alter table events enable trigger events_append_only`.execute(database.db);
      } finally {
        await database.close();
      }

      const tampered = await runCli('doctor');
      expect(tampered.code).toBe(1);
      expect(tampered.out).toContain(`[FAIL] event chain: Event ${victim.id} breaks the audit chain: its content does not match its hash`);
      expect(tampered.out).toContain(`a credential.issued event dated`);
      expect(tampered.out).toContain(`about credential ${credentialId}`);
    } finally {
      process.env = saved;
    }
  });
});
