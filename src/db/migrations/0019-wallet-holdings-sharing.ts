import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

// The learner's wallet (#6): credentials imported from elsewhere with their last verification report,
// which credentials the learner hid, and share links (tokens stored only as SHA-256 hashes).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table wallet_holdings (
      id uuid primary key,
      person_id uuid not null references people (id) on delete cascade,
      source text not null check (source in ('file', 'image', 'url', 'paste')),
      source_url text check (source_url is null or length(source_url) <= 2000),
      credential jsonb not null,
      jwt text,
      -- SHA-256 of the credential as received (JWT text, or JSON with sorted keys): a second import of the same credential is the same holding.
      fingerprint text not null check (length(fingerprint) = 64),
      image_type text check (image_type in ('image/png', 'image/svg+xml')),
      image bytea,
      report jsonb not null,
      verified_at timestamptz not null,
      imported_at timestamptz not null,
      unique (person_id, fingerprint)
    )`,
    `create index wallet_holdings_person on wallet_holdings (person_id, imported_at desc)`,
    // A credential id is either an issued_credentials id or a wallet_holdings id (both uuids).
    `create table wallet_hidden_credentials (
      person_id uuid not null references people (id) on delete cascade,
      credential_id uuid not null,
      hidden_at timestamptz not null,
      primary key (person_id, credential_id)
    )`,
    `create table wallet_shares (
      id uuid primary key,
      person_id uuid not null references people (id) on delete cascade,
      token_hash text not null unique check (length(token_hash) = 64),
      title text check (title is null or length(title) between 1 and 200),
      expires_at timestamptz,
      revoked_at timestamptz,
      view_count integer not null default 0 check (view_count >= 0),
      last_viewed_at timestamptz,
      created_at timestamptz not null
    )`,
    `create index wallet_shares_person on wallet_shares (person_id, created_at desc)`,
    `create table wallet_share_items (
      share_id uuid not null references wallet_shares (id) on delete cascade,
      credential_id uuid not null,
      position integer not null check (position >= 0),
      -- Positions in the credential's evidence array the learner chose to show.
      shown_evidence jsonb not null,
      primary key (share_id, credential_id)
    )`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop table wallet_share_items, wallet_shares, wallet_hidden_credentials, wallet_holdings']);
}
