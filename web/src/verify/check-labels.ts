import type { BatchOutcome, CheckOutcome } from './verify-api.js';

/** Plain-language names of the credential engine's checks (src/credentials/verify/verification-report.ts). */
export const checkLabels: Record<string, string> = {
  input: 'Readable credential',
  context: 'Known vocabulary',
  proof: 'Signature',
  issuer_resolution: 'Issuer identity',
  key_valid_at_issue: 'Signing key valid when signed',
  status: 'Not revoked or suspended',
  validity_window: 'Within its validity dates',
  schema: 'Follows the Open Badges / CLR format',
  trusted_issuer: 'Trusted issuer',
  embedded_credentials: 'Bundled credentials',
};

export const checkLabel = (id: string): string => checkLabels[id] ?? id;

/** Icon and word together, so the outcome never rests on colour alone. */
export const outcomeMarks: Record<CheckOutcome, { icon: string; word: string }> = {
  pass: { icon: '✓', word: 'Passed' },
  warning: { icon: '!', word: 'Warning' },
  fail: { icon: '✗', word: 'Failed' },
};

export const batchOutcomeLabels: Record<BatchOutcome, string> = {
  verified: 'Verified',
  warnings: 'Verified, with warnings',
  not_verified: 'Not verified',
  unreadable: 'No credential found',
};
