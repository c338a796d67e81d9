import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoAchievements } from '../../src/demo/demo-achievements.js';
import { collectPageErrors, saveScreenshot } from '../support/browser.js';
import { useServerAndBrowser } from '../support/e2e.js';
import { demoAccounts, demoPassword, signInAs } from './demo-accounts.js';

/** A signed-in API client for the test's own set-up steps (the browser is what is under test). */
async function apiAs(baseUrl: string, email: string) {
  const signIn = await fetch(`${baseUrl}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: demoPassword }) });
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${baseUrl}${path}`, { method, headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: response.status, body: (await response.json()) as T };
  };
}

const TITLE = 'Certificate in Production Data';

/**
 * The pathway's card on the learner's page, reloaded until its summary says what is expected and, with `awarded`,
 * until it shows the award: the summary counts the credentials at once, but the award is made in the background
 * just after the issuance, so a page loaded in between says "3 of 3 done" without it (and never updates by itself).
 */
async function waitForSummary(page: Page, text: string, awarded = false): Promise<void> {
  const card = page.getByRole('region', { name: TITLE });
  for (let attempt = 0; attempt < 30; attempt += 1) {
    await page.goto('/pathways');
    await page.getByRole('heading', { level: 1, name: 'Pathways' }).waitFor();
    await page.getByText(/Loading pathways/).waitFor({ state: 'detached' });
    if ((await card.count()) > 0 && (await card.getByTestId('pathway-summary').textContent())?.includes(text) && (!awarded || (await card.getByText('Awarded').count()) > 0)) return;
    await page.waitForTimeout(250);
  }
  throw new Error(`The pathway never showed "${text}"${awarded ? ' with its award' : ''}`);
}

describe('pathways', () => {
  const e2e = useServerAndBrowser();

  it('an issuer defines a 3-part pathway; the learner earns the parts, watches progress and receives the pathway credential and a verifying CLR transcript', async () => {
    const registrar = await apiAs(e2e.server.baseUrl, demoAccounts.registrar);
    // A third micro-credential to go with the two demo ones.
    const third = await registrar<{ id: string }>('POST', '/api/v1/organisations/northbridge/achievements', { slug: 'production-data-cleaning', definition: { ...demoAchievements[0]!.definition, title: 'Production Data Cleaning' } });
    expect(third.status).toBe(201);
    expect((await registrar('POST', `/api/v1/achievements/${third.body.id}/publish`)).status).toBe(200);
    const achievements = (await registrar<{ items: Array<{ id: string; version: { definition: { title: string } } }> }>('GET', '/api/v1/organisations/northbridge/achievements')).body.items;
    const titles = [demoAchievements[0]!.definition.title, demoAchievements[1]!.definition.title, 'Production Data Cleaning'];
    const ids = titles.map((title) => achievements.find((a) => a.version.definition.title === title)!.id);

    // The issuer defines and publishes the pathway in the browser.
    let page = await e2e.browser.freshPage();
    const errors = collectPageErrors(page);
    await signInAs(page, demoAccounts.registrar);
    await page.goto('/orgs/northbridge/pathways');
    await page.getByRole('heading', { level: 2, name: 'Define a pathway' }).waitFor();
    await page.getByLabel('Title', { exact: true }).fill(TITLE);
    await page.getByLabel('Address (slug)').fill('production-data');
    await page.getByLabel('Description').fill('Three micro-credentials for production-floor data and safety.');
    await page.getByLabel('Credential type (Open Badges achievement type)').selectOption('Certificate');
    for (const title of titles) await page.getByRole('checkbox', { name: title }).check();
    await page.getByLabel('Rule').selectOption({ label: 'All of them' });
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.getByRole('button', { name: `Publish ${TITLE}` }).click();
    await page.getByRole('row').filter({ hasText: TITLE }).filter({ hasText: 'Published' }).waitFor();
    await saveScreenshot(page, 'pathways-issuer');

    const learnerApi = await apiAs(e2e.server.baseUrl, demoAccounts.learner);
    const learnerId = (await learnerApi<{ person: { id: string } }>('GET', '/api/v1/me')).body.person.id;
    page = await e2e.browser.freshPage();
    const learnerErrors = collectPageErrors(page);
    await signInAs(page, demoAccounts.learner);
    for (const [index, achievementId] of ids.entries()) {
      const issued = await registrar('POST', '/api/v1/organisations/northbridge/credentials', { achievementId, recipient: { personId: learnerId } });
      expect(issued.status).toBe(201);
      if (index < 2) await waitForSummary(page, `${index + 1} of 3 done`);
    }
    await waitForSummary(page, '3 of 3 done', true);
    const card = page.getByRole('region', { name: TITLE });
    await card.getByText('Awarded').waitFor();
    expect(await card.locator('progress').getAttribute('value')).toBe('3');
    await saveScreenshot(page, 'pathways-learner-awarded');
    const download = page.waitForEvent('download');
    await card.getByRole('button', { name: 'Download the transcript (CLR 2.0)' }).click();
    expect((await download).suggestedFilename()).toBe('production-data-clr-transcript.json');

    const mine = (await learnerApi<{ items: Array<{ pathway: { id: string; title: string } }> }>('GET', '/api/v1/me/pathways')).body.items;
    const pathwayId = mine.find((s) => s.pathway.title === TITLE)!.pathway.id;
    const { body } = await learnerApi<{ credential: Record<string, unknown>; transcript: { credentialSubject: { association: Array<{ associationType: string }>; verifiableCredential: unknown[] } } }>('GET', `/api/v1/me/pathways/${pathwayId}/transcript`);
    const types = body.transcript.credentialSubject.association.map((a) => a.associationType);
    expect(types.filter((t) => t === 'isChildOf')).toHaveLength(3);
    expect(types.filter((t) => t === 'isParentOf')).toHaveLength(3);
    expect(body.transcript.credentialSubject.verifiableCredential).toHaveLength(4);
    for (const credential of [body.credential, body.transcript]) {
      const report = await learnerApi<{ verified: boolean; checks: Array<{ id: string; outcome: string }> }>('POST', '/api/v1/verify', { credential });
      expect(report.body.checks.filter((c) => c.outcome === 'fail')).toEqual([]);
      expect(report.body.verified).toBe(true);
    }
    expect(errors).toEqual([]);
    expect(learnerErrors).toEqual([]);
  });
});
