import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, buildPerson, signIn, type SessionHeaders } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('bad input gets a specific problem+json and changes nothing', () => {
  let app: TestApp;
  let admin: SessionHeaders;

  beforeAll(async () => {
    app = await createTestApp({ bodyLimitBytes: 4096, rateLimitPerMinute: 100_000 });
    const person = await buildPerson(app.database.db, { isPlatformAdmin: true });
    admin = await signIn(app.server, person.email);
  });
  afterAll(async () => app?.dispose());

  const count = async (table: 'people' | 'organisations' | 'events'): Promise<number> =>
    Number((await app.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  const expectProblem = (response: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number, code: string) => {
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(response.body) as Record<string, unknown>;
    expect(body.code).toBe(code);
    expect(body.status).toBe(status);
    expect(typeof body.title).toBe('string');
    expect(typeof body.detail).toBe('string');
    expect(response.body).not.toMatch(/\bat .+\.(ts|js):\d+/); // no stack trace
    return body;
  };

  it('malformed JSON → 400 request.malformed_json', async () => {
    const response = await app.server.inject({ method: 'POST', url: '/api/v1/auth/sign-up', headers: { 'content-type': 'application/json' }, payload: '{"email": "a@b.test", ' });
    expectProblem(response, 400, 'request.malformed_json');
  });

  it('wrong types → 400 request.invalid naming each field', async () => {
    const before = await count('people');
    const response = await app.server.inject({ method: 'POST', url: '/api/v1/auth/sign-up', payload: { email: 42, password: true, displayName: ['x'] } });
    const body = expectProblem(response, 400, 'request.invalid');
    const paths = (body.issues as Array<{ path: string }>).map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['/email', '/password', '/displayName']));
    expect(await count('people')).toBe(before);
  });

  it('unknown fields → 400 (a typo must not be silently ignored)', async () => {
    const response = await app.server.inject({ method: 'POST', url: '/api/v1/organisations', headers: { ...admin }, payload: { slug: 'typo-org', name: 'Typo', kind: 'issuer', isTrusted: true } });
    expectProblem(response, 400, 'request.invalid');
    expect(await app.database.db.selectFrom('organisations').select('id').where('slug', '=', 'typo-org').executeTakeFirst()).toBeUndefined();
  });

  it('oversized body → 413 request.body_too_large', async () => {
    const response = await app.server.inject({ method: 'POST', url: '/api/v1/auth/sign-up', payload: { email: 'big@example.test', password: 'x'.repeat(10), displayName: 'y'.repeat(5000) } });
    expectProblem(response, 413, 'request.body_too_large');
  });

  it('a form post instead of JSON → 415', async () => {
    const response = await app.server.inject({ method: 'POST', url: '/api/v1/auth/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'email=a&password=b' });
    expectProblem(response, 415, 'request.unsupported_media_type');
  });

  it('duplicate email (any case) → 409 accounts.email_taken, no second person, no event', async () => {
    const first = await app.server.inject({ method: 'POST', url: '/api/v1/auth/sign-up', payload: { email: 'Dup@Example.test', password: 'long enough password', displayName: 'Dup' } });
    expect(first.statusCode).toBe(201);
    const [people, events] = [await count('people'), await count('events')];
    const second = await app.server.inject({ method: 'POST', url: '/api/v1/auth/sign-up', payload: { email: 'dup@example.TEST', password: 'another long password', displayName: 'Dup 2' } });
    expectProblem(second, 409, 'accounts.email_taken');
    expect([await count('people'), await count('events')]).toEqual([people, events]);
  });

  it('second organisation with the same slug → 409, nothing written', async () => {
    await buildOrganisation(app.database.db, { slug: 'taken-slug' });
    const [organisations, events] = [await count('organisations'), await count('events')];
    const response = await app.server.inject({ method: 'POST', url: '/api/v1/organisations', headers: { ...admin }, payload: { slug: 'taken-slug', name: 'Again', kind: 'employer' } });
    expectProblem(response, 409, 'accounts.organisation_slug_taken');
    expect([await count('organisations'), await count('events')]).toEqual([organisations, events]);
  });

  it('an invalid slug or kind is refused with the reason', async () => {
    const response = await app.server.inject({ method: 'POST', url: '/api/v1/organisations', headers: { ...admin }, payload: { slug: 'Not A Slug', name: 'X', kind: 'university' } });
    const body = expectProblem(response, 400, 'request.invalid');
    expect(String(body.detail)).toMatch(/slug/);
    expect(String(body.detail)).toMatch(/kind/);
  });

  it('a malformed id in the path → 400, not a database error', async () => {
    const response = await app.server.inject({ method: 'GET', url: '/api/v1/people/not-a-uuid', headers: { ...admin } });
    expectProblem(response, 400, 'request.invalid');
  });

  it('unknown API route → 404 problem; unknown page → the web app (or its placeholder)', async () => {
    expectProblem(await app.server.inject({ method: 'GET', url: '/api/v1/nothing-here' }), 404, 'request.route_not_found');
    const page = await app.server.inject({ method: 'GET', url: '/wallet', headers: { accept: 'text/html' } });
    expect(page.headers['content-type']).toMatch(/^text\/html/);
  });
});
