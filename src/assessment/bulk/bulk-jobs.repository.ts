import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/tables.js';
import type { BulkJobStatus, BulkRowStatus } from './bulk.tables.js';

export interface BulkJobRecord {
  id: string;
  organisationId: string;
  achievementId: string;
  createdBy: string | null;
  sourceName: string;
  status: BulkJobStatus;
  totalRows: number;
  issuedRows: number;
  failedRows: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface BulkRowRecord {
  rowNumber: number;
  email: string | null;
  results: string[];
  evidenceUrl: string | null;
  status: BulkRowStatus;
  credentialId: string | null;
  error: string | null;
}

const jobColumns = ['id', 'organisation_id', 'achievement_id', 'created_by', 'source_name', 'status', 'total_rows', 'issued_rows', 'failed_rows', 'created_at', 'started_at', 'finished_at'] as const;

type JobRow = {
  id: string; organisation_id: string; achievement_id: string; created_by: string | null; source_name: string; status: BulkJobStatus;
  total_rows: number; issued_rows: number; failed_rows: number; created_at: Date; started_at: Date | null; finished_at: Date | null;
};

const toJob = (r: JobRow): BulkJobRecord => ({
  id: r.id, organisationId: r.organisation_id, achievementId: r.achievement_id, createdBy: r.created_by, sourceName: r.source_name, status: r.status,
  totalRows: r.total_rows, issuedRows: r.issued_rows, failedRows: r.failed_rows, createdAt: r.created_at, startedAt: r.started_at, finishedAt: r.finished_at,
});

export function createBulkJobsRepository(db: Kysely<Database>) {
  return {
    async find(id: string): Promise<BulkJobRecord | undefined> {
      const row = await db.selectFrom('bulk_jobs').select(jobColumns).where('id', '=', id).executeTakeFirst();
      return row && toJob(row);
    },

    async open(): Promise<BulkJobRecord[]> {
      const rows = await db.selectFrom('bulk_jobs').select(jobColumns).where('status', 'in', ['queued', 'running']).orderBy('created_at').execute();
      return rows.map(toJob);
    },

    async ofOrganisation(organisationId: string): Promise<BulkJobRecord[]> {
      const rows = await db.selectFrom('bulk_jobs').select(jobColumns).where('organisation_id', '=', organisationId).orderBy('created_at', 'desc').limit(100).execute();
      return rows.map(toJob);
    },

    async insertJob(trx: Transaction<Database>, job: { organisationId: string; achievementId: string; createdBy: string | null; sourceName: string }): Promise<string> {
      const { id } = await trx
        .insertInto('bulk_jobs')
        .values({ organisation_id: job.organisationId, achievement_id: job.achievementId, created_by: job.createdBy, source_name: job.sourceName, status: 'queued' })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },

    async insertRows(trx: Transaction<Database>, jobId: string, rows: Array<Omit<BulkRowRecord, 'credentialId'>>): Promise<void> {
      if (rows.length === 0) return;
      await trx
        .insertInto('bulk_job_rows')
        .values(rows.map((r) => ({ job_id: jobId, row_number: r.rowNumber, email: r.email, results: r.results, evidence_url: r.evidenceUrl, status: r.status, error: r.error })))
        .execute();
    },

    /** The next pending rows after `after` (keyset: a resumed job never rescans the rows it finished). */
    async pendingRows(jobId: string, limit: number, after = 0): Promise<BulkRowRecord[]> {
      const rows = await db
        .selectFrom('bulk_job_rows')
        .select(['row_number', 'email', 'results', 'evidence_url', 'status', 'credential_id', 'error'])
        .where('job_id', '=', jobId)
        .where('status', '=', 'pending')
        .where('row_number', '>', after)
        .orderBy('row_number')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ rowNumber: r.row_number, email: r.email, results: r.results, evidenceUrl: r.evidence_url, status: r.status, credentialId: r.credential_id, error: r.error }));
    },

    async failedRows(jobId: string): Promise<BulkRowRecord[]> {
      const rows = await db
        .selectFrom('bulk_job_rows')
        .select(['row_number', 'email', 'results', 'evidence_url', 'status', 'credential_id', 'error'])
        .where('job_id', '=', jobId)
        .where('status', '=', 'failed')
        .orderBy('row_number')
        .execute();
      return rows.map((r) => ({ rowNumber: r.row_number, email: r.email, results: r.results, evidenceUrl: r.evidence_url, status: r.status, credentialId: r.credential_id, error: r.error }));
    },

    /**
     * Records the outcomes of a batch of rows, in the transaction that issued their credentials, with one
     * update, and moves the job's counters by as much (a recount of 100,000 rows per batch would not do).
     */
    async markRows(trx: Transaction<Database>, jobId: string, outcomes: Array<{ rowNumber: number } & ({ status: 'issued'; credentialId: string } | { status: 'failed'; error: string })>): Promise<void> {
      if (outcomes.length === 0) return;
      const values = outcomes.map((o) => sql`(${o.rowNumber}::integer, ${o.status}::text, ${o.status === 'issued' ? o.credentialId : null}::uuid, ${o.status === 'failed' ? o.error : null}::text)`);
      // Only rows still pending change, and the counters move by what did change.
      const { rows } = await sql<{ status: string }>`update bulk_job_rows as r set status = v.status, credential_id = v.credential_id, error = v.error
        from (values ${sql.join(values)}) as v (row_number, status, credential_id, error)
        where r.job_id = ${jobId} and r.row_number = v.row_number and r.status = 'pending'
        returning r.status`.execute(trx);
      const issued = rows.filter((row) => row.status === 'issued').length;
      await trx
        .updateTable('bulk_jobs')
        .set((eb) => ({ issued_rows: eb('issued_rows', '+', issued), failed_rows: eb('failed_rows', '+', rows.length - issued) }))
        .where('id', '=', jobId)
        .execute();
    },

    /** Marks the job completed unless it is already: true for the one call that did (it records the event). */
    async complete(trx: Transaction<Database>, jobId: string, at: Date): Promise<boolean> {
      const rows = await trx.updateTable('bulk_jobs').set({ status: 'completed', finished_at: at }).where('id', '=', jobId).where('status', '<>', 'completed').returning('id').execute();
      return rows.length > 0;
    },

    /** Recounts the job's figures from its rows (the rows are the truth; the counters are for quick reads). */
    async refreshCounts(jobId: string, status?: BulkJobStatus, at?: Date): Promise<void> {
      const counts = await db
        .selectFrom('bulk_job_rows')
        .select((eb) => [
          eb.fn.countAll<number>().as('total'),
          eb.fn.count<number>('row_number').filterWhere('status', '=', 'issued').as('issued'),
          eb.fn.count<number>('row_number').filterWhere('status', '=', 'failed').as('failed'),
        ])
        .where('job_id', '=', jobId)
        .executeTakeFirstOrThrow();
      await db
        .updateTable('bulk_jobs')
        .set({
          total_rows: Number(counts.total),
          issued_rows: Number(counts.issued),
          failed_rows: Number(counts.failed),
          ...(status ? { status } : {}),
          ...(status === 'running' ? { started_at: at ?? new Date() } : {}),
          ...(status === 'completed' ? { finished_at: at ?? new Date() } : {}),
        })
        .where('id', '=', jobId)
        .execute();
    },
  };
}

export type BulkJobsRepository = ReturnType<typeof createBulkJobsRepository>;
