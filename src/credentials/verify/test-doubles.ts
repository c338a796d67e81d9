import { gunzipSync } from 'node:zlib';
import { CONTEXT_URLS } from '../contexts/context-urls.js';
import type { CheckStatus, DidDocument, DidResolution, ResolveDid, StatusCheckResult } from './collaborators.js';

/**
 * Stand-ins for part C's DID resolver and status checker, for this capability's tests only. Part C's
 * `credentials/dids` and `credentials/status` replace them in the product; the lead may swap the tests over.
 */

/** The did:key document for an Ed25519 key (did:key spec §3.1.2, Multikey form). Pure, offline. */
export const didKeyDocument = (did: string): DidDocument | undefined => {
  const key = did.slice('did:key:'.length);
  if (!did.startsWith('did:key:z6Mk') || key.includes(':') || key.includes('#')) return undefined;
  const id = `${did}#${key}`;
  return {
    '@context': [CONTEXT_URLS.didV1, CONTEXT_URLS.multikeyV1],
    id: did,
    verificationMethod: [{ id, type: 'Multikey', controller: did, publicKeyMultibase: key }],
    assertionMethod: [id],
    authentication: [id],
  };
};

/** Resolves did:key, plus any DID documents given (e.g. a did:web document the test serves). */
export const testDidResolver = (documents: Record<string, DidDocument> = {}): ResolveDid => async (did: string): Promise<DidResolution> => {
  const document = documents[did] ?? didKeyDocument(did);
  return document ? { document: structuredClone(document) } : { error: { code: 'notFound', message: `${did} is not known to the test resolver.` } };
};

/** Bit `index` of a Bitstring Status List `encodedList` (multibase base64url of GZIP; bit 0 is the leftmost). */
const bitAt = (encodedList: string, index: number): boolean => {
  const bytes = gunzipSync(Buffer.from(encodedList.replace(/^u/, ''), 'base64url'));
  const byte = bytes[Math.floor(index / 8)];
  if (byte === undefined) throw new RangeError(`Index ${index} is outside the status list.`);
  return ((byte >> (7 - (index % 8))) & 1) === 1;
};

/**
 * Serves status list credentials by URL from memory. Entries whose list is not served answer
 * `error` ("status list not found"), as a checker does for a 404.
 */
export const testStatusChecker = (lists: Record<string, Record<string, unknown>>): CheckStatus => async (credential): Promise<StatusCheckResult[]> => {
  const entries = Array.isArray(credential.credentialStatus) ? credential.credentialStatus : [credential.credentialStatus];
  return entries.map((raw): StatusCheckResult => {
    const entry = (raw ?? {}) as Record<string, unknown>;
    const statusPurpose = String(entry.statusPurpose ?? entry.type ?? 'unknown');
    const url = typeof entry.statusListCredential === 'string' ? entry.statusListCredential : undefined;
    const list = url === undefined ? undefined : lists[url];
    if (url === undefined || list === undefined) return { statusPurpose, status: 'error', message: `status list not found: ${url ?? String(entry.id)}` };
    const subject = list.credentialSubject as { encodedList?: unknown };
    const set = bitAt(String(subject.encodedList), Number(entry.statusListIndex));
    const status = !set ? 'ok' : statusPurpose === 'suspension' ? 'suspended' : 'revoked';
    return { statusPurpose, status, message: set ? `Bit ${String(entry.statusListIndex)} is set in ${url}.` : `Bit ${String(entry.statusListIndex)} is clear.`, statusListCredential: url };
  });
};
