import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoAchievements } from '../../src/demo/demo-achievements.js';
import { collectPageErrors, saveScreenshot } from '../support/browser.js';
import { useServerAndBrowser } from '../support/e2e.js';
import { demoAccounts, focusedElement, signInAs } from './demo-accounts.js';

const TITLE = 'Customer Service by Telephone';
// The outcomes and the ESCO skills the suggestions offer for them (bundled data/esco subset, checked with
// POST /api/v1/esco/suggestions): each is the first suggestion for its statement.
const OUTCOMES = [
  { statement: 'Learners can handle customer complaints calmly and resolve them.', skill: 'handle customer complaints' },
  { statement: 'Learners can communicate clearly with customers by telephone.', skill: 'communicate by telephone' },
  { statement: 'Learners can keep accurate records of customer interactions.', skill: 'keep records of customer interaction' },
];
// "call centre agent" (http://data.europa.eu/esco/occupation/0ededdc2-…): the bundled ESCO subset has no
// occupation–skill relations (GET /api/v1/esco/occupations/skills answers relationsLoaded: false), so the
// "Become a…" search can only find this micro-credential through its direct occupation alignment.
const OCCUPATION = 'call centre agent';

/** One checklist item's status word ("Met", "Missing", "To improve"), found by the item's name. */
const checkStatus = (page: Page, name: string): Promise<string | null> =>
  page.getByRole('complementary', { name: 'Quality checklist' }).getByRole('listitem').filter({ hasText: name }).locator('.check-status').textContent();

async function writeOutcome(page: Page, index: number, statement: string) {
  await page.getByLabel(`Statement of outcome ${index + 1}`).fill(statement);
}

async function acceptSuggestion(page: Page, index: number, skill: string): Promise<Locator> {
  const suggestions = page.getByRole('region', { name: `Suggested ESCO skills for outcome ${index + 1}` });
  const accept = suggestions.getByRole('button', { name: `Accept ${skill} for outcome ${index + 1}` });
  await accept.click();
  return suggestions;
}

describe('the issuer’s micro-credential editor', () => {
  const e2e = useServerAndBrowser();

  it('lets the registrar define, align and publish a micro-credential that visitors then find in the catalogue', async () => {
    const page = await e2e.browser.freshPage();
    const errors = collectPageErrors(page);
    await signInAs(page, demoAccounts.registrar);
    await page.goto('/orgs/northbridge/achievements');
    await page.getByRole('heading', { level: 1, name: 'Micro-credentials' }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'Spreadsheet Data Analysis for the Workplace' }).textContent()).toContain('Published');

    await page.getByRole('link', { name: 'New micro-credential' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'New micro-credential' }).waitFor();

    // A save with blanks: the server's issues appear in a summary and beside their fields.
    await page.getByRole('button', { name: 'Create draft' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'need attention' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Title');
    // Focus lands on the summary (moved by an effect after it renders, so wait for it); each entry links to its field.
    await expect.poll(() => focusedElement(page).getAttribute('class')).toBe('error-summary');
    await summary.getByRole('link', { name: /^Description:/ }).click();
    expect(await focusedElement(page).getAttribute('id')).toBe('field-description');
    const titleError = page.locator('#field-title-error');
    expect(await titleError.textContent()).toMatch(/Error:/);
    expect(await page.getByLabel('Title', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Title', { exact: true }).fill(TITLE);
    expect(await page.getByLabel('Web address').inputValue()).toBe('customer-service-by-telephone');
    await page.getByLabel('Description').fill('Handle customer calls from greeting to resolution: listen, solve the problem, and keep a record others can rely on.');
    await page.getByLabel('Criteria').fill('Handle three recorded calls, one of them a complaint, and the records of each, assessed against the rubric.');
    await writeOutcome(page, 0, OUTCOMES[0]!.statement);
    await page.getByLabel('Form of assessment').fill('Observed role-play calls marked against a rubric');
    await page.getByLabel('Evidence 1').fill('Recordings of three role-play calls');
    await page.getByLabel('EQF level (optional)').selectOption('5');
    await page.getByLabel('Credit value').fill('1');
    await page.getByLabel('Credit system').selectOption('ECTS');
    await titleError.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/orgs\/northbridge\/achievements\/edit\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();

    // One outcome, not aligned: two essential elements are missing and publishing is blocked.
    await expect.poll(() => checkStatus(page, 'Focused learning outcomes')).toBe('Missing – blocks publishing');
    expect(await checkStatus(page, 'Competency alignment (ESCO)')).toBe('Missing – blocks publishing');
    expect(await page.getByRole('button', { name: 'Publish' }).isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Add an outcome' }).click();
    await writeOutcome(page, 1, OUTCOMES[1]!.statement);
    await page.getByRole('button', { name: 'Add an outcome' }).click();
    await writeOutcome(page, 2, OUTCOMES[2]!.statement);
    await page.getByLabel('Kind of outcome 3').selectOption('knowledge');
    await expect.poll(() => checkStatus(page, 'Focused learning outcomes')).toBe('Met');
    expect(await checkStatus(page, 'Competency alignment (ESCO)')).toBe('Missing – blocks publishing');
    await saveScreenshot(page, 'achievement-editor-suggestions');

    // Suggestions, ranked, with why they matched; one rejected, then the right one accepted for each outcome.
    const first = page.getByRole('region', { name: 'Suggested ESCO skills for outcome 1' });
    await first.getByRole('listitem').first().waitFor();
    const firstItems = await first.getByRole('listitem').allTextContents();
    expect(firstItems[0]).toContain(OUTCOMES[0]!.skill);
    expect(firstItems[0]).toMatch(/Your words match its (alternative )?label/);
    const rejected = (await first.getByRole('listitem').nth(1).locator('.suggestion-label').textContent())!;
    await first.getByRole('button', { name: `Reject ${rejected} for outcome 1` }).click();
    expect(await first.getByRole('listitem').allTextContents()).not.toContainEqual(expect.stringContaining(rejected));
    await acceptSuggestion(page, 0, OUTCOMES[0]!.skill);
    // By keyboard: focus then moves on to the next suggestion's Accept button.
    const second = page.getByRole('region', { name: 'Suggested ESCO skills for outcome 2' });
    await second.getByRole('button', { name: `Accept ${OUTCOMES[1]!.skill} for outcome 2` }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedElement(page).textContent()).toMatch(/^Accept .* for outcome 2$/);
    await acceptSuggestion(page, 2, OUTCOMES[2]!.skill);
    const aligned = page.locator('#field-outcomes\\.0\\.escoSkills').getByRole('listitem');
    expect(await aligned.allTextContents()).toEqual([expect.stringContaining(OUTCOMES[0]!.skill)]);
    expect(await first.getByRole('listitem').allTextContents()).not.toContainEqual(expect.stringContaining(OUTCOMES[0]!.skill));

    await expect.poll(() => checkStatus(page, 'Competency alignment (ESCO)')).toBe('Met');
    expect(await page.locator('.checklist-summary').textContent()).toMatch(/^Ready to publish/);

    // The labour market: an ESCO occupation found by a misspelt job title; an employer partner.
    await page.getByLabel('Find an ESCO occupation').fill('call center agnet');
    await page.getByRole('button', { name: 'Search occupations' }).click();
    await page.getByRole('list', { name: 'ESCO occupations found' }).getByRole('button', { name: `Add ${OCCUPATION}`, exact: true }).click();
    expect(await page.getByRole('list', { name: 'Occupations added' }).textContent()).toContain(OCCUPATION);
    await page.getByRole('button', { name: 'Add an employer partner' }).click();
    await page.getByLabel('Employer 1', { exact: true }).fill('Bluewater Logistics');
    await page.getByLabel('Employer 1 consulted on').fill('2026-10-01');
    await expect.poll(() => checkStatus(page, 'Relevance to the labour market')).toBe('Met');
    await saveScreenshot(page, 'achievement-editor-checklist-green');

    await page.getByRole('button', { name: 'Publish' }).click();
    const published = page.getByRole('status').filter({ hasText: 'Version 1 is published' });
    await published.waitFor();
    const publicLink = published.getByRole('link', { name: 'View the public page of version 1' });
    expect(await publicLink.getAttribute('href')).toBe('/orgs/northbridge/achievements/customer-service-by-telephone/versions/1');
    expect(await page.getByRole('button', { name: 'Start version 2' }).isVisible()).toBe(true);
    expect(await page.getByLabel('Title', { exact: true }).getAttribute('readonly')).not.toBeNull();
    await saveScreenshot(page, 'achievement-editor-published');

    // A new version starts as an editable draft copy; the published one stays public.
    await page.getByRole('button', { name: 'Start version 2' }).click();
    await page.getByRole('status').filter({ hasText: 'Version 2 started as a draft' }).waitFor();
    expect(await page.getByLabel('Title', { exact: true }).getAttribute('readonly')).toBeNull();
    // The history reloads after the new version (it shows "loading" meanwhile), so wait for its rows.
    await expect.poll(() => page.getByRole('table').filter({ hasText: 'Public page' }).getByRole('row').allTextContents()).toEqual([expect.any(String), expect.stringMatching(/^2Draft/), expect.stringMatching(/^1Published/)]);
    expect(errors).toEqual([]);

    // An anonymous visitor: a misspelt ESCO alternative label of an aligned skill finds it.
    const visitor = await e2e.browser.freshPage();
    const visitorErrors = collectPageErrors(visitor);
    await visitor.goto('/catalogue');
    await visitor.getByRole('heading', { level: 1, name: 'Catalogue' }).waitFor();
    await visitor.getByLabel('Search micro-credentials').fill('negatve feedbak');
    await visitor.getByRole('search', { name: 'Catalogue' }).getByRole('button', { name: 'Search' }).click();
    const results = visitor.getByRole('region', { name: 'Results' });
    await expect.poll(() => visitor.locator('.catalogue-count').textContent()).toBe('1 micro-credential found for “negatve feedbak”');
    expect(await results.getByRole('heading', { level: 3 }).allTextContents()).toEqual([TITLE]);
    expect(await results.locator('.tag', { has: visitor.locator('mark') }).first().textContent()).toContain('negative feedback');

    // A facet narrows it (and says how many it keeps).
    await visitor.getByRole('group', { name: 'EQF level' }).getByLabel('EQF level 5 (1)').check();
    await visitor.waitForURL((url) => url.searchParams.get('level') === '5');
    await expect.poll(() => visitor.locator('.catalogue-count').textContent()).toBe('1 micro-credential found for “negatve feedbak”');

    // "Become a…": the occupation search lists it.
    await visitor.getByLabel('Job title').fill('call center agnet');
    await visitor.getByRole('button', { name: 'Show what to take' }).click();
    const become = visitor.getByRole('region', { name: 'Become a…' });
    const heading = become.getByRole('heading', { level: 3, name: `To become a ${OCCUPATION}` });
    await heading.waitFor();
    expect(await heading.locator('xpath=following-sibling::ol[1]').getByRole('link').allTextContents()).toContain(TITLE);
    await saveScreenshot(visitor, 'achievement-editor-catalogue');

    // Back as the registrar: the list shows the draft of version 2; retiring withdraws version 1.
    expect(visitorErrors).toEqual([]);
    const registrar = await e2e.browser.freshPage();
    const registrarErrors = collectPageErrors(registrar);
    await signInAs(registrar, demoAccounts.registrar);
    await registrar.goto('/orgs/northbridge/achievements');
    const row = registrar.getByRole('row').filter({ hasText: TITLE });
    await expect.poll(() => row.textContent()).toMatch(/2Draft \(version 1 published\)/);
    await saveScreenshot(registrar, 'achievement-list');
    await row.getByRole('link', { name: TITLE }).click();
    await registrar.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await registrar.getByRole('button', { name: `Retire the published versions of ${TITLE}` }).click();
    await registrar.getByRole('button', { name: `Confirm retire the published versions of ${TITLE}` }).click();
    await registrar.getByRole('status').filter({ hasText: 'Retired' }).waitFor();
    await expect.poll(() => registrar.getByRole('table').filter({ hasText: 'Public page' }).getByRole('row').nth(2).textContent()).toMatch(/^1Retired on/);
    expect(registrarErrors).toEqual([]);
  });

  it('keeps what it does not edit: a new version of a demo micro-credential saves with its rubric intact', async () => {
    const page = await e2e.browser.freshPage();
    const errors = collectPageErrors(page);
    const demo = demoAchievements[0]!.definition;
    await signInAs(page, demoAccounts.registrar);
    await page.goto('/orgs/northbridge/achievements');
    await page.getByRole('link', { name: demo.title }).click();
    await page.getByRole('button', { name: 'Start version 2' }).click();
    await page.getByRole('status').filter({ hasText: 'Version 2 started as a draft' }).waitFor();
    await page.getByLabel('Title', { exact: true }).fill('Spreadsheet Data Analysis at Work');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Draft saved' }).waitFor();
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const saved = (await (await page.request.get(`/api/v1/achievements/${id}`)).json()) as { version: { version: number; definition: Record<string, unknown> } };
    expect(saved.version.version).toBe(2);
    expect(saved.version.definition).toEqual({ ...demo, title: 'Spreadsheet Data Analysis at Work' });
    expect(errors).toEqual([]);
  });
});
