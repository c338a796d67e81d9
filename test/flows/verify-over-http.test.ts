import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo-data.js';
import { runCli } from '../support/cli.js';
import { startTestServer } from '../support/test-server.js';

/**
 * The embedded default on localhost, end to end: a running Tessera issues a credential whose issuer is
 * did:web:localhost%3A<port>:orgs:northbridge, and the command-line verifier (which has no database and
 * resolves everything over HTTP, like any outside verifier) fetches that DID document and the status list
 * from the running server.
 */
describe('verifying a locally issued credential over HTTP', () => {
  let server: { baseUrl: string; close(): Promise<void> };
  let dir: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    server = await startTestServer();
    dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-verify-http-'));
    process.env.TESSERA_PUBLIC_URL = server.baseUrl;
  });
  afterAll(async () => {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
    await server?.close();
  });

  const api = async (pathname: string, init: RequestInit & { cookie?: string; csrf?: string } = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (init.cookie) headers.cookie = init.cookie;
    if (init.csrf) headers['x-csrf-token'] = init.csrf;
    return fetch(`${server.baseUrl}${pathname}`, { ...init, headers });
  };

  it('tessera verify resolves the did:web and status list from the running server, and sees a revocation', async () => {
    const signIn = await api('/api/v1/auth/sign-in', { method: 'POST', body: JSON.stringify({ email: 'registrar@northbridge.test', password: DEMO_PASSWORD }) });
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const list = (await (await api('/api/v1/organisations/northbridge/achievements', { cookie })).json()) as { items: Array<{ id: string }> };
    const issued = await api('/api/v1/organisations/northbridge/credentials', {
      method: 'POST',
      cookie,
      csrf: csrfToken,
      body: JSON.stringify({ achievementId: list.items[0]!.id, recipient: { email: 'someone@example.test' } }),
    });
    expect(issued.status).toBe(201);
    const { id, credential } = (await issued.json()) as { id: string; credential: { issuer: { id: string } } };
    expect(credential.issuer.id).toMatch(/^did:web:localhost%3A\d+:orgs:northbridge$/);
    const file = path.join(dir, 'credential.json');
    writeFileSync(file, JSON.stringify(credential));

    const good = await runCli('verify', file);
    expect(good.code, good.out + good.err).toBe(0);
    expect(good.out).toMatch(/\[ok {2}\] issuer_resolution:/);
    expect(good.out).toMatch(/\[ok {2}\] status:/);

    const revoked = await api(`/api/v1/credentials/${id}/revoke`, { method: 'POST', cookie, csrf: csrfToken, body: JSON.stringify({ reason: 'Issued in error' }) });
    expect(revoked.status).toBe(200);
    const after = await runCli('verify', file);
    expect(after.code).toBe(1);
    expect(after.out).toMatch(/\[FAIL\] status: The credential is revoked/);
  });
});
