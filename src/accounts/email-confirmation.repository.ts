import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { Database } from '../db/tables.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** The person, not deleted, still holding `email` (addresses compare case-insensitively, as the unique index does). */
const holdsAddress = (personId: string, email: string) => (eb: ExpressionBuilder<Database, 'people'>) =>
  eb.and([eb('id', '=', personId), eb('deleted_at', 'is', null), eb(eb.fn('lower', ['email']), '=', email.toLowerCase())]);

export interface EmailConfirmationRecord {
  personId: string;
  email: string;
  expiresAt: Date;
  usedAt: Date | null;
}

/** Confirmation links (by the SHA-256 of their token) and the confirmed mark on people. */
export function createEmailConfirmationRepository(db: Kysely<Database>) {
  return {
    /** A new link replaces the person's unused ones, so only the newest mail works. */
    async replaceLinks(trx: Transaction<Database>, link: { tokenHash: string; personId: string; email: string; createdAt: Date; expiresAt: Date }): Promise<void> {
      await trx.deleteFrom('email_confirmations').where('person_id', '=', link.personId).where('used_at', 'is', null).execute();
      await trx
        .insertInto('email_confirmations')
        .values({ token_hash: link.tokenHash, person_id: link.personId, email: link.email, created_at: link.createdAt, expires_at: link.expiresAt })
        .execute();
    },

    /** The link, locked until the transaction ends so two clicks cannot both use it. */
    async lockLink(trx: Transaction<Database>, tokenHash: string): Promise<EmailConfirmationRecord | undefined> {
      const row = await trx
        .selectFrom('email_confirmations')
        .select(['person_id', 'email', 'expires_at', 'used_at'])
        .where('token_hash', '=', tokenHash)
        .forUpdate()
        .executeTakeFirst();
      return row && { personId: row.person_id, email: row.email, expiresAt: row.expires_at, usedAt: row.used_at };
    },

    async markUsed(trx: Transaction<Database>, tokenHash: string, at: Date): Promise<void> {
      await trx.updateTable('email_confirmations').set({ used_at: at }).where('token_hash', '=', tokenHash).execute();
    },

    /** Marks the address confirmed if the person (not deleted) still has it; false when they do not. */
    async confirmPerson(trx: Transaction<Database>, personId: string, email: string, at: Date): Promise<boolean> {
      const updated = await trx
        .updateTable('people')
        .set((eb) => ({ email_confirmed_at: eb.fn.coalesce('email_confirmed_at', eb.val(at)) }))
        .where(holdsAddress(personId, email))
        .executeTakeFirst();
      return updated.numUpdatedRows > 0n;
    },

    /** Whether the person (not deleted) has `email`, confirmed. */
    async isConfirmedAs(executor: Executor, personId: string, email: string): Promise<boolean> {
      const row = await executor
        .selectFrom('people')
        .select('id')
        .where(holdsAddress(personId, email))
        .where('email_confirmed_at', 'is not', null)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** When the person's last link was made, to pace requests for new ones. */
    async lastLinkAt(executor: Executor, personId: string): Promise<Date | undefined> {
      const row = await executor.selectFrom('email_confirmations').select((eb) => eb.fn.max('created_at').as('at')).where('person_id', '=', personId).executeTakeFirst();
      return row?.at ? new Date(row.at) : undefined;
    },
  };
}

export type EmailConfirmationRepository = ReturnType<typeof createEmailConfirmationRepository>;
