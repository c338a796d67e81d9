import { describe, expect, it } from 'vitest';
import { collectPageErrors, saveScreenshot } from '../support/browser.js';
import { useServerAndBrowser } from '../support/e2e.js';
import { mailsTo } from '../support/mailbox.js';
import { demoAccounts, demoPassword, focusedElement, mainNavigation, signInAs, submitSignIn } from './demo-accounts.js';

describe('signing in and out', () => {
  const e2e = useServerAndBrowser();

  it('announces a wrong password and stays signed out', async () => {
    const page = await e2e.browser.freshPage();
    await page.goto('/sign-in');
    await submitSignIn(page, demoAccounts.learner, 'not-the-password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The email address or password is not correct.');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await saveScreenshot(page, 'sign-in-wrong-password');
    await page.goto('/wallet');
    await page.waitForURL((url) => url.pathname === '/sign-in');
  });

  it('tells a person when sign-in is throttled, and then refuses even the right password', async () => {
    const page = await e2e.browser.freshPage();
    await page.goto('/sign-in');
    const attempt = async (password: string) => {
      const answered = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/sign-in'));
      await submitSignIn(page, demoAccounts.employer, password);
      return (await answered).status();
    };
    // The lock threshold is the server's setting; ten tries is well past any sensible one.
    const statuses: number[] = [];
    while (statuses.length < 10 && statuses.at(-1) !== 429) statuses.push(await attempt('guessing-wrong'));
    expect(statuses.at(-1)).toBe(429);
    await page.getByRole('alert').filter({ hasText: 'Too many sign-in attempts' }).waitFor();
    expect(await attempt(demoPassword)).toBe(429);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('lets a newcomer create a learner account, once per email address', async () => {
    const page = await e2e.browser.freshPage();
    const errors = collectPageErrors(page);
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor();
    const fillIn = async () => {
      await page.getByLabel('Full name').fill('Jonas Weber');
      await page.getByLabel('Email address').fill('jonas.weber@example.test');
      await page.getByLabel('Password').fill('a long enough passphrase');
      await page.getByRole('button', { name: 'Create account' }).click();
    };
    await fillIn();
    await page.getByRole('heading', { level: 1, name: 'My credentials' }).waitFor();
    expect(await page.getByRole('banner').textContent()).toContain('Jonas Weber');
    expect(await mainNavigation(page)).toContain('Account → /account');

    // Until the address is confirmed the app says so on every page; the mailed link confirms it.
    const unconfirmed = page.getByRole('region', { name: 'Confirm your email address' });
    expect(await unconfirmed.textContent()).toContain('jonas.weber@example.test');
    await saveScreenshot(page, 'sign-up-confirm-email-banner');
    const [mail] = await mailsTo(e2e.server.dataDir, 'jonas.weber@example.test');
    expect(mail).toContain('Subject: Confirm your email address for Tessera');
    const link = /http:\/\/\S+\/confirm-email#token=[\w-]{43}/.exec(mail ?? '')?.[0];
    expect(link).toBeDefined();
    await page.goto(link!);
    await page.getByRole('button', { name: 'Confirm my email address' }).click();
    await page.getByRole('status').filter({ hasText: 'Your email address is confirmed' }).waitFor();
    await page.getByRole('link', { name: 'Go to your wallet' }).click();
    await page.getByRole('heading', { level: 1, name: 'My credentials' }).waitFor();
    expect(await unconfirmed.count()).toBe(0);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto('/sign-up');
    await fillIn();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('already exists');
    expect(errors).toEqual([]);
  });

  it('sends a person whose session ended elsewhere to sign-in, and back afterwards', async () => {
    const page = await e2e.browser.freshPage();
    await signInAs(page, demoAccounts.learner);
    await page.goto('/account');
    await page.getByLabel('Name', { exact: true }).fill('After expiry');
    await page.getByRole('group', { name: 'Scopes' }).getByRole('checkbox').first().check();
    // What the server sees when a session expires: a request without a valid cookie.
    await e2e.browser.context.clearCookies();
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/account');
    await submitSignIn(page, demoAccounts.learner, demoPassword);
    await page.getByRole('heading', { level: 1, name: 'Account' }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'After expiry' }).count()).toBe(0);
  });

  it('labels the fields for password managers', async () => {
    const page = await e2e.browser.freshPage();
    await page.goto('/sign-in');
    expect(await page.getByLabel('Email address').getAttribute('autocomplete')).toBe('username');
    expect(await page.getByLabel('Password').getAttribute('autocomplete')).toBe('current-password');
  });

  it('signs out back to the sign-in page, and the session is gone', async () => {
    const page = await e2e.browser.freshPage();
    const errors = collectPageErrors(page);
    await signInAs(page, demoAccounts.learner);
    expect(await page.getByRole('banner').textContent()).toContain('Amara Okafor');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    // A reload asks the server again: the cookie must really be ended, not only forgotten by the page.
    await page.goto('/account');
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(errors).toEqual([]);
  });

  it('makes the skip link the first thing the keyboard reaches, and it moves focus to the main content', async () => {
    const page = await e2e.browser.freshPage();
    for (const signedIn of [false, true]) {
      if (signedIn) await signInAs(page, demoAccounts.registrar);
      await page.goto(signedIn ? '/account' : '/sign-in');
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.keyboard.press('Tab');
      expect((await focusedElement(page).textContent())?.trim()).toBe('Skip to main content');
      await saveScreenshot(page, signedIn ? 'skip-link-signed-in' : 'skip-link-signed-out');
      await page.keyboard.press('Enter');
      expect(await focusedElement(page).getAttribute('id')).toBe('main');
    }
  });

  it('uses the landmarks people navigate by', async () => {
    const page = await e2e.browser.freshPage();
    await signInAs(page, demoAccounts.learner);
    for (const role of ['banner', 'navigation', 'main', 'contentinfo'] as const) {
      expect(await page.getByRole(role).count(), role).toBeGreaterThan(0);
    }
    const current = page.getByRole('navigation', { name: 'Main' }).locator('[aria-current="page"]');
    expect(await current.textContent()).toBe('My credentials');
  });
});
