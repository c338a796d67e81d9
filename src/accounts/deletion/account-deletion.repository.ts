import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/tables.js';

/**
 * The SQL of account deletion. Tables are reached through the schema's own declarations where that is what
 * makes the rule: every table whose rows hang off a person with `on delete cascade` holds that person's
 * own data (sessions, tokens, memberships, notifications, wallet holdings and shares, holder DID,
 * transcripts, pathway progress, and whatever later capabilities add that way), so it goes.
 */
export function accountDeletionRepository(trx: Transaction<Database>) {
  return {
    async lockPerson(personId: string) {
      return trx.selectFrom('people').select(['id', 'email', 'display_name', 'is_platform_admin']).where('id', '=', personId).where('deleted_at', 'is', null).forUpdate().executeTakeFirst();
    },

    /** Storage keys of the person's evidence files, and the evidence rows (names, links, narratives, attestations) deleted. */
    async deleteEvidence(personId: string): Promise<string[]> {
      const submissions = trx.selectFrom('submissions').innerJoin('enrolments', 'enrolments.id', 'submissions.enrolment_id').select('submissions.id').where('enrolments.person_id', '=', personId);
      const rows = await trx.deleteFrom('evidence_items').where('submission_id', 'in', submissions).returning('storage_key').execute();
      return rows.flatMap((r) => (r.storage_key ? [r.storage_key] : []));
    },

    /**
     * Assessors' words about the person's work: overall feedback and per-criterion comments. The work itself is
     * gone with the evidence, and the words may quote or name the person. Decisions and levels stay: they are
     * the issuer's assessment record. Returns the reviews changed.
     */
    async redactReviewText(personId: string): Promise<number> {
      const submissions = trx.selectFrom('submissions').innerJoin('enrolments', 'enrolments.id', 'submissions.enrolment_id').select('submissions.id').where('enrolments.person_id', '=', personId);
      const result = await trx
        .updateTable('reviews')
        .set({
          feedback: null,
          scores: sql`coalesce((select jsonb_agg(score - 'comment' order by position) from jsonb_array_elements(reviews.scores) with ordinality as s(score, position)), '[]'::jsonb)`,
        })
        .where('submission_id', 'in', submissions)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** Deletes the rows of every table that references people(id) with ON DELETE CASCADE; returns rows per table. */
    async deleteOwnedRows(personId: string): Promise<Record<string, number>> {
      const { rows } = await sql<{ table_name: string; column_name: string }>`
        select c.conrelid::regclass::text as table_name, a.attname as column_name
        from pg_constraint c
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
        where c.contype = 'f' and c.confrelid = 'people'::regclass and c.confdeltype = 'c' and cardinality(c.conkey) = 1
        order by 1`.execute(trx);
      const deleted: Record<string, number> = {};
      for (const { table_name, column_name } of rows) {
        // Names come from the catalogue, not from input; sql.table/ref quote them.
        const result = await sql`delete from ${sql.table(table_name)} where ${sql.ref(column_name)} = ${personId}`.execute(trx);
        deleted[table_name] = Number(result.numAffectedRows ?? 0);
      }
      return deleted;
    },

    /** Mail still queued to the address, and the sign-in throttle row keyed by it. */
    async deleteByEmail(email: string): Promise<void> {
      await trx.deleteFrom('mail_outbox').where((eb) => eb(eb.fn('lower', ['to_address']), '=', email.toLowerCase())).execute();
      await trx.deleteFrom('login_failures').where('email', '=', email.toLowerCase()).execute();
    },

    /**
     * The person's row stays as a tombstone: enrolments, reviews, issued credentials and events point at its
     * id, which from now on is a pseudonym with nothing personal behind it.
     */
    async tombstone(personId: string, now: Date): Promise<void> {
      await trx
        .updateTable('people')
        .set({ email: `deleted-${personId}@deleted.invalid`, display_name: 'Deleted account', password_hash: null, is_platform_admin: false, email_confirmed_at: null, deleted_at: now, updated_at: now })
        .where('id', '=', personId)
        .execute();
    },
  };
}
