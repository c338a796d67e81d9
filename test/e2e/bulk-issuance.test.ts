import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { packageRoot } from '../../src/package-root.js';
import { collectPageErrors, saveScreenshot } from '../support/browser.js';
import { useServerAndBrowser } from '../support/e2e.js';
import { freePort } from '../support/free-port.js';
import { demoImageForEmbeddedServer } from '../support/test-database.js';
import { demoAccounts, demoPassword, signInAs } from './demo-accounts.js';

const csvOf = (rows: string[]) => `email,results,evidence_url\n${rows.join('\n')}\n`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('bulk issuance in the browser', () => {
  const e2e = useServerAndBrowser();

  it('an organisation admin uploads 1,000 rows with 3 bad ones: 997 issued, and the errors file lists exactly those 3 with reasons', async () => {
    const page = await e2e.browser.freshPage();
    const errors = collectPageErrors(page);
    await signInAs(page, demoAccounts.registrar);
    await page.goto('/orgs/northbridge/bulk');
    const rows = Array.from({ length: 997 }, (_, i) => `graduate${i + 1}@example.test,o1,https://evidence.example/${i + 1}`);
    // Row 101 is not an address, row 502 repeats row 2's learner, row 1001 names an outcome the micro-credential lacks.
    rows.splice(99, 0, 'not-an-address,o1,');
    rows.splice(500, 0, 'graduate1@example.test,o2,');
    rows.push('late@example.test,o9,');
    await page.getByLabel('Micro-credential').selectOption({ label: 'Workplace Health and Safety in Manufacturing' });
    await page.getByLabel('CSV file').setInputFiles({ name: 'graduates.csv', mimeType: 'text/csv', buffer: Buffer.from(csvOf(rows)) });
    await page.getByRole('button', { name: 'Upload and issue' }).click();

    const counts = page.getByTestId('bulk-counts');
    await counts.filter({ hasText: '997 issued, 3 could not be issued, 0 to go.' }).waitFor({ timeout: 110_000 });
    await saveScreenshot(page, 'bulk-issuance-done');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download the 3 rows not issued (CSV, with reasons)' }).click();
    const file = readFileSync((await (await download).path())!, 'utf8').trim().split('\n');
    expect(file[0]).toBe('row,email,error');
    expect(file.slice(1)).toEqual([
      expect.stringMatching(/^101,"not-an-address",".*is not an email address\."$/),
      expect.stringMatching(/^502,"graduate1@example.test","Duplicate of row 2/),
      expect.stringMatching(/^1001,"late@example.test",".*o9.*"$/),
    ]);
    // The finished job is in the list of past jobs with its figures.
    const listed = page.getByRole('row').filter({ hasText: 'graduates.csv' });
    await listed.filter({ hasText: 'Completed' }).waitFor();
    expect(await listed.textContent()).toMatch(/997.*3.*1000/);
    expect(errors).toEqual([]);
  }, 120_000);
});

/** `tessera serve` from the sources, as its own process, on its own data directory. */
function startServer(dataDir: string, port: number): ChildProcess {
  const entry = path.join(packageRoot(), 'src', 'cli', 'main.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', `import(${JSON.stringify(entry)}).then(async (m) => { process.exitCode = await m.main(['node', 'tessera', 'serve']); })`], {
    cwd: packageRoot(),
    env: { ...process.env, TESSERA_DATA_DIR: dataDir, PORT: String(port), TESSERA_LOG_LEVEL: 'warn', TESSERA_RATE_LIMIT_PER_MINUTE: '100000', DATABASE_URL: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

/**
 * Loads the run's seeded demo image into the data directory, as the browser tests' server does, so the first
 * `tessera serve` finds its database migrated and seeded instead of spending a minute or two seeding it (which
 * other tests cover). Without an image (a PostgreSQL run builds none) the server seeds as usual.
 */
async function preloadDemoImage(dataDir: string): Promise<void> {
  const image = await demoImageForEmbeddedServer();
  if (!image) return;
  const database = await openDatabase({ pgliteDir: path.join(dataDir, 'pglite'), statementTimeoutMs: 15_000, initialImage: image });
  await database.close();
}

async function waitUntilReady(baseUrl: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    if (child.exitCode !== null) throw new Error(`The server exited with ${child.exitCode}`);
    const ready = await fetch(`${baseUrl}/readyz`).then((r) => r.ok, () => false);
    if (ready) return;
    await sleep(200);
  }
  throw new Error('The server did not become ready');
}

describe('bulk issuance across a killed server', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-bulk-kill-'));
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a job whose server is killed with SIGKILL mid-run finishes after a restart with exactly one credential per row', async () => {
    const port = await freePort();
    const baseUrl = `http://localhost:${port}`;
    await preloadDemoImage(dataDir);
    child = startServer(dataDir, port);
    await waitUntilReady(baseUrl, child);

    const signIn = await fetch(`${baseUrl}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: demoAccounts.registrar, password: demoPassword }) });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const headers = { cookie, 'x-csrf-token': csrfToken };
    const { items } = (await (await fetch(`${baseUrl}/api/v1/organisations/northbridge/achievements`, { headers })).json()) as { items: Array<{ id: string; slug: string }> };
    const achievementId = items.find((a) => a.slug === 'workplace-health-and-safety')!.id;

    const total = 1_500;
    const upload = await fetch(`${baseUrl}/api/v1/organisations/northbridge/bulk-jobs?achievementId=${achievementId}&name=kill.csv`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/csv' },
      body: csvOf(Array.from({ length: total }, (_, i) => `kill${i + 1}@example.test,o1,`)),
    });
    expect(upload.status).toBe(202);
    const location = `${baseUrl}${upload.headers.get('location')}`;
    const jobId = location.split('/').pop()!;
    const progress = async () => (await (await fetch(location, { headers })).json()) as { status: string; issuedRows: number };

    // Killed once some batches have committed and others have not: nothing gets to shut down cleanly.
    let seen = await progress();
    for (let i = 0; i < 1200 && seen.issuedRows === 0; i += 1) {
      await sleep(50);
      seen = await progress();
    }
    expect(seen.issuedRows).toBeGreaterThan(0);
    expect(seen.issuedRows).toBeLessThan(total);
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));

    child = startServer(dataDir, port);
    await waitUntilReady(baseUrl, child);
    // Sessions survive a restart (they are in the database); the job resumes at start-up by itself.
    for (let i = 0; i < 1200 && seen.status !== 'completed'; i += 1) {
      await sleep(100);
      seen = await progress();
    }
    expect(seen).toMatchObject({ status: 'completed', issuedRows: total });
    child.kill('SIGTERM');
    await new Promise((resolve) => child!.once('exit', resolve));
    child = undefined;

    const database = await openDatabase({ pgliteDir: path.join(dataDir, 'pglite'), statementTimeoutMs: 15_000 });
    try {
      const { rows } = await sql<{ credentials: number; keys: number; rows: number; linked: number }>`
        select (select count(*)::int from issued_credentials where idempotency_key like ${`%:bulk:${jobId}:%`}) as credentials,
               (select count(distinct idempotency_key)::int from issued_credentials where idempotency_key like ${`%:bulk:${jobId}:%`}) as keys,
               (select count(*)::int from bulk_job_rows where job_id = ${jobId} and status = 'issued') as rows,
               (select count(distinct r.credential_id)::int from bulk_job_rows r join issued_credentials c on c.id = r.credential_id where r.job_id = ${jobId}) as linked`.execute(database.db);
      expect(rows[0]).toEqual({ credentials: total, keys: total, rows: total, linked: total });
    } finally {
      await database.close();
    }
  }, 180_000);
});
