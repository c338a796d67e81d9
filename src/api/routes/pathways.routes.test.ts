import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAchievements } from '../../demo/demo-achievements.js';
import { addMembership, buildOrganisation, buildPerson, signIn, type SessionHeaders } from '../../../test/support/factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

/** Bad input to the pathways API: each a precise problem, never a crash or a half-written record. */
describe('pathways API input', () => {
  let app: TestApp;
  let admin: SessionHeaders;
  let employerAdmin: SessionHeaders;
  let org: { id: string; slug: string };
  let employer: { id: string; slug: string };
  let published: string;
  let draft: string;

  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, headers: SessionHeaders, payload?: unknown) => {
    const response = await app.server.inject({ method, url, headers: { ...headers }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
    return { status: response.statusCode, type: response.headers['content-type'], body: response.json() as { code?: string; detail?: string; issues?: Array<{ path: string; message: string }>; id?: string; version?: number; title?: string } };
  };
  const definition = (rules: unknown, overrides: Record<string, unknown> = {}) => ({ title: 'Certificate', description: 'A pathway.', achievementType: 'Certificate', rules, ...overrides });
  const one = (achievementId: string) => ({ kind: 'achievement', id: 'one', achievementId });

  beforeAll(async () => {
    app = await createTestApp({ rateLimitPerMinute: 100_000 });
    const { db } = app.database;
    org = await buildOrganisation(db);
    employer = await buildOrganisation(db, { kind: 'employer' });
    const person = await buildPerson(db);
    const employerPerson = await buildPerson(db);
    await addMembership(db, org.id, person.id, 'admin');
    await addMembership(db, employer.id, employerPerson.id, 'admin');
    admin = await signIn(app.server, person.email);
    employerAdmin = await signIn(app.server, employerPerson.email);
    const make = async (slug: string) => (await call('POST', `/api/v1/organisations/${org.slug}/achievements`, admin, { slug, definition: demoAchievements[0]!.definition })).body.id!;
    published = await make('published-one');
    await call('POST', `/api/v1/achievements/${published}/publish`, admin);
    draft = await make('draft-one');
  });
  afterAll(async () => app?.dispose());

  it('a body that does not parse is request.invalid (400), a rule that cannot work is pathways.rules_invalid (422)', async () => {
    const missing = await call('POST', `/api/v1/organisations/${org.slug}/pathways`, admin, { slug: 'p1', definition: { title: 'x', rules: one(published) } });
    expect(missing.status).toBe(400);
    expect(missing.type).toMatch(/^application\/problem\+json/);
    const badType = await call('POST', `/api/v1/organisations/${org.slug}/pathways`, admin, { slug: 'p1', definition: definition(one(published), { achievementType: 'MicroCredential' }) });
    expect(badType.status).toBe(400);
    const draftPart = await call('POST', `/api/v1/organisations/${org.slug}/pathways`, admin, { slug: 'p1', definition: definition(one(draft)) });
    expect(draftPart.status).toBe(422);
    expect(draftPart.body.issues).toEqual([expect.objectContaining({ path: 'rules.achievementId' })]);
    const deep = [1, 2, 3, 4, 5, 6, 7].reduce<unknown>((inner) => ({ kind: 'allOf', rules: [inner] }), one(published));
    expect((await call('POST', `/api/v1/organisations/${org.slug}/pathways`, admin, { slug: 'p1', definition: definition(deep) })).body.issues?.[0]?.message).toMatch(/at most 6 deep/);
    const badUrl = await call('POST', `/api/v1/organisations/${org.slug}/pathways`, admin, { slug: 'p1', definition: definition({ ...one(published), equivalents: [{ achievementUrl: 'javascript:alert(1)' }] }) });
    expect(badUrl.status).toBe(422);
    expect(badUrl.body.issues?.[0]?.path).toBe('rules.equivalents.0.achievementUrl');
    expect((await call('GET', `/api/v1/organisations/${org.slug}/pathways`, admin)).body).toEqual({ items: [] });
  });

  it('a taken slug is 409; an employer cannot define pathways', async () => {
    expect((await call('POST', `/api/v1/organisations/${org.slug}/pathways`, admin, { slug: 'taken', definition: definition(one(published)) })).status).toBe(201);
    const again = await call('POST', `/api/v1/organisations/${org.slug}/pathways`, admin, { slug: 'taken', definition: definition(one(published)) });
    expect([again.status, again.body.code]).toEqual([409, 'pathways.slug_taken']);
    const byEmployer = await call('POST', `/api/v1/organisations/${employer.slug}/pathways`, employerAdmin, { slug: 'nope', definition: definition(one(published)) });
    expect([byEmployer.status, byEmployer.body.code]).toEqual([400, 'request.invalid']);
  });

  it('publishing twice is 409; a refused change leaves the published version as it was', async () => {
    const created = await call('POST', `/api/v1/organisations/${org.slug}/pathways`, admin, { slug: 'versions', definition: definition(one(published)) });
    const id = created.body.id!;
    expect((await call('POST', `/api/v1/pathways/${id}/publish`, admin)).status).toBe(200);
    const twice = await call('POST', `/api/v1/pathways/${id}/publish`, admin);
    expect([twice.status, twice.body.code]).toEqual([409, 'pathways.no_draft']);
    const refused = await call('PUT', `/api/v1/pathways/${id}`, admin, { definition: definition(one(draft), { title: 'Changed' }) });
    expect(refused.status).toBe(422);
    expect((await call('GET', `/api/v1/pathways/${id}`, admin)).body).toMatchObject({ version: 1, title: 'Certificate' });
  });

  it('pathway documents: unknown pathways and versions are 404 problems; a published one is OB 3.0 JSON-LD', async () => {
    for (const url of [`/orgs/${org.slug}/pathways/nope`, `/orgs/${org.slug}/pathways/versions/versions/99`, `/orgs/${org.slug}/pathways/taken`]) {
      const response = await app.server.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const document = await app.server.inject({ method: 'GET', url: `/orgs/${org.slug}/pathways/versions` });
    expect(document.statusCode).toBe(200);
    expect(document.headers['content-type']).toMatch(/^application\/ld\+json/);
    expect(document.json()).toMatchObject({ type: ['Achievement'], achievementType: 'Certificate', version: '1' });
  });
});
