import { describe, expect, it } from 'vitest';
import { collectPageErrors, saveScreenshot } from '../support/browser.js';
import { useServerAndBrowser } from '../support/e2e.js';
import { demoAccounts, signInAs } from './demo-accounts.js';

describe('API tokens on the account page', () => {
  const e2e = useServerAndBrowser(async ({ server, browser }) => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseUrl });
  });

  /** What the API says about a bearer token, asked outside the browser as a script would. */
  async function meStatusWith(token: string): Promise<number> {
    const response = await fetch(`${e2e.server.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    return response.status;
  }

  it('creates a token, shows it once, and revokes it', async () => {
    const page = await e2e.browser.freshPage();
    const errors = collectPageErrors(page);
    await signInAs(page, demoAccounts.learner);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Account' }).waitFor();
    await page.getByRole('heading', { name: 'No API tokens yet' }).waitFor();

    const name = 'Nightly export script';
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByRole('group', { name: 'Scopes' }).getByRole('checkbox').first().check();
    await page.getByLabel('Expires after').selectOption({ label: '30 days' });
    await page.getByRole('button', { name: 'Create token' }).click();

    const secretField = page.getByLabel('New API token');
    await secretField.waitFor();
    const token = await secretField.inputValue();
    expect(token.length).toBeGreaterThan(16);
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByText('Copied to the clipboard.').waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(token);

    const row = page.getByRole('row').filter({ hasText: name });
    // The notice shows before the token list has reloaded with the new token, so wait for its row.
    await expect.poll(() => row.getByText('Active').count()).toBe(1);
    const prefix = (await row.locator('code').textContent())?.replace('…', '') ?? '';
    expect(token.startsWith(prefix)).toBe(true);
    await saveScreenshot(page, 'account-token-created');

    // Shown once: after dismissing, the secret is nowhere on the page.
    await page.getByRole('button', { name: 'I have stored it' }).click();
    expect(await page.getByLabel('New API token').count()).toBe(0);
    expect(await page.content()).not.toContain(token);
    expect(await meStatusWith(token)).toBe(200);

    await row.getByRole('button', { name: `Revoke ${name}` }).click();
    await row.getByRole('button', { name: `Confirm revoke ${name}` }).click();
    await page.getByRole('status').filter({ hasText: `Token “${name}” was revoked.` }).waitFor();
    await row.getByText('Revoked').waitFor();
    expect(await row.getByRole('button', { name: `Revoke ${name}` }).count()).toBe(0);
    expect(await meStatusWith(token)).toBe(401);
    await saveScreenshot(page, 'account-token-revoked');
    expect(errors).toEqual([]);
  });

  it('asks for at least one scope before creating a token', async () => {
    const page = await e2e.browser.freshPage();
    await signInAs(page, demoAccounts.registrar);
    await page.goto('/account');
    await page.getByLabel('Name', { exact: true }).fill('No scopes');
    await page.getByRole('button', { name: 'Create token' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Choose at least one scope.');
    expect(await page.getByRole('row').filter({ hasText: 'No scopes' }).count()).toBe(0);
  });
});
