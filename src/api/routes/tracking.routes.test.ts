import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLogins, DEMO_PASSWORD } from '../../demo/demo-data.js';
import type { MyProgress, OrganisationDashboard, OpenDataDocument, PlatformDashboard } from '../../tracking/dashboard.schema.js';
import { signIn, type SessionHeaders } from '../../../test/support/factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

const email = (prefix: string) => demoLogins.find((l) => l.email.startsWith(prefix))!.email;
const thisMonth = new Date().toISOString().slice(0, 7);

/**
 * The tracking API over the demo flow: an enrolment, a pass, a credential and a verification are each
 * counted once on the organisation's dashboard; bad input and strangers are refused with stable codes.
 */
describe('tracking routes', () => {
  let app: TestApp;
  let dataDir: string;
  let learner: SessionHeaders;
  let assessor: SessionHeaders;
  let registrar: SessionHeaders;
  let admin: SessionHeaders;
  let employer: SessionHeaders;
  let sda: string;
  let before: OrganisationDashboard;

  const call = (method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}, payload?: unknown) =>
    app.server.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const dashboard = async (query = '') => {
    const response = await call('GET', `/api/v1/organisations/northbridge/dashboard${query}`, { ...registrar });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as OrganisationDashboard;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'tessera-tracking-'));
    app = await createTestApp({ rateLimitPerMinute: 100_000, publicUrl: 'http://localhost:4996', dataDir }, { start: 'demo' });
    const sessions = await Promise.all(['learner', 'assessor', 'registrar', 'admin', 'hr'].map((p) => signIn(app.server, email(p), DEMO_PASSWORD)));
    [learner, assessor, registrar, admin, employer] = sessions as [SessionHeaders, SessionHeaders, SessionHeaders, SessionHeaders, SessionHeaders];
    sda = (await app.database.db.selectFrom('achievements').select('id').where('slug', '=', 'spreadsheet-data-analysis').executeTakeFirstOrThrow()).id;
    before = await dashboard(`?achievement=${sda}`);

    // The demo flow: enrol, submit, pass (a credential is issued), and a verification of that credential.
    const enrolment = (await call('POST', '/api/v1/me/enrolments', { ...learner }, { achievementId: sda, route: 'assessment-only' })).json() as { id: string; rubric: { criteria: Array<{ id: string }> } };
    expect((await call('POST', `/api/v1/enrolments/${enrolment.id}/evidence`, { ...learner }, { kind: 'link', url: 'https://portfolio.example/workbook', name: 'Workbook', isPublic: true })).statusCode).toBe(201);
    expect((await call('POST', `/api/v1/enrolments/${enrolment.id}/submit`, { ...learner })).statusCode).toBe(200);
    expect((await call('POST', `/api/v1/enrolments/${enrolment.id}/claim`, { ...assessor })).statusCode).toBe(200);
    const scores = enrolment.rubric.criteria.map((c) => ({ criterion: c.id, level: 'competent' }));
    const passed = await call('POST', `/api/v1/enrolments/${enrolment.id}/decision`, { ...assessor }, { decision: 'pass', scores });
    expect(passed.statusCode, passed.body).toBe(200);
    const credentialId = (passed.json() as { credentialId: string }).credentialId;
    const own = (await call('GET', '/api/v1/me/credentials', { ...learner })).json() as { items: Array<{ id: string; credential: Record<string, unknown> }> };
    const credential = own.items.find((c) => c.id === credentialId)!.credential;
    expect((await call('POST', '/api/v1/verify', {}, { credential })).json()).toMatchObject({ verified: true });
    // Searches count as demand per normalised term, and a search nothing answers is unmet demand; the
    // requests made while typing (marked type-ahead) do not count.
    for (const partial of ['Underwater', 'Underwater Bas']) {
      const typed = await call('GET', `/api/v1/catalogue/search?q=${encodeURIComponent(partial)}`, { 'tessera-search-intent': 'typeahead' });
      expect(typed.statusCode).toBe(200);
    }
    expect((await call('GET', '/api/v1/catalogue/search?q=Underwater%20Basket%20Weaving')).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/catalogue/search?q=underwater%20basket-weaving%20')).statusCode).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await app?.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('counts the enrolment, the pass, the credential and the verification once each, right after they happened', async () => {
    const after = await dashboard(`?achievement=${sda}`);
    const delta = (key: keyof OrganisationDashboard['totals']) => Number(after.totals[key]) - Number(before.totals[key]);
    expect({ enrolments: delta('enrolments'), issued: delta('issued'), completions: delta('completions'), verifications: delta('verifications'), active: delta('active') })
      .toEqual({ enrolments: 1, issued: 1, completions: 1, verifications: 1, active: 1 });
    const row = after.achievements.find((a) => a.achievementId === sda)!;
    expect(row).toMatchObject({ slug: 'spreadsheet-data-analysis', organisation: 'northbridge', passRate: 1 });
    expect(row.passed - (before.achievements.find((a) => a.achievementId === sda)?.passed ?? 0)).toBe(1);
    expect(row.medianDaysToCredential).toBe(0);
    const month = after.months.find((m) => m.month === thisMonth)!;
    expect(month.issued).toBeGreaterThanOrEqual(1);
    expect(after.months.at(-1)!.month).toBe(thisMonth);
    expect(after.skills.length).toBeGreaterThan(0);
    expect(after.refreshedAt).not.toBeNull();
  });

  it('refuses reversed, overlong and unknown filters with stable codes, and strangers with 403', async () => {
    const code = async (query: string, headers: Record<string, string> = { ...registrar }) => {
      const response = await call('GET', `/api/v1/organisations/northbridge/dashboard${query}`, headers);
      expect(response.headers['content-type']).toContain('application/problem+json');
      return [response.statusCode, (response.json() as { code: string }).code];
    };
    expect(await code('?from=2026-05&to=2026-01')).toEqual([400, 'tracking.range_reversed']);
    expect(await code('?from=1926-01&to=2026-01')).toEqual([400, 'tracking.range_too_long']);
    expect(await code('?achievement=00000000-0000-4000-8000-000000000000')).toEqual([400, 'tracking.unknown_achievement']);
    expect(await code('?from=2026-13')).toEqual([400, 'request.invalid']);
    expect(await code('', { ...employer })).toEqual([403, 'auth.forbidden']);
    expect(await code('', { ...learner })).toEqual([403, 'auth.forbidden']);
    expect((await call('GET', '/api/v1/organisations/no-such-org/dashboard', { ...registrar })).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/platform/dashboard', { ...registrar })).statusCode).toBe(403);
  });

  it('shows the platform admin every organisation and the searched terms nothing offers first', async () => {
    const response = await call('GET', '/api/v1/platform/dashboard', { ...admin });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as PlatformDashboard;
    expect(body.organisations.find((o) => o.slug === 'northbridge')!.issued).toBeGreaterThanOrEqual(1);
    expect(body.searchDemand[0]).toEqual({ term: 'underwater basket weaving', kind: 'catalogue', searches: 2, withoutResults: 2, supply: 0 });
    expect(body.searchDemand.map((d) => d.term)).not.toContain('underwater bas');
    expect(body.searchDemand.map((d) => d.term)).not.toContain('underwater');
  });

  it("gives the learner their own enrolments, credentials and pathways", async () => {
    const response = await call('GET', '/api/v1/me/progress', { ...learner });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as MyProgress;
    expect(body.enrolments.find((e) => e.achievement.id === sda)).toMatchObject({ state: 'passed', route: 'assessment-only' });
    expect(body.credentials.some((c) => c.achievementId === sda && c.status === 'active')).toBe(true);
    expect(body.totals.passed).toBeGreaterThanOrEqual(1);
    expect((await call('GET', '/api/v1/me/progress')).statusCode).toBe(401);
  });

  it('publishes open data without a cell under k, as JSON and CSV, and refuses k below 5', async () => {
    const json = await call('GET', `/api/v1/open-data/achievements?k=10`);
    expect(json.statusCode, json.body).toBe(200);
    const document = json.json() as OpenDataDocument;
    expect(document.k).toBe(10);
    expect(document.rows.length).toBeGreaterThan(0);
    for (const row of document.rows) {
      for (const value of Object.values(row)) if (typeof value === 'number') expect(value).toBeGreaterThanOrEqual(10);
    }
    const csv = await call('GET', `/api/v1/open-data/achievements?format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const [header, ...lines] = csv.body.trim().split('\r\n');
    expect(header!.split(',').slice(0, 5)).toEqual(['achievement_id', 'achievement_title', 'organisation', 'month', 'enrolments']);
    expect(lines.length).toBe(document.rows.length);
    const tooSmall = await call('GET', '/api/v1/open-data/achievements?k=4');
    expect([tooSmall.statusCode, (tooSmall.json() as { code: string }).code]).toEqual([400, 'tracking.k_too_small']);
    expect((await call('GET', '/api/v1/open-data/achievements?from=2026-05&to=2025-01')).json()).toMatchObject({ code: 'tracking.range_reversed' });
  });
});
