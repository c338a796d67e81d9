import jsigs from 'jsonld-signatures';
import type { DocumentLoader } from '../contexts/document-loader.js';
import { CRYPTOSUITES, signingSuite, type CredentialSigner, type SigningCryptosuite } from './proof-suites.js';

export interface SignProofOptions {
  /** The unsigned document (or one already carrying proofs: the new proof joins the proof set). */
  document: Record<string, unknown>;
  signer: CredentialSigner;
  documentLoader: DocumentLoader;
  /** The proof's `created` time. */
  created: Date;
  cryptosuite?: SigningCryptosuite;
}

/**
 * What jsonld-signatures writes to the document it signs: top-level keys only (`@context` replaced when the
 * suite's context is missing, `proof` set, or pushed onto an existing proof set). A top-level copy with its
 * own proof array therefore keeps the input unchanged, without a deep copy of a 15 KB credential per
 * signature; the signed document shares the input's nested values (neither is changed afterwards).
 */
const writableCopy = (document: Record<string, unknown>): Record<string, unknown> => {
  const copy = { ...document };
  if (Array.isArray(copy.proof)) copy.proof = [...(copy.proof as unknown[])];
  return copy;
};

/**
 * Adds a Data Integrity proof with proof purpose `assertionMethod` (VC DI §4.2 Add Proof). The input is
 * not changed. Canonicalization runs in jsonld's safe mode, so a term the contexts do not define makes
 * signing fail instead of silently dropping the claim from what is signed.
 */
export const signProof = async (options: SignProofOptions): Promise<Record<string, unknown>> => {
  const suite = signingSuite(options.cryptosuite ?? CRYPTOSUITES.eddsaRdfc2022, options.signer, options.created);
  return jsigs.sign(writableCopy(options.document), {
    suite,
    purpose: new jsigs.purposes.AssertionProofPurpose(),
    documentLoader: options.documentLoader,
  });
};
