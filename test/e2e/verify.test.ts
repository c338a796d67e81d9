import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { collectPageErrors, saveScreenshot } from '../support/browser.js';
import { useServerAndBrowser } from '../support/e2e.js';
import { demoAccounts, demoPassword, signInAs } from './demo-accounts.js';

// An SVG that would set a flag if anything ever ran its script (it carries no credential either).
const SCRIPTED_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" onload="window.__svgRan = true"><script>window.__svgRan = true;</script><rect width="40" height="40"/></svg>';

/** A one-page PDF "transcript", with a QR code of `qrText` when given. */
async function transcriptPdf(qrText?: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.fontSize(18).text('Academic transcript');
  if (qrText) doc.image(await QRCode.toBuffer(qrText, { margin: 2, scale: 6 }), 72, 140, { width: 180 });
  doc.end();
  return done;
}

describe('the public verifier and the trusted issuer registry', () => {
  let credential: Record<string, unknown> = {};
  let shareUrl = '';
  const e2e = useServerAndBrowser(async ({ server }) => {
    // The credential is issued through the API beforehand; the verifier page is what is under test.
    const signIn = await fetch(`${server.baseUrl}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: demoAccounts.registrar, password: demoPassword }) });
    const session = { cookie: signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), 'x-csrf-token': ((await signIn.json()) as { csrfToken: string }).csrfToken };
    const call = async (path: string, body?: unknown) => {
      const response = await fetch(`${server.baseUrl}${path}`, { method: body ? 'POST' : 'GET', headers: { ...session, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as Record<string, unknown>;
    };
    const achievements = (await call('/api/v1/organisations/northbridge/achievements')).items as Array<{ id: string; slug: string }>;
    const achievementId = achievements.find((a) => a.slug === 'spreadsheet-data-analysis')!.id;
    const issued = await call('/api/v1/organisations/northbridge/credentials', {
      achievementId,
      recipient: { email: 'candidate@example.test' },
      evidence: [{ id: 'https://evidence.example/forecast.xlsx', name: 'Sales forecast workbook', narrative: 'Built a pivot-table forecast from 12 months of sales.' }],
    });
    credential = issued.credential as Record<string, unknown>;
    // The learner's own credential, shared: a transcript's QR code names the share link.
    const learnerSignIn = await fetch(`${server.baseUrl}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: demoAccounts.learner, password: demoPassword }) });
    const learner = { cookie: learnerSignIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), 'x-csrf-token': ((await learnerSignIn.json()) as { csrfToken: string }).csrfToken };
    const me = (await (await fetch(`${server.baseUrl}/api/v1/me`, { headers: learner })).json()) as { person: { id: string } };
    const own = await call('/api/v1/organisations/northbridge/credentials', { achievementId, recipient: { personId: me.person.id } });
    const shared = await fetch(`${server.baseUrl}/api/v1/me/shares`, { method: 'POST', headers: { ...learner, 'content-type': 'application/json' }, body: JSON.stringify({ items: [{ credentialId: own.id }] }) });
    if (!shared.ok) throw new Error(`share: ${shared.status} ${await shared.text()}`);
    shareUrl = ((await shared.json()) as { url: string }).url;
  });

  it('an anonymous employer pastes a demo credential and sees every check, the evidence and "trusted issuer"; a scripted SVG shows nothing active', async () => {
    const page = await e2e.browser.freshPage();
    const errors = collectPageErrors(page);
    await page.goto('/verify');
    await page.getByLabel('Paste a credential (JSON or VC-JWT)').fill(JSON.stringify(credential));
    await page.getByRole('button', { name: 'Verify pasted credential' }).click();

    const checks = page.getByRole('list', { name: 'Checks' });
    await checks.waitFor();
    const outcomes = await checks.getByRole('listitem').evaluateAll((items) => items.map((item) => `${item.getAttribute('data-check')}: ${item.querySelector('.check-outcome')?.textContent}`));
    for (const id of ['proof', 'issuer_resolution', 'status', 'validity_window', 'schema', 'trusted_issuer']) expect(outcomes).toContain(`${id}: Passed`);
    await page.getByText('✓ On the trusted issuer registry').waitFor();
    await page.getByRole('list', { name: 'Evidence' }).getByText('Sales forecast workbook', { exact: true }).waitFor();
    await page.getByText(/genuine, unaltered and currently valid/).waitFor();
    await saveScreenshot(page, 'verifier');

    await page.locator('input[type="file"]').setInputFiles({ name: 'badge.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(SCRIPTED_SVG) });
    await page.getByText(/This SVG contains script\. Tessera never runs it/).waitFor();
    await page.getByText('No credential in the image').waitFor();
    // Nothing of the file was rendered, and its script never ran.
    expect(await page.locator('img.verify-preview').count()).toBe(0);
    expect(await page.evaluate("typeof globalThis.__svgRan")).toBe("undefined");
    await saveScreenshot(page, 'verifier-scripted-svg');
    expect(errors).toEqual([]);
  });

  it('a PDF transcript is verified through its QR code; one without a QR code says so', async () => {
    const page = await e2e.browser.freshPage();
    const errors = collectPageErrors(page);
    await page.goto('/verify');
    await page.locator('input[type="file"]').setInputFiles({ name: 'plain.pdf', mimeType: 'application/pdf', buffer: await transcriptPdf() });
    await page.getByText('plain.pdf: This PDF has no verification QR code.').waitFor();
    await page.locator('input[type="file"]').setInputFiles({ name: 'transcript.pdf', mimeType: 'application/pdf', buffer: await transcriptPdf(`${e2e.server.baseUrl}/verify?url=${encodeURIComponent(shareUrl)}`) });
    await page.getByRole('list', { name: 'Checks' }).waitFor();
    await page.getByText(/genuine, unaltered and currently valid/).waitFor();
    expect(errors).toEqual([]);
  });

  it('the platform admin approves an issuer on the registry page, recording how it was checked', async () => {
    const page = await e2e.browser.freshPage();
    const errors = collectPageErrors(page);
    await signInAs(page, demoAccounts.platformAdmin);
    await page.goto('/admin/registry');
    const partner = page.locator('[data-issuer="harbour-manufacturing"]');
    await partner.getByText('! Not on the registry').waitFor();
    await partner.getByRole('button', { name: /^Approve Harbour Manufacturing Association/ }).click();
    const form = page.getByRole('form', { name: 'Approve Harbour Manufacturing Association' });
    await form.getByLabel(/How was .* checked/).selectOption('company_register');
    await form.getByLabel('Evidence URL (optional)').fill('https://companies.example/harbour-manufacturing');
    await form.getByLabel(/^Notes/).fill('Registered industry association since 1998; confirmed with the registrar of companies.');
    await form.getByRole('button', { name: 'Approve Harbour Manufacturing Association' }).click();
    await partner.getByText(/✓ Approved .* Found on a company register/).waitFor();
    await saveScreenshot(page, 'registry-approved');

    const list = (await (await fetch(`${e2e.server.baseUrl}/registry/trusted-issuers`)).json()) as { credentialSubject: { trustedIssuer: Array<{ name: string; vettingMethod: string }> } };
    expect(list.credentialSubject.trustedIssuer.map((i) => `${i.name}: ${i.vettingMethod}`)).toEqual(expect.arrayContaining(['Harbour Manufacturing Association: company_register', 'Northbridge College: accreditation_register']));
    expect(errors).toEqual([]);
  });
});
