import type { ProofOutcome } from '../proof/verify-proofs.js';
import { CHECK_IDS, check, type VerificationCheck } from './verification-report.js';

/**
 * Tessera marks a compromised key in its DID document with `compromisedAt` (or the security vocabulary's
 * `revoked`) instead of deleting it, so credentials signed before the compromise keep verifying. Anything
 * signed at or after that moment may have been made by the attacker.
 */
const invalidFrom = (method: Record<string, unknown>): Date | undefined => {
  const dates = [method.compromisedAt, method.revoked]
    .filter((value): value is string => typeof value === 'string')
    .map((value) => new Date(value))
    .filter((date) => !Number.isNaN(date.getTime()));
  return dates.length === 0 ? undefined : new Date(Math.min(...dates.map((d) => d.getTime())));
};

export const checkKeysValidAtIssue = (outcomes: ProofOutcome[], methods: ReadonlyMap<string, Record<string, unknown>>): VerificationCheck => {
  for (const outcome of outcomes) {
    const method = outcome.verificationMethod === undefined ? undefined : methods.get(outcome.verificationMethod);
    const cutoff = method === undefined ? undefined : invalidFrom(method);
    if (cutoff === undefined) continue;
    const created = outcome.created === undefined ? undefined : new Date(outcome.created);
    if (created === undefined || Number.isNaN(created.getTime())) {
      return check(CHECK_IDS.keyValidAtIssue, 'fail', `The key ${outcome.verificationMethod} was compromised on ${cutoff.toISOString()} and the proof has no creation date to show it was made before.`);
    }
    if (created.getTime() >= cutoff.getTime()) {
      return check(CHECK_IDS.keyValidAtIssue, 'fail', `The proof was created on ${created.toISOString()}, after its key was marked compromised on ${cutoff.toISOString()}.`);
    }
  }
  return check(CHECK_IDS.keyValidAtIssue, 'pass', 'No signing key was revoked or compromised before its proof was created.');
};
