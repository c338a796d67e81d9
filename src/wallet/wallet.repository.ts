import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';

export interface LatestStatusChange {
  action: 'revoke' | 'suspend' | 'reinstate';
  reason: string;
  occurredAt: Date;
}

/** What the wallet reads beyond the issued-credentials repository: the latest status change of many credentials at once. */
export function createWalletRepository(db: Kysely<Database>) {
  return {
    async latestStatusChanges(credentialIds: string[]): Promise<Map<string, LatestStatusChange>> {
      if (credentialIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('credential_status_changes')
        .distinctOn('credential_id')
        .select(['credential_id', 'action', 'reason', 'occurred_at'])
        .where('credential_id', 'in', credentialIds)
        .orderBy('credential_id')
        .orderBy('id', 'desc')
        .execute();
      return new Map(rows.map((r) => [r.credential_id, { action: r.action, reason: r.reason, occurredAt: r.occurred_at }]));
    },
  };
}

export type WalletRepository = ReturnType<typeof createWalletRepository>;
