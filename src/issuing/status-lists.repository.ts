import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/tables.js';
import type { StatusPurpose } from './issuing.tables.js';

export interface StatusListRecord {
  id: string;
  organisationId: string;
  purpose: StatusPurpose;
  length: number;
  statusBits: Uint8Array;
  allocatedBits: Uint8Array;
  allocatedCount: number;
  updatedAt: Date;
  signedCredential: Record<string, unknown> | null;
  signedAt: Date | null;
}

// node-postgres hands out Buffers and PGlite Uint8Arrays: one type for the code above.
const bytes = (value: Uint8Array): Uint8Array => Uint8Array.from(value);

const columns = ['id', 'organisation_id', 'purpose', 'length', 'status_bits', 'allocated_bits', 'allocated_count', 'updated_at', 'signed_credential', 'signed_at'] as const;

type Row = {
  id: string;
  organisation_id: string;
  purpose: StatusPurpose;
  length: number;
  status_bits: Uint8Array;
  allocated_bits: Uint8Array;
  allocated_count: number;
  updated_at: Date;
  signed_credential: Record<string, unknown> | null;
  signed_at: Date | null;
};

const toRecord = (row: Row): StatusListRecord => ({
  id: row.id,
  organisationId: row.organisation_id,
  purpose: row.purpose,
  length: row.length,
  statusBits: bytes(row.status_bits),
  allocatedBits: bytes(row.allocated_bits),
  allocatedCount: row.allocated_count,
  updatedAt: row.updated_at,
  signedCredential: row.signed_credential,
  signedAt: row.signed_at,
});

export function createStatusListsRepository(db: Kysely<Database>) {
  return {
    async find(id: string): Promise<StatusListRecord | undefined> {
      const row = await db.selectFrom('status_lists').select(columns).where('id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },

    /** The organisation's open list for a purpose, locked until the transaction ends (allocation is serial). */
    async lockOpenList(trx: Transaction<Database>, organisationId: string, purpose: StatusPurpose): Promise<StatusListRecord | undefined> {
      const row = await trx
        .selectFrom('status_lists')
        .select(columns)
        .where('organisation_id', '=', organisationId)
        .where('purpose', '=', purpose)
        .where('is_full', '=', false)
        .orderBy('created_at')
        .limit(1)
        .forUpdate()
        .executeTakeFirst();
      return row && toRecord(row);
    },

    async lock(trx: Transaction<Database>, id: string): Promise<StatusListRecord | undefined> {
      const row = await trx.selectFrom('status_lists').select(columns).where('id', '=', id).forUpdate().executeTakeFirst();
      return row && toRecord(row);
    },

    async create(trx: Transaction<Database>, list: { organisationId: string; purpose: StatusPurpose; length: number }): Promise<StatusListRecord> {
      const empty = Buffer.alloc(list.length / 8);
      const row = await trx
        .insertInto('status_lists')
        .values({ organisation_id: list.organisationId, purpose: list.purpose, length: list.length, status_bits: empty, allocated_bits: empty })
        .returning(columns)
        .executeTakeFirstOrThrow();
      return toRecord(row);
    },

    async saveAllocation(trx: Transaction<Database>, id: string, allocatedBits: Uint8Array, allocatedCount: number, full: boolean): Promise<void> {
      await trx.updateTable('status_lists').set({ allocated_bits: Buffer.from(allocatedBits), allocated_count: allocatedCount, is_full: full }).where('id', '=', id).execute();
    },

    async saveStatusBits(trx: Transaction<Database>, id: string, statusBits: Uint8Array, now: Date): Promise<void> {
      await trx.updateTable('status_lists').set({ status_bits: Buffer.from(statusBits), updated_at: now }).where('id', '=', id).execute();
    },

    /** Stores a signature made for the state of `updatedAt`, unless the bits changed meanwhile. */
    async saveSigned(id: string, credential: Record<string, unknown>, signedAt: Date, forUpdatedAt: Date): Promise<void> {
      await db
        .updateTable('status_lists')
        .set({ signed_credential: JSON.stringify(credential), signed_at: signedAt })
        .where('id', '=', id)
        .where('updated_at', '=', forUpdatedAt)
        .execute();
    },
  };
}

export type StatusListsRepository = ReturnType<typeof createStatusListsRepository>;
