import jsigs, { type ProofResult } from 'jsonld-signatures';
import type { DocumentLoader, RemoteDocument } from '../contexts/document-loader.js';
import { isChainedProof, verifyChainedProof } from './chained-proof.js';
import { verifiesDirectly } from './eddsa-rdfc-verify.js';
import { CRYPTOSUITES, PROOF_TYPES, lenientVerificationSuites, verificationSuites } from './proof-suites.js';

/** The outcome for one entry of a document's `proof` (a proof set is checked entry by entry). */
export interface ProofOutcome {
  index: number;
  type: string | undefined;
  cryptosuite: string | undefined;
  verificationMethod: string | undefined;
  created: string | undefined;
  verified: boolean;
  /** Why it failed, from the proof library; absent when verified. */
  error?: string;
}

export interface VerifyProofsOptions {
  document: Record<string, unknown>;
  documentLoader: DocumentLoader;
  /**
   * Verification methods the caller has resolved AND found authorized for `assertionMethod`, by the id a
   * proof names. A proof naming any other method fails: key discovery and authorization are decided by the
   * caller (verify/), this module only checks signatures.
   */
  verificationMethods: ReadonlyMap<string, Record<string, unknown>>;
  /** Without JSON-LD safe mode (see lenientVerificationSuites); only for the OB 3.0.3 first-copy retry. */
  lenient?: boolean;
  /** `false`: always through jsonld-signatures, never eddsa-rdfc-verify.ts (the differential tests compare both). */
  direct?: boolean;
}

/** Stands in for the controller document: lists exactly the methods the caller authorized. */
const AUTHORIZED_CONTROLLER_ID = 'urn:tessera:authorized-verification-methods';

export const proofsOf = (document: Record<string, unknown>): unknown[] => {
  const { proof } = document;
  if (proof === undefined) return [];
  return Array.isArray(proof) ? proof : [proof];
};

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const messageOf = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const nested = (error as Error & { errors?: unknown[] }).errors;
  const detail = Array.isArray(nested) && nested.length > 0 ? nested.map(messageOf).join('; ') : error.message;
  const cause = error.cause instanceof Error ? ` (${messageOf(error.cause)})` : '';
  return `${detail}${cause}`;
};

/**
 * Proofs whose whole verification path (jsonld-signatures' ProofSet, DataIntegrityProof.verifyProof, the
 * templated eddsa-rdfc-2022 canonize, AssertionProofPurpose) only reads the document: ProofSet verifies a
 * shallow copy without `proof`, and the proof options are canonized from a copy. Other suites (legacy
 * Ed25519Signature2020, selective disclosure, JCS) get a deep copy, as a guard against mutation.
 */
const READ_ONLY_CRYPTOSUITES: readonly unknown[] = [CRYPTOSUITES.eddsaRdfc2022, CRYPTOSUITES.eddsa2022Legacy];
const isReadOnlyProof = (proof: unknown): boolean =>
  typeof proof === 'object' && proof !== null && (proof as Record<string, unknown>).type === PROOF_TYPES.dataIntegrity && READ_ONLY_CRYPTOSUITES.includes((proof as Record<string, unknown>).cryptosuite);

const sameProof = (a: Record<string, unknown>, b: unknown): boolean =>
  typeof b === 'object' && b !== null && a.proofValue === (b as Record<string, unknown>).proofValue &&
  a.verificationMethod === (b as Record<string, unknown>).verificationMethod && a.created === (b as Record<string, unknown>).created;

/** What a proof says about itself, whether or not it verifies. */
const baseOf = (proof: unknown, index: number): Omit<ProofOutcome, 'verified' | 'error'> => {
  const fields = typeof proof === 'object' && proof !== null ? (proof as Record<string, unknown>) : {};
  return {
    index,
    type: text(fields.type),
    cryptosuite: text(fields.cryptosuite),
    verificationMethod: text(fields.verificationMethod) ?? text((fields.verificationMethod as { id?: unknown } | undefined)?.id),
    created: text(fields.created),
  };
};

/**
 * Verifies every proof on the document (VC DI §4.4 Verify Proof, for each proof of a proof set or chain).
 * Never throws for a bad document: each proof gets an outcome. A single eddsa-rdfc-2022 proof that
 * verifies is checked without the libraries' plumbing (eddsa-rdfc-verify.ts); every other case, and every
 * failure, goes through jsonld-signatures.
 */
export const verifyProofs = async (options: VerifyProofsOptions): Promise<ProofOutcome[]> => {
  const proofs = proofsOf(options.document);
  if (proofs.length === 0) return [];
  // Verification methods are DID URLs or key URLs (`…#z6Mk…`), never context URLs, so they are looked up first.
  const loader = async (url: string): Promise<RemoteDocument> => {
    const method = options.verificationMethods.get(url);
    return method === undefined ? options.documentLoader(url) : { contextUrl: null, documentUrl: url, document: method };
  };
  if (proofs.length === 1 && !options.lenient && options.direct !== false && (await verifiesDirectly({ document: options.document, proof: proofs[0], documentLoader: loader, verificationMethods: options.verificationMethods }))) {
    return [{ ...baseOf(proofs[0], 0), verified: true }];
  }
  const purpose = new jsigs.purposes.AssertionProofPurpose({
    controller: { id: AUTHORIZED_CONTROLLER_ID, assertionMethod: [...options.verificationMethods.keys()] },
  });
  let results: ProofResult[] = [];
  let overallError: string | undefined;
  try {
    const document = proofs.every(isReadOnlyProof) ? options.document : structuredClone(options.document);
    const outcome = await jsigs.verify(document, { suite: options.lenient ? lenientVerificationSuites() : verificationSuites(), purpose, documentLoader: loader });
    results = outcome.results ?? [];
    if (outcome.error && results.length === 0) overallError = messageOf(outcome.error);
  } catch (error) {
    overallError = messageOf(error);
  }
  const unmatched = [...results];
  const outcomes: ProofOutcome[] = proofs.map((proof, index): ProofOutcome => {
    const fields = typeof proof === 'object' && proof !== null ? (proof as Record<string, unknown>) : {};
    const at = unmatched.findIndex((result) => sameProof(fields, result.proof));
    const result = at >= 0 ? unmatched.splice(at, 1)[0] : undefined;
    const base = baseOf(proof, index);
    if (result === undefined) {
      return { ...base, verified: false, error: overallError ?? 'No supported proof suite matches this proof.' };
    }
    return result.verified ? { ...base, verified: true } : { ...base, verified: false, error: messageOf(result.error ?? result.purposeResult?.error) };
  });
  return Promise.all(outcomes.map((outcome, index) => (outcome.verified ? outcome : rechecked(options, proofs, index, outcome))));
};

/** A chained proof fails in jsonld-signatures (see chained-proof.ts); check it the way the spec says. */
const rechecked = async (options: VerifyProofsOptions, proofs: unknown[], index: number, outcome: ProofOutcome): Promise<ProofOutcome> => {
  const proof = proofs[index] as Record<string, unknown>;
  const method = outcome.verificationMethod === undefined ? undefined : options.verificationMethods.get(outcome.verificationMethod);
  if (typeof proof !== 'object' || proof === null || !isChainedProof(proof) || method === undefined) return outcome;
  const result = await verifyChainedProof({ document: options.document, proof, allProofs: proofs, verificationMethod: method, documentLoader: options.documentLoader });
  const { error: _previous, ...rest } = outcome;
  return result.verified ? { ...rest, verified: true } : { ...rest, verified: false, error: result.error ?? 'Invalid signature.' };
};
