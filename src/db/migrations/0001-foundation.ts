import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

// Accounts, organisations, roles, sessions, API tokens, login throttling, and the hash-chained event log.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table people (
          id uuid primary key default gen_random_uuid(),
          email text not null check (length(email) between 3 and 320),
          display_name text not null check (length(display_name) between 1 and 200),
          password_hash text,
          is_platform_admin boolean not null default false,
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now(),
          deleted_at timestamptz
        )`,
    `create unique index people_email_unique on people (lower(email))`,
    `create table organisations (
          id uuid primary key default gen_random_uuid(),
          slug text not null unique check (slug ~ '^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$'),
          name text not null check (length(name) between 1 and 200),
          kind text not null check (kind in ('issuer', 'industry_partner', 'employer')),
          url text,
          description text,
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now()
        )`,
    `create table memberships (
          organisation_id uuid not null references organisations (id) on delete cascade,
          person_id uuid not null references people (id) on delete cascade,
          role text not null check (role in ('admin', 'assessor', 'endorser')),
          created_at timestamptz not null default now(),
          primary key (organisation_id, person_id, role)
        )`,
    `create index memberships_person on memberships (person_id)`,
    `create table sessions (
          id text primary key,
          person_id uuid not null references people (id) on delete cascade,
          csrf_token text not null,
          created_at timestamptz not null default now(),
          expires_at timestamptz not null,
          last_seen_at timestamptz not null default now()
        )`,
    `create index sessions_person on sessions (person_id)`,
    `create table api_tokens (
          id uuid primary key default gen_random_uuid(),
          person_id uuid not null references people (id) on delete cascade,
          name text not null check (length(name) between 1 and 100),
          prefix text not null,
          token_hash text not null unique,
          scopes text[] not null,
          created_at timestamptz not null default now(),
          last_used_at timestamptz,
          expires_at timestamptz,
          revoked_at timestamptz
        )`,
    `create index api_tokens_person on api_tokens (person_id)`,
    `create table login_failures (
          email text primary key,
          failures integer not null,
          first_failure_at timestamptz not null,
          locked_until timestamptz
        )`,
    `create table events (
          id bigint generated always as identity primary key,
          occurred_at timestamptz not null,
          type text not null,
          actor_id uuid,
          organisation_id uuid,
          subject_type text,
          subject_id text,
          payload jsonb not null default '{}'::jsonb,
          previous_hash text not null,
          hash text not null unique
        )`,
    `create index events_type_time on events (type, occurred_at)`,
    `create index events_organisation_time on events (organisation_id, occurred_at)`,
    `create function events_append_only() returns trigger language plpgsql as $$
        begin
          raise exception 'events are append-only' using errcode = 'P0001';
        end $$`,
    `create trigger events_append_only before update or delete on events
          for each row execute function events_append_only()`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop table events, login_failures, api_tokens, sessions, memberships, organisations, people', 'drop function events_append_only()']);
}
