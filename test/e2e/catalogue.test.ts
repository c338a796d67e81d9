import { describe, expect, it } from 'vitest';
import { collectPageErrors, saveScreenshot } from '../support/browser.js';
import { useServerAndBrowser } from '../support/e2e.js';

const SPREADSHEETS = 'Spreadsheet Data Analysis for the Workplace';

describe('the public catalogue', () => {
  const e2e = useServerAndBrowser();

  it('lets a visitor find a micro-credential by a misspelt skill synonym, filter it, and find it again by job title', async () => {
    const page = await e2e.browser.freshPage();
    const errors = collectPageErrors(page);
    await page.goto('/catalogue');
    await page.getByRole('heading', { level: 1, name: 'Catalogue' }).waitFor();
    const count = page.locator('.catalogue-count');
    await expect.poll(() => count.textContent()).toBe('2 micro-credentials found');

    // "Microsoft Office Excel" is an ESCO alternative label of "use spreadsheets software"; both words misspelt.
    await page.getByLabel('Search micro-credentials').fill('Microsft Exel');
    await page.getByRole('search', { name: 'Catalogue' }).getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => count.textContent()).toBe('1 micro-credential found for “Microsft Exel”');
    const results = page.getByRole('region', { name: 'Results' });
    expect(await results.getByRole('heading', { level: 3 }).allTextContents()).toEqual([SPREADSHEETS]);
    const skill = results.locator('.tag', { has: page.locator('mark') });
    expect(await skill.locator('mark').allTextContents()).toEqual(['Microsoft', 'Excel']);
    expect(await skill.textContent()).toContain('Microsoft Office Excel');
    expect(new URL(page.url()).search).toBe('?q=Microsft+Exel');

    // A facet: its count says what ticking it gives, and the URL carries it.
    const level = page.getByRole('group', { name: 'EQF level' }).getByLabel('EQF level 4 (1)');
    await level.check();
    await page.waitForURL((url) => url.searchParams.get('level') === '4');
    await expect.poll(() => count.textContent()).toBe('1 micro-credential found for “Microsft Exel”');
    expect(await level.isChecked()).toBe(true);
    const shared = page.url();

    // "Become a…": a misspelt job title finds the ESCO occupation and what to take for it.
    await page.getByLabel('Job title').fill('data analist');
    await page.getByRole('button', { name: 'Show what to take' }).click();
    const become = page.getByRole('region', { name: 'Become a…' });
    await become.getByRole('heading', { level: 3, name: 'To become a data analyst' }).waitFor();
    expect(await become.getByRole('heading', { level: 3, name: 'To become a data analyst' }).locator('xpath=following-sibling::ol[1]').getByRole('link').allTextContents()).toContain(SPREADSHEETS);
    await saveScreenshot(page, 'catalogue-search');

    // The shared URL reopens the same search, filters ticked.
    const other = await e2e.browser.context.newPage();
    await other.goto(shared);
    await expect.poll(() => other.locator('.catalogue-count').textContent()).toBe('1 micro-credential found for “Microsft Exel”');
    expect(await other.getByRole('group', { name: 'EQF level' }).getByLabel('EQF level 4 (1)').isChecked()).toBe(true);
    expect(await other.getByLabel('Search micro-credentials').inputValue()).toBe('Microsft Exel');

    // Each result opens the micro-credential's public page, served by the e2e.server.
    await results.getByRole('link', { name: SPREADSHEETS }).click();
    await page.waitForURL((url) => url.pathname === '/orgs/northbridge/achievements/spreadsheet-data-analysis');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(SPREADSHEETS);
    expect(errors).toEqual([]);
  });
});
