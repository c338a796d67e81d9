import { CHECK_IDS, type CheckId, type VerificationReport } from '../../credentials/verify/verification-report.js';
import type { Standing } from '../credential-standing.js';
import { credentialNotAuthentic, notACredential, unknownContext } from '../wallet.errors.js';

/**
 * Checks that say whether the document is what it claims to be. A credential failing one of these is
 * refused at import; one that is authentic but revoked, expired or off-schema is kept and shown as such
 * (it is still the learner's record of what happened).
 */
const AUTHENTICITY: readonly CheckId[] = [CHECK_IDS.input, CHECK_IDS.context, CHECK_IDS.proof, CHECK_IDS.issuerResolution, CHECK_IDS.keyValidAtIssue, CHECK_IDS.embeddedCredentials];

/** Throws the wallet's problem for a report whose credential is not authentic; returns quietly otherwise. */
export function requireAuthentic(report: VerificationReport): void {
  const failed = report.checks.filter((c) => c.outcome === 'fail' && AUTHENTICITY.includes(c.id));
  const first = failed[0];
  if (!first) return;
  if (first.id === CHECK_IDS.input) throw notACredential(first.message, report.checks);
  if (first.id === CHECK_IDS.context) throw unknownContext(first.message, report.checks);
  throw credentialNotAuthentic(failed.map((c) => c.message).join(' '), report.checks);
}

/** How an imported credential stands, read from its verification report. */
export function standingFromReport(report: Pick<VerificationReport, 'checks'>): { standing: Standing; reason: string | null } {
  const status = report.checks.find((c) => c.id === CHECK_IDS.status);
  const entries = Array.isArray(status?.details?.entries) ? (status.details.entries as Array<{ status?: unknown }>) : [];
  const marked = entries.find((e) => e.status === 'revoked' || e.status === 'suspended');
  if (status?.outcome === 'fail' && marked) return { standing: marked.status as Standing, reason: status.message };
  const window = report.checks.find((c) => c.id === CHECK_IDS.validityWindow);
  if (window?.outcome === 'fail') return { standing: 'expired', reason: window.message };
  return { standing: 'valid', reason: null };
}
