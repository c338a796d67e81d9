import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPerson, createApiToken, signIn, TEST_PASSWORD } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('sessions, CSRF, throttling and API tokens', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ loginMaxFailures: 3, loginLockMinutes: 15, rateLimitPerMinute: 100_000 });
  });
  afterAll(async () => app?.dispose());

  it('sets a secure-by-default session cookie: HttpOnly, SameSite, path /', async () => {
    const person = await buildPerson(app.database.db);
    const response = await app.server.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: person.email.toUpperCase(), password: TEST_PASSWORD } });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'tessera_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    // Only a hash of the cookie is stored.
    const stored = await app.database.db.selectFrom('sessions').select('id').execute();
    expect(stored.map((s) => s.id)).not.toContain(cookie!.value);
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const person = await buildPerson(app.database.db);
    const session = await signIn(app.server, person.email);
    const withoutToken = await app.server.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: { cookie: session.cookie }, payload: { name: 'x', scopes: ['wallet:read'] } });
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json()).toMatchObject({ code: 'auth.csrf_failed' });
    const wrongToken = await app.server.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: { cookie: session.cookie, 'x-csrf-token': 'nope' }, payload: { name: 'x', scopes: ['wallet:read'] } });
    expect(wrongToken.statusCode).toBe(403);
    const withToken = await app.server.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: { ...session }, payload: { name: 'x', scopes: ['wallet:read'] } });
    expect(withToken.statusCode).toBe(201);
  });

  it('sign-out ends the session for good', async () => {
    const person = await buildPerson(app.database.db);
    const session = await signIn(app.server, person.email);
    expect((await app.server.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: { ...session } })).statusCode).toBe(204);
    expect((await app.server.inject({ method: 'GET', url: '/api/v1/me', headers: { ...session } })).statusCode).toBe(401);
  });

  it('locks an email after repeated failures, even with the right password, without revealing whether it exists', async () => {
    const person = await buildPerson(app.database.db);
    for (const email of [person.email, 'nobody-here@example.test']) {
      for (let i = 0; i < 3; i += 1) {
        const failed = await app.server.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password: 'wrong password' } });
        expect(failed.json()).toMatchObject({ code: 'auth.invalid_credentials' });
      }
      const locked = await app.server.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password: TEST_PASSWORD } });
      expect(locked.statusCode).toBe(429);
      expect(locked.json()).toMatchObject({ code: 'auth.too_many_attempts' });
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it('API tokens: stored hashed, scoped, usable until revoked, expiring', async () => {
    const person = await buildPerson(app.database.db);
    const session = await signIn(app.server, person.email);
    const token = await createApiToken(app.server, session, ['account:read']);
    expect(token).toMatch(/^tsr_[A-Za-z0-9_-]{43}$/);
    const rows = await app.database.db.selectFrom('api_tokens').select(['token_hash', 'prefix']).where('person_id', '=', person.id).execute();
    expect(rows[0]!.token_hash).not.toContain(token.slice(4));
    expect(token.startsWith(rows[0]!.prefix)).toBe(true);

    const bearer = { authorization: `Bearer ${token}` };
    expect((await app.server.inject({ method: 'GET', url: `/api/v1/people/${person.id}`, headers: bearer })).statusCode).toBe(200);
    // A bearer request needs no CSRF token, and cannot manage tokens.
    const list = await app.server.inject({ method: 'GET', url: '/api/v1/me/tokens', headers: bearer });
    expect(list.json()).toMatchObject({ code: 'auth.session_required' });

    const items = (await app.server.inject({ method: 'GET', url: '/api/v1/me/tokens', headers: { ...session } })).json() as { items: Array<{ id: string; lastUsedAt: string | null }> };
    expect(items.items[0]!.lastUsedAt).not.toBeNull();
    expect((await app.server.inject({ method: 'DELETE', url: `/api/v1/me/tokens/${items.items[0]!.id}`, headers: { ...session } })).statusCode).toBe(204);
    const afterRevoke = await app.server.inject({ method: 'GET', url: `/api/v1/people/${person.id}`, headers: bearer });
    expect(afterRevoke.statusCode).toBe(401);
    expect(afterRevoke.json()).toMatchObject({ code: 'auth.unauthenticated' });
  });

  it('an expired token no longer works', async () => {
    const person = await buildPerson(app.database.db);
    const session = await signIn(app.server, person.email);
    const token = await createApiToken(app.server, session, ['account:read']);
    await app.database.db.updateTable('api_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('person_id', '=', person.id).execute();
    expect((await app.server.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
  });

  it('never writes passwords, cookies or tokens to the log', async () => {
    const person = await buildPerson(app.database.db);
    const secretPassword = 'this-password-must-not-be-logged';
    await app.server.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: person.email, password: secretPassword } });
    const session = await signIn(app.server, person.email);
    const token = await createApiToken(app.server, session, ['account:read']);
    await app.server.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}`, cookie: session.cookie } });
    const logged = app.logs.join('');
    expect(app.logs.length).toBeGreaterThan(5);
    for (const secret of [secretPassword, TEST_PASSWORD, session.cookie.split('=')[1]!, session['x-csrf-token'], token]) {
      expect(logged).not.toContain(secret);
    }
  });
});
