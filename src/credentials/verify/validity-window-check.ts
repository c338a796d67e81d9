import { CHECK_IDS, check, type VerificationCheck } from './verification-report.js';

const dateField = (credential: Record<string, unknown>, names: string[]): { name: string; date: Date } | { name: string; invalid: true } | undefined => {
  for (const name of names) {
    const value = credential[name];
    if (value === undefined) continue;
    const date = typeof value === 'string' ? new Date(value) : undefined;
    return date === undefined || Number.isNaN(date.getTime()) ? { name, invalid: true } : { name, date };
  }
  return undefined;
};

/**
 * VC DM 2.0 §4.9 (`validFrom`, `validUntil`), and VC DM 1.1's `issuanceDate` / `expirationDate` for older
 * credentials. A credential dated in the future is refused too: it may be back-dated key misuse or a clock
 * error, and the 1EdTech validator rejects it the same way.
 */
export const checkValidityWindow = (credential: Record<string, unknown>, now: Date): VerificationCheck => {
  const from = dateField(credential, ['validFrom', 'issuanceDate']);
  const until = dateField(credential, ['validUntil', 'expirationDate']);
  for (const field of [from, until]) {
    if (field !== undefined && 'invalid' in field) return check(CHECK_IDS.validityWindow, 'fail', `The ${field.name} value is not a valid date-time.`);
  }
  const start = from && 'date' in from ? from : undefined;
  const end = until && 'date' in until ? until : undefined;
  if (start && start.date.getTime() > now.getTime()) {
    return check(CHECK_IDS.validityWindow, 'fail', `The credential is not valid yet: its ${start.name} is ${start.date.toISOString()}.`, { reason: 'not_yet_valid' });
  }
  if (end && end.date.getTime() <= now.getTime()) {
    return check(CHECK_IDS.validityWindow, 'fail', `The credential expired on ${end.date.toISOString()}.`, { reason: 'expired' });
  }
  if (!start) return check(CHECK_IDS.validityWindow, 'warning', 'The credential states no validFrom or issuanceDate.');
  return check(CHECK_IDS.validityWindow, 'pass', end ? `The credential is valid until ${end.date.toISOString()}.` : 'The credential is valid and has no expiry date.');
};
