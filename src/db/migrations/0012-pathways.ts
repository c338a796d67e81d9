import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

// Pathways: larger credentials made of achievements. A version's definition is immutable once published
// (changing the rules publishes a new version); awards are never revoked by a change.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table pathways (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisations (id) on delete restrict,
      slug text not null,
      created_at timestamptz not null default now(),
      unique (organisation_id, slug)
    )`,
    `create table pathway_versions (
      id uuid primary key default gen_random_uuid(),
      pathway_id uuid not null references pathways (id) on delete cascade,
      version integer not null check (version > 0),
      status text not null check (status in ('draft', 'published', 'retired')),
      definition jsonb not null,
      created_by uuid references people (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      published_at timestamptz,
      unique (pathway_id, version)
    )`,
    `create unique index pathway_versions_one_draft on pathway_versions (pathway_id) where status = 'draft'`,
    // What each version accepts, so an issuance can ask "is this achievement in any pathway?" with one
    // indexed lookup (bulk jobs issue 100,000 credentials of achievements that usually are in none).
    `create table pathway_constituents (
      pathway_version_id uuid not null references pathway_versions (id) on delete cascade,
      achievement_id uuid references achievements (id) on delete cascade,
      achievement_url text,
      check (achievement_id is not null or achievement_url is not null)
    )`,
    `create index pathway_constituents_achievement on pathway_constituents (achievement_id)`,
    `create index pathway_constituents_url on pathway_constituents (achievement_url)`,
    `create table pathway_awards (
      id uuid primary key default gen_random_uuid(),
      pathway_version_id uuid not null references pathway_versions (id) on delete restrict,
      person_id uuid not null references people (id) on delete cascade,
      credential_id uuid not null references issued_credentials (id) on delete restrict,
      -- The signed CLR 2.0 transcript made at the award: the constituents and the pathway credential.
      transcript jsonb not null,
      constituent_credential_ids uuid[] not null,
      awarded_at timestamptz not null,
      unique (pathway_version_id, person_id)
    )`,
    `create index pathway_awards_person on pathway_awards (person_id)`,
    // Written in the issuing transaction for holders of a pathway constituent and removed once evaluated,
    // so a crash between the commit and the evaluation cannot lose an award (drained on start-up).
    `create table pathway_pending_evaluations (
      person_id uuid primary key references people (id) on delete cascade,
      queued_at timestamptz not null default now()
    )`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop table pathway_pending_evaluations, pathway_awards, pathway_constituents, pathway_versions, pathways']);
}
