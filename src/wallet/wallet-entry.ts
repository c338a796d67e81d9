import type { VerificationCheck } from '../credentials/verify/verification-report.js';
import type { CredentialCard, Standing } from './credential-standing.js';
import { holderMatchOf, type HolderMatch, type KnownHolder } from './holder-match.js';
import { summariseCredential, type CredentialSummary } from './credential-summary.js';
import { standingFromReport } from './holdings/holding-report.js';
import type { HoldingRecord } from './holdings/holdings.repository.js';
import type { HoldingImageType, HoldingSource } from './wallet.tables.js';

/** One credential in a learner's wallet, issued here or imported, as every wallet screen shows it. */
export interface WalletEntry extends CredentialSummary {
  id: string;
  origin: 'issued' | 'imported';
  kind: string;
  achievementId: string | null;
  issuedAt: Date;
  validUntil: Date | null;
  standing: Standing;
  statusReason: string | null;
  statusChangedAt: Date | null;
  credential: Record<string, unknown>;
  jwt: string | null;
  hidden: boolean;
  /** For imported credentials: the report of the verification made at import. */
  verification: { verified: boolean; checkedAt: Date; checks: VerificationCheck[] } | null;
  image: { type: HoldingImageType; bytes: Buffer } | null;
  source: HoldingSource | null;
  /** Whether the credential names the person whose wallet it is in (holder-match.ts). */
  holderMatch: HolderMatch;
}

export const entryFromIssued = (card: CredentialCard, hidden: boolean): WalletEntry => ({
  ...card,
  id: card.record.id,
  origin: 'issued',
  kind: card.record.kind,
  achievementId: card.record.achievementId,
  issuedAt: card.record.issuedAt,
  validUntil: card.record.validUntil,
  credential: card.record.credential,
  jwt: card.record.jwt,
  hidden,
  verification: null,
  image: null,
  source: null,
  holderMatch: 'issued_here',
});

const dateOf = (value: unknown): Date | null => {
  if (typeof value !== 'string') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};

const KINDS = ['ClrCredential', 'EndorsementCredential', 'OpenBadgeCredential', 'AchievementCredential'];

export function entryFromHolding(holding: HoldingRecord, hidden: boolean, holder: KnownHolder): WalletEntry {
  const { credential } = holding;
  const types = [credential.type].flat().filter((t): t is string => typeof t === 'string');
  const { standing, reason } = standingFromReport(holding.report);
  return {
    ...summariseCredential(credential),
    id: holding.id,
    origin: 'imported',
    kind: KINDS.find((k) => types.includes(k)) ?? 'VerifiableCredential',
    achievementId: null,
    issuedAt: dateOf(credential.validFrom) ?? dateOf(credential.issuanceDate) ?? holding.importedAt,
    validUntil: dateOf(credential.validUntil) ?? dateOf(credential.expirationDate),
    standing,
    statusReason: reason,
    statusChangedAt: null,
    credential,
    jwt: holding.jwt,
    hidden,
    verification: { verified: holding.report.verified, checkedAt: holding.verifiedAt, checks: holding.report.checks },
    image: holding.image,
    source: holding.source,
    holderMatch: holderMatchOf(credential, holder),
  };
}
