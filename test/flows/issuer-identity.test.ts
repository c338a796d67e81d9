import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMembership, buildOrganisation, buildPerson, signIn, type SessionHeaders } from '../support/factories.js';
import { sharedDataPath } from '../support/shared-data.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const fixture = (...segments: string[]): Record<string, unknown> => JSON.parse(readFileSync(sharedDataPath('credentials', ...segments), 'utf8')) as Record<string, unknown>;

describe('issuer identity, status lists and verification over HTTP', () => {
  let app: TestApp;
  let org: { id: string; slug: string };
  let admin: SessionHeaders;

  beforeAll(async () => {
    app = await createTestApp({ rateLimitPerMinute: 100_000, publicUrl: 'http://localhost:4999' });
    org = await buildOrganisation(app.database.db, { slug: 'identity-college' });
    const person = await buildPerson(app.database.db);
    await addMembership(app.database.db, org.id, person.id, 'admin');
    admin = await signIn(app.server, person.email);
  });
  afterAll(async () => app?.dispose());

  it('serves a did:web document with a Multikey; rotation adds a key and keeps the old one', async () => {
    const first = await app.server.inject({ method: 'GET', url: `/orgs/${org.slug}/did.json` });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toMatch(/^application\/did\+json/);
    const document = first.json() as { id: string; verificationMethod: Array<{ id: string; type: string; publicKeyMultibase: string }>; assertionMethod: string[] };
    expect(document.id).toBe('did:web:localhost%3A4999:orgs:identity-college');
    expect(document.verificationMethod).toHaveLength(1);
    expect(document.verificationMethod[0]!.type).toBe('Multikey');
    expect(document.verificationMethod[0]!.publicKeyMultibase).toMatch(/^z6Mk/);

    const rotated = await app.server.inject({ method: 'POST', url: `/api/v1/organisations/${org.slug}/keys/rotate`, headers: { ...admin } });
    expect(rotated.statusCode).toBe(201);
    const keys = (await app.server.inject({ method: 'GET', url: `/api/v1/organisations/${org.slug}/keys`, headers: { ...admin } })).json() as { items: Array<{ status: string }> };
    expect(keys.items.map((k) => k.status).sort()).toEqual(['active', 'retired']);
    const after = (await app.server.inject({ method: 'GET', url: `/orgs/${org.slug}/did.json` })).json() as { verificationMethod: unknown[]; assertionMethod: unknown[] };
    expect(after.verificationMethod).toHaveLength(2);
    expect(after.assertionMethod).toHaveLength(2);
  });

  it("serves the issuer's OB 3.0 Profile with its DID as id", async () => {
    const response = await app.server.inject({ method: 'GET', url: `/orgs/${org.slug}/profile` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: 'did:web:localhost%3A4999:orgs:identity-college', type: ['Profile'] });
    expect((await app.server.inject({ method: 'GET', url: '/orgs/no-such-org/profile' })).statusCode).toBe(404);
  });

  it('keeps secret keys sealed at rest', async () => {
    const rows = await app.database.db.selectFrom('issuer_keys').select(['sealed_secret_key', 'public_key_multibase']).execute();
    for (const row of rows) {
      const envelope = JSON.parse(row.sealed_secret_key) as { v: number; dek: { alg: string }; key: { alg: string } };
      expect(envelope.v).toBe(1);
      expect(envelope.key.alg).toBe('A256GCM');
    }
  });

  it('publishes signed status lists that reflect a revocation at once, with validators for caches', async () => {
    const organisation = (await app.services.organisations.getPublic(org.slug))!;
    const [allocation] = await app.database.db.transaction().execute((trx) => app.services.statusLists.allocate(trx, organisation.id, 'revocation', 1));
    const url = `/orgs/${org.slug}/status/${allocation!.listId}`;
    const first = await app.server.inject({ method: 'GET', url });
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toContain('no-cache');
    const list = first.json() as Record<string, unknown>;
    expect(list.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    const report = await app.services.verification.verify(list);
    expect(report.checks.find((c) => c.id === 'proof')?.outcome).toBe('pass');

    const etag = first.headers.etag as string;
    expect((await app.server.inject({ method: 'GET', url, headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    await app.database.db.transaction().execute((trx) => app.services.statusLists.setStatus(trx, allocation!.listId, allocation!.index, true));
    const changed = await app.server.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(await app.services.statusLists.isSet(allocation!.listId, allocation!.index)).toBe(true);
  });

  it('verifies a credential signed elsewhere, and says which check a tampered one fails', async () => {
    const credential = fixture('1edtech-validator', 'ob30', 'simple.json');
    const ok = await app.server.inject({ method: 'POST', url: '/api/v1/verify', payload: { credential } });
    expect(ok.statusCode).toBe(200);
    const report = ok.json() as { verified: boolean; checks: Array<{ id: string; outcome: string; message: string }> };
    expect(report.verified).toBe(true);
    expect(report.checks.find((c) => c.id === 'trusted_issuer')?.outcome).toBe('warning');

    const tampered = { ...credential, name: 'Something else' };
    const bad = (await app.server.inject({ method: 'POST', url: '/api/v1/verify', payload: { credential: tampered } })).json() as typeof report;
    expect(bad.verified).toBe(false);
    expect(bad.checks.find((c) => c.id === 'proof')?.outcome).toBe('fail');
  });

  it('implements the W3C VC API verify endpoint: 200 when verified, 400 with errors when not', async () => {
    const credential = fixture('1edtech-validator', 'ob30', 'simple.json');
    const ok = await app.server.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: credential } });
    expect(ok.statusCode).toBe(200);
    expect((ok.json() as { checks: string[] }).checks).toContain('proof');
    const bad = await app.server.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: { ...credential, issuer: 'did:example:nobody' } } });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { errors: unknown[] }).errors.length).toBeGreaterThan(0);
  });

  it('fetches a credential to verify from a URL only when the address is public https', async () => {
    for (const url of ['http://169.254.169.254/latest/meta-data', 'https://127.0.0.1/credential.json', 'file:///etc/passwd']) {
      const response = await app.server.inject({ method: 'POST', url: '/api/v1/verify', payload: { url } });
      expect(response.statusCode, url).toBe(400);
      expect((response.json() as { code: string }).code).toBe('request.invalid');
    }
    const both = await app.server.inject({ method: 'POST', url: '/api/v1/verify', payload: { url: 'https://example.org/c.json', credential: {} } });
    expect(both.statusCode).toBe(400);
  });

  it('refuses a 10 MB document with 413 before reading it all', async () => {
    const huge = { credential: { '@context': ['https://www.w3.org/ns/credentials/v2'], padding: 'x'.repeat(10 * 1024 * 1024) } };
    const response = await app.server.inject({ method: 'POST', url: '/api/v1/verify', payload: huge });
    expect(response.statusCode).toBe(413);
    expect((response.json() as { code: string }).code).toBe('request.body_too_large');
  });

  it('refuses malformed verification input with a report, never a crash', async () => {
    const deep = JSON.parse(`${'{"a":'.repeat(500)}1${'}'.repeat(500)}`) as unknown;
    for (const credential of ['{"truncated": ', deep, 42, null, { '@context': ['https://evil.example/context.json'], type: ['VerifiableCredential'] }]) {
      const response = await app.server.inject({ method: 'POST', url: '/api/v1/verify', payload: { credential } });
      expect(response.statusCode).toBe(200);
      expect((response.json() as { verified: boolean }).verified).toBe(false);
    }
  });
});
