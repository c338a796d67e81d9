import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

// Issuer keys (sealed at rest), Bitstring status lists, issued credentials and their status history.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // did:web by default; did:key for organisations that want DIDs needing no web server (a new DID per key).
    `alter table organisations add column issuer_did_method text not null default 'web' check (issuer_did_method in ('web', 'key'))`,
    `create table issuer_keys (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisations (id) on delete restrict,
      public_key_multibase text not null unique,
      sealed_secret_key text not null,
      status text not null check (status in ('active', 'retired', 'compromised')),
      created_at timestamptz not null default now(),
      retired_at timestamptz,
      compromised_at timestamptz
    )`,
    // At most one active key per organisation: rotation retires the old one in the same transaction.
    `create unique index issuer_keys_one_active on issuer_keys (organisation_id) where status = 'active'`,
    `create table status_lists (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisations (id) on delete restrict,
      purpose text not null check (purpose in ('revocation', 'suspension')),
      length integer not null check (length > 0 and length % 8 = 0),
      status_bits bytea not null,
      allocated_bits bytea not null,
      allocated_count integer not null default 0,
      is_full boolean not null default false,
      updated_at timestamptz not null default now(),
      signed_credential jsonb,
      signed_at timestamptz,
      created_at timestamptz not null default now()
    )`,
    `create index status_lists_open on status_lists (organisation_id, purpose) where not is_full`,
    `create table issued_credentials (
      id uuid primary key,
      organisation_id uuid not null references organisations (id) on delete restrict,
      kind text not null check (kind in ('OpenBadgeCredential', 'EndorsementCredential', 'ClrCredential', 'VerifiableCredential')),
      achievement_id uuid references achievements (id) on delete restrict,
      achievement_version integer,
      recipient_person_id uuid references people (id) on delete set null,
      recipient_identifier text not null,
      credential jsonb not null,
      -- The compact VC-JWT when the credential was issued in that format (credential then holds its vc claim).
      jwt text,
      issued_at timestamptz not null,
      valid_until timestamptz,
      revocation_list_id uuid references status_lists (id),
      revocation_index integer,
      suspension_list_id uuid references status_lists (id),
      suspension_index integer,
      status text not null default 'active' check (status in ('active', 'revoked', 'suspended')),
      idempotency_key text unique,
      unique (revocation_list_id, revocation_index),
      unique (suspension_list_id, suspension_index)
    )`,
    `create index issued_credentials_recipient on issued_credentials (recipient_person_id, issued_at)`,
    `create index issued_credentials_organisation on issued_credentials (organisation_id, issued_at)`,
    `create table credential_status_changes (
      id bigint generated always as identity primary key,
      credential_id uuid not null references issued_credentials (id) on delete cascade,
      action text not null check (action in ('revoke', 'suspend', 'reinstate')),
      reason text not null,
      actor_id uuid references people (id) on delete set null,
      occurred_at timestamptz not null default now()
    )`,
    `create index credential_status_changes_credential on credential_status_changes (credential_id, occurred_at)`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop table credential_status_changes, issued_credentials, status_lists, issuer_keys', 'alter table organisations drop column issuer_did_method']);
}
