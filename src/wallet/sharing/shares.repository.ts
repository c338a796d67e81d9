import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../../db/tables.js';
import type { WalletSharesTable } from '../wallet.tables.js';

export interface ShareItem {
  credentialId: string;
  /** Positions in the credential's `evidence` array that the share shows. */
  shownEvidence: number[];
}

export interface ShareRecord {
  id: string;
  personId: string;
  title: string | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  viewCount: number;
  lastViewedAt: Date | null;
  createdAt: Date;
  items: ShareItem[];
}

type Executor = Kysely<Database> | Transaction<Database>;

const columns = ['id', 'person_id', 'title', 'expires_at', 'revoked_at', 'view_count', 'last_viewed_at', 'created_at'] as const;

const toRecord = (row: Omit<Selectable<WalletSharesTable>, 'token_hash'>, items: ShareItem[]): ShareRecord => ({
  id: row.id,
  personId: row.person_id,
  title: row.title,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
  viewCount: row.view_count,
  lastViewedAt: row.last_viewed_at,
  createdAt: row.created_at,
  items,
});

export function createSharesRepository(db: Kysely<Database>) {
  const itemsOf = async (shareIds: string[], executor: Executor = db): Promise<Map<string, ShareItem[]>> => {
    const byShare = new Map<string, ShareItem[]>();
    if (shareIds.length === 0) return byShare;
    const rows = await executor.selectFrom('wallet_share_items').selectAll().where('share_id', 'in', shareIds).orderBy('share_id').orderBy('position').execute();
    for (const row of rows) byShare.set(row.share_id, [...(byShare.get(row.share_id) ?? []), { credentialId: row.credential_id, shownEvidence: row.shown_evidence }]);
    return byShare;
  };

  return {
    async insert(trx: Transaction<Database>, share: Omit<ShareRecord, 'revokedAt' | 'viewCount' | 'lastViewedAt'> & { tokenHash: string }): Promise<void> {
      await trx
        .insertInto('wallet_shares')
        .values({ id: share.id, person_id: share.personId, token_hash: share.tokenHash, title: share.title, expires_at: share.expiresAt, created_at: share.createdAt })
        .execute();
      await trx
        .insertInto('wallet_share_items')
        .values(share.items.map((item, position) => ({ share_id: share.id, credential_id: item.credentialId, position, shown_evidence: JSON.stringify(item.shownEvidence) })))
        .execute();
    },

    async ofPerson(personId: string): Promise<ShareRecord[]> {
      const rows = await db.selectFrom('wallet_shares').select(columns).where('person_id', '=', personId).orderBy('created_at', 'desc').execute();
      const items = await itemsOf(rows.map((r) => r.id));
      return rows.map((row) => toRecord(row, items.get(row.id) ?? []));
    },

    async find(id: string, executor: Executor = db, options: { lock?: boolean } = {}): Promise<ShareRecord | undefined> {
      let query = executor.selectFrom('wallet_shares').select(columns).where('id', '=', id);
      if (options.lock) query = query.forUpdate();
      const row = await query.executeTakeFirst();
      return row && toRecord(row, (await itemsOf([row.id], executor)).get(row.id) ?? []);
    },

    async findByTokenHash(tokenHash: string): Promise<ShareRecord | undefined> {
      const row = await db.selectFrom('wallet_shares').select(columns).where('token_hash', '=', tokenHash).executeTakeFirst();
      return row && toRecord(row, (await itemsOf([row.id])).get(row.id) ?? []);
    },

    async revoke(trx: Transaction<Database>, id: string, at: Date): Promise<void> {
      await trx.updateTable('wallet_shares').set({ revoked_at: at }).where('id', '=', id).execute();
    },

    /** Counts one view; returns the new count. */
    async countView(trx: Transaction<Database>, id: string, at: Date): Promise<number> {
      const row = await trx
        .updateTable('wallet_shares')
        .set((eb) => ({ view_count: eb('view_count', '+', 1), last_viewed_at: at }))
        .where('id', '=', id)
        .returning('view_count')
        .executeTakeFirstOrThrow();
      return row.view_count;
    },
  };
}

export type SharesRepository = ReturnType<typeof createSharesRepository>;
