import type { IssuedCredentialRecord } from '../issuing/issued-credentials.repository.js';
import { summariseCredential, type CredentialSummary } from './credential-summary.js';
import type { LatestStatusChange } from './wallet.repository.js';

/** How a credential stands for the people who hold or issued it: the status list's word, or its expiry. */
export type Standing = 'valid' | 'expired' | 'revoked' | 'suspended';

export interface CredentialCard extends CredentialSummary {
  record: IssuedCredentialRecord;
  standing: Standing;
  /** Why and when it was revoked or suspended; null while it is valid or merely expired. */
  statusReason: string | null;
  statusChangedAt: Date | null;
}

export function credentialCard(record: IssuedCredentialRecord, latest: LatestStatusChange | undefined, now: Date): CredentialCard {
  // Revocation and suspension outrank expiry: a revoked credential that has also expired shows why it was revoked.
  const standing: Standing =
    record.status === 'revoked' ? 'revoked' : record.status === 'suspended' ? 'suspended' : record.validUntil && record.validUntil <= now ? 'expired' : 'valid';
  const explained = (standing === 'revoked' || standing === 'suspended') && latest && latest.action !== 'reinstate';
  return {
    ...summariseCredential(record.credential),
    record,
    standing,
    statusReason: explained ? latest.reason : null,
    statusChangedAt: explained ? latest.occurredAt : null,
  };
}
