import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import type { EscoRepository } from './esco/esco.repository.js';
import type { KnownEscoUris } from './achievement.validation.js';

/**
 * `KnownEscoUris` over the imported ESCO classification, through the ESCO repository. An installation
 * that has not imported ESCO yet cannot tell a real URI from a made-up one; refusing every URI would make
 * the catalogue unusable, so until the first import the URIs are only format-checked.
 */
export function escoUriLookup(db: Kysely<Database>, esco: Pick<EscoRepository, 'existingUris'>): KnownEscoUris {
  return async (uris) => {
    if (uris.length === 0) return new Set();
    const imported = await db.selectFrom('esco_concepts').select('uri').limit(1).executeTakeFirst();
    if (!imported) return new Set(uris);
    return esco.existingUris([...uris], ['skill', 'occupation']);
  };
}
