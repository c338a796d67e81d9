import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

// Issue #6, the employer's side. The trusted issuer registry: platform admins' approvals of issuing
// organisations with how each was checked (kept when withdrawn, so the history stays), the registries of
// other Tessera instances this one also trusts (harvested, their signature verified, their entries kept),
// and an employer organisation's list of candidates' share links with each one's last verification.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table trusted_issuer_approvals (
          id uuid primary key default gen_random_uuid(),
          organisation_id uuid not null references organisations (id) on delete cascade,
          method text not null check (method in ('accreditation_register', 'company_register', 'government_record', 'official_website', 'documents', 'other')),
          evidence_url text,
          notes text not null default '',
          approved_by uuid references people (id) on delete set null,
          approved_at timestamptz not null,
          withdrawn_by uuid references people (id) on delete set null,
          withdrawn_at timestamptz,
          withdrawal_reason text
        )`,
    // At most one standing approval per organisation; withdrawn ones stay as history.
    `create unique index trusted_issuer_approvals_standing on trusted_issuer_approvals (organisation_id) where withdrawn_at is null`,
    `create table trusted_registry_sources (
          id uuid primary key default gen_random_uuid(),
          url text not null unique,
          publisher_did text,
          entries jsonb not null default '[]',
          fetched_at timestamptz,
          last_error text,
          last_attempt_at timestamptz,
          added_by uuid references people (id) on delete set null,
          added_at timestamptz not null default now()
        )`,
    `create table employer_candidates (
          id uuid primary key default gen_random_uuid(),
          organisation_id uuid not null references organisations (id) on delete cascade,
          share_url text not null,
          note text not null default '',
          last_outcome text check (last_outcome in ('verified', 'warnings', 'not_verified', 'unreadable')),
          last_detail text,
          last_summary jsonb,
          last_verified_at timestamptz,
          added_by uuid references people (id) on delete set null,
          created_at timestamptz not null default now(),
          unique (organisation_id, share_url)
        )`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop table employer_candidates, trusted_registry_sources, trusted_issuer_approvals']);
}
