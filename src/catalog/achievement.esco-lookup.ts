import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import type { KnownEscoUris } from './achievement.validation.js';

/**
 * `KnownEscoUris` over the imported ESCO classification (table `esco_concepts`, migration 0003). An
 * installation that has not imported ESCO yet cannot tell a real URI from a made-up one; refusing every
 * URI would make the catalogue unusable, so until the first import the URIs are only format-checked.
 * A one-line swap for the ESCO repository's own lookup once it has one.
 */
export function escoUriLookup(db: Kysely<Database>): KnownEscoUris {
  return async (uris) => {
    if (uris.length === 0) return new Set();
    const imported = await db.selectFrom('esco_concepts').select('uri').limit(1).executeTakeFirst();
    if (!imported) return new Set(uris);
    const rows = await db
      .selectFrom('esco_concepts')
      .select('uri')
      .where('uri', 'in', [...uris])
      .where('concept_type', 'in', ['skill', 'occupation'])
      .execute();
    return new Set(rows.map((row) => row.uri));
  };
}
