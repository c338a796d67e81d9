import { createHash } from 'node:crypto';
import { isObject } from '../credentials/verify/credential-fields.js';

/**
 * Whether a credential names the person who holds it. A valid signature proves that the issuer signed the
 * credential for *someone*. It does not prove that this someone is the learner who imported it, or who is now
 * sharing it. OB 3.0 names the subject by `credentialSubject.id` (a DID or URL) or by `identifier`
 * IdentityObjects (§B.1.10): an email address, in plain text or hashed as `sha256$` or `md5$` plus the hex of
 * the address followed by the salt.
 *
 * - `issued_here`: Tessera issued it to this account.
 * - `email`: it names the account's email address.
 * - `did`: it names the holder DID on the account.
 * - `none`: it names neither, or nobody.
 */
export const HOLDER_MATCHES = ['issued_here', 'email', 'did', 'none'] as const;
export type HolderMatch = (typeof HOLDER_MATCHES)[number];

/** The person as Tessera knows them: the account's email address, and the holder DIDs on the account. */
export interface KnownHolder {
  /** The account's address once confirmed; '' before (an unconfirmed address proves nothing). */
  email: string;
  dids: readonly string[];
}

type Json = Record<string, unknown>;
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);

/** Does one IdentityObject name `email`? Hashes may have been made from the address as typed, so both spellings are tried. */
const identityNamesEmail = (identity: Json, email: string): boolean => {
  if (identity.identityType !== 'emailAddress' || typeof identity.identityHash !== 'string') return false;
  if (identity.hashed !== true) return identity.identityHash.trim().toLowerCase() === email.toLowerCase();
  const spellings = [...new Set([email, email.toLowerCase()])];
  const match = /^(sha256|md5)\$([0-9a-fA-F]+)$/.exec(identity.identityHash);
  if (!match) return false;
  const salt = typeof identity.salt === 'string' ? identity.salt : '';
  const expected = match[2]!.toLowerCase();
  return spellings.some((spelling) => createHash(match[1]!).update(`${spelling}${salt}`, 'utf8').digest('hex') === expected);
};

/** How a credential from elsewhere names `holder`; every subject of the credential is looked at. */
export function holderMatchOf(credential: Json, holder: KnownHolder): Exclude<HolderMatch, 'issued_here'> {
  const subjects = list(credential.credentialSubject).filter(isObject);
  if (subjects.some((subject) => typeof subject.id === 'string' && holder.dids.includes(subject.id))) return 'did';
  const identities = subjects.flatMap((subject) => list(subject.identifier)).filter(isObject);
  if (holder.email !== '' && identities.some((identity) => identityNamesEmail(identity, holder.email))) return 'email';
  return 'none';
}
