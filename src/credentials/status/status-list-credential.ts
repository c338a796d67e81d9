import type { Bitstring } from './bitstring.js';
import { encodeBitstring } from './encoded-list.js';

/** The purposes Tessera issues lists for. (The spec also defines `refresh` and `message`.) */
export type IssuedStatusPurpose = 'revocation' | 'suspension';

export const CREDENTIALS_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';

// Type aliases, not interfaces, so both fit `Record<string, unknown>` parameters (signing, issuing).
export type BitstringStatusListCredential = {
  '@context': string[];
  id: string;
  type: ['VerifiableCredential', 'BitstringStatusListCredential'];
  issuer: string;
  validFrom?: string;
  validUntil?: string;
  credentialSubject: {
    id: string;
    type: 'BitstringStatusList';
    statusPurpose: IssuedStatusPurpose;
    encodedList: string;
    /** Milliseconds a verifier may cache the list (spec §2.2 `ttl`). */
    ttl?: number;
  };
};

/**
 * An unsigned BitstringStatusListCredential (spec §2.2); the issuing service signs it like any
 * credential. The Credentials v2 context already defines every Bitstring Status List term.
 * `id` is the URL the list is published at, the `statusListCredential` of its entries.
 */
export const buildBitstringStatusListCredential = (options: {
  id: string;
  /** The list's own id; `<id>#list` unless given. */
  subjectId?: string;
  issuer: string;
  statusPurpose: IssuedStatusPurpose;
  bitstring: Bitstring;
  validFrom?: Date;
  validUntil?: Date;
  ttl?: number;
}): BitstringStatusListCredential => ({
  '@context': [CREDENTIALS_V2_CONTEXT],
  id: options.id,
  type: ['VerifiableCredential', 'BitstringStatusListCredential'],
  issuer: options.issuer,
  ...(options.validFrom ? { validFrom: options.validFrom.toISOString() } : {}),
  ...(options.validUntil ? { validUntil: options.validUntil.toISOString() } : {}),
  credentialSubject: {
    id: options.subjectId ?? `${options.id}#list`,
    type: 'BitstringStatusList',
    statusPurpose: options.statusPurpose,
    encodedList: encodeBitstring(options.bitstring),
    ...(options.ttl === undefined ? {} : { ttl: options.ttl }),
  },
});

export type BitstringStatusListEntry = {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: IssuedStatusPurpose;
  /** A non-negative integer written as a base-10 string, as the spec requires. */
  statusListIndex: string;
  statusListCredential: string;
};

/** The `credentialStatus` entry of a credential whose status sits at `statusListIndex` of a list (spec §2.1). */
export const buildBitstringStatusListEntry = (options: {
  statusListCredential: string;
  statusListIndex: number;
  statusPurpose: IssuedStatusPurpose;
}): BitstringStatusListEntry => {
  if (!Number.isSafeInteger(options.statusListIndex) || options.statusListIndex < 0) {
    throw new RangeError('statusListIndex is a non-negative integer.');
  }
  const index = String(options.statusListIndex);
  return {
    id: `${options.statusListCredential}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: options.statusPurpose,
    statusListIndex: index,
    statusListCredential: options.statusListCredential,
  };
};
