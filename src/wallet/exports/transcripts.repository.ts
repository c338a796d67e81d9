import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/tables.js';

export interface TranscriptRecord {
  id: string;
  personId: string;
  credential: Record<string, unknown>;
  credentialIds: string[];
  createdAt: Date;
}

export function createTranscriptsRepository(db: Kysely<Database>) {
  const toRecord = (row: { id: string; person_id: string; credential: Record<string, unknown>; credential_ids: string[]; created_at: Date }): TranscriptRecord => ({
    id: row.id,
    personId: row.person_id,
    credential: row.credential,
    credentialIds: row.credential_ids,
    createdAt: row.created_at,
  });
  return {
    async insert(trx: Transaction<Database>, record: TranscriptRecord): Promise<void> {
      await trx.insertInto('wallet_transcripts').values({ id: record.id, person_id: record.personId, credential: JSON.stringify(record.credential), credential_ids: record.credentialIds, created_at: record.createdAt }).execute();
    },
    async find(id: string): Promise<TranscriptRecord | undefined> {
      const row = await db.selectFrom('wallet_transcripts').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },
    async ofPerson(personId: string): Promise<TranscriptRecord[]> {
      const rows = await db.selectFrom('wallet_transcripts').selectAll().where('person_id', '=', personId).orderBy('created_at', 'desc').execute();
      return rows.map(toRecord);
    },
  };
}

export type TranscriptsRepository = ReturnType<typeof createTranscriptsRepository>;
