import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { importEsco } from '../../catalog/esco/esco-import.js';

const miniEsco = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../catalog/esco/fixtures/mini');
const ANALYST = 'http://data.europa.eu/esco/occupation/mini-analyst';
const SPREADSHEETS = 'http://data.europa.eu/esco/skill/mini-spreadsheets';

describe('ESCO routes', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ rateLimitPerMinute: 100_000 });
    await importEsco({ db: app.database.db, dir: miniEsco });
  });
  afterAll(async () => app?.dispose());

  const get = (url: string) => app.server.inject({ method: 'GET', url });
  const json = (response: { body: string }) => JSON.parse(response.body) as Record<string, unknown>;
  const expectProblem = (response: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number, code: string, detail?: RegExp) => {
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = json(response);
    expect(body.code).toBe(code);
    if (detail) expect(body.detail).toMatch(detail);
  };

  it('searches without sign-in, by alternative label, and says which label matched', async () => {
    const response = await get('/api/v1/esco/search?q=google%20sheets&type=skill&limit=3');
    expect(response.statusCode, response.body).toBe(200);
    const items = json(response).items as Array<Record<string, unknown>>;
    expect(items[0]).toMatchObject({
      uri: SPREADSHEETS,
      type: 'skill',
      preferredLabel: 'use spreadsheets software',
      matchedLabel: 'Google Sheets',
      highlight: [{ text: 'Google Sheets', match: true }],
    });
  });

  it('treats LIKE and full-text operators in the query as plain text', async () => {
    for (const q of ['100%', 'use_spreadsheets', 'a\\b', "o'reilly", '!(sheets) & | <->', '%']) {
      const response = await get(`/api/v1/esco/search?q=${encodeURIComponent(q)}`);
      expect(response.statusCode, `${q}: ${response.body}`).toBe(200);
    }
    const wildcard = json(await get(`/api/v1/esco/search?q=${encodeURIComponent('%')}`));
    expect(wildcard.items).toEqual([]);
  });

  it('refuses bad search input with specific problems', async () => {
    expectProblem(await get('/api/v1/esco/search?q='), 400, 'request.invalid', /q: must not be empty/);
    expectProblem(await get('/api/v1/esco/search?q=%20%20'), 400, 'request.invalid', /q: must not be empty/);
    expectProblem(await get(`/api/v1/esco/search?q=${'a'.repeat(10_000)}`), 400, 'request.invalid', /q: must be at most 200 characters/);
    expectProblem(await get('/api/v1/esco/search?q=data&limit=10000'), 400, 'request.invalid', /limit: must be at most 50/);
    expectProblem(await get('/api/v1/esco/search?q=data&limit=two'), 400, 'request.invalid', /limit/);
    expectProblem(await get('/api/v1/esco/search?q=data&type=planet'), 400, 'request.invalid', /type/);
    expectProblem(await get('/api/v1/esco/search'), 400, 'request.invalid', /q/);
  });

  it('shows a concept with broader and narrower concepts, and 404s an unknown URI', async () => {
    const response = await get(`/api/v1/esco/concepts?uri=${encodeURIComponent('http://data.europa.eu/esco/isco/C2511')}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(json(response)).toMatchObject({
      type: 'isco_group',
      preferredLabel: 'Systems analysts',
      broader: [{ uri: 'http://data.europa.eu/esco/isco/C251', preferredLabel: 'Software and applications developers and analysts' }],
      narrower: { total: 1, items: [{ uri: ANALYST, type: 'occupation', preferredLabel: 'data analyst' }] },
    });
    const skill = json(await get(`/api/v1/esco/concepts?uri=${encodeURIComponent(SPREADSHEETS)}`));
    expect(skill.relatedSkills).toEqual([{ uri: 'http://data.europa.eu/esco/skill/mini-statistics', type: 'skill', preferredLabel: 'statistics', relationType: 'optional' }]);
    expectProblem(await get(`/api/v1/esco/concepts?uri=${encodeURIComponent('http://data.europa.eu/esco/skill/unknown')}`), 404, 'esco.concept_not_found');
    expectProblem(await get('/api/v1/esco/concepts?uri=not%20a%20uri'), 400, 'request.invalid', /uri/);
    expectProblem(await get(`/api/v1/esco/concepts?uri=${encodeURIComponent('javascript:alert(1)')}`), 400, 'request.invalid', /uri/);
  });

  it("lists an occupation's essential and optional skills when relations are loaded", async () => {
    const response = await get(`/api/v1/esco/occupations/skills?uri=${encodeURIComponent(ANALYST)}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = json(response);
    expect(body).toMatchObject({ relationsLoaded: true, note: null, occupation: { uri: ANALYST, preferredLabel: 'data analyst' } });
    expect((body.essential as Array<{ preferredLabel: string }>).map((skill) => skill.preferredLabel)).toEqual(['statistics', 'use spreadsheets software']);
    expect((body.optional as Array<{ preferredLabel: string }>).map((skill) => skill.preferredLabel)).toEqual(['write work-related reports']);
    expectProblem(await get(`/api/v1/esco/occupations/skills?uri=${encodeURIComponent(SPREADSHEETS)}`), 400, 'esco.not_an_occupation');
    expectProblem(await get(`/api/v1/esco/occupations/skills?uri=${encodeURIComponent('http://data.europa.eu/esco/occupation/unknown')}`), 404, 'esco.concept_not_found');
  });

  it('suggests skills for an outcome, anonymously, with scores', async () => {
    const response = await app.server.inject({ method: 'POST', url: '/api/v1/esco/suggestions', payload: { text: 'Learners can create and edit tabular data in spreadsheets.' } });
    expect(response.statusCode, response.body).toBe(200);
    const items = json(response).items as Array<{ uri: string; score: number }>;
    expect(items[0]!.uri).toBe(SPREADSHEETS);
    expect(items[0]!.score).toBeGreaterThan(0);
  });

  it('refuses bad suggestion input', async () => {
    const post = (payload: unknown) => app.server.inject({ method: 'POST', url: '/api/v1/esco/suggestions', payload: payload as Record<string, unknown> });
    expectProblem(await post({ text: '' }), 400, 'request.invalid', /text/);
    expectProblem(await post({ text: 'x'.repeat(10_000) }), 400, 'request.invalid', /text: must be at most 2000 characters/);
    expectProblem(await post({ text: 'use spreadsheets', limit: 10_000 }), 400, 'request.invalid', /limit/);
    expectProblem(await post({ text: 'use spreadsheets', extra: true }), 400, 'request.invalid');
  });

  it('describes the ESCO routes in the OpenAPI document', async () => {
    const paths = json(await get('/openapi.json')).paths as Record<string, unknown>;
    for (const route of ['/api/v1/esco/search', '/api/v1/esco/concepts', '/api/v1/esco/occupations/skills', '/api/v1/esco/suggestions']) expect(paths).toHaveProperty([route]);
  });

  it('is rate-limited like every other route', async () => {
    const limited = await createTestApp({ rateLimitPerMinute: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) statuses.push((await limited.server.inject({ method: 'GET', url: '/api/v1/esco/search?q=data' })).statusCode);
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await limited.dispose();
    }
  });
});
