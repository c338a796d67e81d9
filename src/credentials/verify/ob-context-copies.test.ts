import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import jsigs from 'jsonld-signatures';
import { beforeAll, describe, expect, it } from 'vitest';
import { OB_3_0_3_FIRST_PUBLICATION_ALIAS } from '../contexts/bundled-contexts.js';
import { CONTEXT_URLS } from '../contexts/context-urls.js';
import { createDocumentLoader } from '../contexts/document-loader.js';
import { SAMPLE_OPEN_BADGE_INPUT, sampleIssuerKey } from '../issue/issue-fixtures.js';
import { buildOpenBadgeCredential } from '../issue/open-badge-credential.js';
import { signProof } from '../proof/sign-proof.js';
import { testDidResolver } from './test-doubles.js';
import { verifyCredential } from './verify-credential.js';
import { CHECK_IDS } from './verification-report.js';

const loader = createDocumentLoader();
const created = new Date('2025-03-01T09:00:00Z');
let issuer: Awaited<ReturnType<typeof sampleIssuerKey>>;
beforeAll(async () => {
  issuer = await sampleIssuerKey();
});

const verify = (credential: unknown) => verifyCredential({ credential, documentLoader: loader, clock: () => new Date('2026-01-01T00:00:00Z'), resolveDid: testDidResolver() });

/** An OB 3.0.3 credential carrying `endorsementJwt`, a term only the current copy of the context defines. */
const withEndorsementJwt = (): Record<string, unknown> => ({
  ...buildOpenBadgeCredential({ ...SAMPLE_OPEN_BADGE_INPUT(issuer.did), declareSchema: false }),
  endorsementJwt: ['eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJkaWQ6ZXhhbXBsZToxIn0.c2ln'],
});

const swapContext = (document: Record<string, unknown>, from: string, to: string): Record<string, unknown> => ({
  ...document,
  '@context': (document['@context'] as string[]).map((url) => (url === from ? to : url)),
});

describe('the two published copies of the OB 3.0.3 context', () => {
  it('a credential signed under the current copy verifies and the report says so', async () => {
    const signed = await signProof({ document: withEndorsementJwt(), signer: issuer.signer, documentLoader: loader, created });
    const report = await verify(signed);
    expect(report.verified).toBe(true);
    expect(report.openBadgesContextCopy).toBe('current');
    expect(report.checks.find((c) => c.id === CHECK_IDS.proof)?.outcome).toBe('pass');
  });

  /** An older issuer: the first copy, no safe mode, so `endorsementJwt` was silently left out of the hash. */
  const signedByOlderIssuer = async (): Promise<Record<string, unknown>> => {
    const olderIssuer = new DataIntegrityProof({
      signer: issuer.signer,
      date: created,
      cryptosuite: { ...eddsaRdfc2022, canonize: (input, options) => eddsaRdfc2022.canonize(input, { ...options, safe: false }) },
    });
    const underFirstCopy = swapContext(withEndorsementJwt(), CONTEXT_URLS.openBadgesV3_0_3, OB_3_0_3_FIRST_PUBLICATION_ALIAS);
    const signed = await jsigs.sign(underFirstCopy, { suite: olderIssuer, purpose: new jsigs.purposes.AssertionProofPurpose(), documentLoader: loader });
    return swapContext(signed, OB_3_0_3_FIRST_PUBLICATION_ALIAS, CONTEXT_URLS.openBadgesV3_0_3);
  };

  it('a credential signed under the first published copy verifies with a warning naming what is unsigned', async () => {
    const published = await signedByOlderIssuer();
    const report = await verify(published);
    expect(report.openBadgesContextCopy).toBe('first-publication');
    expect(report.verified).toBe(true);
    const proof = report.checks.find((c) => c.id === CHECK_IDS.proof);
    expect(proof?.outcome).toBe('warning');
    expect(proof?.message).toMatch(/first published copy.*endorsementJwt/);
  });

  it('an added claim the contexts do not define is not ignored by the retry', async () => {
    // Only endorsementJwt and jti may be left out; any other undefined property still fails.
    const report = await verify({ ...(await signedByOlderIssuer()), licensedToPractise: 'medicine' });
    expect(report.verified).toBe(false);
    expect(report.checks.find((c) => c.id === CHECK_IDS.proof)?.outcome).toBe('fail');
  });

  it('tampering is still caught when the retry under the first copy runs', async () => {
    const signed = await signProof({ document: withEndorsementJwt(), signer: issuer.signer, documentLoader: loader, created });
    const report = await verify({ ...signed, name: 'Another achievement' });
    expect(report.verified).toBe(false);
    expect(report.checks.find((c) => c.id === CHECK_IDS.proof)?.outcome).toBe('fail');
  });
});
