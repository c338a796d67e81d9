import type { IssuerKey } from '../keys/key-lifecycle.js';

/** The two contexts of a Tessera DID document. */
export const DID_CONTEXT_V1 = 'https://www.w3.org/ns/did/v1';
export const MULTIKEY_CONTEXT_V1 = 'https://w3id.org/security/multikey/v1';

/**
 * Tessera's extension property on a verification method: when its key was compromised (XML Schema
 * dateTimeStamp). Proofs created before that moment stay acceptable to Tessera (see `isKeyValidAt`).
 */
export const COMPROMISED_AT_PROPERTY = 'compromisedAt';
/** The security vocabulary's (and Multikey context's) `revoked`: no proofs from this instant on. */
export const REVOKED_PROPERTY = 'revoked';

export interface VerificationMethod {
  id: string;
  type: string;
  controller: string;
  publicKeyMultibase?: string;
  [property: string]: unknown;
}

/** The part of a DID document Tessera reads and writes; other properties pass through untouched. */
export interface DidDocument {
  '@context'?: string | (string | Record<string, unknown>)[];
  id: string;
  verificationMethod?: VerificationMethod[];
  assertionMethod?: (string | VerificationMethod)[];
  authentication?: (string | VerificationMethod)[];
  [property: string]: unknown;
}

/** A verification method's id: the DID with the key's multibase as fragment, as did:key does. */
export const verificationMethodId = (did: string, publicKeyMultibase: string): string => `${did}#${publicKeyMultibase}`;

/**
 * The DID document of an organisation's keys (did:web), with one Multikey verification method per key.
 *
 * Every key stays in `verificationMethod` and `assertionMethod`, whatever its status: verifiers check that a
 * proof's key is listed for the proof's purpose, and credentials signed by a retired key, or by a
 * compromised key before it was compromised, must keep verifying. "No longer signs" is Tessera's rule for
 * its own signer (`activeKey`), not something a DID document can say.
 *
 * A compromised key carries Tessera's extension `compromisedAt` and the security vocabulary's `revoked`
 * (Controlled Identifiers 1.0: proofs made at or after it are not to be verified), both the same instant.
 * Tessera's verifier applies `isKeyValidAt`. Verifiers outside Tessera never read `compromisedAt`; what
 * they do depends on `revoked`:
 * - those that implement it as specified refuse proofs created at or after it, as Tessera does;
 * - jsonld-signatures (Ed25519Signature2020) refuses every proof of a revoked key, older genuine ones too;
 * - those that ignore it (digitalbazaar's Data Integrity verifier, for one) accept every proof of the key,
 *   including ones forged after the compromise. No DID document can stop those; the issuer's remedy is to
 *   reissue with a new key and tell relying parties.
 */
export const buildDidDocument = (options: { did: string; keys: readonly IssuerKey[] }): DidDocument => {
  const { did, keys } = options;
  const verificationMethod = keys.map((key): VerificationMethod => {
    const compromisedAt = key.status === 'compromised' ? key.compromisedAt.toISOString() : undefined;
    return {
      id: verificationMethodId(did, key.publicKeyMultibase),
      type: 'Multikey',
      controller: did,
      publicKeyMultibase: key.publicKeyMultibase,
      ...(compromisedAt ? { [COMPROMISED_AT_PROPERTY]: compromisedAt, [REVOKED_PROPERTY]: compromisedAt } : {}),
    };
  });
  const assertionMethod = verificationMethod.map((method) => method.id);
  return { '@context': [DID_CONTEXT_V1, MULTIKEY_CONTEXT_V1], id: did, verificationMethod, assertionMethod };
};
