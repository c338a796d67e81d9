import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDocumentLoader } from '../../src/credentials/contexts/document-loader.js';
import { SAMPLE_OPEN_BADGE_INPUT, sampleIssuerKey } from '../../src/credentials/issue/issue-fixtures.js';
import { buildOpenBadgeCredential } from '../../src/credentials/issue/open-badge-credential.js';
import { signProof } from '../../src/credentials/proof/sign-proof.js';
import { collectPageErrors, launchBrowser, saveScreenshot } from '../support/browser.js';
import { useServerAndBrowser } from '../support/e2e.js';
import { sharedDataPath } from '../support/shared-data.js';
import { apiAs, demoAccounts, signInAs } from './demo-accounts.js';

const SPREADSHEETS = 'Spreadsheet Data Analysis for the Workplace';
/** The 1EdTech OB 3.0 test vector: a credential signed elsewhere (Example Corp), which our verifier accepts. */
const vector = readFileSync(sharedDataPath('1edtech', 'ob_v3p0', 'test-vectors', 'obv3p0', 'vector.json'), 'utf8');
const vectorCredential = JSON.stringify((JSON.parse(vector) as { signedCredential: unknown }).signedCredential, null, 2);
/** An SVG that would set a flag on the page if anything in it ran. */
const SCRIPTED_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" onload="top.__svgRan = true"><script>top.__svgRan = true; window.parent.__svgRan = true;</script><rect width="64" height="64" fill="teal"/></svg>';

/** A credential signed elsewhere (did:key) whose achievement picture is the scripted SVG, as a data URL. */
async function credentialWithScriptedImage(): Promise<string> {
  const issuer = await sampleIssuerKey(11);
  const document = buildOpenBadgeCredential({ ...SAMPLE_OPEN_BADGE_INPUT(issuer.did), declareSchema: false }) as Record<string, unknown> & { credentialSubject: { achievement: Record<string, unknown> } };
  document.credentialSubject.achievement.name = 'Badge with a scripted picture';
  document.credentialSubject.achievement.image = { id: `data:image/svg+xml;base64,${Buffer.from(SCRIPTED_SVG).toString('base64')}`, type: 'Image' };
  return JSON.stringify(await signProof({ document, signer: issuer.signer, documentLoader: createDocumentLoader(), created: new Date('2026-01-05T09:00:00Z') }));
}

describe('the wallet: import, share a portfolio, revoke the link', () => {
  const e2e = useServerAndBrowser(async ({ server }) => {
    // A credential issued here with two pieces of evidence, through the API: the test is about the wallet.
    const registrar = await apiAs(server.baseUrl, demoAccounts.registrar);
    const learner = await apiAs(server.baseUrl, demoAccounts.learner);
    const learnerId = (await learner<{ person: { id: string } }>('GET', '/api/v1/me')).body.person.id;
    const achievements = (await registrar<{ items: Array<{ id: string; slug: string }> }>('GET', '/api/v1/organisations/northbridge/achievements')).body.items;
    const issued = await registrar('POST', '/api/v1/organisations/northbridge/credentials', {
      achievementId: achievements.find((a) => a.slug === 'spreadsheet-data-analysis')!.id,
      recipient: { personId: learnerId },
      evidence: [{ id: 'https://portfolio.example/amara/workbook', name: 'Workbook on my portfolio' }],
    });
    expect(issued.status).toBe(201);
  });

  it('imports a credential signed elsewhere, shares two in one link; a visitor sees them verified with evidence, then "no longer shared"', async () => {
    const page = await e2e.browser.freshPage();
    const errors = collectPageErrors(page);
    await signInAs(page, demoAccounts.learner);

    // Import the 1EdTech vector as a JSON file: verified and listed beside the credentials issued here.
    const importPanel = page.getByRole('region', { name: 'Add a credential from elsewhere' });
    await importPanel.getByLabel('Credential file (JSON, JWT, PNG or SVG badge)').setInputFiles({ name: 'teamwork.json', mimeType: 'application/json', buffer: Buffer.from(vectorCredential) });
    await importPanel.getByRole('button', { name: 'Verify and add' }).click();
    await importPanel.getByText('Imported “Teamwork”: verified.').waitFor();
    const cards = page.getByRole('list', { name: 'Credentials', exact: true });
    await cards.getByRole('heading', { name: 'Teamwork' }).waitFor();
    // Verified, yet issued to the vector's own subject: the learner is told it does not name them.
    await cards.locator('article').filter({ hasText: 'Teamwork' }).getByText(/^Does not name you: its subject is neither your email address nor your holder DID/).waitFor();

    // An SVG badge with a script is refused with a clear message; nothing in it runs.
    await importPanel.getByLabel('Credential file (JSON, JWT, PNG or SVG badge)').setInputFiles({ name: 'badge.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(SCRIPTED_SVG) });
    await importPanel.getByRole('button', { name: 'Verify and add' }).click();
    await importPanel.getByRole('alert').filter({ hasText: 'a <script> element' }).waitFor();
    // A credential whose picture is that SVG is shown through <img> only: the picture renders, its script does not run.
    await importPanel.getByRole('radio', { name: 'Paste JSON or a JWT' }).check();
    await importPanel.getByLabel('Credential', { exact: true }).fill(await credentialWithScriptedImage());
    await importPanel.getByRole('button', { name: 'Verify and add' }).click();
    await importPanel.getByText('Imported “Badge with a scripted picture”').waitFor();
    const scripted = cards.locator('article').filter({ hasText: 'Badge with a scripted picture' }).locator('img.badge-image');
    await expect.poll(() => scripted.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    expect(await page.evaluate(() => (globalThis as { __svgRan?: boolean }).__svgRan)).toBeUndefined();
    await saveScreenshot(page, 'wallet-with-imported-credentials');

    // Share the issued credential and the imported one in one portfolio link.
    for (const title of [SPREADSHEETS, 'Teamwork']) await cards.locator('article').filter({ hasText: title }).first().getByRole('checkbox', { name: /^Select / }).check();
    const sharePanel = page.getByRole('region', { name: 'Share' });
    await sharePanel.getByText('2 credentials in this link.').waitFor();
    await sharePanel.getByLabel('Title (optional)').fill('For Bluewater Logistics');
    await sharePanel.getByRole('button', { name: 'Create share link' }).click();
    const link = await sharePanel.getByRole('textbox', { name: 'Share link' }).inputValue();
    expect(link).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);

    // An anonymous visitor, in a browser of their own, opens the link.
    const visitorBrowser = await launchBrowser({ baseUrl: e2e.server.baseUrl });
    try {
      const visitor = await visitorBrowser.freshPage();
      const visitorErrors = collectPageErrors(visitor);
      const opened = await visitor.goto(link);
      expect(opened?.status()).toBe(200);
      await visitor.getByRole('heading', { level: 1, name: 'For Bluewater Logistics' }).waitFor();
      await visitor.getByRole('status').filter({ hasText: 'Every credential here is verified. 1 of 2 does not name the person who shared them.' }).waitFor();
      const shared = visitor.getByRole('list', { name: 'Shared credentials' }).locator('article');
      expect(await shared.count()).toBe(2);
      for (const title of [SPREADSHEETS, 'Teamwork']) {
        const article = shared.filter({ has: visitor.getByRole('heading', { name: title }) });
        expect(await article.getByText('Verified', { exact: true }).isVisible()).toBe(true);
        expect(await article.getByRole('link', { name: 'Add to LinkedIn profile' }).getAttribute('href')).toMatch(/^https:\/\/www\.linkedin\.com\/profile\/add\?startTask=CERTIFICATION_NAME&name=/);
      }
      expect(await shared.filter({ hasText: SPREADSHEETS }).getByText('Issued on this Tessera to the person who shared it.').isVisible()).toBe(true);
      expect(await shared.filter({ hasText: 'Teamwork' }).getByText('Does not name the person who shared it: it may belong to someone else.').isVisible()).toBe(true);
      await shared.filter({ hasText: SPREADSHEETS }).getByRole('list', { name: 'Evidence' }).getByRole('link', { name: 'Workbook on my portfolio' }).waitFor();
      expect(await visitor.getByRole('img', { name: /^QR code of / }).isVisible()).toBe(true);
      await saveScreenshot(visitor, 'share-page-portfolio');

      // The learner stops sharing; the visitor's next visit is a 410 that says so.
      await page.reload();
      const row = page.getByRole('table', { name: 'My share links' }).getByRole('row').filter({ hasText: 'For Bluewater Logistics' });
      await row.getByRole('cell', { name: '1', exact: true }).waitFor();
      await row.getByRole('button', { name: /^Stop sharing/ }).click();
      await row.getByRole('button', { name: /^Confirm stop sharing/ }).click();
      await row.getByRole('cell', { name: 'No longer shared' }).waitFor();

      const again = await visitor.goto(link);
      expect(again?.status()).toBe(410);
      await visitor.getByRole('heading', { level: 1, name: 'No longer shared' }).waitFor();
      await saveScreenshot(visitor, 'share-page-no-longer-shared');
      expect(visitorErrors).toEqual([]);
    } finally {
      await visitorBrowser.close();
    }

    // A credential added from elsewhere can be removed for good (one issued here only hidden).
    await page.goto('/wallet');
    await cards.getByRole('link', { name: 'Badge with a scripted picture' }).click();
    await page.getByRole('button', { name: 'Remove Badge with a scripted picture' }).click();
    await page.getByRole('button', { name: 'Confirm remove Badge with a scripted picture' }).click();
    await page.getByRole('heading', { level: 1, name: 'Removed from your wallet' }).waitFor();
    await page.getByRole('link', { name: '← All my credentials' }).click();
    await cards.getByRole('heading', { name: 'Teamwork' }).waitFor();
    expect(await cards.getByRole('heading', { name: 'Badge with a scripted picture' }).count()).toBe(0);
    expect(errors.filter((e) => !e.includes('422'))).toEqual([]);
  });
});
