/**
 * What the verifier needs from the outside, injected per call. Part C (`credentials/dids`, `credentials/status`)
 * provides the production implementations; tests pass doubles.
 */

export interface DidDocument {
  '@context'?: unknown;
  id: string;
  verificationMethod?: Array<Record<string, unknown>>;
  assertionMethod?: Array<string | Record<string, unknown>>;
  [property: string]: unknown;
}

/** Never throws for a network or format failure: says why in `error`. */
export type DidResolution = { document: DidDocument } | { error: { code: string; message: string } };

export type ResolveDid = (did: string) => Promise<DidResolution>;

/** One result per `credentialStatus` entry. */
export interface StatusCheckResult {
  /** The entry's `statusPurpose` (`revocation`, `suspension`), or its type for older status methods. */
  statusPurpose: string;
  /** `ok`: bit clear; `revoked` / `suspended`: bit set; `error`: the list could not be fetched or read. */
  status: 'ok' | 'revoked' | 'suspended' | 'error';
  message: string;
  statusListCredential?: string;
}

export type CheckStatus = (credential: Record<string, unknown>) => Promise<StatusCheckResult[]>;

/** Says whether an issuer id (DID or URL) is on the platform's trusted issuer registry. */
export type TrustedIssuers = (issuerId: string) => Promise<boolean>;

export type Clock = () => Date;
