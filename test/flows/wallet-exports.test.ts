import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialTextFromUpload } from '../../src/credentials/baking/baked-credential.js';
import { createDocumentLoader } from '../../src/credentials/contexts/document-loader.js';
import { sampleIssuerKey } from '../../src/credentials/issue/issue-fixtures.js';
import { demoLogins, DEMO_PASSWORD } from '../../src/demo/demo-data.js';
import { verifyEventChain } from '../../src/tracking/event-log.js';
import { BRIEFING_PDF, multipartBody } from '../support/evidence-fixtures.js';
import { buildPerson, createApiToken, signIn, type SessionHeaders } from '../support/factories.js';
import { proveHolderDid } from '../support/holder-proof.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** The entries of a ZIP, read from its central directory (yazl writes sizes there; entries are deflated or stored). */
function unzip(zip: Buffer): Map<string, Buffer> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i += 1) {
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + compressed);
    entries.set(name, method === 8 ? inflateRawSync(data) : data);
    at += 46 + nameLength + extra;
  }
  return entries;
}

describe('the learner exports, presents and deletes what is theirs', () => {
  let app: TestApp;
  let registrar: SessionHeaders;
  let learner: SessionHeaders;
  let other: SessionHeaders;
  let achievementId: string;
  const publicUrl = 'http://localhost:4996';
  const login = (role: string) => demoLogins.find((l) => l.email.startsWith(role))!.email;
  const inject = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Record<string, string>, payload?: unknown) =>
    app.server.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const personIdOf = async (headers: SessionHeaders) => ((await inject('GET', '/api/v1/me', { ...headers })).json() as { person: { id: string } }).person.id;
  const issueTo = async (personId: string) => {
    const response = await inject('POST', '/api/v1/organisations/northbridge/credentials', { ...registrar }, { achievementId, recipient: { personId } });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; credential: Record<string, unknown> };
  };
  const verify = async (credential: unknown) => (await inject('POST', '/api/v1/verify', {}, { credential })).json() as { verified: boolean; checks: Array<{ id: string; outcome: string; message: string }> };

  beforeAll(async () => {
    // The verifier fetches published transcripts by URL; here that URL is answered by the app itself.
    const fetchOwn = async (url: string, init: { headers: Record<string, string> }) => {
      const response = await app.server.inject({ method: 'GET', url: new URL(url).pathname, headers: init.headers });
      return new Response(response.rawPayload, { status: response.statusCode, headers: { 'content-type': String(response.headers['content-type'] ?? '') } });
    };
    app = await createTestApp({ rateLimitPerMinute: 100_000, publicUrl }, { start: 'demo', appOptions: { verification: { fetch: fetchOwn } } });
    registrar = await signIn(app.server, login('registrar'), DEMO_PASSWORD);
    learner = await signIn(app.server, login('learner'), DEMO_PASSWORD);
    other = await signIn(app.server, login('hr'), DEMO_PASSWORD);
    achievementId = (await app.database.db.selectFrom('achievements').select('id').where('slug', '=', 'spreadsheet-data-analysis').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => app?.dispose());

  it('downloads the JSON and baked PNG and SVG badges, which the baking extractor and the verifier read back', async () => {
    const issued = await issueTo(await personIdOf(learner));
    const json = await inject('GET', `/api/v1/me/credentials/${issued.id}/export/json`, { ...learner });
    expect(json.headers['content-disposition']).toMatch(/^attachment; filename=".+\.json"$/);
    expect(JSON.parse(json.body)).toEqual(issued.credential);
    for (const format of ['png', 'svg'] as const) {
      const image = await inject('GET', `/api/v1/me/credentials/${issued.id}/export/${format}`, { ...learner });
      expect(image.statusCode).toBe(200);
      expect(image.headers['content-type']).toMatch(format === 'png' ? /^image\/png/ : /^image\/svg\+xml/);
      const text = credentialTextFromUpload(image.rawPayload);
      expect(JSON.parse(text)).toEqual(issued.credential);
      const report = await verify(JSON.parse(text));
      expect(report.verified, JSON.stringify(report.checks)).toBe(true);
    }
    // Someone else's credential is not there for them.
    expect((await inject('GET', `/api/v1/me/credentials/${issued.id}/export/png`, { ...other })).statusCode).toBe(404);
  });

  it('makes a signed CLR 2.0 transcript published at a URL the verifier fetches, and a PDF with its verify link', async () => {
    const learnerId = await personIdOf(learner);
    const [a, b] = [await issueTo(learnerId), await issueTo(learnerId)];
    const created = await inject('POST', '/api/v1/me/transcripts', { ...learner }, { credentialIds: [a.id, b.id], name: 'For the registrar' });
    expect(created.statusCode, created.body).toBe(201);
    const transcript = created.json() as { id: string; url: string; verifyUrl: string; pdfUrl: string; credential: Record<string, unknown> };
    expect(transcript.credential.type).toEqual(['VerifiableCredential', 'ClrCredential']);
    expect((transcript.credential.issuer as { name: string }).name).toMatch(/Northbridge/);
    expect(transcript.verifyUrl).toBe(`${publicUrl}/verify?url=${encodeURIComponent(transcript.url)}`);
    const published = await inject('GET', new URL(transcript.url).pathname, {});
    expect(published.json()).toEqual(transcript.credential);
    const report = (await inject('POST', '/api/v1/verify', {}, { url: transcript.url })).json() as { verified: boolean; checks: Array<{ id: string; outcome: string }> };
    expect(report.verified, JSON.stringify(report.checks)).toBe(true);
    expect(report.checks.find((c) => c.id === 'embedded_credentials')?.outcome).toBe('pass');
    const pdf = await inject('GET', transcript.pdfUrl, { ...learner });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // pdfkit writes link annotations uncompressed: the verify URL the QR code encodes is in the file.
    expect(pdf.rawPayload.toString('latin1')).toContain(`/URI (${transcript.verifyUrl})`);
    expect((await inject('GET', transcript.pdfUrl, { ...other })).statusCode).toBe(404);
    expect((await inject('POST', '/api/v1/me/transcripts', { ...other }, { credentialIds: [a.id] })).statusCode).toBe(404);
  });

  it('binds later credentials to a holder DID and signs presentations the verifier checks against challenge and domain', async () => {
    const person = await buildPerson(app.database.db, { displayName: 'Holder Hana' });
    const session = await signIn(app.server, person.email);
    expect((await inject('PUT', '/api/v1/me/holder-did', { ...session }, { did: 'did:key:zNotAKey' })).json()).toMatchObject({ code: 'wallet.holder_did_invalid' });
    expect((await inject('POST', '/api/v1/me/presentations', { ...session }, { challenge: 'c-123456789', domain: 'jobs.example', credentialIds: [(await issueTo(person.id)).id] })).json()).toMatchObject({ code: 'wallet.holder_did_missing' });
    const made = await inject('PUT', '/api/v1/me/holder-did', { ...session }, { generate: true });
    expect(made.statusCode, made.body).toBe(200);
    const { did, managed } = made.json() as { did: string; managed: boolean };
    expect(did).toMatch(/^did:key:z6Mk/);
    expect(managed).toBe(true);
    const bound = await issueTo(person.id);
    expect((bound.credential.credentialSubject as { id?: string }).id).toBe(did);

    const challenge = 'a1b2c3d4-challenge';
    const domain = 'jobs.bluewater.example';
    const presented = await inject('POST', '/api/v1/me/presentations', { ...session }, { challenge, domain, credentialIds: [bound.id] });
    expect(presented.statusCode, presented.body).toBe(201);
    const { verifiablePresentation: vp } = presented.json() as { verifiablePresentation: Record<string, unknown> & { proof: Record<string, unknown> } };
    expect(vp.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'authentication', challenge, domain });
    const check = async (presentation: unknown, expected: { challenge: string; domain: string }) =>
      (await inject('POST', '/api/v1/verify/presentation', {}, { presentation, ...expected })).json() as { verified: boolean; holder: string; checks: Array<{ id: string; outcome: string }> };
    const good = await check(vp, { challenge, domain });
    expect(good.verified, JSON.stringify(good.checks)).toBe(true);
    expect(good.holder).toBe(did);
    expect(good.checks.map((c) => [c.id, c.outcome])).toEqual([['presentation_proof', 'pass'], ['challenge', 'pass'], ['domain', 'pass'], ['holder_binding', 'pass'], ['credentials', 'pass']]);
    const replayed = await check(vp, { challenge: 'another-challenge', domain });
    expect(replayed.verified).toBe(false);
    expect(replayed.checks.find((c) => c.id === 'challenge')?.outcome).toBe('fail');
    expect((await check(vp, { challenge, domain: 'evil.example' })).checks.find((c) => c.id === 'domain')?.outcome).toBe('fail');
    const tampered = await check({ ...vp, holder: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' }, { challenge, domain });
    expect(tampered.checks.find((c) => c.id === 'presentation_proof')?.outcome).toBe('fail');

    // A DID of their own, proved theirs: Tessera holds no key for it, so it cannot sign for them.
    const ownKey = await sampleIssuerKey(21);
    expect((await proveHolderDid(app.server, session, ownKey, createDocumentLoader())).json()).toMatchObject({ did: ownKey.did, managed: false, proved: true });
    expect((await inject('POST', '/api/v1/me/presentations', { ...session }, { challenge, domain, credentialIds: [bound.id] })).json()).toMatchObject({ code: 'wallet.holder_key_not_managed' });
  });

  it('exports everything about the learner as a ZIP of JSON files', async () => {
    const response = await inject('GET', '/api/v1/me/export.zip', { ...learner });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    const files = unzip(response.rawPayload);
    const profile = JSON.parse(files.get('tessera-export/profile.json')!.toString('utf8')) as { email: string };
    expect(profile.email).toBe(login('learner'));
    const credentials = [...files.keys()].filter((name) => name.startsWith('tessera-export/credentials/'));
    expect(credentials.length).toBeGreaterThanOrEqual(3);
    expect(JSON.parse(files.get(credentials[0]!)!.toString('utf8'))).toHaveProperty('proof');
    const events = JSON.parse(files.get('tessera-export/events.json')!.toString('utf8')) as Array<{ type: string }>;
    expect(events.map((e) => e.type)).toContain('transcript.created');
    expect(files.get('tessera-export/api-tokens.json')!.toString('utf8')).not.toContain('token_hash');
    expect((await inject('GET', '/api/v1/me/export.zip', {})).statusCode).toBe(401);
  });

  it('deletes the account: personal data gone, credentials still verify, events pseudonymised, chain intact', async () => {
    const person = await buildPerson(app.database.db, { displayName: 'Delia Deleteme' });
    const session = await signIn(app.server, person.email);
    const token = await createApiToken(app.server, session, ['wallet:read', 'wallet:write']);
    const issued = await issueTo(person.id);
    await inject('PUT', '/api/v1/me/holder-did', { ...session }, { generate: true });
    expect((await inject('POST', '/api/v1/me/transcripts', { ...session }, { credentialIds: [issued.id] })).statusCode).toBe(201);
    const enrolment = (await inject('POST', '/api/v1/me/enrolments', { ...session }, { achievementId, route: 'assessment-only' })).json() as { id: string };
    const file = multipartBody({ fileName: 'briefing.pdf', contentType: 'application/pdf', bytes: BRIEFING_PDF });
    const uploaded = await app.server.inject({ method: 'POST', url: `/api/v1/enrolments/${enrolment.id}/evidence/files`, headers: { ...session, ...file.headers }, payload: file.payload });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    // An assessor's review of the submission, with words about the work (written straight in: the review flow has its own tests).
    const submission = await app.database.db.selectFrom('submissions').select('id').where('enrolment_id', '=', enrolment.id).executeTakeFirstOrThrow();
    const scores = [{ criterion: 'c1', level: 'meets', comment: 'Delia’s briefing misread the Q3 figures' }, { criterion: 'c2', level: 'exceeds' }];
    await app.database.db.insertInto('reviews').values({ submission_id: submission.id, assessor_id: await personIdOf(registrar), role: 'assessor', decision: 'return', scores: JSON.stringify(scores), feedback: 'Delia, redo the chart.', decided_at: new Date() }).execute();

    expect((await inject('POST', '/api/v1/me/delete-account', { ...session }, { confirmEmail: 'someone@else.example' })).json()).toMatchObject({ code: 'accounts.deletion_not_confirmed' });
    expect((await inject('POST', '/api/v1/me/delete-account', { authorization: `Bearer ${token}` }, { confirmEmail: person.email })).statusCode).toBe(403);
    const deleted = await inject('POST', '/api/v1/me/delete-account', { ...session }, { confirmEmail: person.email.toUpperCase() });
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(deleted.json()).toMatchObject({ evidenceFiles: 1 });

    const db = app.database.db;
    expect((await inject('GET', '/api/v1/me', { ...session })).statusCode).toBe(401);
    expect((await inject('GET', '/api/v1/me', { authorization: `Bearer ${token}` })).statusCode).toBe(401);
    const row = await db.selectFrom('people').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ display_name: 'Deleted account', password_hash: null });
    expect(row.email).not.toContain(person.email.split('@')[0]);
    expect(row.deleted_at).not.toBeNull();
    for (const table of ['sessions', 'api_tokens', 'holder_dids', 'wallet_transcripts', 'notifications'] as const) {
      expect((await db.selectFrom(table).select('person_id').where('person_id', '=', person.id).execute()).length, table).toBe(0);
    }
    expect(await db.selectFrom('evidence_items').innerJoin('submissions', 'submissions.id', 'evidence_items.submission_id').select('evidence_items.id').where('submissions.enrolment_id', '=', enrolment.id).execute()).toEqual([]);
    // The review keeps its decision and levels, in order, without the assessor's words.
    const review = await db.selectFrom('reviews').select(['decision', 'scores', 'feedback']).where('submission_id', '=', submission.id).executeTakeFirstOrThrow();
    expect(review).toEqual({ decision: 'return', scores: [{ criterion: 'c1', level: 'meets' }, { criterion: 'c2', level: 'exceeds' }], feedback: null });
    // Signing in again is impossible: no password, and the email no longer exists.
    expect((await inject('POST', '/api/v1/auth/sign-in', {}, { email: person.email, password: 'correct horse battery staple' })).statusCode).toBe(401);

    // The credential keeps verifying, status list and issuer DID included.
    const report = await verify(issued.credential);
    expect(report.verified, JSON.stringify(report.checks)).toBe(true);
    // No event names them; the chain still verifies.
    const events = await db.selectFrom('events').select(['type', 'payload']).execute();
    const text = JSON.stringify(events);
    expect(text).not.toContain(person.email);
    expect(text).not.toContain('Delia');
    expect(events.map((e) => e.type)).toContain('person.deleted');
    expect(await verifyEventChain(db)).toMatchObject({ intact: true });
  });
});
