import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import type { DidDocument, ResolveDid } from './collaborators.js';

export interface ResolvedVerificationMethod {
  /** The method as jsonld-signatures needs it, under the id the proof names. */
  verificationMethod: Record<string, unknown>;
  controller: string;
  /** `did-document`: published by the controller; `key-fragment`: read from the URL's fragment only. */
  source: 'did-document' | 'key-fragment';
}

export type VerificationMethodResolution = ResolvedVerificationMethod | { error: string };

const ED25519_MULTIKEY_PREFIX = 'z6Mk';
/** P-256 Multikey (used by ecdsa-sd-2023); its library checks the key when verifying. */
const P256_MULTIKEY_PREFIX = 'zDna';

const idOf = (entry: unknown): string | undefined =>
  typeof entry === 'string' ? entry : typeof entry === 'object' && entry !== null && typeof (entry as { id?: unknown }).id === 'string' ? (entry as { id: string }).id : undefined;

/** DID documents may use relative ids (`#key-1`); compare them as absolute DID URLs. */
const absolute = (did: string, id: string): string => (id.startsWith('#') ? `${did}${id}` : id);

const embeddedMethods = (document: DidDocument): Array<Record<string, unknown>> => [
  ...(Array.isArray(document.verificationMethod) ? document.verificationMethod : []),
  ...(Array.isArray(document.assertionMethod) ? document.assertionMethod.filter((m): m is Record<string, unknown> => typeof m === 'object' && m !== null) : []),
];

const fromDidDocument = (did: string, methodId: string, document: DidDocument): VerificationMethodResolution => {
  const assertion = (Array.isArray(document.assertionMethod) ? document.assertionMethod : []).map(idOf).filter((id): id is string => id !== undefined).map((id) => absolute(did, id));
  // A bare DID as verificationMethod (seen with did:key) means the DID's assertion key.
  const wanted = methodId === did ? assertion[0] : methodId;
  if (wanted === undefined) return { error: `The DID document of ${did} lists no assertionMethod.` };
  if (!assertion.includes(wanted)) return { error: `${methodId} is not an assertionMethod of ${did}, so it may not sign credentials.` };
  const method = embeddedMethods(document).find((m) => typeof m.id === 'string' && absolute(did, m.id) === wanted);
  if (method === undefined) return { error: `The DID document of ${did} does not describe ${wanted}.` };
  const controller = typeof method.controller === 'string' ? absolute(did, method.controller) : did;
  return { verificationMethod: { ...method, id: methodId, controller }, controller, source: 'did-document' };
};

/**
 * The 1EdTech validator's convention for issuers without a DID: an `https:` verification method whose fragment
 * is the multibase public key. Nothing published by the issuer binds the key to it, so callers report it
 * as a warning.
 */
const fromKeyFragment = async (methodId: string): Promise<VerificationMethodResolution> => {
  const hash = methodId.indexOf('#');
  const fragment = methodId.slice(hash + 1);
  const controller = methodId.slice(0, hash);
  const isEd25519 = fragment.startsWith(ED25519_MULTIKEY_PREFIX);
  if (hash < 0 || !(isEd25519 || fragment.startsWith(P256_MULTIKEY_PREFIX)) || !/^https?:|^urn:/.test(controller)) {
    return { error: `The verification method ${JSON.stringify(methodId.slice(0, 200))} is neither a DID URL nor a URL whose fragment is a public key.` };
  }
  try {
    if (isEd25519) await Ed25519Multikey.from({ type: 'Multikey', publicKeyMultibase: fragment });
  } catch {
    return { error: `The fragment of ${methodId} is not a valid Ed25519 public key.` };
  }
  return {
    verificationMethod: { '@context': 'https://w3id.org/security/multikey/v1', id: methodId, type: 'Multikey', controller, publicKeyMultibase: fragment },
    controller,
    source: 'key-fragment',
  };
};

/** Finds the key a proof names and checks the controller lets it make assertions (VC DI §4.4 step on proof purpose). */
export const resolveVerificationMethod = async (methodId: string, resolveDid: ResolveDid | undefined): Promise<VerificationMethodResolution> => {
  if (!methodId.startsWith('did:')) return fromKeyFragment(methodId);
  const did = methodId.split('#')[0]!;
  if (resolveDid === undefined) return { error: `No DID resolver was given, so ${did} cannot be resolved.` };
  let resolution;
  try {
    resolution = await resolveDid(did);
  } catch (error) {
    return { error: `Resolving ${did} failed: ${error instanceof Error ? error.message : String(error)}.` };
  }
  if ('error' in resolution) return { error: `${did} could not be resolved: ${resolution.error.message}` };
  return fromDidDocument(did, methodId, resolution.document);
};
