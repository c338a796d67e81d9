import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bakePng, extractFromPng } from '../../src/credentials/baking/png-baking.js';
import { createDocumentLoader } from '../../src/credentials/contexts/document-loader.js';
import { SAMPLE_OPEN_BADGE_INPUT, sampleIssuerKey } from '../../src/credentials/issue/issue-fixtures.js';
import { buildOpenBadgeCredential } from '../../src/credentials/issue/open-badge-credential.js';
import { signProof } from '../../src/credentials/proof/sign-proof.js';
import { demoAchievements } from '../../src/demo/demo-achievements.js';
import { multipartBody } from '../support/evidence-fixtures.js';
import { addMembership, buildOrganisation, buildPerson, signIn, type SessionHeaders } from '../support/factories.js';
import { proveHolderDid } from '../support/holder-proof.js';
import { sharedDataPath } from '../support/shared-data.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface Card {
  id: string;
  origin: 'issued' | 'imported';
  title: string;
  status: string;
  hidden: boolean;
  source: string | null;
  image: string | null;
  issuer: { name: string | null };
  evidence: Array<{ name: string | null }>;
  verification: { verified: boolean; checks: Array<{ id: string; outcome: string }> } | null;
  holderMatch: 'issued_here' | 'email' | 'did' | 'none';
}
interface Problem {
  code: string;
  detail: string;
}
interface PublicShare {
  holder: string | null;
  url: string;
  qrCode: string;
  credentials: Array<{ id: string; title: string; holderMatch: Card['holderMatch']; evidence: Array<{ name: string | null }>; credential: unknown; endorsements: Array<{ name: string | null }>; verification: { verified: boolean }; linkedIn: string; issuer: { name: string | null } }>;
}

const vector = JSON.parse(readFileSync(sharedDataPath('1edtech', 'ob_v3p0', 'test-vectors', 'obv3p0', 'vector.json'), 'utf8')) as { signedCredential: Record<string, unknown> };
const validator = (name: string) => readFileSync(sharedDataPath('credentials', '1edtech-validator', 'ob30', name));

describe('the wallet: importing credentials from elsewhere, hiding them, and sharing links', () => {
  let app: TestApp;
  let learner: SessionHeaders;
  let other: SessionHeaders;
  let issuedId: string;
  let learnerEmail: string;
  let now = new Date('2026-12-02T10:00:00Z');
  const call = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: unknown) =>
    app.server.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const upload = (fileName: string, contentType: string, bytes: Buffer, headers: Record<string, string> = { ...learner }) => {
    const body = multipartBody({ fileName, contentType, bytes });
    return app.server.inject({ method: 'POST', url: '/api/v1/me/credentials/import/file', headers: { ...headers, ...body.headers }, payload: body.payload });
  };
  const share = async (payload: Record<string, unknown>) => {
    const response = await call('POST', '/api/v1/me/shares', { ...learner }, payload);
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { share: { id: string; viewCount: number }; url: string };
  };
  const tokenOf = (url: string) => url.split('/s/')[1]!;
  /** A problem response's status and stable code, checking that it is problem+json. */
  const codeOf = async (response: Promise<{ statusCode: number; json(): unknown; headers: Record<string, unknown> }>) => {
    const r = await response;
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    return { status: r.statusCode, code: (r.json() as Problem).code };
  };
  /** A credential signed by an issuer elsewhere (did:key) for the given learner, under the given title. */
  const signedElsewhere = async (learnerField: { email: string; salt: string } | { did: string }, name: string) => {
    const issuer = await sampleIssuerKey(13);
    const document = buildOpenBadgeCredential({ ...SAMPLE_OPEN_BADGE_INPUT(issuer.did), learner: learnerField, declareSchema: false }) as Record<string, unknown> & { credentialSubject: { achievement: Record<string, unknown> } };
    document.credentialSubject.achievement.name = name;
    return signProof({ document, signer: issuer.signer, documentLoader: createDocumentLoader(), created: new Date('2026-01-05T09:00:00Z') });
  };

  beforeAll(async () => {
    app = await createTestApp({ rateLimitPerMinute: 100_000, publicUrl: 'http://localhost:4996' }, { appOptions: { clock: () => now } });
    const { db } = app.database;
    const org = await buildOrganisation(db, { name: 'Northbridge College' });
    const admin = await buildPerson(db);
    await addMembership(db, org.id, admin.id, 'admin');
    const amara = await buildPerson(db, { displayName: 'Amara Okafor' });
    const registrar = await signIn(app.server, admin.email);
    learner = await signIn(app.server, amara.email);
    learnerEmail = amara.email;
    other = await signIn(app.server, (await buildPerson(db)).email);
    const created = await call('POST', `/api/v1/organisations/${org.slug}/achievements`, { ...registrar }, { slug: 'spreadsheets', definition: demoAchievements[0]!.definition });
    const achievementId = (created.json() as { id: string }).id;
    expect((await call('POST', `/api/v1/achievements/${achievementId}/publish`, { ...registrar })).statusCode).toBe(200);
    const issued = await call('POST', `/api/v1/organisations/${org.slug}/credentials`, { ...registrar }, {
      achievementId,
      recipient: { personId: amara.id },
      evidence: [{ id: 'https://evidence.example/workbook.xlsx', name: 'Workbook' }, { id: 'https://evidence.example/private-notes', name: 'Private notes' }],
    });
    expect(issued.statusCode, issued.body).toBe(201);
    issuedId = (issued.json() as { id: string }).id;
  }, 300_000);
  afterAll(async () => app?.dispose());

  it('imports the OB 3.0 test vector pasted as JSON, verified, beside the credential issued here; a second import is the same holding', async () => {
    const first = await call('POST', '/api/v1/me/credentials/import', { ...learner }, { credential: vector.signedCredential });
    expect(first.statusCode, first.body).toBe(201);
    const card = first.json() as Card;
    // Signed and valid, but for its own subject (did:example:…), not for this learner.
    expect(card).toMatchObject({ origin: 'imported', title: 'Teamwork', status: 'valid', source: 'paste', issuer: { name: 'Example Corp' }, verification: { verified: true }, holderMatch: 'none' });
    const again = await call('POST', '/api/v1/me/credentials/import', { ...learner }, { credential: JSON.stringify(vector.signedCredential) });
    expect(again.statusCode).toBe(200);
    expect((again.json() as Card).id).toBe(card.id);

    const list = (await call('GET', '/api/v1/me/credentials', { ...learner })).json() as { items: Card[] };
    expect(list.items.map((c) => c.origin).sort()).toEqual(['imported', 'issued']);
    expect((await call('GET', `/api/v1/me/credentials/${card.id}`, { ...learner })).statusCode).toBe(200);
    // Another person's wallet does not have it.
    expect((await call('GET', `/api/v1/me/credentials/${card.id}`, { ...other })).statusCode).toBe(404);
  });

  it('imports baked PNG and SVG badges (keeping the picture) and a JWT file', async () => {
    const png = await upload('simple-json.png', 'image/png', validator('simple-json.png'));
    expect(png.statusCode, png.body).toBe(201);
    expect(png.json()).toMatchObject({ source: 'image', verification: { verified: true }, image: expect.stringMatching(/^data:image\/png;base64,/) });
    // The same credential baked in an SVG is already held.
    const svg = await upload('simple-json.svg', 'image/svg+xml', validator('simple-json.svg'));
    expect(svg.statusCode, svg.body).toBe(200);
    // The validator's JWT that names its key (simple.jwt itself has no `kid` and a URL issuer, so nothing can check it).
    const jwt = await upload('simple.jwt', 'application/octet-stream', Buffer.from(extractFromPng(validator('simple-jwt.png'))));
    expect(jwt.statusCode, jwt.body).toBe(201);
    expect(jwt.json()).toMatchObject({ source: 'file', verification: { verified: true } });
  });

  it('refuses bad input with clear codes: not an image, SVG with script, oversized PNG chunk, unknown context, tampered baked image', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
    expect(await codeOf(upload('photo.jpg', 'image/jpeg', jpeg))).toEqual({ status: 422, code: 'credentials.baked_not_an_image' });

    const scripted = validator('simple-json.svg').toString('utf8').replace(/<\/svg>\s*$/, '<script>window.pwned = true</script></svg>');
    expect(await codeOf(upload('badge.svg', 'image/svg+xml', Buffer.from(scripted)))).toEqual({ status: 422, code: 'wallet.svg_active_content' });
    const onload = validator('simple-json.svg').toString('utf8').replace('<svg ', '<svg onload="alert(1)" ');
    expect(await codeOf(upload('badge.svg', 'image/svg+xml', Buffer.from(onload)))).toEqual({ status: 422, code: 'wallet.svg_active_content' });

    const oversized = Buffer.concat([validator('simple-json.png').subarray(0, 8), Buffer.from([0x7f, 0xff, 0xff, 0xff]), Buffer.from('tEXt'), Buffer.alloc(16)]);
    expect(await codeOf(upload('huge.png', 'image/png', oversized))).toEqual({ status: 422, code: 'credentials.baked_malformed_image' });

    const unknownContext = { ...vector.signedCredential, '@context': [...(vector.signedCredential['@context'] as string[]), 'https://contexts.example/unknown.jsonld'] };
    expect(await codeOf(call('POST', '/api/v1/me/credentials/import', { ...learner }, { credential: unknownContext }))).toEqual({ status: 422, code: 'wallet.unknown_context' });

    const original = validator('simple-json.png');
    const doctored = JSON.parse(extractFromPng(original)) as Record<string, unknown>;
    const tampered = bakePng(original, JSON.stringify({ ...doctored, name: 'Doctored badge' }));
    const refused = await upload('tampered.png', 'image/png', Buffer.from(tampered));
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'wallet.credential_not_authentic', checks: expect.arrayContaining([expect.objectContaining({ id: 'proof', outcome: 'fail' })]) });
    expect(await codeOf(call('POST', '/api/v1/me/credentials/import', { ...learner }, { credential: 'not a credential' }))).toEqual({ status: 422, code: 'wallet.not_a_credential' });
  });

  it('hides and shows a credential; a hidden one cannot be shared', async () => {
    const hidden = await call('PUT', `/api/v1/me/credentials/${issuedId}/hidden`, { ...learner }, { hidden: true });
    expect(hidden.statusCode, hidden.body).toBe(200);
    expect((hidden.json() as Card).hidden).toBe(true);
    const refused = await call('POST', '/api/v1/me/shares', { ...learner }, { items: [{ credentialId: issuedId }] });
    expect(refused.statusCode).toBe(409);
    expect((refused.json() as Problem).code).toBe('wallet.credential_hidden');
    expect((await call('PUT', `/api/v1/me/credentials/${issuedId}/hidden`, { ...other }, { hidden: true })).statusCode).toBe(404);
    const shown = await call('PUT', `/api/v1/me/credentials/${issuedId}/hidden`, { ...learner }, { hidden: false });
    expect((shown.json() as Card).hidden).toBe(false);
  });

  it('shares a portfolio: public page verifies each credential live, shows only chosen evidence, counts views, records events; revoked → 410', async () => {
    const imported = ((await call('GET', '/api/v1/me/credentials', { ...learner })).json() as { items: Card[] }).items.find((c) => c.title === 'Teamwork')!;
    const created = await share({ title: 'For Bluewater', items: [{ credentialId: issuedId, evidence: [0] }, { credentialId: imported.id }] });
    expect(created.url).toMatch(/^http:\/\/localhost:4996\/s\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(created.url);
    // Only the hash is stored.
    const stored = await app.database.db.selectFrom('wallet_shares').select('token_hash').where('id', '=', created.share.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);

    const page = await app.server.inject({ method: 'GET', url: `/api/v1/shares/${token}` });
    expect(page.statusCode, page.body).toBe(200);
    const view = page.json() as PublicShare;
    expect(view.holder).toBe('Amara Okafor');
    expect(view.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    const [mine, theirs] = view.credentials;
    expect(mine).toMatchObject({ id: issuedId, verification: { verified: true }, evidence: [{ name: 'Workbook' }], credential: null });
    expect(mine!.issuer.name).toMatch(/Northbridge/);
    const linkedIn = new URL(mine!.linkedIn);
    expect(Object.fromEntries(linkedIn.searchParams)).toMatchObject({ startTask: 'CERTIFICATION_NAME', name: mine!.title, issueYear: '2026', issueMonth: '12', certUrl: created.url });
    expect(linkedIn.searchParams.get('organizationName')).toMatch(/Northbridge/);
    expect(theirs).toMatchObject({ title: 'Teamwork', verification: { verified: true }, credential: expect.objectContaining({ proof: expect.anything() }) });
    // The visitor is told which credential names the person sharing it and which does not.
    expect([mine!.holderMatch, theirs!.holderMatch]).toEqual(['issued_here', 'none']);
    await app.server.inject({ method: 'GET', url: `/api/v1/shares/${token}` });

    const list = (await call('GET', '/api/v1/me/shares', { ...learner })).json() as { items: Array<{ id: string; viewCount: number; state: string }> };
    expect(list.items.find((s) => s.id === created.share.id)).toMatchObject({ viewCount: 2, state: 'active' });
    expect((await call('POST', `/api/v1/me/shares/${created.share.id}/revoke`, { ...other })).statusCode).toBe(404);
    const revoked = await call('POST', `/api/v1/me/shares/${created.share.id}/revoke`, { ...learner });
    expect(revoked.json()).toMatchObject({ state: 'revoked' });

    const gone = await app.server.inject({ method: 'GET', url: `/api/v1/shares/${token}` });
    expect(gone.statusCode).toBe(410);
    expect((gone.json() as Problem).code).toBe('wallet.share_gone');
    expect((await app.server.inject({ method: 'GET', url: `/s/${token}` })).statusCode).toBe(410);
    expect((await app.server.inject({ method: 'GET', url: `/api/v1/shares/${'x'.repeat(43)}` })).statusCode).toBe(404);

    const events = await app.database.db.selectFrom('events').select(['type', 'actor_id', 'payload']).where('subject_id', '=', created.share.id).orderBy('id').execute();
    expect(events.map((e) => e.type)).toEqual(['share.created', 'share.viewed', 'share.viewed', 'share.revoked']);
    expect(events[0]!.payload).toEqual({ credentialCount: 2, expires: false });
    expect(events[1]!.actor_id).toBeNull();
    expect(JSON.stringify(events)).not.toContain(token);
  });

  it('an expiring link answers until its time, then 410', async () => {
    const created = await share({ expiresAt: new Date(now.getTime() + 3_600_000).toISOString(), items: [{ credentialId: issuedId }] });
    const token = tokenOf(created.url);
    expect((await app.server.inject({ method: 'GET', url: `/s/${token}` })).statusCode).toBe(200);
    now = new Date(now.getTime() + 2 * 3_600_000);
    const gone = await app.server.inject({ method: 'GET', url: `/api/v1/shares/${token}` });
    expect(gone.statusCode).toBe(410);
    expect(gone.json()).toMatchObject({ code: 'wallet.share_gone', reason: 'expired' });
    const past = await call('POST', '/api/v1/me/shares', { ...learner }, { expiresAt: new Date(now.getTime() - 1000).toISOString(), items: [{ credentialId: issuedId }] });
    expect((past.json() as Problem).code).toBe('wallet.invalid_share');
    const foreign = await call('POST', '/api/v1/me/shares', { ...other }, { items: [{ credentialId: issuedId }] });
    expect(foreign.statusCode).toBe(404);
  });

  it('tells whether an imported credential names the learner: by their email address, or by their holder DID once they set it', async () => {
    const signedFor = signedElsewhere;
    const holderKey = await sampleIssuerKey(14);
    const byEmail = await call('POST', '/api/v1/me/credentials/import', { ...learner }, { credential: await signedFor({ email: learnerEmail, salt: 'salt-from-elsewhere' }, 'Named by email') });
    expect(byEmail.statusCode, byEmail.body).toBe(201);
    expect((byEmail.json() as Card).holderMatch).toBe('email');
    // The same credential in another person's wallet does not name them.
    expect(((await call('POST', '/api/v1/me/credentials/import', { ...other }, { credential: await signedFor({ email: learnerEmail, salt: 'salt-from-elsewhere' }, 'Named by email') })).json() as Card).holderMatch).toBe('none');

    const byDid = (await call('POST', '/api/v1/me/credentials/import', { ...learner }, { credential: await signedFor({ did: holderKey.did }, 'Named by DID') })).json() as Card;
    expect(byDid.holderMatch).toBe('none');
    // Typing the DID is not enough: until the learner proves it is theirs, nothing counts as naming them.
    expect((await call('PUT', '/api/v1/me/holder-did', { ...learner }, { did: holderKey.did })).json()).toMatchObject({ code: 'wallet.holder_proof_required' });
    expect((((await call('GET', '/api/v1/me/credentials', { ...learner })).json() as { items: Card[] }).items.find((c) => c.id === byDid.id))?.holderMatch).toBe('none');
    expect((await proveHolderDid(app.server, learner, holderKey, createDocumentLoader())).statusCode).toBe(200);
    const cards = ((await call('GET', '/api/v1/me/credentials', { ...learner })).json() as { items: Card[] }).items;
    expect(Object.fromEntries(cards.map((c) => [c.title, c.holderMatch]))).toMatchObject({ 'Named by email': 'email', 'Named by DID': 'did', Teamwork: 'none' });
    expect(((await call('GET', `/api/v1/me/credentials/${byDid.id}`, { ...learner })).json() as Card).holderMatch).toBe('did');

    const created = await share({ items: [{ credentialId: byDid.id }] });
    const view = (await app.server.inject({ method: 'GET', url: `/api/v1/shares/${tokenOf(created.url)}` })).json() as PublicShare;
    expect(view.credentials.map((c) => c.holderMatch)).toEqual(['did']);
  });

  it('removes an imported credential for good: gone from the wallet and from its links, a link left empty is revoked; issued ones are only hidden', async () => {
    const imported = (await call('POST', '/api/v1/me/credentials/import', { ...learner }, { credential: await signedElsewhere({ email: learnerEmail, salt: 'removal-salt' }, 'To be removed') })).json() as Card;
    const alone = await share({ items: [{ credentialId: imported.id }] });
    const together = await share({ items: [{ credentialId: issuedId }, { credentialId: imported.id }] });
    const remove = (id: string, headers: SessionHeaders = learner) => app.server.inject({ method: 'DELETE', url: `/api/v1/me/credentials/${id}`, headers: { ...headers } });

    // Not someone else's to remove: it looks unknown to them, and stays.
    expect(await codeOf(remove(imported.id, other))).toEqual({ status: 404, code: 'wallet.credential_not_found' });
    expect(await codeOf(remove(issuedId))).toEqual({ status: 409, code: 'wallet.issued_not_removable' });
    const removed = await remove(imported.id);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toEqual({ sharesRevoked: 1 });

    expect((await call('GET', `/api/v1/me/credentials/${imported.id}`, { ...learner })).statusCode).toBe(404);
    expect(await codeOf(remove(imported.id))).toEqual({ status: 404, code: 'wallet.credential_not_found' });
    const gone = await app.server.inject({ method: 'GET', url: `/api/v1/shares/${tokenOf(alone.url)}` });
    expect(gone.json()).toMatchObject({ code: 'wallet.share_gone', reason: 'revoked' });
    const left = (await app.server.inject({ method: 'GET', url: `/api/v1/shares/${tokenOf(together.url)}` })).json() as PublicShare;
    expect(left.credentials.map((c) => c.id)).toEqual([issuedId]);
    const items = await app.database.db.selectFrom('wallet_share_items').select('share_id').where('credential_id', '=', imported.id).execute();
    expect(items).toEqual([]);
    const events = await app.database.db.selectFrom('events').select(['type', 'subject_id', 'payload']).where('type', 'in', ['holding.removed', 'share.revoked']).where('subject_id', 'in', [imported.id, alone.share.id]).orderBy('id').execute();
    expect(events).toEqual([
      { type: 'holding.removed', subject_id: imported.id, payload: { sharesRevoked: 1 } },
      { type: 'share.revoked', subject_id: alone.share.id, payload: {} },
    ]);
  });
});
