import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/tables.js';
import type { CandidateOutcome } from '../registry/registry.tables.js';

export interface CandidateRecord {
  id: string;
  organisationId: string;
  shareUrl: string;
  note: string;
  lastOutcome: CandidateOutcome | null;
  lastDetail: string | null;
  lastSummary: Record<string, unknown> | null;
  lastVerifiedAt: Date | null;
  createdAt: Date;
}

export interface CandidateVerification {
  outcome: CandidateOutcome;
  detail: string | null;
  summary: Record<string, unknown> | null;
  at: Date;
}

const columns = ['id', 'organisation_id', 'share_url', 'note', 'last_outcome', 'last_detail', 'last_summary', 'last_verified_at', 'created_at'] as const;

/** SQL of an employer's saved candidates (migration 0021). */
export function createCandidatesRepository(db: Kysely<Database>) {
  const toRecord = (row: { id: string; organisation_id: string; share_url: string; note: string; last_outcome: CandidateOutcome | null; last_detail: string | null; last_summary: Record<string, unknown> | null; last_verified_at: Date | null; created_at: Date }): CandidateRecord => ({
    id: row.id,
    organisationId: row.organisation_id,
    shareUrl: row.share_url,
    note: row.note,
    lastOutcome: row.last_outcome,
    lastDetail: row.last_detail,
    lastSummary: row.last_summary,
    lastVerifiedAt: row.last_verified_at,
    createdAt: row.created_at,
  });
  const verificationColumns = (v: CandidateVerification) => ({ last_outcome: v.outcome, last_detail: v.detail, last_summary: v.summary === null ? null : JSON.stringify(v.summary), last_verified_at: v.at });

  return {
    async list(organisationId: string): Promise<CandidateRecord[]> {
      return (await db.selectFrom('employer_candidates').select(columns).where('organisation_id', '=', organisationId).orderBy('created_at', 'desc').execute()).map(toRecord);
    },

    async find(organisationId: string, id: string): Promise<CandidateRecord | undefined> {
      const row = await db.selectFrom('employer_candidates').select(columns).where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },

    async findByUrl(organisationId: string, shareUrl: string): Promise<CandidateRecord | undefined> {
      const row = await db.selectFrom('employer_candidates').select(columns).where('organisation_id', '=', organisationId).where('share_url', '=', shareUrl).executeTakeFirst();
      return row && toRecord(row);
    },

    async insert(trx: Transaction<Database>, candidate: { organisationId: string; shareUrl: string; note: string; addedBy: string; verification: CandidateVerification }): Promise<string> {
      const row = await trx
        .insertInto('employer_candidates')
        .values({ organisation_id: candidate.organisationId, share_url: candidate.shareUrl, note: candidate.note, added_by: candidate.addedBy, ...verificationColumns(candidate.verification) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async recordVerification(id: string, verification: CandidateVerification): Promise<void> {
      await db.updateTable('employer_candidates').set(verificationColumns(verification)).where('id', '=', id).execute();
    },

    async delete(trx: Transaction<Database>, organisationId: string, id: string): Promise<boolean> {
      const result = await trx.deleteFrom('employer_candidates').where('organisation_id', '=', organisationId).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

export type CandidatesRepository = ReturnType<typeof createCandidatesRepository>;
