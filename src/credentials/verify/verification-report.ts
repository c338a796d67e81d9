/** Names of the checks in a verification report; declared once, used by the API, UI and tests. */
export const CHECK_IDS = {
  /** The input parses, is within size and depth limits, and is a credential object. */
  input: 'input',
  /** Every `@context` is one Tessera bundles; no inline or remote contexts. */
  context: 'context',
  /** Every proof's signature is valid over the document. */
  proof: 'proof',
  /** Each proof's verification method resolves and belongs to the issuer. */
  issuerResolution: 'issuer_resolution',
  /** The signing key was not revoked or compromised before the proof was created. */
  keyValidAtIssue: 'key_valid_at_issue',
  /** No status entry says revoked or suspended. */
  status: 'status',
  /** Now is within validFrom/validUntil (issuanceDate/expirationDate in VC 1.1). */
  validityWindow: 'validity_window',
  /** The credential matches the 1EdTech JSON Schema of its type. */
  schema: 'schema',
  /** The issuer is on the platform's trusted issuer registry. */
  trustedIssuer: 'trusted_issuer',
  /** Each credential a ClrCredential bundles verifies on its own (CLR 2.0 §8: verify every embedded credential). */
  embeddedCredentials: 'embedded_credentials',
} as const;

export type CheckId = (typeof CHECK_IDS)[keyof typeof CHECK_IDS];

export type CheckOutcome = 'pass' | 'fail' | 'warning';

export interface VerificationCheck {
  id: CheckId;
  outcome: CheckOutcome;
  /** One human sentence saying what was found. */
  message: string;
  /** Structured facts behind the sentence (failing schema paths, proof errors, status entries). */
  details?: Record<string, unknown>;
}

export interface VerificationReport {
  /** True when no check failed (warnings allowed). */
  verified: boolean;
  format: 'json-ld' | 'vc-jwt' | 'unknown';
  checks: VerificationCheck[];
  /** The credential as parsed (the JWT's `vc` claim for VC-JWT), when the input parsed. */
  credential?: Record<string, unknown>;
  /** Which published copy of the OB 3.0.3 context the proofs verified under, when the credential uses it. */
  openBadgesContextCopy?: 'current' | 'first-publication';
}

export const check = (id: CheckId, outcome: CheckOutcome, message: string, details?: Record<string, unknown>): VerificationCheck =>
  details === undefined ? { id, outcome, message } : { id, outcome, message, details };

export const reportOf = (
  format: VerificationReport['format'],
  checks: VerificationCheck[],
  extra: Pick<VerificationReport, 'credential' | 'openBadgesContextCopy'> = {},
): VerificationReport => ({ verified: checks.every((c) => c.outcome !== 'fail'), format, checks, ...extra });
