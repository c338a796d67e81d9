import { typesOf } from './credential-fields.js';
import { CHECK_IDS, check, type VerificationCheck, type VerificationReport } from './verification-report.js';

/** Verifies one embedded credential (object or VC-JWT string) with the caller's collaborators. */
export type VerifyEmbedded = (credential: unknown) => Promise<VerificationReport>;

/**
 * A CLR's own proof says the transcript issuer assembled these credentials, not that each is genuine: every
 * bundled credential is verified in its own right (proof, key, status, dates) and any failure fails the CLR.
 */
export const checkEmbeddedCredentials = async (credential: Record<string, unknown>, verifyEmbedded: VerifyEmbedded): Promise<VerificationCheck | undefined> => {
  if (!typesOf(credential).includes('ClrCredential')) return undefined;
  const subject = credential.credentialSubject as { verifiableCredential?: unknown } | undefined;
  const embedded = [subject?.verifiableCredential ?? []].flat();
  if (embedded.length === 0) return check(CHECK_IDS.embeddedCredentials, 'fail', 'The ClrCredential bundles no credentials.');
  const reports = await Promise.all(embedded.map((item) => verifyEmbedded(item)));
  const failures = reports.flatMap((report, index) => (report.verified ? [] : [{ index, failing: report.checks.filter((c) => c.outcome === 'fail').map((c) => `${c.id}: ${c.message}`) }]));
  if (failures.length > 0) {
    const first = failures[0]!;
    return check(CHECK_IDS.embeddedCredentials, 'fail', `Bundled credential ${first.index + 1} of ${embedded.length} does not verify (${first.failing[0] ?? 'unknown reason'}).`, { failures });
  }
  const warned = reports.filter((report) => report.checks.some((c) => c.outcome === 'warning')).length;
  return check(CHECK_IDS.embeddedCredentials, 'pass', `All ${embedded.length} bundled credentials verify${warned > 0 ? ` (${warned} with warnings)` : ''}.`);
};
