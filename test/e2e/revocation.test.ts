import { describe, expect, it } from 'vitest';
import { collectPageErrors, saveScreenshot } from '../support/browser.js';
import { useServerAndBrowser } from '../support/e2e.js';
import { demoAccounts, demoPassword, signInAs } from './demo-accounts.js';

const REASON = 'The final assessment was found to be plagiarised';
const TITLE = 'Spreadsheet Data Analysis for the Workplace';

interface Session {
  cookie: string;
  csrf: string;
}

describe('revocation as the issuer and the learner see it', () => {
  let credential: Record<string, unknown> = {};
  let credentialId = '';
  const e2e = useServerAndBrowser(async ({ server }) => {
    // The credential is issued through the API beforehand; the test is about revoking it in the browser.
    const call = async (path: string, init: { method?: string; body?: unknown; session?: Session } = {}) => {
      const response = await fetch(`${server.baseUrl}${path}`, {
        method: init.method ?? 'GET',
        headers: { 'content-type': 'application/json', ...(init.session ? { cookie: init.session.cookie, 'x-csrf-token': init.session.csrf } : {}) },
        ...(init.body ? { body: JSON.stringify(init.body) } : {}),
      });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return { json: (await response.json()) as Record<string, unknown>, cookie: response.headers.get('set-cookie') ?? '' };
    };
    const signIn = async (email: string): Promise<Session> => {
      const { json, cookie } = await call('/api/v1/auth/sign-in', { method: 'POST', body: { email, password: demoPassword } });
      return { cookie: cookie.split(';')[0]!, csrf: json.csrfToken as string };
    };
    const registrar = await signIn(demoAccounts.registrar);
    const learner = await signIn(demoAccounts.learner);
    const learnerId = ((await call('/api/v1/me', { session: learner })).json.person as { id: string }).id;
    const achievements = (await call('/api/v1/organisations/northbridge/achievements', { session: registrar })).json.items as Array<{ id: string; slug: string }>;
    const achievementId = achievements.find((a) => a.slug === 'spreadsheet-data-analysis')!.id;
    const issued = await call('/api/v1/organisations/northbridge/credentials', { method: 'POST', session: registrar, body: { achievementId, recipient: { personId: learnerId } } });
    credentialId = issued.json.id as string;
    credential = issued.json.credential as Record<string, unknown>;
  });

  const verify = async () => {
    const response = await fetch(`${e2e.server.baseUrl}/api/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ credential }) });
    return (await response.json()) as { verified: boolean; checks: Array<{ id: string; outcome: string }> };
  };

  it('the issuer revokes with a reason; the status list says so; the learner sees "Revoked", why, and a notification', async () => {
    expect((await verify()).verified).toBe(true);

    const page = await e2e.browser.freshPage();
    const errors = collectPageErrors(page);
    await signInAs(page, demoAccounts.registrar);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Issued credentials' }).click();
    await page.getByRole('heading', { level: 1, name: 'Issued credentials' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Amara Okafor' }).filter({ hasText: 'Valid' }).first();
    await row.getByRole('button', { name: /^Revoke/ }).click();
    const form = page.getByRole('form', { name: /^Revoke / });
    // A reason is required: an empty one is not sent.
    await form.getByRole('button', { name: /^Revoke/ }).click();
    expect(await form.getByLabel('Reason (the holder sees it)').evaluate((input) => (input as unknown as { validity: { valueMissing: boolean } }).validity.valueMissing)).toBe(true);
    await form.getByLabel('Reason (the holder sees it)').fill(REASON);
    await form.getByRole('button', { name: /^Revoke/ }).click();
    // Revocation is final, so it asks once more.
    await form.getByRole('button', { name: /^Confirm revoke/ }).click();
    await page.getByRole('status').filter({ hasText: 'The holder has been notified' }).waitFor();
    await page.getByRole('row').filter({ hasText: REASON }).waitFor();
    await saveScreenshot(page, 'revocation-issuer');

    // The status list bit is set: verification now fails on status alone.
    const report = await verify();
    expect(report.verified).toBe(false);
    expect(report.checks.find((c) => c.id === 'status')?.outcome).toBe('fail');
    expect(report.checks.find((c) => c.id === 'proof')?.outcome).toBe('pass');

    const learner = await e2e.browser.freshPage();
    const learnerErrors = collectPageErrors(learner);
    await signInAs(learner, demoAccounts.learner);
    const card = learner.getByRole('article').filter({ hasText: REASON });
    await card.waitFor();
    expect(await card.textContent()).toContain('Revoked');
    expect(await card.getByRole('heading').textContent()).toBe(TITLE);
    await learner.getByRole('link', { name: /^Notifications, \d+ unread$/ }).click();
    await learner.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await learner.getByRole('link', { name: `Your credential "${TITLE}" was revoked` }).click();
    await learner.waitForURL((url) => url.pathname === `/wallet/${credentialId}`);
    await learner.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    // Following the notification read it: the header no longer counts it.
    await learner.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
    expect(await learner.getByRole('region', { name: 'Status' }).textContent()).toContain(REASON);
    await saveScreenshot(learner, 'revocation-learner');
    expect(errors).toEqual([]);
    expect(learnerErrors).toEqual([]);
  });
});
