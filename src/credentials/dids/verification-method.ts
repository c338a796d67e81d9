import { decodeEd25519PublicKeyMultibase, encodeEd25519PublicKeyMultibase } from '../keys/multibase.js';
import { COMPROMISED_AT_PROPERTY, REVOKED_PROPERTY, type DidDocument, type VerificationMethod } from './did-document.js';
import { DID_RESOLUTION_ERRORS, type DidResolver } from './did-resolver.js';

/** Key types Tessera verifies Ed25519 proofs with. */
export const ED25519_VERIFICATION_METHOD_TYPES = ['Multikey', 'Ed25519VerificationKey2020'] as const;

export const VERIFICATION_METHOD_ERRORS = {
  ...DID_RESOLUTION_ERRORS,
  /** The DID resolved, but its document has no verification method with that id. */
  verificationMethodNotFound: 'verification_method_not_found',
  /** Found, but not an Ed25519 key Tessera can use, or controlled by someone else. */
  unsupportedVerificationMethod: 'unsupported_verification_method',
} as const;
export type VerificationMethodErrorCode = (typeof VERIFICATION_METHOD_ERRORS)[keyof typeof VERIFICATION_METHOD_ERRORS];

export interface ResolvedVerificationMethod {
  /** Absolute DID URL of the method. */
  id: string;
  type: (typeof ED25519_VERIFICATION_METHOD_TYPES)[number];
  controller: string;
  /** The key as a Multikey (`z6Mk…`), whichever form the document used. */
  publicKeyMultibase: string;
  publicKey: Uint8Array;
  /** Verification relationships of the document that list this method, e.g. `assertionMethod`. */
  relationships: string[];
  /** From when proofs of this key are refused: the earlier of `compromisedAt` and `revoked` (see `buildDidDocument`). */
  compromisedAt?: Date;
  /** The whole controller document, as a verifier's proof purpose check needs it. */
  document: DidDocument;
}

export type VerificationMethodResult =
  | { verificationMethod: ResolvedVerificationMethod }
  | { error: { code: VerificationMethodErrorCode; message: string } };

const RELATIONSHIPS = ['assertionMethod', 'authentication', 'capabilityInvocation', 'capabilityDelegation', 'keyAgreement'];

const absolute = (did: string, id: string) => (id.startsWith('#') ? did + id : id);

const methodsOf = (document: DidDocument): VerificationMethod[] => {
  const embedded = RELATIONSHIPS.flatMap((name) => (Array.isArray(document[name]) ? (document[name] as unknown[]) : []))
    .filter((entry): entry is VerificationMethod => typeof entry === 'object' && entry !== null);
  return [...(document.verificationMethod ?? []), ...embedded];
};

const relationshipsOf = (document: DidDocument, id: string): string[] =>
  RELATIONSHIPS.filter((name) => {
    const entries = document[name];
    if (!Array.isArray(entries)) return false;
    return entries.some((entry: unknown) => {
      const ref = typeof entry === 'string' ? entry : (entry as { id?: unknown } | null)?.id;
      return typeof ref === 'string' && absolute(document.id, ref) === id;
    });
  });

/** Picks the method `vmUrl` names; a DID without fragment names its only method (did:key proofs use that). */
const findMethod = (document: DidDocument, vmUrl: string): VerificationMethod | undefined => {
  const methods = methodsOf(document);
  if (!vmUrl.includes('#')) return methods.length === 1 ? methods[0] : undefined;
  return methods.find((method) => absolute(document.id, method.id) === vmUrl);
};

const unsupported = (message: string): VerificationMethodResult => ({
  error: { code: VERIFICATION_METHOD_ERRORS.unsupportedVerificationMethod, message },
});

const toResolved = (document: DidDocument, method: VerificationMethod): VerificationMethodResult => {
  const id = absolute(document.id, method.id);
  const type = ED25519_VERIFICATION_METHOD_TYPES.find((candidate) => candidate === method.type);
  if (!type) return unsupported(`${id} is a ${String(method.type)}, not an Ed25519 Multikey.`);
  // A document may list keys controlled by someone else; only its own keys speak for the DID.
  if (method.controller !== document.id) return unsupported(`${id} is controlled by ${String(method.controller)}, not ${document.id}.`);
  const publicKey = typeof method.publicKeyMultibase === 'string' ? decodeEd25519PublicKeyMultibase(method.publicKeyMultibase) : undefined;
  if (!publicKey) return unsupported(`${id} has no Ed25519 publicKeyMultibase.`);
  const dates = [method[COMPROMISED_AT_PROPERTY], method[REVOKED_PROPERTY]].filter((value) => value !== undefined);
  const times = dates.map((value) => (typeof value === 'string' ? new Date(value).getTime() : Number.NaN));
  // An unreadable date must not read as "never compromised".
  if (times.some(Number.isNaN)) return unsupported(`${id} has an unreadable ${COMPROMISED_AT_PROPERTY} or ${REVOKED_PROPERTY}.`);
  const compromisedAt = times.length > 0 ? new Date(Math.min(...times)) : undefined;
  return {
    verificationMethod: {
      id,
      type,
      controller: method.controller,
      publicKeyMultibase: encodeEd25519PublicKeyMultibase(publicKey),
      publicKey,
      relationships: relationshipsOf(document, id),
      ...(compromisedAt ? { compromisedAt } : {}),
      document,
    },
  };
};

/**
 * Resolves a verification method URL (`did:…#fragment`) to its Ed25519 key. Never throws for network or
 * format failures. It does not decide whether the key may be used for a proof: the caller checks
 * `relationships` for the proof purpose and `isKeyValidAt` with `compromisedAt`.
 */
export const resolveVerificationMethod = async (resolver: DidResolver, vmUrl: string): Promise<VerificationMethodResult> => {
  const did = vmUrl.split('#', 1)[0] ?? '';
  const resolution = await resolver(did);
  if ('error' in resolution) return resolution;
  const method = findMethod(resolution.document, vmUrl);
  if (!method) {
    return { error: { code: VERIFICATION_METHOD_ERRORS.verificationMethodNotFound, message: `${did} has no verification method ${vmUrl}.` } };
  }
  return toResolved(resolution.document, method);
};
