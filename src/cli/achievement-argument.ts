import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { invalidInput } from '../errors.js';

const UUID = /^[0-9a-f-]{36}$/;

/** The id of an organisation's micro-credential named on the command line by its slug or its id. */
export async function achievementIdOf(db: Kysely<Database>, organisation: { id: string; slug: string }, slugOrId: string): Promise<string> {
  const achievement = await db
    .selectFrom('achievements')
    .select('id')
    .where('organisation_id', '=', organisation.id)
    .where((eb) => (UUID.test(slugOrId) ? eb('id', '=', slugOrId) : eb('slug', '=', slugOrId)))
    .executeTakeFirst();
  if (!achievement) throw invalidInput(`"${organisation.slug}" has no micro-credential "${slugOrId}".`);
  return achievement.id;
}
