/**
 * A real Chromium for the end-to-end tests, driven by playwright-core (no bundled browsers: the system
 * Chromium, or CHROMIUM_PATH). Each launch gets its own throw-away profile so runs never share cookies,
 * cache or service workers; the flags keep Chromium off the network, which tests do not have.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const screenshotDir = path.join(repoRoot, 'test-output', 'screenshots');

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

export interface TestBrowser {
  context: BrowserContext;
  /** A new tab with no cookies from earlier tests: each test starts signed out. */
  freshPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(options: { baseUrl: string }): Promise<TestBrowser> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'tessera-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: chromiumArgs,
    baseURL: options.baseUrl,
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
  });
  return {
    context,
    async freshPage() {
      await context.clearCookies();
      for (const open of context.pages()) await open.close();
      return context.newPage();
    },
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Uncaught exceptions and console errors of a page, so a test can assert the app ran cleanly and not
 * just that the expected text happened to render.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // Chromium also logs every 4xx response as "Failed to load resource"; a 401 from /me when signed out
    // or a refused sign-in is the API working, not the app failing.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(`console: ${message.text()}`);
    }
  });
  return errors;
}

/** Saves a full-page screenshot to test-output/screenshots/<name>.png (git-ignored) for people to look at. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
