import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../../db/tables.js';
import type { VerificationReport } from '../../credentials/verify/verification-report.js';
import type { HoldingImageType, HoldingSource, WalletHoldingsTable } from '../wallet.tables.js';

/** A credential the learner brought in from elsewhere, with the report of its last verification. */
export interface HoldingRecord {
  id: string;
  personId: string;
  source: HoldingSource;
  sourceUrl: string | null;
  credential: Record<string, unknown>;
  jwt: string | null;
  fingerprint: string;
  image: { type: HoldingImageType; bytes: Buffer } | null;
  report: Omit<VerificationReport, 'credential'>;
  verifiedAt: Date;
  importedAt: Date;
}

export type NewHolding = Omit<HoldingRecord, 'importedAt' | 'verifiedAt'> & { at: Date };

type Executor = Kysely<Database> | Transaction<Database>;

const columns = ['id', 'person_id', 'source', 'source_url', 'credential', 'jwt', 'fingerprint', 'image_type', 'image', 'report', 'verified_at', 'imported_at'] as const;

type Row = Selectable<WalletHoldingsTable>;

const toRecord = (row: Row): HoldingRecord => ({
  id: row.id,
  personId: row.person_id,
  source: row.source,
  sourceUrl: row.source_url,
  credential: row.credential,
  jwt: row.jwt,
  fingerprint: row.fingerprint,
  image: row.image_type && row.image ? { type: row.image_type, bytes: Buffer.from(row.image) } : null,
  report: row.report as unknown as HoldingRecord['report'],
  verifiedAt: row.verified_at,
  importedAt: row.imported_at,
});

export function createHoldingsRepository(db: Kysely<Database>) {
  return {
    async ofPerson(personId: string): Promise<HoldingRecord[]> {
      const rows = await db.selectFrom('wallet_holdings').select(columns).where('person_id', '=', personId).orderBy('imported_at', 'desc').execute();
      return rows.map(toRecord);
    },

    async find(id: string, executor: Executor = db): Promise<HoldingRecord | undefined> {
      const row = await executor.selectFrom('wallet_holdings').select(columns).where('id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },

    /** Inserts the holding unless the person already holds the same credential; returns the stored one and whether it is new. */
    async insertOnce(holding: NewHolding): Promise<{ record: HoldingRecord; created: boolean }> {
      const inserted = await db
        .insertInto('wallet_holdings')
        .values({
          id: holding.id,
          person_id: holding.personId,
          source: holding.source,
          source_url: holding.sourceUrl,
          credential: JSON.stringify(holding.credential),
          jwt: holding.jwt,
          fingerprint: holding.fingerprint,
          image_type: holding.image?.type ?? null,
          image: holding.image?.bytes ?? null,
          report: JSON.stringify(holding.report),
          verified_at: holding.at,
          imported_at: holding.at,
        })
        .onConflict((oc) => oc.columns(['person_id', 'fingerprint']).doNothing())
        .returning(columns)
        .executeTakeFirst();
      if (inserted) return { record: toRecord(inserted), created: true };
      const existing = await db.selectFrom('wallet_holdings').select(columns).where('person_id', '=', holding.personId).where('fingerprint', '=', holding.fingerprint).executeTakeFirstOrThrow();
      return { record: toRecord(existing), created: false };
    },

    /**
     * Deletes the person's holding, its hidden mark and its places in their share links, and revokes the links
     * left with nothing to show. Returns false when the person holds no such credential.
     */
    async remove(trx: Transaction<Database>, personId: string, id: string, at: Date): Promise<{ removed: boolean; emptiedShareIds: string[] }> {
      const removed = await trx.deleteFrom('wallet_holdings').where('id', '=', id).where('person_id', '=', personId).returning('id').executeTakeFirst();
      if (!removed) return { removed: false, emptiedShareIds: [] };
      await trx.deleteFrom('wallet_hidden_credentials').where('person_id', '=', personId).where('credential_id', '=', id).execute();
      const items = await trx
        .deleteFrom('wallet_share_items')
        .where('credential_id', '=', id)
        .where('share_id', 'in', (eb) => eb.selectFrom('wallet_shares').select('id').where('person_id', '=', personId))
        .returning('share_id')
        .execute();
      if (items.length === 0) return { removed: true, emptiedShareIds: [] };
      const emptied = await trx
        .updateTable('wallet_shares')
        .set({ revoked_at: at })
        .where('id', 'in', items.map((item) => item.share_id))
        .where('revoked_at', 'is', null)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('wallet_share_items').select('share_id').whereRef('wallet_share_items.share_id', '=', 'wallet_shares.id'))))
        .returning('id')
        .execute();
      return { removed: true, emptiedShareIds: emptied.map((share) => share.id) };
    },

    async hiddenOf(personId: string): Promise<Set<string>> {
      const rows = await db.selectFrom('wallet_hidden_credentials').select('credential_id').where('person_id', '=', personId).execute();
      return new Set(rows.map((r) => r.credential_id));
    },

    async setHidden(personId: string, credentialId: string, hidden: boolean, at: Date): Promise<void> {
      if (hidden) {
        await db.insertInto('wallet_hidden_credentials').values({ person_id: personId, credential_id: credentialId, hidden_at: at }).onConflict((oc) => oc.doNothing()).execute();
      } else {
        await db.deleteFrom('wallet_hidden_credentials').where('person_id', '=', personId).where('credential_id', '=', credentialId).execute();
      }
    },
  };
}

export type HoldingsRepository = ReturnType<typeof createHoldingsRepository>;
