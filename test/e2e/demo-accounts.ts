import type { Page } from 'playwright-core';

/** The password of every demo account the seed creates. */
export const demoPassword = 'tessera-demo-2026';

export const demoAccounts = {
  platformAdmin: 'admin@tessera.test',
  registrar: 'registrar@northbridge.test',
  assessor: 'assessor@northbridge.test',
  learner: 'learner@tessera.test',
  endorser: 'endorser@harbour-manufacturing.test',
  employer: 'hr@bluewater.test',
} as const;

/** Fills in and submits the sign-in form, as a person would. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in from the sign-in page and waits for the landing page (My credentials). */
export async function signInAs(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await submitSignIn(page, email, demoPassword);
  await page.getByRole('heading', { level: 1, name: 'My credentials' }).waitFor();
}

/** Every link of the main navigation as "label → path", in order. */
export async function mainNavigation(page: Page): Promise<string[]> {
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  const links = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').all();
  return Promise.all(links.map(async (link) => `${(await link.textContent())?.trim()} → ${await link.getAttribute('href')}`));
}

/** The element that has keyboard focus, via the :focus selector (tests are compiled without DOM types). */
export function focusedElement(page: Page) {
  return page.locator(':focus');
}

/**
 * A signed-in API client for a test's own set-up steps (the browser is what is under test): the session
 * cookie and CSRF token of a demo account, and JSON in and out.
 */
export async function apiAs(baseUrl: string, email: string) {
  const signIn = await fetch(`${baseUrl}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: demoPassword }) });
  if (signIn.status !== 200) throw new Error(`sign-in of ${email} failed: ${signIn.status}`);
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${baseUrl}${path}`, { method, headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: response.status, body: (await response.json()) as T };
  };
}
