import type { Kysely } from 'kysely';
import { runStatements } from '../run-statements.js';

// The title's trigram index (0006) serves no query: typos are matched through the vocabulary's trigram
// index, and the title bonus (word_similarity) is computed per matching row, which no index can answer.
// Every index write paid for it: a quarter of a search index rebuild's time at 100,000 entries on the
// embedded database (bench/catalogue.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop index if exists catalog_search_title_trigram']);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['create index catalog_search_title_trigram on catalog_search using gin (title gin_trgm_ops)']);
}
