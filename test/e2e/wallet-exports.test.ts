import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectPageErrors, saveScreenshot } from '../support/browser.js';
import { useServerAndBrowser } from '../support/e2e.js';
import { sharedDataPath } from '../support/shared-data.js';
import { demoAccounts, demoPassword, signInAs, submitSignIn } from './demo-accounts.js';

const TITLE = 'Spreadsheet Data Analysis for the Workplace';

type Api = <T>(method: string, path: string, body?: unknown) => Promise<{ status: number; body: T }>;

/** The API as a signed-in person (session cookie and CSRF token), or anonymously. */
async function apiAs(baseUrl: string, email?: string, password = demoPassword): Promise<Api> {
  let headers: Record<string, string> = {};
  if (email) {
    const signIn = await fetch(`${baseUrl}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    headers = { cookie: signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), 'x-csrf-token': csrfToken };
  }
  return async (method, url, body) => {
    const response = await fetch(`${baseUrl}${url}`, { method, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: response.status, body: (await response.json()) as never };
  };
}

/** The text of a PDF's first page as a person would read it: rendered to an image (pdftoppm) and read by OCR (tesseract). */
function ocrFirstPage(pdfFile: string): string {
  const prefix = pdfFile.replace(/\.pdf$/, '');
  execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', '-singlefile', pdfFile, prefix]);
  return execFileSync('tesseract', [`${prefix}.png`, 'stdout'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}

describe('the learner takes their credentials with them, and can leave', () => {
  let credentialId = '';
  let issueTo: (personId: string) => Promise<{ id: string; credential: Record<string, unknown> }>;
  const e2e = useServerAndBrowser(async ({ server }) => {
    const registrar = await apiAs(server.baseUrl, demoAccounts.registrar);
    const achievements = (await registrar<{ items: Array<{ id: string; slug: string }> }>('GET', '/api/v1/organisations/northbridge/achievements')).body.items;
    const achievementId = achievements.find((a) => a.slug === 'spreadsheet-data-analysis')!.id;
    issueTo = async (personId) => {
      const issued = await registrar<{ id: string; credential: Record<string, unknown> }>('POST', '/api/v1/organisations/northbridge/credentials', { achievementId, recipient: { personId } });
      expect(issued.status).toBe(201);
      return issued.body;
    };
    const learner = await apiAs(server.baseUrl, demoAccounts.learner);
    credentialId = (await issueTo((await learner<{ person: { id: string } }>('GET', '/api/v1/me')).body.person.id)).id;
  });

  it('downloads the baked PNG, which the public verifier accepts, and a PDF transcript whose rendered text names the credential', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'tessera-exports-'));
    try {
      const page = await e2e.browser.freshPage();
      const errors = collectPageErrors(page);
      await signInAs(page, demoAccounts.learner);
      await page.goto(`/wallet/${credentialId}`);
      await page.getByRole('heading', { level: 2, name: 'Download and keep' }).waitFor();
      const pngDownload = page.waitForEvent('download');
      await page.getByRole('link', { name: 'Badge image with the credential baked in (PNG)' }).click();
      const png = path.join(folder, (await pngDownload).suggestedFilename());
      await (await pngDownload).saveAs(png);
      expect(png).toMatch(/\.png$/);

      await page.getByRole('button', { name: 'Make a transcript (PDF and signed CLR)' }).click();
      await page.getByRole('status').filter({ hasText: 'Transcript ready' }).waitFor();
      await saveScreenshot(page, 'wallet-exports-credential');
      const pdfDownload = page.waitForEvent('download');
      await page.getByRole('link', { name: 'PDF transcript for a registrar' }).click();
      const pdf = path.join(folder, 'transcript.pdf');
      await (await pdfDownload).saveAs(pdf);
      expect(errors).toEqual([]);

      // An employer, signed out, drops the downloaded PNG on the public verifier.
      const visitor = await e2e.browser.freshPage();
      const visitorErrors = collectPageErrors(visitor);
      await visitor.goto('/verify');
      await visitor.locator('input[type="file"]').setInputFiles(png);
      await visitor.getByText('The credential is genuine, unaltered and currently valid.').waitFor();
      expect(await visitor.getByRole('main').textContent()).toContain(TITLE);
      await saveScreenshot(visitor, 'wallet-exports-verified-baked-png');
      expect(visitorErrors).toEqual([]);

      expect((await readFile(pdf)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = ocrFirstPage(pdf).replace(/\s+/g, ' ');
      expect(text).toContain('Transcript of micro-credentials');
      expect(text).toContain('Amara Okafor');
      expect(text).toContain('Spreadsheet Data Analysis');
      expect(text).toMatch(/Northbridge College/);
      expect(text).toMatch(/Credits: \d/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('makes one transcript of two credentials ticked in the wallet; one added from elsewhere is left out, said so', async () => {
    const learner = await apiAs(e2e.server.baseUrl, demoAccounts.learner);
    const second = await issueTo((await learner<{ person: { id: string } }>('GET', '/api/v1/me')).body.person.id);
    const vector = JSON.parse(await readFile(sharedDataPath('1edtech', 'ob_v3p0', 'test-vectors', 'obv3p0', 'vector.json'), 'utf8')) as { signedCredential: unknown };
    const imported = await learner<{ id: string }>('POST', '/api/v1/me/credentials/import', { credential: vector.signedCredential });
    expect(imported.status).toBe(201);
    const page = await e2e.browser.freshPage();
    const errors = collectPageErrors(page);
    await signInAs(page, demoAccounts.learner);
    await page.goto('/wallet');
    const panel = page.getByRole('region', { name: 'Transcript' });
    await panel.getByText('Tick credentials above to put them in one transcript').waitFor();
    for (const id of [credentialId, second.id, imported.body.id]) await page.locator(`article[data-credential-id="${id}"]`).getByRole('checkbox', { name: /^Select / }).check();
    await panel.getByText('Left out: Teamwork. A transcript holds the badges issued to you here.').waitFor();
    await panel.getByLabel('Transcript title (optional)').fill('Spreadsheets, twice');
    await panel.getByRole('button', { name: 'Make a transcript of 2 credentials' }).click();
    await panel.getByRole('status').filter({ hasText: 'Transcript ready' }).waitFor();
    await saveScreenshot(page, 'wallet-transcript-of-two');
    const clrUrl = await panel.getByRole('link', { name: 'Signed CLR 2.0 transcript (JSON)' }).getAttribute('href');
    const clr = (await (await page.request.get(clrUrl!)).json()) as { name: string; credentialSubject: { verifiableCredential: Array<{ id: string }> } };
    expect(clr.name).toBe('Spreadsheets, twice');
    const held = clr.credentialSubject.verifiableCredential.map((c) => c.id);
    expect(held).toHaveLength(2);
    for (const id of [credentialId, second.id]) expect(held.some((heldId) => heldId.includes(id)), id).toBe(true);
    expect(errors).toEqual([]);
  });

  it('deletes an account in the browser; the credential issued to it still verifies', async () => {
    const email = `leaving-${Date.now()}@example.test`;
    const password = 'a long enough password';
    const anonymous = await apiAs(e2e.server.baseUrl);
    expect((await anonymous('POST', '/api/v1/auth/sign-up', { email, password, displayName: 'Lee Leaving' })).status).toBe(201);
    const leaving = await apiAs(e2e.server.baseUrl, email, password);
    const { credential } = await issueTo((await leaving<{ person: { id: string } }>('GET', '/api/v1/me')).body.person.id);

    const page = await e2e.browser.freshPage();
    const errors = collectPageErrors(page);
    await page.goto('/sign-in');
    await submitSignIn(page, email, password);
    await page.getByRole('heading', { level: 1, name: 'My credentials' }).waitFor();
    await page.goto('/account');
    const section = page.getByRole('region', { name: 'Your data' });
    await section.getByLabel(/Type your email address/).fill(email);
    await saveScreenshot(page, 'wallet-exports-delete-account');
    await section.getByRole('button', { name: 'Delete my account' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(errors).toEqual([]);

    // Signing in again fails, and the credential verifies as before.
    expect((await anonymous('POST', '/api/v1/auth/sign-in', { email, password })).status).toBe(401);
    const report = await anonymous<{ verified: boolean; checks: Array<{ id: string; outcome: string }> }>('POST', '/api/v1/verify', { credential });
    expect(report.body.checks.filter((c) => c.outcome === 'fail')).toEqual([]);
    expect(report.body.verified).toBe(true);
  });
});
