import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

// Email confirmation. Until a person proves they read mail at their address, Tessera does not treat the
// address as theirs: credentials issued to it (API, bulk) are not linked to the account, and an organisation
// cannot give the account a role by that address. Accounts that existed before stay unconfirmed: nothing ever
// proved their addresses, and one registered in someone else's name is exactly what this closes.
// A link carries a random token of which only the SHA-256 is kept (like sessions); `email` is the address
// it was sent to, so a link cannot confirm an address the account no longer has.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `alter table people add column email_confirmed_at timestamptz`,
    `create table email_confirmations (
      token_hash text primary key,
      person_id uuid not null references people (id) on delete cascade,
      email text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    )`,
    `create index email_confirmations_person on email_confirmations (person_id, created_at)`,
  ]);
}
