import { createHash } from 'node:crypto';
import * as base58btc from 'base58-universal';
import jsigs from 'jsonld-signatures';
import type { DocumentLoader } from '../contexts/document-loader.js';
import type { Ed25519Verifier } from './ed25519-verifier.js';
import { CRYPTOSUITES, PROOF_TYPES, templatedEddsaRdfc2022 } from './proof-suites.js';

/** jsonld-signatures exports this (lib/documentLoader.js); Tessera's type declarations do not list it. */
const { extendContextLoader } = jsigs as typeof jsigs & { extendContextLoader(documentLoader: DocumentLoader): DocumentLoader };

/**
 * One eddsa-rdfc-2022 proof checked the way jsonld-signatures' ProofSet, DataIntegrityProof.verifyProof and
 * AssertionProofPurpose check it, without their plumbing (suite matching, per-call purpose objects,
 * promise queues). It only ever says `true` for a proof those libraries verify: for anything it does not
 * recognise, and for every failure, it says `false` and the caller runs the libraries, whose outcome and
 * error message are then the report's. `eddsa-rdfc-verify.test.ts` compares both over generated proofs.
 */

const DATA_INTEGRITY_V2 = 'https://w3id.org/security/data-integrity/v2';
const CREDENTIALS_V2 = 'https://www.w3.org/ns/credentials/v2';
/** Matches only strings data-integrity's (unanchored) XMLDateTimeRegExp accepts: every part is one of its alternatives. */
const DATE_TIME = /^(?:[1-9][0-9]{3}|0[0-9]{3})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?Z$/;

export interface DirectProofOptions {
  document: Record<string, unknown>;
  proof: unknown;
  /** The loader verifyProofs gives jsonld-signatures (authorized verification methods first). */
  documentLoader: DocumentLoader;
  verificationMethods: ReadonlyMap<string, Record<string, unknown>>;
}

const includes = (context: unknown, url: string): boolean => context === url || (Array.isArray(context) && context.includes(url));

/** The proof when it is one this path knows how to check, as jsonld-signatures would match it. */
const recognised = (options: DirectProofOptions): { proof: Record<string, unknown>; method: Record<string, unknown> } | undefined => {
  const { proof, document } = options;
  // ProofSet gives each proof the document's context, or the security context when it has none.
  if (typeof proof !== 'object' || proof === null || Array.isArray(proof) || !document['@context']) return undefined;
  const fields = proof as Record<string, unknown>;
  // ProofPurpose.match, then DataIntegrityProof.matchProof of the first suite (verificationSuites()).
  if (fields.proofPurpose !== 'assertionMethod' || fields.type !== PROOF_TYPES.dataIntegrity || fields.cryptosuite !== CRYPTOSUITES.eddsaRdfc2022) return undefined;
  if ('previousProof' in fields || '@context' in fields || fields.expires !== undefined) return undefined;
  if (fields.created !== undefined && !(typeof fields.created === 'string' && DATE_TIME.test(fields.created))) return undefined;
  if (typeof fields.proofValue !== 'string' || !fields.proofValue.startsWith('z') || typeof fields.verificationMethod !== 'string') return undefined;
  const method = options.verificationMethods.get(fields.verificationMethod);
  // ControllerProofPurpose: the loaded method's own id must be one the controller lists.
  if (method === undefined || method.id !== fields.verificationMethod) return undefined;
  return { proof: fields, method };
};

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

/** VC DI EdDSA §3.3.2–3.3.5 as data-integrity implements them; true only when the signature verifies. */
export const verifiesDirectly = async (options: DirectProofOptions): Promise<boolean> => {
  const matched = recognised(options);
  if (matched === undefined) return false;
  const { proof, method } = matched;
  try {
    // The same context documents jsonld-signatures would use: its own bundled contexts take precedence.
    const documentLoader = extendContextLoader(options.documentLoader);
    const { proof: _proofs, ...unsecured } = options.document;
    const { proofValue, ...config } = proof;
    const context = unsecured['@context'];
    // DataIntegrityProof.ensureSuiteContext: the proof options carry the document's context, plus the
    // Data Integrity context unless it (or VC 2.0, which includes it) is there.
    const withSuite = includes(context, DATA_INTEGRITY_V2) || includes(context, CREDENTIALS_V2) ? context : [...[context].flat(), DATA_INTEGRITY_V2];
    const [proofHash, documentHash] = await Promise.all([
      templatedEddsaRdfc2022.canonize({ '@context': withSuite, ...config }, { documentLoader, safe: true, base: null, skipExpansion: false }).then(sha256),
      templatedEddsaRdfc2022.canonize(unsecured, { documentLoader, base: null, safe: true }).then(sha256),
    ]);
    const verifier = (await templatedEddsaRdfc2022.createVerifier({ verificationMethod: method })) as Ed25519Verifier;
    if (verifier.algorithm !== templatedEddsaRdfc2022.requiredAlgorithm) return false;
    return await verifier.verify({ data: Buffer.concat([proofHash, documentHash]), signature: base58btc.decode((proofValue as string).slice(1)) });
  } catch {
    return false;
  }
};
