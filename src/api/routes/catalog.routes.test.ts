import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { achievementSchemaErrors } from '../../catalog/achievement.document.js';
import { demoAchievements } from '../../demo/demo-achievements.js';
import { addMembership, buildOrganisation, buildPerson, signIn, type SessionHeaders } from '../../../test/support/factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { preferredRepresentation } from './catalog.routes.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

describe('content negotiation', () => {
  const cases: Array<[accept: string | undefined, expected: string]> = [
    [undefined, 'json'],
    ['*/*', 'json'],
    ['application/json', 'json'],
    ['application/ld+json', 'ld+json'],
    ['application/ld+json, application/json;q=0.5', 'ld+json'],
    ['text/html', 'html'],
    [BROWSER_ACCEPT, 'html'],
    ['text/html;q=0.5, application/json', 'json'],
    ['application/json;q=0.1, text/*', 'html'],
    ['image/png', 'json'],
  ];
  for (const [accept, expected] of cases) it(`${accept ?? '(none)'} → ${expected}`, () => expect(preferredRepresentation(accept)).toBe(expected));
});

describe('catalogue API', () => {
  let app: TestApp;
  let admin: SessionHeaders;
  let org: { id: string; slug: string };
  const definition = () => structuredClone(demoAchievements[0]!.definition);

  beforeAll(async () => {
    app = await createTestApp({ rateLimitPerMinute: 100_000, publicUrl: 'http://localhost:3000' });
    const { db } = app.database;
    org = await buildOrganisation(db, { name: 'Northbridge <College>' });
    const person = await buildPerson(db);
    await addMembership(db, org.id, person.id, 'admin');
    admin = await signIn(app.server, person.email);
  });
  afterAll(async () => app?.dispose());

  const create = (slug: string, body: unknown = { slug, definition: definition() }) =>
    app.server.inject({ method: 'POST', url: `/api/v1/organisations/${org.slug}/achievements`, headers: { ...admin }, payload: body as Record<string, unknown> });

  it('creates, publishes and serves a micro-credential as JSON-LD and as a page', async () => {
    const created = await create('spreadsheets');
    expect(created.statusCode, created.body).toBe(201);
    const { id, checklist, version } = created.json() as { id: string; checklist: { publishable: boolean; osap: { eligible: boolean } }; version: { status: string; documentUrl: null } };
    expect(version).toMatchObject({ status: 'draft', documentUrl: null });
    expect(checklist).toMatchObject({ publishable: true, osap: { eligible: true } });

    const published = await app.server.inject({ method: 'POST', url: `/api/v1/achievements/${id}/publish`, headers: { ...admin } });
    expect(published.statusCode, published.body).toBe(200);
    const documentUrl = `http://localhost:3000/orgs/${org.slug}/achievements/spreadsheets/versions/1`;
    expect((published.json() as { version: { documentUrl: string } }).version.documentUrl).toBe(documentUrl);

    const path = new URL(documentUrl).pathname;
    const json = await app.server.inject({ method: 'GET', url: path });
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.headers.vary).toMatch(/accept/i);
    const document = json.json() as Record<string, unknown>;
    expect(document).toMatchObject({ id: documentUrl, type: ['Achievement'], achievementType: 'MicroCredential', version: '1' });
    expect(achievementSchemaErrors(document)).toEqual([]);

    const ld = await app.server.inject({ method: 'GET', url: path, headers: { accept: 'application/ld+json' } });
    expect(ld.headers['content-type']).toBe('application/ld+json; charset=utf-8');
    expect(ld.json()).toEqual(document);

    const page = await app.server.inject({ method: 'GET', url: path, headers: { accept: BROWSER_ACCEPT } });
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<h1>Spreadsheet Data Analysis for the Workplace</h1>');
    expect(page.body).toContain('Northbridge &lt;College&gt;');

    const latest = await app.server.inject({ method: 'GET', url: `/orgs/${org.slug}/achievements/spreadsheets` });
    expect(latest.json()).toEqual(document);
  });

  it('serves the newest published version without a version number, and never a draft', async () => {
    const { id } = (await create('versions')).json() as { id: string };
    expect((await app.server.inject({ method: 'GET', url: `/orgs/${org.slug}/achievements/versions` })).statusCode).toBe(404);
    await app.server.inject({ method: 'POST', url: `/api/v1/achievements/${id}/publish`, headers: { ...admin } });
    await app.server.inject({ method: 'POST', url: `/api/v1/achievements/${id}/versions`, headers: { ...admin } });
    const draft = await app.server.inject({ method: 'GET', url: `/orgs/${org.slug}/achievements/versions/versions/2` });
    expect(draft.statusCode).toBe(404);
    expect((draft.json() as { code: string }).code).toBe('catalog.version_not_found');
    expect(((await app.server.inject({ method: 'GET', url: `/orgs/${org.slug}/achievements/versions` })).json() as { version: string }).version).toBe('1');
  });

  it('refuses to change a published version with 409', async () => {
    const { id } = (await create('frozen')).json() as { id: string };
    await app.server.inject({ method: 'POST', url: `/api/v1/achievements/${id}/publish`, headers: { ...admin } });
    const response = await app.server.inject({ method: 'PUT', url: `/api/v1/achievements/${id}`, headers: { ...admin }, payload: { definition: definition() } });
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((response.json() as { code: string }).code).toBe('catalog.version_immutable');
  });

  it('answers 422 with the missing essential elements when publishing falls short', async () => {
    // Without the demo rubric, whose criteria name the outcome dropped here.
    const { rubric: _rubric, ...thin } = definition();
    thin.outcomes = thin.outcomes.slice(0, 2);
    const { id } = (await create('thin', { slug: 'thin', definition: thin })).json() as { id: string };
    const checklist = await app.server.inject({ method: 'GET', url: `/api/v1/achievements/${id}/checklist`, headers: { ...admin } });
    expect((checklist.json() as { checklist: { publishable: boolean } }).checklist.publishable).toBe(false);
    const response = await app.server.inject({ method: 'POST', url: `/api/v1/achievements/${id}/publish`, headers: { ...admin } });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'catalog.checklist_failed', missing: [{ id: 'framework.outcomes', whatToDo: expect.any(String) }] });
  });

  it('lists every failing path of a bad definition and writes nothing', async () => {
    const { rubric: _rubric, ...valid } = definition();
    const bad = valid as Record<string, unknown>;
    bad.title = 'x'.repeat(10_000);
    bad.outcomes = [];
    bad.credit = { value: -2, system: 'ECTS' };
    bad.cip = { code: '52-0201', title: 'Business' };
    const response = await create('bad', { slug: 'bad', definition: bad });
    expect(response.statusCode).toBe(400);
    const paths = (response.json() as { issues: Array<{ path: string }> }).issues.map((i) => i.path).sort();
    expect(paths).toEqual(['/definition/cip/code', '/definition/credit/value', '/definition/outcomes', '/definition/title']);
    const list = await app.server.inject({ method: 'GET', url: `/api/v1/organisations/${org.slug}/achievements`, headers: { ...admin } });
    expect((list.json() as { items: Array<{ slug: string }> }).items.map((i) => i.slug)).not.toContain('bad');
  });

  it('previews a definition’s checklist without saving it, and names each invalid field as a JSON pointer', async () => {
    const preview = (body: unknown) => app.server.inject({ method: 'POST', url: `/api/v1/organisations/${org.slug}/achievements/checklist-preview`, headers: { ...admin }, payload: body as Record<string, unknown> });
    const unaligned = definition();
    unaligned.outcomes = unaligned.outcomes.map((o) => ({ ...o, escoSkills: [] }));
    const good = await preview({ definition: unaligned });
    expect(good.statusCode, good.body).toBe(200);
    const { checklist } = good.json() as { checklist: { publishable: boolean; items: Array<{ id: string; status: string }> } };
    expect(checklist.publishable).toBe(false);
    expect(checklist.items.find((item) => item.id === 'framework.competency_alignment')?.status).toBe('missing');

    const bad = await preview({ definition: { ...definition(), title: '', notionalHours: null } });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { issues: Array<{ path: string }> }).issues.map((i) => i.path).sort()).toEqual(['/definition/notionalHours', '/definition/title']);
    const list = await app.server.inject({ method: 'GET', url: `/api/v1/organisations/${org.slug}/achievements`, headers: { ...admin } });
    expect((list.json() as { items: Array<{ version: { definition: { outcomes: Array<{ escoSkills: unknown[] }> } } }> }).items.every((i) => i.version.definition.outcomes.every((o) => o.escoSkills.length > 0))).toBe(true);
  });

  it('describes the catalogue in the OpenAPI document', () => {
    const paths = Object.keys((app.server.swagger() as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/achievements/{id}/publish', '/orgs/{orgSlug}/achievements/{achievementSlug}/versions/{version}']));
  });
});
