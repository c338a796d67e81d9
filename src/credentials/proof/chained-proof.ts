import { createHash } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { decode as decodeBase58 } from 'base58-universal';
import type { DocumentLoader } from '../contexts/document-loader.js';
import { CRYPTOSUITES } from './proof-suites.js';

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** True when the proof names earlier proofs it signs over (a proof chain, VC DI §2.1.2). */
export const isChainedProof = (proof: Record<string, unknown>): boolean => proof.previousProof !== undefined;

/**
 * Verifies one eddsa-rdfc-2022 proof of a proof chain (VC DI §4.4 step 4 and VC DI EdDSA §3.3). The
 * digitalbazaar suite (data-integrity 2.5) strips every proof before hashing, but a chained proof also
 * covers the proofs it names in `previousProof`, so the document is rebuilt with exactly those proofs.
 * Every primitive is the library's: RDFC-1.0 canonicalization from the cryptosuite, SHA-256 and Ed25519
 * verification from the Multikey library.
 */
export const verifyChainedProof = async (options: {
  document: Record<string, unknown>;
  proof: Record<string, unknown>;
  allProofs: unknown[];
  verificationMethod: Record<string, unknown>;
  documentLoader: DocumentLoader;
}): Promise<{ verified: boolean; error?: string }> => {
  const { document, proof, allProofs, documentLoader } = options;
  if (proof.type !== 'DataIntegrityProof' || proof.cryptosuite !== CRYPTOSUITES.eddsaRdfc2022) {
    return { verified: false, error: 'Proof chains are verified for eddsa-rdfc-2022 only.' };
  }
  const wanted = asList(proof.previousProof);
  const previous = allProofs.filter((p) => typeof p === 'object' && p !== null && wanted.includes((p as { id?: unknown }).id));
  if (previous.length !== wanted.length) return { verified: false, error: 'A proof named in previousProof is missing from the document.' };
  const { proof: _all, ...unsecured } = document;
  const { proofValue, ...config } = proof;
  if (typeof proofValue !== 'string' || !proofValue.startsWith('z')) return { verified: false, error: 'The proofValue is not base58btc multibase.' };
  try {
    const [canonicalDocument, canonicalConfig] = await Promise.all([
      eddsaRdfc2022.canonize({ ...unsecured, proof: previous }, { documentLoader }),
      eddsaRdfc2022.canonize({ ...config, '@context': document['@context'] }, { documentLoader }),
    ]);
    const data = Buffer.concat([sha256(canonicalConfig), sha256(canonicalDocument)]);
    const key = await Ed25519Multikey.from(options.verificationMethod);
    const verified = await key.verifier().verify({ data, signature: decodeBase58(proofValue.slice(1)) });
    return verified ? { verified } : { verified, error: 'Invalid signature.' };
  } catch (error) {
    return { verified: false, error: error instanceof Error ? error.message : String(error) };
  }
};
