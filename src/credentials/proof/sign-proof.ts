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
 * Adds a Data Integrity proof with proof purpose `assertionMethod` (VC DI §4.2 Add Proof). The input is
 * not changed. Canonicalization runs in jsonld's safe mode, so a term the contexts do not define makes
 * signing fail instead of silently dropping the claim from what is signed.
 */
export const signProof = async (options: SignProofOptions): Promise<Record<string, unknown>> => {
  const suite = signingSuite(options.cryptosuite ?? CRYPTOSUITES.eddsaRdfc2022, options.signer, options.created);
  return jsigs.sign(structuredClone(options.document), {
    suite,
    purpose: new jsigs.purposes.AssertionProofPurpose(),
    documentLoader: options.documentLoader,
  });
};
