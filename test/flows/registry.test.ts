import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCredential } from '../../src/credentials/issue/issue-credential.js';
import { demoLogins, DEMO_PASSWORD } from '../../src/demo/demo-data.js';
import { buildRegistryCredential } from '../../src/registry/registry-credential.js';
import { buildOrganisation, signIn, type SessionHeaders } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface Report {
  verified: boolean;
  checks: Array<{ id: string; outcome: string; message: string }>;
}

const OTHER_REGISTRY = 'https://other-instance.example/registry/trusted-issuers';

/**
 * The trusted issuer registry end to end: approvals with how they were checked, withdrawal, the signed
 * public list, another instance's list trusted (and a tampered one refused), and an employer's
 * candidates list over a learner's share link.
 */
describe('trusted issuer registry and candidates', () => {
  let app: TestApp;
  let admin: SessionHeaders;
  let registrar: SessionHeaders;
  let learner: SessionHeaders;
  let employer: SessionHeaders;
  let credential: Record<string, unknown>;
  let credentialId: string;
  // What the fake network answers for other instances' URLs; this instance's own URLs go to the app itself.
  const remote = new Map<string, () => Response>();

  const login = (prefix: string) => demoLogins.find((l) => l.email.startsWith(prefix))!.email;
  const trustOutcome = async (c: unknown) => ((await app.server.inject({ method: 'POST', url: '/api/v1/verify', payload: { credential: c } })).json() as Report).checks.find((c) => c.id === 'trusted_issuer')?.outcome;

  beforeAll(async () => {
    app = await createTestApp(
      { rateLimitPerMinute: 100_000, publicUrl: 'http://localhost:4996' },
      {
        start: 'demo',
        appOptions: {
          verification: {
            fetch: async (url) => {
              const answer = remote.get(String(url));
              if (answer) return answer();
              const parsed = new URL(String(url));
              const response = await app.server.inject({ method: 'GET', url: `${parsed.pathname}${parsed.search}`, headers: { accept: 'application/json' } });
              return new Response(response.body, { status: response.statusCode, headers: { 'content-type': String(response.headers['content-type'] ?? 'application/json') } });
            },
          },
        },
      },
    );
    admin = await signIn(app.server, login('admin'), DEMO_PASSWORD);
    registrar = await signIn(app.server, login('registrar'), DEMO_PASSWORD);
    learner = await signIn(app.server, login('learner'), DEMO_PASSWORD);
    employer = await signIn(app.server, login('hr'), DEMO_PASSWORD);
    const learnerId = ((await app.server.inject({ method: 'GET', url: '/api/v1/me', headers: { ...learner } })).json() as { person: { id: string } }).person.id;
    const achievement = await app.database.db.selectFrom('achievements').select('id').where('slug', '=', 'spreadsheet-data-analysis').executeTakeFirstOrThrow();
    const issued = await app.server.inject({ method: 'POST', url: '/api/v1/organisations/northbridge/credentials', headers: { ...registrar }, payload: { achievementId: achievement.id, recipient: { personId: learnerId } } });
    expect(issued.statusCode, issued.body).toBe(201);
    ({ id: credentialId, credential } = issued.json() as { id: string; credential: Record<string, unknown> });
  }, 400_000);
  afterAll(async () => app?.dispose());

  it('records how an issuer was checked; withdrawing takes it off the registry and the verifier says so; the history stays', async () => {
    const issuers = (await app.server.inject({ method: 'GET', url: '/api/v1/registry/issuers', headers: { ...admin } })).json() as { items: Array<{ organisation: { slug: string }; approval: { method: string } | null }> };
    expect(issuers.items.find((i) => i.organisation.slug === 'northbridge')?.approval?.method).toBe('accreditation_register');
    expect(issuers.items.find((i) => i.organisation.slug === 'harbour-manufacturing')?.approval).toBeNull();
    expect(issuers.items.some((i) => i.organisation.slug === 'bluewater')).toBe(false);
    expect(await trustOutcome(credential)).toBe('pass');

    const withdrawn = await app.server.inject({ method: 'POST', url: '/api/v1/registry/issuers/northbridge/withdrawal', headers: { ...admin }, payload: { reason: 'Accreditation lapsed' } });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ withdrawalReason: 'Accreditation lapsed', withdrawnBy: expect.any(String) });
    expect(await trustOutcome(credential)).toBe('warning');

    const approved = await app.server.inject({
      method: 'POST',
      url: '/api/v1/registry/issuers/northbridge/approval',
      headers: { ...admin },
      payload: { method: 'government_record', evidenceUrl: 'https://ministry.example/colleges/northbridge', notes: 'Listed on the ministry register, checked by phone.' },
    });
    expect(approved.statusCode, approved.body).toBe(201);
    expect(approved.json()).toMatchObject({ method: 'government_record', evidenceUrl: 'https://ministry.example/colleges/northbridge', approvedBy: expect.any(String), withdrawnAt: null });
    const again = await app.server.inject({ method: 'POST', url: '/api/v1/registry/issuers/northbridge/approval', headers: { ...admin }, payload: { method: 'documents', notes: 'twice' } });
    expect(again.json()).toMatchObject({ code: 'registry.already_approved' });
    const employerApproval = await app.server.inject({ method: 'POST', url: '/api/v1/registry/issuers/bluewater/approval', headers: { ...admin }, payload: { method: 'documents', notes: 'an employer' } });
    expect(employerApproval.statusCode).toBe(409);
    expect(await trustOutcome(credential)).toBe('pass');
    const history = ((await app.server.inject({ method: 'GET', url: '/api/v1/registry/issuers', headers: { ...admin } })).json() as { items: Array<{ organisation: { slug: string }; history: unknown[] }> }).items.find((i) => i.organisation.slug === 'northbridge')!.history;
    expect(history).toHaveLength(2);
  });

  it('publishes the registry as a credential signed by the platform that lists every DID of each approved issuer, and verifies', async () => {
    const response = await app.server.inject({ method: 'GET', url: '/registry/trusted-issuers' });
    expect(response.statusCode).toBe(200);
    const list = response.json() as { type: string[]; issuer: { id: string }; credentialSubject: { trustedIssuer: Array<{ id: string; alsoKnownAs: string[]; vettingMethod: string }> } };
    expect(list.type).toContain('TrustedIssuerRegistryCredential');
    expect(list.issuer.id).toMatch(/:orgs:tessera-platform$/);
    expect(list.credentialSubject.trustedIssuer).toEqual([expect.objectContaining({ id: (credential.issuer as { id: string }).id, vettingMethod: 'government_record', alsoKnownAs: [expect.stringMatching(/^did:key:/)] })]);
    const report = (await app.server.inject({ method: 'POST', url: '/api/v1/verify', payload: { credential: list } })).json() as Report;
    expect(report.checks.find((c) => c.id === 'proof')?.outcome).toBe('pass');
    expect(report.verified, JSON.stringify(report.checks)).toBe(true);
  });

  it("trusts another instance's signed registry, refuses a tampered one, and forgets a removed one", async () => {
    const publisher = await buildOrganisation(app.database.db, { slug: 'other-platform', kind: 'issuer' });
    const identity = await app.services.keys.identityForSlug(publisher.slug);
    const listed = 'did:web:other-college.example';
    const signed = await issueCredential({
      credential: buildRegistryCredential({ publicUrl: 'https://other-instance.example', publisher: { did: identity.did, name: 'Other platform' }, entries: [{ ids: [listed], name: 'Other College', method: 'accreditation_register', approvedAt: '2026-11-01T00:00:00Z' }], issuedAt: new Date() }),
      signer: identity.signer,
      documentLoader: app.services.documentLoader,
      clock: () => new Date(),
    });
    const json = (body: unknown) => () => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    expect(await app.services.registry.isTrusted(listed)).toBe(false);

    remote.set(OTHER_REGISTRY, json(signed));
    const added = await app.server.inject({ method: 'POST', url: '/api/v1/registry/sources', headers: { ...admin }, payload: { url: OTHER_REGISTRY } });
    expect(added.statusCode, added.body).toBe(201);
    const source = added.json() as { id: string; publisherDid: string; issuers: Array<{ ids: string[] }>; lastError: string | null };
    expect(source).toMatchObject({ publisherDid: identity.did, issuers: [{ ids: [listed] }], lastError: null });
    expect(await app.services.registry.isTrusted(listed)).toBe(true);

    const subject = signed.credentialSubject as { trustedIssuer: Array<Record<string, unknown>> };
    remote.set(OTHER_REGISTRY, json({ ...signed, credentialSubject: { ...subject, trustedIssuer: [...subject.trustedIssuer, { id: 'did:web:impostor.example', name: 'Impostor' }] } }));
    const refreshed = (await app.server.inject({ method: 'POST', url: `/api/v1/registry/sources/${source.id}/refresh`, headers: { ...admin } })).json() as { lastError: string | null; issuers: unknown[] };
    expect(refreshed.lastError).toMatch(/does not verify \(proof\)/);
    // The last list that verified stays; nothing from the tampered one is trusted.
    expect(refreshed.issuers).toHaveLength(1);
    expect(await app.services.registry.isTrusted('did:web:impostor.example')).toBe(false);

    expect((await app.server.inject({ method: 'DELETE', url: `/api/v1/registry/sources/${source.id}`, headers: { ...admin } })).statusCode).toBe(204);
    expect(await app.services.registry.isTrusted(listed)).toBe(false);
  });

  it("refreshes another instance's registry once it is six hours old, so a withdrawal there stops counting here", async () => {
    const publisher = await buildOrganisation(app.database.db, { slug: 'third-platform', kind: 'issuer' });
    const identity = await app.services.keys.identityForSlug(publisher.slug);
    const url = 'https://third-instance.example/registry/trusted-issuers';
    const listing = async (entries: Array<{ ids: string[]; name: string }>) => {
      const signed = await issueCredential({
        credential: buildRegistryCredential({ publicUrl: 'https://third-instance.example', publisher: { did: identity.did, name: 'Third platform' }, entries: entries.map((e) => ({ ...e, method: 'accreditation_register' as const, approvedAt: '2026-11-01T00:00:00Z' })), issuedAt: new Date() }),
        signer: identity.signer,
        documentLoader: app.services.documentLoader,
        clock: () => new Date(),
      });
      return () => new Response(JSON.stringify(signed), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const listed = 'did:web:third-college.example';
    remote.set(url, await listing([{ ids: [listed], name: 'Third College' }]));
    const added = (await app.server.inject({ method: 'POST', url: '/api/v1/registry/sources', headers: { ...admin }, payload: { url } })).json() as { id: string };
    expect(await app.services.registry.isTrusted(listed)).toBe(true);

    // The other instance withdraws the college. A source tried just now is not due; one tried seven hours ago is.
    remote.set(url, await listing([]));
    const errors: unknown[] = [];
    const scheduler = app.services.registry.createScheduler((error) => errors.push(error));
    expect(await scheduler.tick()).toBe(0);
    expect(await app.services.registry.isTrusted(listed)).toBe(true);
    await app.database.db.updateTable('trusted_registry_sources').set({ last_attempt_at: new Date(Date.now() - 7 * 3_600_000) }).where('id', '=', added.id).execute();
    expect(await scheduler.tick()).toBe(1);
    expect(errors).toEqual([]);
    expect(await app.services.registry.isTrusted(listed)).toBe(false);
    const source = await app.database.db.selectFrom('trusted_registry_sources').select(['entries', 'last_error']).where('id', '=', added.id).executeTakeFirstOrThrow();
    expect(source).toEqual({ entries: [], last_error: null });
    expect(await scheduler.tick()).toBe(0);
    await scheduler.stop();
  });

  it("keeps an employer's candidates: a share link saved verified, then re-verified after the learner revoked it", async () => {
    const shared = await app.server.inject({ method: 'POST', url: '/api/v1/me/shares', headers: { ...learner }, payload: { items: [{ credentialId }] } });
    expect(shared.statusCode, shared.body).toBe(201);
    const { url, share } = shared.json() as { url: string; share: { id: string } };

    const saved = await app.server.inject({ method: 'POST', url: '/api/v1/organisations/bluewater/candidates', headers: { ...employer }, payload: { shareUrl: url, note: 'Warehouse analyst, interview Tuesday' } });
    expect(saved.statusCode, saved.body).toBe(201);
    const candidate = saved.json() as { id: string; lastOutcome: string; credentials: Array<{ achievement: string | null; outcome: string }> };
    expect(candidate.lastOutcome).toBe('verified');
    expect(candidate.credentials).toEqual([expect.objectContaining({ achievement: expect.stringMatching(/spreadsheet/i), outcome: 'verified' })]);
    const duplicate = await app.server.inject({ method: 'POST', url: '/api/v1/organisations/bluewater/candidates', headers: { ...employer }, payload: { shareUrl: url } });
    expect(duplicate.json()).toMatchObject({ code: 'candidates.exists' });

    await app.server.inject({ method: 'POST', url: `/api/v1/me/shares/${share.id}/revoke`, headers: { ...learner } });
    const again = (await app.server.inject({ method: 'POST', url: `/api/v1/organisations/bluewater/candidates/${candidate.id}/verify`, headers: { ...employer } })).json() as { lastOutcome: string; lastDetail: string };
    expect(again).toMatchObject({ lastOutcome: 'unreadable', lastDetail: expect.stringMatching(/no longer shared/) });
    const list = (await app.server.inject({ method: 'GET', url: '/api/v1/organisations/bluewater/candidates', headers: { ...employer } })).json() as { items: Array<{ note: string }> };
    expect(list.items.map((c) => c.note)).toEqual(['Warehouse analyst, interview Tuesday']);
    expect((await app.server.inject({ method: 'GET', url: '/api/v1/organisations/bluewater/candidates', headers: { ...registrar } })).statusCode).toBe(403);
  });
});
