import { decodeEd25519PublicKeyMultibase, encodeEd25519PublicKeyMultibase, isEd25519Multikey } from '../keys/multibase.js';
import { DID_CONTEXT_V1, MULTIKEY_CONTEXT_V1, verificationMethodId, type DidDocument } from './did-document.js';

/**
 * did:key for Ed25519 keys: the DID is the key, so it resolves offline.
 * @see https://w3c-ccg.github.io/did-key-spec/
 */
const DID_KEY_PREFIX = 'did:key:';

export const didKeyFromPublicKey = (publicKey: Uint8Array): string => DID_KEY_PREFIX + encodeEd25519PublicKeyMultibase(publicKey);

/** The did:key of an Ed25519 `publicKeyMultibase`; `undefined` when the multibase is not an Ed25519 Multikey. */
export const didKeyFromPublicKeyMultibase = (publicKeyMultibase: string): string | undefined => {
  const publicKey = decodeEd25519PublicKeyMultibase(publicKeyMultibase);
  // Re-encode, so the bare-key form and the Multikey form of one key give the one DID.
  return publicKey ? didKeyFromPublicKey(publicKey) : undefined;
};

/**
 * The DID document of an Ed25519 did:key, with its key as a Multikey verification method for every
 * relationship, as the did:key spec's document creation algorithm does. The X25519 `keyAgreement` key the
 * spec may derive is left out: Tessera never encrypts to a DID.
 * Returns `undefined` for anything but `did:key:z6Mk…` (only Ed25519 is supported).
 */
export const didKeyDocument = (did: string): DidDocument | undefined => {
  if (!did.startsWith(DID_KEY_PREFIX)) return undefined;
  const multibase = did.slice(DID_KEY_PREFIX.length);
  // Only the Multikey form (`z6Mk…`) is a valid did:key; the header names the key type.
  if (!isEd25519Multikey(multibase)) return undefined;
  const id = verificationMethodId(did, multibase);
  return {
    '@context': [DID_CONTEXT_V1, MULTIKEY_CONTEXT_V1],
    id: did,
    verificationMethod: [{ id, type: 'Multikey', controller: did, publicKeyMultibase: multibase }],
    authentication: [id],
    assertionMethod: [id],
    capabilityInvocation: [id],
    capabilityDelegation: [id],
  };
};
