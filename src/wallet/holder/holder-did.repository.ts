import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/tables.js';

export interface HolderDidRecord {
  personId: string;
  did: string;
  method: 'key' | 'web';
  /** Sealed Ed25519 seed, only for a did:key Tessera made. */
  sealedSecretKey: string | null;
  createdAt: Date;
}

type Executor = Kysely<Database> | Transaction<Database>;

export function createHolderDidRepository(db: Kysely<Database>) {
  const toRecord = (row: { person_id: string; did: string; method: 'key' | 'web'; sealed_secret_key: string | null; created_at: Date }): HolderDidRecord => ({
    personId: row.person_id,
    did: row.did,
    method: row.method,
    sealedSecretKey: row.sealed_secret_key,
    createdAt: row.created_at,
  });
  return {
    async find(personId: string): Promise<HolderDidRecord | undefined> {
      const row = await db.selectFrom('holder_dids').selectAll().where('person_id', '=', personId).executeTakeFirst();
      return row && toRecord(row);
    },
    /** The holder DIDs of many people at once (a bulk job resolves a batch of recipients together). */
    async didsOf(personIds: readonly string[]): Promise<Map<string, string>> {
      if (personIds.length === 0) return new Map();
      const rows = await db.selectFrom('holder_dids').select(['person_id', 'did']).where('person_id', 'in', [...new Set(personIds)]).execute();
      return new Map(rows.map((r) => [r.person_id, r.did]));
    },
    async put(executor: Executor, record: Omit<HolderDidRecord, 'createdAt'> & { createdAt: Date }): Promise<void> {
      const values = { person_id: record.personId, did: record.did, method: record.method, sealed_secret_key: record.sealedSecretKey, created_at: record.createdAt };
      await executor.insertInto('holder_dids').values(values).onConflict((oc) => oc.column('person_id').doUpdateSet({ did: values.did, method: values.method, sealed_secret_key: values.sealed_secret_key, created_at: values.created_at })).execute();
    },
    async remove(executor: Executor, personId: string): Promise<boolean> {
      const result = await executor.deleteFrom('holder_dids').where('person_id', '=', personId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

export type HolderDidRepository = ReturnType<typeof createHolderDidRepository>;
