import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { signIn } from '../../../test/support/factories.js';
import { DEMO_PASSWORD } from '../../demo/demo-data.js';

const SPREADSHEET_TITLE = 'Spreadsheet Data Analysis for the Workplace';
const SAFETY_TITLE = 'Workplace Health and Safety in Manufacturing';

describe('catalogue search routes (demo data)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ rateLimitPerMinute: 100_000 }, { start: 'demo' });
  });
  afterAll(async () => app?.dispose());

  const get = (url: string) => app.server.inject({ method: 'GET', url });
  type Body = { total: number; items: Array<{ title: string; url: string; endorsementCount: number; skills: Array<{ matchedLabel: string | null }> }>; facets: Record<string, Array<{ value: string; count: number; selected: boolean }>> };
  const search = async (query: string): Promise<Body> => {
    const response = await get(`/api/v1/catalogue/search?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Body;
  };
  const expectProblem = (response: { statusCode: number; headers: Record<string, unknown>; body: string }, detail: RegExp) => {
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(response.body) as { code: string; detail: string };
    expect(body.code).toBe('request.invalid');
    expect(body.detail).toMatch(detail);
  };

  it('finds a demo micro-credential by a misspelt ESCO synonym of its skill, without sign-in', async () => {
    const body = await search(`q=${encodeURIComponent('Microsft Exel')}`);
    expect(body.items.map((item) => item.title)).toEqual([SPREADSHEET_TITLE]);
    expect(body.items[0]!.url).toBe(`${app.config.publicUrl}/orgs/northbridge/achievements/spreadsheet-data-analysis`);
    expect(body.items[0]!.skills.map((skill) => skill.matchedLabel)).toContain('Microsoft Office Excel');
  });

  it('accepts repeated and comma-separated filter values alike', async () => {
    const repeated = await search('mode=workplace&mode=online');
    const commas = await search('mode=workplace,online');
    expect(repeated).toEqual(commas);
    expect(repeated.total).toBe(2);
    expect(repeated.facets.mode!.filter((v) => v.selected).map((v) => v.value).sort()).toEqual(['online', 'workplace']);
  });

  it('serves the public page each result links to', async () => {
    const body = await search('q=safety');
    expect(body.items.map((item) => item.title)).toEqual([SAFETY_TITLE]);
    const page = await app.server.inject({ method: 'GET', url: new URL(body.items[0]!.url).pathname, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(SAFETY_TITLE);
  });

  it('refuses bad input with specific problems', async () => {
    expectProblem(await get('/api/v1/catalogue/search?limit=10000'), /limit: must be at most 50/);
    expectProblem(await get('/api/v1/catalogue/search?offset=-1'), /offset: must be at least 0/);
    expectProblem(await get('/api/v1/catalogue/search?sort=popularity'), /sort/);
    expectProblem(await get(`/api/v1/catalogue/search?q=${'a'.repeat(10_000)}`), /q: must be at most 200 characters/);
    expectProblem(await get('/api/v1/catalogue/search?priceBand=cheap'), /priceBand/);
    expectProblem(await get('/api/v1/catalogue/search?level=9'), /EQF levels are 1 to 8/);
    expectProblem(await get('/api/v1/catalogue/search?creditMin=5&creditMax=1'), /creditMin must not exceed creditMax/);
    expectProblem(await get('/api/v1/catalogue/search?endorsed=maybe'), /endorsed/);
    expectProblem(await get('/api/v1/catalogue/search?colour=blue'), /colour|Unrecognized/i);
    expectProblem(await get('/api/v1/catalogue/occupations'), /q/);
    expectProblem(await get('/api/v1/catalogue/occupations?q=%20'), /q: must not be empty/);
    expectProblem(await get('/api/v1/catalogue/occupations?q=nurse&limit=10000'), /limit: must be at most 50/);
  });

  it('counts an industry endorsement as soon as it is issued', async () => {
    expect((await search('endorsed=true')).total).toBe(0);
    const { items } = await search('q=spreadsheet');
    const achievementId = (await app.server.inject({ method: 'GET', url: `/api/v1/organisations/northbridge/achievements` })).json() as { items: Array<{ id: string; slug: string }> };
    const id = achievementId.items.find((item) => item.slug === 'spreadsheet-data-analysis')!.id;
    const session = await signIn(app.server, 'endorser@harbour-manufacturing.test', DEMO_PASSWORD);
    const endorsed = await app.server.inject({
      method: 'POST',
      url: '/api/v1/organisations/harbour-manufacturing/endorsements',
      headers: { ...session },
      payload: { achievementId: id, competencyInDemand: true, assessmentReflectsJobPerformance: true, comment: 'Our members hire for exactly this.' },
    });
    expect(endorsed.statusCode, endorsed.body).toBe(201);
    const after = await search('endorsed=true');
    expect(after.items.map((item) => [item.title, item.endorsementCount])).toEqual([[items[0]!.title, 1]]);
    expect(after.facets.endorsed!.map((v) => [v.value, v.count]).sort()).toEqual([['false', 1], ['true', 1]]);
  });

  it('lists what to take to become a data analyst, from a misspelt job title', async () => {
    const response = await get(`/api/v1/catalogue/occupations?q=${encodeURIComponent('data analist')}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { items: Array<{ occupation: { preferredLabel: string }; relationsLoaded: boolean; items: Array<{ title: string; alignedToOccupation: boolean }> }> };
    expect(body.items[0]!.occupation.preferredLabel).toBe('data analyst');
    expect(body.items[0]!.relationsLoaded).toBe(false);
    expect(body.items[0]!.items.map((item) => [item.title, item.alignedToOccupation])).toEqual([[SPREADSHEET_TITLE, true]]);
  });
});
