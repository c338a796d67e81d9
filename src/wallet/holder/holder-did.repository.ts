import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/tables.js';

export interface HolderDidRecord {
  personId: string;
  did: string;
  method: 'key' | 'web';
  /** Sealed Ed25519 seed, only for a did:key Tessera made. */
  sealedSecretKey: string | null;
  /** When control of the DID was proved (see holder-did-proof.ts); null: it is not used. */
  provedAt: Date | null;
  createdAt: Date;
}

export interface HolderDidChallengeRecord {
  did: string;
  challenge: string;
  expiresAt: Date;
}

type Executor = Kysely<Database> | Transaction<Database>;

export function createHolderDidRepository(db: Kysely<Database>) {
  const toRecord = (row: { person_id: string; did: string; method: 'key' | 'web'; sealed_secret_key: string | null; proved_at: Date | null; created_at: Date }): HolderDidRecord => ({
    personId: row.person_id,
    did: row.did,
    method: row.method,
    sealedSecretKey: row.sealed_secret_key,
    provedAt: row.proved_at,
    createdAt: row.created_at,
  });
  return {
    async find(personId: string): Promise<HolderDidRecord | undefined> {
      const row = await db.selectFrom('holder_dids').selectAll().where('person_id', '=', personId).executeTakeFirst();
      return row && toRecord(row);
    },
    /**
     * The proved holder DIDs of many people at once (a bulk job resolves a batch of recipients together): the
     * only ones credentials name and the wallet matches, since an unproved one may be anybody's.
     */
    async didsOf(personIds: readonly string[]): Promise<Map<string, string>> {
      if (personIds.length === 0) return new Map();
      const rows = await db.selectFrom('holder_dids').select(['person_id', 'did']).where('person_id', 'in', [...new Set(personIds)]).where('proved_at', 'is not', null).execute();
      return new Map(rows.map((r) => [r.person_id, r.did]));
    },
    async put(executor: Executor, record: Omit<HolderDidRecord, 'createdAt'> & { createdAt: Date }): Promise<void> {
      const values = { person_id: record.personId, did: record.did, method: record.method, sealed_secret_key: record.sealedSecretKey, proved_at: record.provedAt, created_at: record.createdAt };
      await executor
        .insertInto('holder_dids')
        .values(values)
        .onConflict((oc) => oc.column('person_id').doUpdateSet({ did: values.did, method: values.method, sealed_secret_key: values.sealed_secret_key, proved_at: values.proved_at, created_at: values.created_at }))
        .execute();
    },

    /** The person's one open challenge; asking again replaces it. */
    async putChallenge(executor: Executor, personId: string, challenge: HolderDidChallengeRecord & { createdAt: Date }): Promise<void> {
      const values = { person_id: personId, did: challenge.did, challenge: challenge.challenge, created_at: challenge.createdAt, expires_at: challenge.expiresAt };
      await executor
        .insertInto('holder_did_challenges')
        .values(values)
        .onConflict((oc) => oc.column('person_id').doUpdateSet({ did: values.did, challenge: values.challenge, created_at: values.created_at, expires_at: values.expires_at }))
        .execute();
    },

    async findChallenge(personId: string): Promise<HolderDidChallengeRecord | undefined> {
      const row = await db.selectFrom('holder_did_challenges').select(['did', 'challenge', 'expires_at']).where('person_id', '=', personId).executeTakeFirst();
      return row && { did: row.did, challenge: row.challenge, expiresAt: row.expires_at };
    },

    /** Uses up the challenge if it is still the open one; false when another request used or replaced it first. */
    async takeChallenge(executor: Executor, personId: string, challenge: string): Promise<boolean> {
      const result = await executor.deleteFrom('holder_did_challenges').where('person_id', '=', personId).where('challenge', '=', challenge).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async remove(executor: Executor, personId: string): Promise<boolean> {
      const result = await executor.deleteFrom('holder_dids').where('person_id', '=', personId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

export type HolderDidRepository = ReturnType<typeof createHolderDidRepository>;
