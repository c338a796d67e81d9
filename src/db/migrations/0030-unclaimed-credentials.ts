import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

// Credentials issued by email to an address no confirmed account holds wait for it: the issued row keeps the
// SHA-256 of the lower-cased address, and when someone confirms that address the credentials join their wallet
// (email-confirmation.service.ts). The credential itself names the address by a salted hash, which cannot be
// looked up; this digest is no more revealing than that hash with its salt beside it. It is cleared once claimed.
// Credentials issued before this migration have no digest and stay unclaimed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `alter table issued_credentials add column recipient_email_digest text`,
    `create index issued_credentials_unclaimed on issued_credentials (recipient_email_digest) where recipient_email_digest is not null`,
  ]);
}
