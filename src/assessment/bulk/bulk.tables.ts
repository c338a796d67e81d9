import type { ColumnType, Generated } from 'kysely';

export type BulkJobStatus = 'queued' | 'running' | 'completed' | 'cancelled';
export type BulkRowStatus = 'pending' | 'issued' | 'failed';

export interface BulkJobsTable {
  id: Generated<string>;
  organisation_id: string;
  achievement_id: string;
  created_by: string | null;
  source_name: string;
  status: BulkJobStatus;
  total_rows: Generated<number>;
  issued_rows: Generated<number>;
  failed_rows: Generated<number>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  started_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface BulkJobRowsTable {
  job_id: string;
  row_number: number;
  email: string | null;
  results: ColumnType<string[], string[] | undefined, string[]>;
  evidence_url: string | null;
  status: BulkRowStatus;
  credential_id: string | null;
  error: string | null;
}

export interface BulkTables {
  bulk_jobs: BulkJobsTable;
  bulk_job_rows: BulkJobRowsTable;
}
