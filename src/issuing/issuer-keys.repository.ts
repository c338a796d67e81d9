import type { Kysely, Transaction } from 'kysely';
import type { IssuerKey } from '../credentials/keys/key-lifecycle.js';
import type { Database } from '../db/tables.js';

type Executor = Kysely<Database> | Transaction<Database>;

export interface StoredIssuerKey {
  key: IssuerKey;
  organisationId: string;
  sealedSecretKey: string;
}

interface Row {
  id: string;
  organisation_id: string;
  public_key_multibase: string;
  sealed_secret_key: string;
  status: 'active' | 'retired' | 'compromised';
  created_at: Date;
  retired_at: Date | null;
  compromised_at: Date | null;
}

/** Rows → the lifecycle model of src/credentials/keys (the rules live there, not here). */
const toStored = (row: Row): StoredIssuerKey => {
  const base = { id: row.id, publicKeyMultibase: row.public_key_multibase, createdAt: row.created_at };
  const key: IssuerKey =
    row.status === 'active'
      ? { ...base, status: 'active' }
      : row.status === 'retired'
        ? { ...base, status: 'retired', retiredAt: row.retired_at ?? row.created_at }
        : { ...base, status: 'compromised', compromisedAt: row.compromised_at ?? row.created_at, ...(row.retired_at ? { retiredAt: row.retired_at } : {}) };
  return { key, organisationId: row.organisation_id, sealedSecretKey: row.sealed_secret_key };
};

const columns = ['id', 'organisation_id', 'public_key_multibase', 'sealed_secret_key', 'status', 'created_at', 'retired_at', 'compromised_at'] as const;

export function createIssuerKeysRepository(db: Kysely<Database>) {
  return {
    async keysOf(organisationId: string, executor: Executor = db): Promise<StoredIssuerKey[]> {
      const rows = await executor.selectFrom('issuer_keys').select(columns).where('organisation_id', '=', organisationId).orderBy('created_at').execute();
      return rows.map(toStored);
    },

    async insert(trx: Transaction<Database>, key: { id: string; organisationId: string; publicKeyMultibase: string; sealedSecretKey: string; createdAt: Date }): Promise<void> {
      await trx
        .insertInto('issuer_keys')
        .values({ id: key.id, organisation_id: key.organisationId, public_key_multibase: key.publicKeyMultibase, sealed_secret_key: key.sealedSecretKey, status: 'active', created_at: key.createdAt })
        .execute();
    },

    /** Writes back the statuses the lifecycle rules computed. */
    async saveStatuses(trx: Transaction<Database>, keys: readonly IssuerKey[]): Promise<void> {
      for (const key of keys) {
        const retiredAt = key.status === 'retired' ? key.retiredAt : key.status === 'compromised' ? (key.retiredAt ?? null) : null;
        await trx
          .updateTable('issuer_keys')
          .set({ status: key.status, retired_at: retiredAt, compromised_at: key.status === 'compromised' ? key.compromisedAt : null })
          .where('id', '=', key.id)
          .execute();
      }
    },

    /** Serialises key changes of one organisation (rotation, first key) across processes. */
    async lockOrganisation(trx: Transaction<Database>, organisationId: string): Promise<void> {
      await trx.selectFrom('organisations').select('id').where('id', '=', organisationId).forUpdate().execute();
    },
  };
}

export type IssuerKeysRepository = ReturnType<typeof createIssuerKeysRepository>;
