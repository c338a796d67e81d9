import { describe, expect, it } from 'vitest';
import { buildPerson, TEST_PASSWORD } from '../support/factories.js';
import { freePort } from '../support/free-port.js';
import { createTestApp } from '../support/test-app.js';

describe('operations: health, readiness, API description, shutdown', () => {
  it('healthz and readyz answer while the database is up; readyz and requests fail cleanly (503) once it is gone', async () => {
    const app = await createTestApp();
    try {
      expect((await app.server.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
      expect((await app.server.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
      await app.database.close();
      const ready = await app.server.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ code: 'db.unavailable' });
      const signIn = await app.server.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'a@b.test', password: 'whatever' } });
      expect(signIn.statusCode).toBe(503);
      expect(signIn.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((await app.server.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await app.server.close();
    }
  });

  it('serves an OpenAPI 3.1 document generated from the routes, and the interactive reference', async () => {
    const app = await createTestApp();
    try {
      const document = (await app.server.inject({ method: 'GET', url: '/openapi.json' })).json() as { openapi: string; paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>> };
      expect(document.openapi).toBe('3.1.0');
      const signIn = document.paths['/api/v1/auth/sign-in']!.post!;
      expect(signIn.requestBody).toBeDefined();
      expect(Object.keys(signIn.responses)).toEqual(expect.arrayContaining(['200', '401', '429']));
      const docs = await app.server.inject({ method: 'GET', url: '/docs/' });
      expect(docs.statusCode).toBe(200);
      expect(docs.body).toMatch(/swagger-ui/i);
    } finally {
      await app.dispose();
    }
  });

  it('graceful shutdown lets an in-flight request finish, then refuses new connections', async () => {
    const port = await freePort();
    const app = await createTestApp({ port, host: '127.0.0.1' });
    const person = await buildPerson(app.database.db);
    await app.listen();
    const arrived = new Promise<void>((resolve) => app.server.server.once('request', () => resolve()));
    // Sign-in spends tens of milliseconds in argon2: long enough to be in flight when shutdown starts.
    const inFlight = fetch(`http://127.0.0.1:${port}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: person.email, password: TEST_PASSWORD }),
    });
    await arrived;
    const closing = app.server.close();
    const response = await inFlight;
    expect(response.status).toBe(200);
    await closing;
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    await app.dispose();
  });
});
