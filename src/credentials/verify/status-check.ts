import type { CheckStatus } from './collaborators.js';
import { CHECK_IDS, check, type VerificationCheck } from './verification-report.js';

/** Runs the injected status checker over the credential's `credentialStatus` entries (Bitstring Status List §3). */
export const checkCredentialStatus = async (credential: Record<string, unknown>, checkStatus: CheckStatus | undefined): Promise<VerificationCheck> => {
  if (credential.credentialStatus === undefined) return check(CHECK_IDS.status, 'pass', 'The credential has no status entry, so it cannot be revoked.');
  if (checkStatus === undefined) return check(CHECK_IDS.status, 'warning', 'The credential has a status entry but no status checker was given, so revocation was not checked.');
  let results;
  try {
    results = await checkStatus(credential);
  } catch (error) {
    return check(CHECK_IDS.status, 'fail', `The status could not be checked: ${error instanceof Error ? error.message : String(error)}.`);
  }
  const details = { entries: results };
  const revoked = results.find((r) => r.status === 'revoked' || r.status === 'suspended');
  if (revoked) return check(CHECK_IDS.status, 'fail', `The credential is ${revoked.status}: ${revoked.message}`, details);
  // A list that cannot be read proves nothing either way; refusing is the safe side for a verifier.
  const broken = results.find((r) => r.status === 'error');
  if (broken) return check(CHECK_IDS.status, 'fail', `The status could not be checked: ${broken.message}`, details);
  if (results.length === 0) return check(CHECK_IDS.status, 'fail', 'The status checker returned no result for the credential\'s status entry.');
  return check(CHECK_IDS.status, 'pass', 'No status entry marks the credential revoked or suspended.', details);
};
