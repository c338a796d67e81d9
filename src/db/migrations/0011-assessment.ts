import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

// Earning: enrolments (with their audited state), submissions and their evidence, assessors' reviews, and
// each organisation's review setting. A passed enrolment issues its credential under the idempotency key
// `enrolment:<id>`, so the credential id here is filled once and a retry never issues twice.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table assessment_settings (
      organisation_id uuid primary key references organisations (id) on delete cascade,
      required_reviews smallint not null default 1 check (required_reviews in (1, 2)),
      updated_at timestamptz not null default now()
    )`,
    `create table enrolments (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people (id) on delete restrict,
      organisation_id uuid not null references organisations (id) on delete restrict,
      achievement_id uuid not null references achievements (id) on delete restrict,
      achievement_version integer not null,
      route text not null check (route in ('course', 'assessment-only')),
      cohort_starts_on date,
      state text not null check (state in ('enrolled', 'submitted', 'under_review', 'in_moderation', 'passed', 'not_yet_passed', 'withdrawn')),
      attempts integer not null default 0,
      max_resubmissions integer not null check (max_resubmissions >= 0),
      credential_id uuid references issued_credentials (id) on delete restrict,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      foreign key (achievement_id, achievement_version) references achievement_versions (achievement_id, version) on delete restrict
    )`,
    // One active enrolment per learner and achievement; the database decides when two requests race.
    `create unique index enrolments_one_active on enrolments (person_id, achievement_id) where state in ('enrolled', 'submitted', 'under_review', 'in_moderation', 'not_yet_passed')`,
    `create index enrolments_queue on enrolments (organisation_id, state, updated_at)`,
    `create index enrolments_person on enrolments (person_id, created_at desc)`,
    `create table submissions (
      id uuid primary key default gen_random_uuid(),
      enrolment_id uuid not null references enrolments (id) on delete cascade,
      attempt integer not null check (attempt >= 1),
      submitted_at timestamptz,
      created_at timestamptz not null default now(),
      unique (enrolment_id, attempt)
    )`,
    `create table evidence_items (
      id uuid primary key default gen_random_uuid(),
      submission_id uuid not null references submissions (id) on delete cascade,
      kind text not null check (kind in ('file', 'link', 'narrative', 'attestation')),
      name text not null,
      is_public boolean not null default false,
      content_sha256 text not null,
      storage_key text,
      media_type text,
      file_kind text,
      size_bytes bigint,
      file_name text,
      url text,
      narrative text,
      attestation jsonb,
      created_at timestamptz not null default now(),
      check ((kind = 'file') = (storage_key is not null)),
      check ((kind = 'link') = (url is not null)),
      check ((kind = 'attestation') = (attestation is not null))
    )`,
    `create index evidence_items_submission on evidence_items (submission_id, created_at)`,
    `create table reviews (
      id uuid primary key default gen_random_uuid(),
      submission_id uuid not null references submissions (id) on delete cascade,
      assessor_id uuid not null references people (id) on delete restrict,
      role text not null check (role in ('assessor', 'moderator')),
      decision text check (decision in ('pass', 'return')),
      scores jsonb not null default '[]',
      feedback text,
      claimed_at timestamptz not null default now(),
      decided_at timestamptz,
      unique (submission_id, assessor_id)
    )`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop table reviews, evidence_items, submissions, enrolments, assessment_settings']);
}
