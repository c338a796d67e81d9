import type { IssuerKey } from '../keys/key-lifecycle.js';

/** The two contexts of a Tessera DID document. */
export const DID_CONTEXT_V1 = 'https://www.w3.org/ns/did/v1';
export const MULTIKEY_CONTEXT_V1 = 'https://w3id.org/security/multikey/v1';

/**
 * Tessera's extension property on a verification method: when its key was compromised (XML Schema
 * dateTimeStamp). Proofs created before that moment stay acceptable to Tessera (see `isKeyValidAt`).
 */
export const COMPROMISED_AT_PROPERTY = 'compromisedAt';

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
 * - active and retired keys are in `assertionMethod`: retired keys no longer sign, but credentials they
 *   signed must keep verifying everywhere, and every verifier checks that the proof's key is listed for
 *   the proof's purpose (`assertionMethod`).
 * - a compromised key stays in `verificationMethod` with `compromisedAt` and is removed from
 *   `assertionMethod`. Tessera's verifier reads `compromisedAt` and still accepts proofs created before it.
 *   A verifier outside Tessera does not know the property, so it ignores it; what it sees is a key no
 *   longer authorised for assertions, so it refuses every credential that key signed, including the
 *   older, genuine ones. That is the safe reading for a verifier that cannot tell them apart; the issuer
 *   can reissue those credentials with the new key.
 */
export const buildDidDocument = (options: { did: string; keys: readonly IssuerKey[] }): DidDocument => {
  const { did, keys } = options;
  const verificationMethod = keys.map((key): VerificationMethod => ({
    id: verificationMethodId(did, key.publicKeyMultibase),
    type: 'Multikey',
    controller: did,
    publicKeyMultibase: key.publicKeyMultibase,
    ...(key.status === 'compromised' ? { [COMPROMISED_AT_PROPERTY]: key.compromisedAt.toISOString() } : {}),
  }));
  const assertionMethod = keys
    .filter((key) => key.status !== 'compromised')
    .map((key) => verificationMethodId(did, key.publicKeyMultibase));
  return { '@context': [DID_CONTEXT_V1, MULTIKEY_CONTEXT_V1], id: did, verificationMethod, assertionMethod };
};
