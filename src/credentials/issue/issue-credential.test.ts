import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../errors.js';
import { createDocumentLoader, type RemoteDocument } from '../contexts/document-loader.js';
import { issueVcJwt } from '../proof/vc-jwt.js';
import { didKeyDocument, testDidResolver } from '../verify/test-doubles.js';
import { verifyCredential } from '../verify/verify-credential.js';
import { CHECK_IDS, type VerificationReport } from '../verify/verification-report.js';
import { buildClrCredential } from './clr-credential.js';
import { hashedEmailIdentity } from './credential-parts.js';
import { buildEndorsementCredential } from './endorsement-credential.js';
import { SAMPLE_OPEN_BADGE_INPUT, sampleIssuerKey } from './issue-fixtures.js';
import { issueCredential } from './issue-credential.js';
import { SCHEMA_INVALID } from './issue-errors.js';
import { buildOpenBadgeCredential } from './open-badge-credential.js';

const loader = createDocumentLoader();
const issuedAt = new Date('2025-03-01T09:00:00Z');
const now = new Date('2026-01-01T00:00:00Z');
let issuer: Awaited<ReturnType<typeof sampleIssuerKey>>;
beforeAll(async () => {
  issuer = await sampleIssuerKey();
});

const verify = (credential: unknown, options: { at?: Date; resolveDid?: ReturnType<typeof testDidResolver> } = {}) =>
  verifyCredential({ credential, documentLoader: loader, clock: () => options.at ?? now, resolveDid: options.resolveDid ?? testDidResolver() });
const outcome = (report: VerificationReport, id: string) => report.checks.find((c) => c.id === id)?.outcome;
const issueSample = () => issueCredential({ credential: buildOpenBadgeCredential(SAMPLE_OPEN_BADGE_INPUT(issuer.did)), signer: issuer.signer, documentLoader: loader, clock: () => issuedAt });

/** The reference stack's loader: bundled contexts plus did:key documents and their methods. */
const referenceLoader = async (url: string): Promise<RemoteDocument> => {
  if (url.startsWith('did:key:')) {
    const [did, fragment] = url.split('#') as [string, string | undefined];
    const document = didKeyDocument(did)!;
    const found = fragment ? { '@context': 'https://w3id.org/security/multikey/v1', ...document.verificationMethod![0] } : document;
    return { contextUrl: null, documentUrl: url, document: found };
  }
  return loader(url);
};

describe('issueCredential', () => {
  it('issues an OpenBadgeCredential that passes every check', async () => {
    const report = await verify(await issueSample());
    expect(report.checks.filter((c) => c.outcome !== 'pass')).toEqual([]);
    expect(report.verified).toBe(true);
  });

  it('credentials Tessera issues verify with @digitalbazaar/vc', async () => {
    const result = await vc.verifyCredential({ credential: await issueSample(), suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), documentLoader: referenceLoader });
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
  });

  it('credentials @digitalbazaar/vc issues verify with Tessera', async () => {
    const unsigned = buildOpenBadgeCredential(SAMPLE_OPEN_BADGE_INPUT(issuer.did));
    const signed = await vc.issue({ credential: unsigned, suite: new DataIntegrityProof({ signer: issuer.signer, cryptosuite: eddsaRdfc2022 }), documentLoader: referenceLoader });
    expect((await verify(signed)).verified).toBe(true);
  });

  it('refuses a credential that fails the schema with credentials.schema_invalid, listing every path', async () => {
    const credential = buildOpenBadgeCredential(SAMPLE_OPEN_BADGE_INPUT(issuer.did));
    const subject = credential.credentialSubject as Record<string, Record<string, unknown>>;
    delete subject.achievement!.name;
    subject.achievement!.alignment = (subject.achievement!.alignment as unknown[])[0];
    const error: unknown = await issueCredential({ credential, signer: issuer.signer, documentLoader: loader, clock: () => issuedAt }).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe(SCHEMA_INVALID);
    const paths = ((error as { extensions: { errors: Array<{ instancePath: string }> } }).extensions.errors).map((e) => e.instancePath);
    expect(paths).toEqual(expect.arrayContaining(['/credentialSubject/achievement', '/credentialSubject/achievement/alignment']));
  });

  it('issues an EndorsementCredential and a ClrCredential with associations that verify', async () => {
    const endorsement = await issueCredential({
      credential: buildEndorsementCredential({ id: 'urn:uuid:0d4f3c2b-1a2b-4c3d-8e9f-000000000001', issuer: { id: issuer.did, name: 'Harbour Logistics (industry partner)' }, name: 'Endorsement of Data Analysis with Python', subjectId: 'https://northbridge.example/achievements/data-analysis-python/v2', endorsementComment: 'Graduates meet our junior analyst bar. ✔', validFrom: '2025-01-01T00:00:00Z' }),
      signer: issuer.signer, documentLoader: loader, clock: () => issuedAt,
    });
    const badge = await issueSample();
    const clr = await issueCredential({
      credential: buildClrCredential({ id: 'urn:uuid:0d4f3c2b-1a2b-4c3d-8e9f-000000000002', issuer: { id: issuer.did, name: 'Northbridge College of Technology' }, learner: { did: 'did:example:learner-1' }, name: 'Transcript', verifiableCredential: [badge], association: [{ associationType: 'isPartOf', sourceId: 'https://northbridge.example/achievements/data-analysis-python/v2', targetId: 'https://northbridge.example/pathways/data' }], validFrom: '2025-03-02T00:00:00Z' }),
      signer: issuer.signer, documentLoader: loader, clock: () => issuedAt,
    });
    for (const credential of [endorsement, clr]) expect((await verify(credential)).checks.filter((c) => c.outcome !== 'pass')).toEqual([]);
  });

  it('a ClrCredential bundling a tampered credential fails embedded_credentials while its own proof passes', async () => {
    const badge = await issueSample();
    const clr = await issueCredential({
      credential: buildClrCredential({ id: 'urn:uuid:0d4f3c2b-1a2b-4c3d-8e9f-000000000003', issuer: { id: issuer.did, name: 'Northbridge College of Technology' }, learner: { did: 'did:example:learner-1' }, name: 'Transcript', verifiableCredential: [badge, { ...badge, name: 'Rocket Science (forged)' }], validFrom: '2025-03-02T00:00:00Z' }),
      signer: issuer.signer, documentLoader: loader, clock: () => issuedAt,
    });
    const report = await verify(clr);
    expect(outcome(report, CHECK_IDS.proof)).toBe('pass');
    expect(outcome(report, CHECK_IDS.embeddedCredentials)).toBe('fail');
    expect(report.checks.find((c) => c.id === CHECK_IDS.embeddedCredentials)?.message).toMatch(/Bundled credential 2 of 2/);
    expect(report.verified).toBe(false);
  });

  it('issues a VC-JWT that verifies', async () => {
    const jwt = await issueVcJwt({ credential: buildOpenBadgeCredential(SAMPLE_OPEN_BADGE_INPUT(issuer.did)), signer: issuer.signer });
    const report = await verify(jwt);
    expect(report.format).toBe('vc-jwt');
    expect(report.checks.filter((c) => c.outcome !== 'pass')).toEqual([]);
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { vc: Record<string, unknown> };
    claims.vc.name = 'Something else';
    const tampered = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    expect(outcome(await verify(tampered), CHECK_IDS.proof)).toBe('fail');
  });

  it('a VC-JWT without kid is checked with its DID issuer\'s assertion key; exp past means expired', async () => {
    const credential = buildOpenBadgeCredential(SAMPLE_OPEN_BADGE_INPUT(issuer.did));
    const { validUntil: _none, ...withoutExpiry } = credential;
    const noKid = { ...issuer.signer, id: undefined as unknown as string };
    const jwt = await issueVcJwt({ credential: withoutExpiry, signer: noKid });
    expect(JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString('utf8'))).not.toHaveProperty('kid');
    expect((await verify(jwt)).checks.filter((c) => c.outcome !== 'pass')).toEqual([]);
    const [header, payload] = jwt.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const expiredClaims = Buffer.from(JSON.stringify({ ...claims, exp: Math.floor(Date.parse('2025-06-01T00:00:00Z') / 1000) })).toString('base64url');
    const signature = Buffer.from(await issuer.signer.sign({ data: new TextEncoder().encode(`${header}.${expiredClaims}`) })).toString('base64url');
    const report = await verify(`${header}.${expiredClaims}.${signature}`);
    expect(outcome(report, CHECK_IDS.proof)).toBe('pass');
    expect(outcome(report, CHECK_IDS.validityWindow)).toBe('fail');
  });
});

describe('hashed email identity', () => {
  it('matches the data model example: sha256 of "a@example.com" salted with "Kosher"', () => {
    expect(hashedEmailIdentity('a@example.com', 'Kosher').identityHash).toBe('sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399');
  });

  it('hashes non-ASCII addresses over their UTF-8 bytes', () => {
    const expected = createHash('sha256').update(Buffer.from('ana.garcía@example.orgc8f1b2d4e6a7', 'utf8')).digest('hex');
    expect(hashedEmailIdentity('ana.garcía@example.org', 'c8f1b2d4e6a7').identityHash).toBe(`sha256$${expected}`);
  });
});

describe('verification checks on an issued credential', () => {
  it('expired and not-yet-valid give validity_window', async () => {
    const signed = await issueSample();
    expect(outcome(await verify(signed, { at: new Date('2031-01-01T00:00:00Z') }), CHECK_IDS.validityWindow)).toBe('fail');
    expect(outcome(await verify(signed, { at: new Date('2024-01-01T00:00:00Z') }), CHECK_IDS.validityWindow)).toBe('fail');
  });

  it('an unknown context gives context', async () => {
    const signed = await issueSample();
    const report = await verify({ ...signed, '@context': [...(signed['@context'] as string[]), 'https://unknown.example/ctx.json'] });
    expect(outcome(report, CHECK_IDS.context)).toBe('fail');
    expect(report.verified).toBe(false);
  });

  it('a proof naming another key gives proof (and the key is not the issuer\'s)', async () => {
    const other = await sampleIssuerKey(9);
    const signed = await issueSample();
    const proof = { ...(signed.proof as Record<string, unknown>), verificationMethod: other.signer.id };
    const report = await verify({ ...signed, proof });
    expect(outcome(report, CHECK_IDS.proof)).toBe('fail');
    expect(outcome(report, CHECK_IDS.issuerResolution)).toBe('warning');
  });

  it('key_valid_at_issue fails for a proof created after the key was marked compromised, passes before', async () => {
    const signed = await issueSample();
    const withCompromise = (compromisedAt: string) => {
      const document = didKeyDocument(issuer.did)!;
      document.verificationMethod![0]!.compromisedAt = compromisedAt;
      return testDidResolver({ [issuer.did]: document });
    };
    expect(outcome(await verify(signed, { resolveDid: withCompromise('2025-02-01T00:00:00Z') }), CHECK_IDS.keyValidAtIssue)).toBe('fail');
    expect(outcome(await verify(signed, { resolveDid: withCompromise('2025-04-01T00:00:00Z') }), CHECK_IDS.keyValidAtIssue)).toBe('pass');
  });

  it('a key removed from assertionMethod fails issuer_resolution', async () => {
    const document = didKeyDocument(issuer.did)!;
    document.assertionMethod = [];
    const report = await verify(await issueSample(), { resolveDid: testDidResolver({ [issuer.did]: document }) });
    expect(outcome(report, CHECK_IDS.issuerResolution)).toBe('fail');
    expect(report.verified).toBe(false);
  });
});
