import { generateKeyPairSync, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { createDocumentLoader, type RemoteDocument } from '../src/credentials/contexts/document-loader.js';
import { SAMPLE_OPEN_BADGE_INPUT, sampleIssuerKey } from '../src/credentials/issue/issue-fixtures.js';
import { issueCredential } from '../src/credentials/issue/issue-credential.js';
import { createIssuerSigner } from '../src/credentials/keys/issuer-key.js';
import { buildOpenBadgeCredential } from '../src/credentials/issue/open-badge-credential.js';
import { didKeyDocument, testDidResolver } from '../src/credentials/verify/test-doubles.js';
import { verifyCredential } from '../src/credentials/verify/verify-credential.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

type Operation = () => Promise<unknown> | unknown;

/**
 * Operations per second of each operation, one core. The machine is shared, so the operations take turns
 * in short slices (ROUNDS of them) instead of one long run each: load that comes and goes then weighs on
 * all of them alike and the ratios stay meaningful.
 */
const ROUNDS = 8;
const rates = async <Name extends string>(operations: Record<Name, Operation>): Promise<Record<Name, number>> => {
  const entries = Object.entries(operations) as Array<[Name, Operation]>;
  const totals = new Map(entries.map(([name]) => [name, { count: 0, seconds: 0 }]));
  for (const [, operation] of entries) for (let i = 0; i < 20; i += 1) await operation();
  const slice = BigInt(Math.round((SECONDS / ROUNDS) * 1e9));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [name, operation] of entries) {
      const start = process.hrtime.bigint();
      let count = 0;
      while (process.hrtime.bigint() - start < slice) {
        await operation();
        count += 1;
      }
      const total = totals.get(name)!;
      total.count += count;
      total.seconds += Number(process.hrtime.bigint() - start) / 1e9;
    }
  }
  return Object.fromEntries([...totals].map(([name, t]) => [name, t.count / t.seconds])) as Record<Name, number>;
};

const line = (label: string, perSecond: number) => console.log(`${label.padEnd(52)} ${perSecond.toFixed(0).padStart(8)} /s   ${(1000 / perSecond).toFixed(3)} ms/op`);

export const run = async (): Promise<void> => {
  const { did, signer } = await sampleIssuerKey();
  const loader = createDocumentLoader();
  const unsigned = buildOpenBadgeCredential(SAMPLE_OPEN_BADGE_INPUT(did));
  const clock = () => new Date('2026-01-01T00:00:00Z');
  const resolveDid = testDidResolver();
  const signed = await issueCredential({ credential: unsigned, signer, documentLoader: loader, clock: () => new Date('2025-03-01T09:00:00Z') });

  // The reference stack used naively: @digitalbazaar/vc with the same static contexts and did:key documents.
  const referenceLoader = async (url: string): Promise<RemoteDocument> => {
    if (!url.startsWith('did:key:')) return loader(url);
    const [base, fragment] = url.split('#') as [string, string | undefined];
    const document = didKeyDocument(base)!;
    return { contextUrl: null, documentUrl: url, document: fragment ? { '@context': 'https://w3id.org/security/multikey/v1', ...document.verificationMethod![0] } : document };
  };
  // vc.issue adds the proof to the object it is given, so each call gets a fresh copy (as signProof does).
  const referenceSigned = await vc.issue({ credential: structuredClone(unsigned), suite: new DataIntegrityProof({ signer, cryptosuite: eddsaRdfc2022 }), documentLoader: referenceLoader });

  // Tessera signs with the issuer-keys signer (key imported into node:crypto once); the reference stack
  // uses the Multikey library's signer, as an application using it naively would.
  const tesseraSigner = await createIssuerSigner({ secretKey: new Uint8Array(32).fill(7), verificationMethod: signer.id });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const message = Buffer.alloc(64, 1);
  const signature = nodeSign(null, message, privateKey);
  const r = await rates({
    tesseraIssue: () => issueCredential({ credential: unsigned, signer: tesseraSigner, documentLoader: loader, clock }),
    tesseraVerify: async () => {
      const report = await verifyCredential({ credential: signed, documentLoader: loader, clock, resolveDid });
      if (!report.verified) throw new Error('benchmark credential failed to verify');
    },
    referenceIssue: () => vc.issue({ credential: structuredClone(unsigned), suite: new DataIntegrityProof({ signer, cryptosuite: eddsaRdfc2022 }), documentLoader: referenceLoader }),
    referenceVerify: async () => {
      const result = await vc.verifyCredential({ credential: referenceSigned, suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), documentLoader: referenceLoader });
      if (!result.verified) throw new Error('reference failed to verify');
    },
    rawSign: () => nodeSign(null, message, privateKey),
    rawVerify: () => nodeVerify(null, message, publicKey, signature),
  });
  const { tesseraIssue, tesseraVerify, referenceIssue, referenceVerify, rawSign, rawVerify } = r;

  console.log(`OB 3.0 credential with ESCO alignments, result and evidence; ${SECONDS} s per figure in ${ROUNDS} interleaved slices, one core`);
  line('Tessera issueCredential (schema check + sign)', tesseraIssue);
  line('Tessera verifyCredential (full report)', tesseraVerify);
  line('reference @digitalbazaar/vc issue', referenceIssue);
  line('reference @digitalbazaar/vc verifyCredential', referenceVerify);
  line('node:crypto Ed25519 sign (64 bytes)', rawSign);
  line('node:crypto Ed25519 verify (64 bytes)', rawVerify);
  console.log(`ratio issue  Tessera/reference: ${(tesseraIssue / referenceIssue).toFixed(2)}x (target 10x)`);
  console.log(`ratio verify Tessera/reference: ${(tesseraVerify / referenceVerify).toFixed(2)}x (target 10x)`);
};
