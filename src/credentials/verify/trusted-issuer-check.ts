import type { TrustedIssuers } from './collaborators.js';
import { issuerIdOf } from './credential-fields.js';
import { CHECK_IDS, check, type VerificationCheck } from './verification-report.js';

/** Trust is the platform's decision about the issuer, separate from whether the signature is valid. */
export const checkTrustedIssuer = async (credential: Record<string, unknown>, trustedIssuers: TrustedIssuers): Promise<VerificationCheck> => {
  const issuer = issuerIdOf(credential);
  if (issuer === undefined) return check(CHECK_IDS.trustedIssuer, 'fail', 'The credential names no issuer.');
  try {
    return (await trustedIssuers(issuer))
      ? check(CHECK_IDS.trustedIssuer, 'pass', `${issuer} is on the trusted issuer registry.`)
      : check(CHECK_IDS.trustedIssuer, 'warning', `${issuer} is not on the trusted issuer registry; the signature alone does not say who they are.`);
  } catch (error) {
    return check(CHECK_IDS.trustedIssuer, 'warning', `The trusted issuer registry could not be consulted: ${error instanceof Error ? error.message : String(error)}.`);
  }
};
