import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

// Wallet (#6): the learner's own DID (holder DID), which later credentials name as credentialSubject.id and
// which signs their Verifiable Presentations; and the CLR transcripts they export, kept so the QR code on a
// PDF transcript can point verifiers at a stable URL.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table holder_dids (
      person_id uuid primary key references people (id) on delete cascade,
      did text not null check (length(did) between 8 and 2000),
      method text not null check (method in ('key', 'web')),
      -- Only for a did:key Tessera made: the Ed25519 seed sealed with the master key (key-envelope.ts).
      sealed_secret_key text,
      created_at timestamptz not null default now()
    )`,
    `create table wallet_transcripts (
      id uuid primary key,
      person_id uuid not null references people (id) on delete cascade,
      credential jsonb not null,
      credential_ids uuid[] not null,
      created_at timestamptz not null default now()
    )`,
    `create index wallet_transcripts_person on wallet_transcripts (person_id, created_at desc)`,
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop table wallet_transcripts, holder_dids']);
}
