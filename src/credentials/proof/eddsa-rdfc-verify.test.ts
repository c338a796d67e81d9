import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDocumentLoader, type RemoteDocument } from '../contexts/document-loader.js';
import { SAMPLE_OPEN_BADGE_INPUT, sampleIssuerKey } from '../issue/issue-fixtures.js';
import { issueCredential } from '../issue/issue-credential.js';
import { buildOpenBadgeCredential } from '../issue/open-badge-credential.js';
import { verifiesDirectly } from './eddsa-rdfc-verify.js';
import { verifyProofs } from './verify-proofs.js';

type Doc = Record<string, unknown>;
type Mutation = (document: Doc, proof: Doc) => void;

/** Each changes the signed credential or its proof the way a forger, a buggy issuer or another library might. */
const MUTATIONS: Record<string, Mutation> = {
  createdOffset: (_, p) => (p.created = '2025-03-01T10:00:00+01:00'),
  createdMillis: (_, p) => (p.created = '2025-03-01T09:00:00.000Z'),
  createdBad: (_, p) => (p.created = 'yesterday'),
  createdNumber: (_, p) => (p.created = 20250301),
  created24: (_, p) => (p.created = '2025-03-01T24:00:00Z'),
  createdGone: (_, p) => delete p.created,
  expires: (_, p) => (p.expires = '2030-01-01T00:00:00Z'),
  purpose: (_, p) => (p.proofPurpose = 'authentication'),
  legacySuite: (_, p) => (p.cryptosuite = 'eddsa-2022'),
  jcsSuite: (_, p) => (p.cryptosuite = 'eddsa-jcs-2022'),
  type: (_, p) => (p.type = 'Ed25519Signature2020'),
  methodObject: (_, p) => (p.verificationMethod = { id: p.verificationMethod }),
  methodOther: (_, p) => (p.verificationMethod = `${String(p.verificationMethod)}x`),
  valueFlip: (_, p) => (p.proofValue = `${String(p.proofValue).slice(0, -2)}${String(p.proofValue).endsWith('a') ? 'b' : 'a'}`),
  valueBase64: (_, p) => (p.proofValue = `u${String(p.proofValue).slice(1)}`),
  valueGone: (_, p) => delete p.proofValue,
  proofContext: (d, p) => (p['@context'] = d['@context']),
  previousProof: (_, p) => (p.previousProof = 'urn:uuid:1'),
  domain: (_, p) => (p.domain = 'example.org'),
  proofId: (_, p) => (p.id = 'urn:uuid:3f1e7a52-4b8c-4a0e-9d61-0b7d5c3e8a11'),
  name: (d) => (d.name = `${String(d.name)}!`),
  issuerName: (d) => ((d.issuer as Doc).name = 'Someone else'),
  validFrom: (d) => (d.validFrom = '2020-01-01T00:00:00Z'),
  contextGone: (d) => delete d['@context'],
  contextOrder: (d) => (d['@context'] = [(d['@context'] ?? []) as string[]].flat().reverse()),
  proofSet: (d) => (d.proof = [d.proof]),
  extraTerm: (d) => (d.undefinedTerm = 'x'),
};

describe('the direct eddsa-rdfc-2022 check agrees with jsonld-signatures', () => {
  it('over generated credentials and tampered proofs (never verifies what the libraries reject)', async () => {
    const { did, signer } = await sampleIssuerKey();
    const loader = createDocumentLoader();
    const methodId = `${did}#${did.slice('did:key:'.length)}`;
    const method = { '@context': 'https://w3id.org/security/multikey/v1', id: methodId, type: 'Multikey', controller: did, publicKeyMultibase: did.slice('did:key:'.length) };
    const verificationMethods = new Map([[methodId, method]]);
    const name = fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }), fc.constantFrom('Data Analysis', 'Café ® 🎓', 'a"b\\c'));
    const mutation = fc.subarray(Object.keys(MUTATIONS), { maxLength: 2 });
    let direct = 0;
    const runs = 1500;
    await fc.assert(
      fc.asyncProperty(name, fc.constantFrom(0, 1, 2), mutation, async (achievementName, alignments, mutations) => {
        const input = SAMPLE_OPEN_BADGE_INPUT(did);
        const achievement = { ...input.achievement, name: achievementName };
        if ('alignment' in achievement && Array.isArray(achievement.alignment)) achievement.alignment = achievement.alignment.slice(0, alignments);
        const unsigned = buildOpenBadgeCredential({ ...input, achievement });
        const document = structuredClone(await issueCredential({ credential: unsigned, signer, documentLoader: loader, clock: () => new Date('2025-03-01T09:00:00Z') }));
        for (const key of mutations) MUTATIONS[key]!(document, (Array.isArray(document.proof) ? document.proof[0] : document.proof) as Doc);
        const options = { document, documentLoader: loader, verificationMethods };
        const proofs = Array.isArray(document.proof) ? document.proof : [document.proof];
        const withMethods = async (url: string): Promise<RemoteDocument> => (url === methodId ? { contextUrl: null, documentUrl: url, document: method } : loader(url));
        const fast = proofs.length === 1 && (await verifiesDirectly({ document, proof: proofs[0], documentLoader: withMethods, verificationMethods }));
        const libraries = await verifyProofs({ ...options, direct: false });
        if (fast) direct += 1;
        // Saying "verified" is the only thing the direct check can do, so it must never say it alone.
        if (fast) expect(libraries.every((o) => o.verified)).toBe(true);
        expect(await verifyProofs(options)).toEqual(libraries);
      }),
      { numRuns: runs },
    );
    // Untampered and harmlessly changed proofs must take the direct path, or the comparison means little.
    expect(direct).toBeGreaterThan(runs / 10);
  }, 600_000);
});
