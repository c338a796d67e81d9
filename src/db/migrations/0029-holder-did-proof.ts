import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

// Proof of control for a holder DID the learner brings. Credentials name the holder DID as their subject
// and the wallet calls a credential naming it the holder's, so typing someone else's DID must not be enough:
// the learner signs a presentation with the DID's key over a challenge Tessera chose (DID Authentication),
// and only then is the DID used. `proved_at` says when; a did:key Tessera made is proved by construction (it
// holds the key). DIDs brought before this stay on the account, unproved and unused, until proved or removed.
// A challenge lives one per person, for the DID it was asked for, and briefly.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `alter table holder_dids add column proved_at timestamptz`,
    `update holder_dids set proved_at = created_at where sealed_secret_key is not null`,
    `create table holder_did_challenges (
      person_id uuid primary key references people (id) on delete cascade,
      did text not null check (length(did) between 8 and 2000),
      challenge text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`,
  ]);
}
