import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedDataPath } from '../../../test/support/shared-data.js';
import { credentialTextFromUpload } from '../baking/baked-credential.js';
import { createDocumentLoader } from '../contexts/document-loader.js';
import type { DidDocument } from './collaborators.js';
import { testDidResolver, testStatusChecker } from './test-doubles.js';
import { verifyCredential } from './verify-credential.js';
import { CHECK_IDS, type CheckId, type VerificationReport } from './verification-report.js';

const fixtures = (...segments: string[]): string => sharedDataPath('credentials', ...segments);
const readJson = (path: string): Record<string, unknown> => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

// The status lists the fixtures point at (raw.githubusercontent.com), served from the shipped copies.
const STATUS_LISTS = {
  'https://raw.githubusercontent.com/digitalcredentials/verifier-core/refs/heads/main/src/test-fixtures/status/e5WK8CbZ1GjycuPombrj': readJson(fixtures('dcc-verifier-core', 'status-list_e5WK8CbZ1GjycuPombrj.json')),
  'https://raw.githubusercontent.com/1EdTech/digital-credentials-public-validator/refs/heads/main/inspector-vc/src/test/resources/ob30/bit-string-list/testlist': readJson(
    fixtures('1edtech-validator', 'ob30', 'bit-string-list', 'testlist'),
  ),
};

/**
 * did:web documents for verifier-core's did:web fixtures, rebuilt here because nothing is fetched: the
 * published documents (digitalcredentials.github.io) list the same Ed25519 key as the fixtures' did:key.
 */
const DCC_KEY = 'z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q';
const didWebDocument = (did: string, type: 'Ed25519VerificationKey2020' | 'Multikey'): DidDocument => ({
  '@context': ['https://www.w3.org/ns/did/v1', type === 'Multikey' ? 'https://w3id.org/security/multikey/v1' : 'https://w3id.org/security/suites/ed25519-2020/v1'],
  id: did,
  verificationMethod: [{ id: `${did}#${DCC_KEY}`, type, controller: did, publicKeyMultibase: DCC_KEY }],
  assertionMethod: [`${did}#${DCC_KEY}`],
});
const DID_WEB_DOCUMENTS = {
  'did:web:digitalcredentials.github.io:dcc-did-web': didWebDocument('did:web:digitalcredentials.github.io:dcc-did-web', 'Ed25519VerificationKey2020'),
  'did:web:digitalcredentials.github.io:dcc-did-web:multikey': didWebDocument('did:web:digitalcredentials.github.io:dcc-did-web:multikey', 'Multikey'),
};

const verifyFixture = (path: string): Promise<VerificationReport> => verifyText(readFileSync(path, 'utf8'));

const verifyText = (credential: string): Promise<VerificationReport> =>
  verifyCredential({
    credential,
    documentLoader: createDocumentLoader(),
    clock: () => new Date('2026-06-01T00:00:00Z'),
    resolveDid: testDidResolver(DID_WEB_DOCUMENTS),
    checkStatus: testStatusChecker(STATUS_LISTS),
  });

const failing = (report: VerificationReport): CheckId[] => report.checks.filter((c) => c.outcome === 'fail').map((c) => c.id).sort();
const outcomeOf = (report: VerificationReport, id: CheckId) => report.checks.find((c) => c.id === id)?.outcome;

const { proof, status, validityWindow, issuerResolution, context, schema } = CHECK_IDS;

/** Expectations from EXPECTED.md: `[]` failing checks means VERIFY. */
describe('dcc-verifier-core fixtures (EXPECTED.md)', () => {
  it.each<[string, CheckId[]]>([
    ['v2_v2NoStatus.json', []],
    ['v2_v2SimpleIssuerId.json', []],
    ['v1_v1NoStatus.json', []],
    ['v1_v1SimpleIssuerId.json', []],
    ['v2_v2WithValidStatus.json', []],
    ['v1_v1WithValidStatus.json', []],
    ['eddsa_v2_v2EddsaWithValidStatus.json', []],
    ['eddsaAndEd25519_v2_v2DoubleSigWithValidStatus.json', []],
    ['v2_didWeb_v2didWebWithValidStatus.json', []],
    ['v2_didWeb_v2didWebMultikeyWithValidStatus.json', []],
    ['status-list_e5WK8CbZ1GjycuPombrj.json', []],
    ['v2_v2Expired.json', [validityWindow]],
    ['v1_v1Expired.json', [validityWindow]],
    ['v2_v2ExpiredWithValidStatus.json', [validityWindow]],
    ['v1_v1ExpiredWithValidStatus.json', [validityWindow]],
    ['v2_v2Revoked.json', [status]],
    ['v1_v1Revoked.json', [status]],
    ['v2_v2RevokedAndExpired.json', [status, validityWindow]],
    ['v1_v1RevokedAndExpired.json', [status, validityWindow]],
    ['derived_v2Tampered.json', [proof]],
    ['derived_v1Tampered.json', [proof]],
    ['derived_v2ExpiredAndTampered.json', [proof, validityWindow]],
    ['derived_v2NoProof.json', [proof]],
    ['eddsaAndEd25519_v2_v2DoubleSigWithBadStatusUrl.json', [status]],
    ['v2_didWeb_v2WithBadDidWeb.json', [issuerResolution, proof]],
  ])('%s fails exactly %j', async (file, expected) => {
    const report = await verifyFixture(fixtures('dcc-verifier-core', file));
    expect(failing(report)).toEqual([...expected].sort());
    expect(report.verified).toBe(expected.length === 0);
  });

  it('safeModeBreaker fails its proof with a JSON-LD safe-mode error', async () => {
    const report = await verifyFixture(fixtures('dcc-verifier-core', 'eddsa_v2_safeModeBreaker.json'));
    const check = report.checks.find((c) => c.id === proof);
    expect(check?.outcome).toBe('fail');
    expect(check?.message).toMatch(/safe mode/i);
  });

  it('a status list that cannot be fetched is reported as "status list not found"', async () => {
    const report = await verifyFixture(fixtures('dcc-verifier-core', 'eddsaAndEd25519_v2_v2DoubleSigWithBadStatusUrl.json'));
    expect(report.checks.find((c) => c.id === status)?.message).toMatch(/status list not found/);
    expect(outcomeOf(report, proof)).toBe('pass');
  });

  it.each(['v1_v1OBv3SpecExample.json', 'v2_v2OBv3SpecExample.json', 'v1_testVC.json'])('%s (outcome unknown upstream) gives a complete report', async (file) => {
    const report = await verifyFixture(fixtures('dcc-verifier-core', file));
    expect(report.checks.map((c) => c.id)).toEqual(expect.arrayContaining([proof, issuerResolution, validityWindow, status, schema]));
  });
});

describe('1EdTech validator fixtures (EXPECTED.md)', () => {
  const ob = (...s: string[]) => fixtures('1edtech-validator', 'ob30', ...s);
  const clr = (file: string) => fixtures('1edtech-validator', 'clr20', file);

  it.each([ob('simple.json'), ob('simple.1ob'), ob('simple-did-key-method.json'), ob('simple-context-alias.json'), ob('endorsement-valid.json'), clr('simple.json')])(
    'VALID: %s',
    async (path) => {
      const report = await verifyFixture(path);
      expect(failing(report)).toEqual([]);
    },
  );

  it.each([ob('simple_v1.json'), clr('simple_v1.json')])('WARNING only (VC 1.1 context): %s', async (path) => {
    const report = await verifyFixture(path);
    expect(failing(report)).toEqual([]);
    expect(outcomeOf(report, context)).toBe('warning');
  });

  it('WARNING for the legacy cryptosuite name eddsa-2022', async () => {
    const report = await verifyFixture(ob('simple-eddsa-2022.json'));
    expect(failing(report)).toEqual([]);
    expect(outcomeOf(report, proof)).toBe('warning');
  });

  it.each<[string, CheckId]>([
    [ob('simple-multiple-proofs.json'), proof],
    [ob('simple-err-proof-value.json'), proof],
    [ob('simple-err-proof-method.json'), proof],
    [ob('simple-err-proof-method-no-scheme.json'), proof],
    [ob('simple-err-proof-method-unknown-did-method.json'), proof],
    [ob('simple-err-proof-method-unknown-scheme.json'), proof],
    [ob('simple-err-expired.json'), validityWindow],
    [ob('simple-err-issued.json'), validityWindow],
    [ob('simple-err-context.json'), context],
    [ob('simple-err-issuer.json'), schema],
    [ob('bit-string-list', 'credential-status-revoked.json'), status],
    [ob('bit-string-list', 'credential-status-revoked-blank-nodes.json'), status],
    [ob('simple-noproof.json'), proof],
    [clr('simple-noproof.json'), proof],
    // did:web document and 1EdTechRevocationList only reachable over the network.
    [ob('credential-status-revoked.json'), issuerResolution],
  ])('INVALID: %s fails %s', async (path, id) => {
    const report = await verifyFixture(path);
    expect(report.verified).toBe(false);
    expect(outcomeOf(report, id)).toBe('fail');
  });

  it.each([
    'simple-err-type.json',
    'simple-err-credential-subject-achievement-result-description-type.json',
    'simple-err-credential-subject-identifier-type.json',
    'simple-err-credential-subject-profile-type.json',
    'simple-err-credential-subject-result-type.json',
    'simple-err-credential-subject-type.json',
    'simple-err-evidence-type.json',
    'simple-err-issuer-otheridentifier-type.json',
    'simple-err-issuer-parentorg-type.json',
    'simple-err-issuer-type.json',
    'complete.json',
    'complete_v1.json',
    'endorsement-err-schema-status-refresh.json',
    'velocity.jwt',
  ])('INVALID: %s', async (file) => {
    const report = await verifyFixture(ob(file));
    expect(report.verified).toBe(false);
  });

  it('flags simple-context-version (OB 3.0.2 context on VC 2.0)', async () => {
    expect(outcomeOf(await verifyFixture(ob('simple-context-version.json')), context)).toBe('warning');
  });

  it('simple.jwt (RS256, key only at the issuer URL) fails its proof without the network', async () => {
    const report = await verifyFixture(ob('simple.jwt'));
    expect(report.format).toBe('vc-jwt');
    expect(outcomeOf(report, proof)).toBe('fail');
    expect(report.checks.find((c) => c.id === proof)?.message).toMatch(/kid/);
  });

  it.each(['simple-jwt.png', 'simple-jwt.svg', 'simple-json.png', 'simple-json.svg'])('VALID: baked %s', async (file) => {
    const report = await verifyText(credentialTextFromUpload(readFileSync(sharedDataPath('credentials', '1edtech-validator', 'ob30', file))));
    expect(failing(report)).toEqual([]);
    expect(outcomeOf(report, proof)).toBe('pass');
  });

  it('a VC-JWT whose embedded key does not match its signature fails the proof check', async () => {
    const jwt = credentialTextFromUpload(readFileSync(sharedDataPath('credentials', '1edtech-validator', 'ob30', 'simple-jwt.svg')));
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { name: string };
    claims.name = 'Tampered';
    const tampered = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    expect(outcomeOf(await verifyText(jwt), proof)).toBe('pass');
    expect(outcomeOf(await verifyText(tampered), proof)).toBe('fail');
  });

  it('VALID: sd/derivedcredential.json (ecdsa-sd-2023 derived credential)', async () => {
    const report = await verifyFixture(ob('sd', 'derivedcredential.json'));
    expect(failing(report)).toEqual([]);
    expect(outcomeOf(report, proof)).toBe('pass');
  });
});
