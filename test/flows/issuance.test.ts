import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentLoader } from '../../src/credentials/contexts/document-loader.js';
import { demoLogins, DEMO_PASSWORD } from '../../src/demo/demo-data.js';
import { createApiToken, signIn, type SessionHeaders } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface View {
  id: string;
  status: string;
  credential: Record<string, unknown>;
  history?: Array<{ action: string; reason: string }>;
}
interface Report {
  verified: boolean;
  checks: Array<{ id: string; outcome: string; message: string }>;
}

describe('issuing, verifying, revoking and suspending Open Badges 3.0 credentials', () => {
  let app: TestApp;
  let registrar: SessionHeaders;
  let learner: SessionHeaders;
  let learnerId: string;
  let achievementId: string;

  const login = (role: string) => demoLogins.find((l) => l.email.startsWith(role))!.email;
  const verify = async (credential: unknown): Promise<Report> => (await app.server.inject({ method: 'POST', url: '/api/v1/verify', payload: { credential } })).json() as Report;
  const outcome = (report: Report, id: string) => report.checks.find((c) => c.id === id)?.outcome;
  const issue = async (payload: Record<string, unknown>, headers: Record<string, string> = { ...registrar }) =>
    app.server.inject({ method: 'POST', url: '/api/v1/organisations/northbridge/credentials', headers, payload: { achievementId, recipient: { personId: learnerId }, ...payload } });

  beforeAll(async () => {
    app = await createTestApp({ rateLimitPerMinute: 100_000, publicUrl: 'http://localhost:4998' }, { start: 'demo' });
    registrar = await signIn(app.server, login('registrar'), DEMO_PASSWORD);
    learner = await signIn(app.server, login('learner'), DEMO_PASSWORD);
    learnerId = ((await app.server.inject({ method: 'GET', url: '/api/v1/me', headers: { ...learner } })).json() as { person: { id: string } }).person.id;
    const row = await app.database.db.selectFrom('achievements').select('id').where('slug', '=', 'spreadsheet-data-analysis').executeTakeFirstOrThrow();
    achievementId = row.id;
  });
  afterAll(async () => app?.dispose());

  it('issues a credential with results and evidence that verifies on every check', async () => {
    const response = await issue({
      results: [{ outcome: 'o1' }, { outcome: 'o2' }],
      evidence: [{ id: 'https://evidence.example/workbook.xlsx', name: 'Workbook', narrative: 'Cleaned 12,000 rows of sales data — café receipts ®.' }],
    });
    expect(response.statusCode, response.body).toBe(201);
    const view = response.json() as View;
    const credential = view.credential;
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    const subject = credential.credentialSubject as { achievement: { id: string; alignment: unknown[] }; result: unknown[]; identifier: Array<{ identityHash: string }> };
    expect(subject.achievement.id).toMatch(/\/orgs\/northbridge\/achievements\/spreadsheet-data-analysis\/versions\/1$/);
    expect(subject.achievement.alignment.length).toBeGreaterThan(0);
    expect(subject.result).toHaveLength(2);
    expect(subject.identifier[0]!.identityHash).toMatch(/^sha256\$[0-9a-f]{64}$/);
    expect(JSON.stringify(credential)).not.toContain('learner@tessera.test');
    expect(credential.credentialStatus).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' });

    const report = await verify(credential);
    expect(report.verified, JSON.stringify(report.checks)).toBe(true);
    for (const id of ['proof', 'issuer_resolution', 'status', 'validity_window', 'schema', 'trusted_issuer']) expect(outcome(report, id), id).toBe('pass');
  });

  it('issues a VC-JWT when asked, which verifies too', async () => {
    const response = await issue({ format: 'vc-jwt', results: [{ outcome: 'o3' }] });
    expect(response.statusCode, response.body).toBe(201);
    const { jwt } = response.json() as { jwt: string };
    expect(jwt).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString())).toMatchObject({ alg: 'EdDSA' });
    const report = await verify(jwt);
    expect(report.verified, JSON.stringify(report.checks)).toBe(true);
    const tampered = `${jwt.slice(0, -4)}AAAA`;
    expect((await verify(tampered)).verified).toBe(false);
  });

  it('a credential issued end to end verifies with an independent implementation (@digitalbazaar/vc)', async () => {
    const view = (await issue({ results: [{ outcome: 'o1' }], evidence: [{ narrative: 'Walk-through observed by the assessor.' }] })).json() as View;
    const contexts = createDocumentLoader();
    // did:web documents come from this app over HTTP (inject), as a remote verifier would fetch them.
    const documentLoader = async (url: string) => {
      if (!url.startsWith('did:web:')) return contexts(url);
      const [did, fragment] = url.split('#') as [string, string | undefined];
      const slug = did.split(':').pop()!;
      const document = (await app.server.inject({ method: 'GET', url: `/orgs/${slug}/did.json` })).json() as { verificationMethod: Array<{ id: string }> };
      const method = document.verificationMethod.find((m) => m.id === url);
      return { contextUrl: null, documentUrl: url, document: fragment ? { '@context': 'https://w3id.org/security/multikey/v1', ...method } : document };
    };
    const result = await vc.verifyCredential({
      credential: view.credential,
      suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
      documentLoader,
      checkStatus: async () => ({ verified: true }),
    });
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
  });

  it('an idempotency key returns the first credential instead of issuing a second', async () => {
    const first = await issue({ idempotencyKey: 'exam-partner-row-00001' });
    const again = await issue({ idempotencyKey: 'exam-partner-row-00001' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect((again.json() as View).id).toBe((first.json() as View).id);
  });

  it('learners see their own credentials and nobody else does', async () => {
    const mine = (await app.server.inject({ method: 'GET', url: '/api/v1/me/credentials', headers: { ...learner } })).json() as { items: View[] };
    expect(mine.items.length).toBeGreaterThanOrEqual(2);
    const id = mine.items[0]!.id;
    expect((await app.server.inject({ method: 'GET', url: `/api/v1/credentials/${id}`, headers: { ...learner } })).statusCode).toBe(200);
    const assessor = await signIn(app.server, login('assessor'), DEMO_PASSWORD);
    expect((await app.server.inject({ method: 'GET', url: `/api/v1/credentials/${id}`, headers: { ...assessor } })).statusCode).toBe(403);
    expect((await issue({}, { ...assessor })).statusCode).toBe(403);
  });

  it('revocation shows in the status list at once, is final, and the learner sees why', async () => {
    const view = (await issue({})).json() as View;
    const revoked = await app.server.inject({ method: 'POST', url: `/api/v1/credentials/${view.id}/revoke`, headers: { ...registrar }, payload: { reason: 'Academic misconduct found on review' } });
    expect(revoked.statusCode).toBe(200);
    const report = await verify(view.credential);
    expect(report.verified).toBe(false);
    expect(outcome(report, 'status')).toBe('fail');
    expect(outcome(report, 'proof')).toBe('pass');
    const seen = (await app.server.inject({ method: 'GET', url: `/api/v1/credentials/${view.id}`, headers: { ...learner } })).json() as View;
    expect(seen.status).toBe('revoked');
    expect(seen.history).toEqual([expect.objectContaining({ action: 'revoke', reason: 'Academic misconduct found on review' })]);
    const reinstate = await app.server.inject({ method: 'POST', url: `/api/v1/credentials/${view.id}/reinstate`, headers: { ...registrar }, payload: { reason: 'Mistake' } });
    expect(reinstate.statusCode).toBe(409);
  });

  it('explains that an Open Badges credential (one status entry, used for revocation) cannot be suspended', async () => {
    const view = (await issue({})).json() as View;
    const suspend = await app.server.inject({ method: 'POST', url: `/api/v1/credentials/${view.id}/suspend`, headers: { ...registrar }, payload: { reason: 'Under investigation' } });
    expect(suspend.statusCode).toBe(409);
    expect((suspend.json() as { detail: string }).detail).toMatch(/one status entry/);
    expect((await verify(view.credential)).verified).toBe(true);
  });

  it('after rotation older credentials still verify; a compromised key fails only proofs made after the compromise', async () => {
    const before = (await issue({})).json() as View;
    await app.server.inject({ method: 'POST', url: '/api/v1/organisations/northbridge/keys/rotate', headers: { ...registrar } });
    const after = (await issue({})).json() as View;
    expect((await verify(before.credential)).verified).toBe(true);
    expect((await verify(after.credential)).verified).toBe(true);
    const beforeProof = (before.credential.proof as Array<{ verificationMethod: string; created: string }>)[0] ?? (before.credential.proof as { verificationMethod: string; created: string });
    const afterProof = (after.credential.proof as { verificationMethod: string });
    expect(beforeProof.verificationMethod).not.toBe(afterProof.verificationMethod);

    const keys = (await app.server.inject({ method: 'GET', url: '/api/v1/organisations/northbridge/keys', headers: { ...registrar } })).json() as { items: Array<{ id: string; publicKeyMultibase: string; status: string }> };
    const old = keys.items.find((k) => beforeProof.verificationMethod.endsWith(k.publicKeyMultibase))!;
    const compromisedAt = new Date(new Date(beforeProof.created).getTime() - 60_000).toISOString();
    await app.server.inject({ method: 'POST', url: `/api/v1/organisations/northbridge/keys/${old.id}/compromise`, headers: { ...registrar }, payload: { compromisedAt } });
    const report = await verify(before.credential);
    expect(report.verified).toBe(false);
    expect(outcome(report, 'key_valid_at_issue')).toBe('fail');
    expect((await verify(after.credential)).verified).toBe(true);
  });

  it('an organisation can sign under did:key instead; those credentials verify offline and count as trusted', async () => {
    const switched = await app.server.inject({ method: 'PUT', url: '/api/v1/organisations/northbridge/issuer-settings', headers: { ...registrar }, payload: { didMethod: 'key' } });
    expect(switched.statusCode, switched.body).toBe(200);
    expect((switched.json() as { did: string }).did).toMatch(/^did:key:z6Mk/);
    const view = (await issue({})).json() as View;
    expect((view.credential.issuer as { id: string }).id).toMatch(/^did:key:z6Mk/);
    const report = await verify(view.credential);
    expect(report.verified, JSON.stringify(report.checks)).toBe(true);
    expect(outcome(report, 'trusted_issuer')).toBe('pass');
    await app.server.inject({ method: 'PUT', url: '/api/v1/organisations/northbridge/issuer-settings', headers: { ...registrar }, payload: { didMethod: 'web' } });
    expect((((await issue({})).json() as View).credential.issuer as { id: string }).id).toMatch(/^did:web:/);
  });

  it('refuses bad issuance requests precisely and writes nothing', async () => {
    const count = async () => Number((await app.database.db.selectFrom('issued_credentials').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const unknownOutcome = await issue({ results: [{ outcome: 'o99' }] });
    expect(unknownOutcome.statusCode).toBe(400);
    expect((unknownOutcome.json() as { detail: string }).detail).toContain('o99');
    const unknownAchievement = await issue({ achievementId: '00000000-0000-4000-8000-000000000000' });
    expect(unknownAchievement.statusCode).toBe(422);
    const pastExpiry = await issue({ validUntil: '2001-01-01T00:00:00Z' });
    expect(pastExpiry.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it('an industry partner endorses a micro-credential with a signed EndorsementCredential that verifies', async () => {
    const endorser = await signIn(app.server, login('endorser'), DEMO_PASSWORD);
    const payload = { achievementId, competencyInDemand: true, assessmentReflectsJobPerformance: true, comment: 'Our members hire for exactly this skill every quarter.' };
    const response = await app.server.inject({ method: 'POST', url: '/api/v1/organisations/harbour-manufacturing/endorsements', headers: { ...endorser }, payload });
    expect(response.statusCode, response.body).toBe(201);
    const endorsement = (response.json() as View).credential;
    expect(endorsement.type).toEqual(['VerifiableCredential', 'EndorsementCredential']);
    const subject = endorsement.credentialSubject as { id: string; endorsementComment: string };
    expect(subject.id).toMatch(/\/achievements\/spreadsheet-data-analysis\/versions\/1$/);
    expect(subject.endorsementComment).toContain('confirms that this competency is in demand');
    const report = await verify(endorsement);
    expect(report.verified, JSON.stringify(report.checks)).toBe(true);
    const listed = (await app.server.inject({ method: 'GET', url: `/api/v1/achievements/${achievementId}/endorsements` })).json() as { items: View[] };
    expect(listed.items).toHaveLength(1);
    // An issuer cannot endorse its own micro-credential, and learners cannot endorse at all.
    const self = await app.server.inject({ method: 'POST', url: '/api/v1/organisations/northbridge/endorsements', headers: { ...registrar }, payload });
    expect(self.statusCode).toBe(422);
    expect((await app.server.inject({ method: 'POST', url: '/api/v1/organisations/harbour-manufacturing/endorsements', headers: { ...learner }, payload })).statusCode).toBe(403);
  });

  it('implements the W3C VC API issue endpoint for API tokens with the credentials:issue scope', async () => {
    const token = await createApiToken(app.server, registrar, ['credentials:issue']);
    const did = 'did:web:localhost%3A4998:orgs:northbridge';
    const credential = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      issuer: did,
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:subject' },
    };
    const response = await app.server.inject({ method: 'POST', url: '/credentials/issue', headers: { authorization: `Bearer ${token}` }, payload: { credential, options: { credentialStatus: { type: 'BitstringStatusListEntry' } } } });
    expect(response.statusCode, response.body).toBe(201);
    const signed = (response.json() as { verifiableCredential: Record<string, unknown> }).verifiableCredential;
    expect(signed.proof).toBeDefined();
    const verified = await app.server.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: signed } });
    expect(verified.statusCode, verified.body).toBe(200);
    // A plain VC may carry several status entries (VC 2.0), so it gets revocation and suspension.
    expect(signed.credentialStatus).toEqual([expect.objectContaining({ statusPurpose: 'revocation' }), expect.objectContaining({ statusPurpose: 'suspension' })]);
    const recordUrl = response.headers.location as string;
    await app.server.inject({ method: 'POST', url: `${recordUrl}/suspend`, headers: { ...registrar }, payload: { reason: 'Pending review' } });
    const suspended = await app.server.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: signed } });
    expect(suspended.statusCode).toBe(400);
    expect(JSON.stringify(suspended.json())).toMatch(/suspended/);
    await app.server.inject({ method: 'POST', url: `${recordUrl}/reinstate`, headers: { ...registrar }, payload: { reason: 'Review passed' } });
    expect((await app.server.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential: signed } })).statusCode).toBe(200);
    const foreign = await app.server.inject({ method: 'POST', url: '/credentials/issue', headers: { authorization: `Bearer ${token}` }, payload: { credential: { ...credential, issuer: 'did:web:elsewhere.example' } } });
    expect(foreign.statusCode).toBe(403);
  });
});
