import type { ShareRecord } from './shares.repository.js';

export type ShareState = 'active' | 'expired' | 'revoked';

/** Revocation outranks expiry: a link revoked and then past its date says it was revoked. */
export const shareState = (share: Pick<ShareRecord, 'revokedAt' | 'expiresAt'>, now: Date): ShareState =>
  share.revokedAt ? 'revoked' : share.expiresAt && share.expiresAt <= now ? 'expired' : 'active';
