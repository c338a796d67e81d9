/**
 * What the status checker reports for one `credentialStatus` entry. A failure to check is a result, not an
 * exception. Shaped to fit the verifier's `StatusCheckResult` (credentials/verify/collaborators.ts).
 */
export interface StatusEntryResult {
  /** The entry's `type`, e.g. `BitstringStatusListEntry`. */
  type: string;
  /** `revocation`, `suspension`, `refresh` or `message`; `revocation` for 1EdTechRevocationList. */
  statusPurpose: string;
  /** `ok`: not revoked or suspended; `error`: the status could not be determined (see `code`). */
  status: 'ok' | 'revoked' | 'suspended' | 'error';
  message: string;
  /** For `error`: which check failed, named as the specifications name it. */
  code?: StatusErrorCode;
  statusListCredential?: string;
  statusListIndex?: number;
  /** The status value read from the list (0 = unset). */
  value?: number;
}

/**
 * Error names of Bitstring Status List §3.5 and VC Data Model 2.0 §7.1, plus one of Tessera's for status
 * methods it does not know.
 */
export const STATUS_ERRORS = {
  /** The list could not be fetched ("status list not found"). */
  retrieval: 'STATUS_RETRIEVAL_ERROR',
  /** The list's proof failed, or its purpose or type does not match the entry. */
  verification: 'STATUS_VERIFICATION_ERROR',
  /** The list has fewer entries than the minimum. */
  listLength: 'STATUS_LIST_LENGTH_ERROR',
  /** A value does not have the form the specification requires. */
  malformedValue: 'MALFORMED_VALUE_ERROR',
  /** The index lies outside the list. */
  range: 'RANGE_ERROR',
  unsupportedType: 'UNSUPPORTED_STATUS_TYPE',
} as const;
export type StatusErrorCode = (typeof STATUS_ERRORS)[keyof typeof STATUS_ERRORS];

/** Fetches a status list credential (or 1EdTech revocation list) by URL: the parsed JSON, or `undefined` for 404. */
export type FetchStatusList = (url: string) => Promise<unknown>;

export interface StatusListVerification {
  verified: boolean;
  message?: string;
}

/** Verifies the proofs (and validity period) of a fetched status list credential. */
export type VerifyStatusListCredential = (credential: Record<string, unknown>) => Promise<boolean | StatusListVerification>;

export type JsonObject = Record<string, unknown>;

export const isJsonObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

export const errorResult = (
  entry: Pick<StatusEntryResult, 'type' | 'statusPurpose' | 'statusListCredential' | 'statusListIndex'>,
  code: StatusErrorCode,
  message: string,
): StatusEntryResult => ({ ...entry, status: 'error', code, message });
