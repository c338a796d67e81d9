import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

// Durable bulk issuance: a job and its rows. Each row is issued under the idempotency key
// `bulk:<job>:<row>`, so a job killed at any point and resumed issues every row exactly once.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table bulk_jobs (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisations (id) on delete restrict,
      achievement_id uuid not null references achievements (id) on delete restrict,
      created_by uuid references people (id) on delete set null,
      source_name text not null,
      status text not null check (status in ('queued', 'running', 'completed', 'cancelled')),
      total_rows integer not null default 0,
      issued_rows integer not null default 0,
      failed_rows integer not null default 0,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz
    )`,
    `create index bulk_jobs_open on bulk_jobs (created_at) where status in ('queued', 'running')`,
    `create table bulk_job_rows (
      job_id uuid not null references bulk_jobs (id) on delete cascade,
      row_number integer not null,
      email text,
      results text[] not null default '{}',
      evidence_url text,
      status text not null check (status in ('pending', 'issued', 'failed')),
      credential_id uuid,
      error text,
      primary key (job_id, row_number)
    )`,
    `create index bulk_job_rows_pending on bulk_job_rows (job_id, row_number) where status = 'pending'`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop table bulk_job_rows, bulk_jobs']);
}
