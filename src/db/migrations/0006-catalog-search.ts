import type { Kysely } from 'kysely';
import { createSearchIndex } from '../../catalog/search/search-index.js';
import { runStatements } from '../run-statements.js';
import type { Database } from '../tables.js';

// The public catalogue's search index: one row per achievement that has a published version, describing
// its newest published version, kept in step by the catalogue and endorsement services in the same
// transaction as the change (src/catalog/search/search-index.ts). Denormalised on purpose: search, filters
// and facets read one table instead of parsing every definition's JSON on each request.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table catalog_search (
          achievement_id uuid primary key references achievements (id) on delete cascade,
          version integer not null,
          achievement_slug text not null,
          organisation_id uuid not null references organisations (id) on delete cascade,
          organisation_slug text not null,
          organisation_name text not null,
          title text not null,
          description text not null,
          outcomes_text text not null,
          skills jsonb not null default '[]',
          skill_uris text[] not null default '{}',
          occupations jsonb not null default '[]',
          occupation_uris text[] not null default '{}',
          eqf_level integer,
          delivery_modes text[] not null,
          language text not null,
          price_amount numeric not null,
          price_currency text not null,
          price_band text not null,
          credit_value numeric not null,
          credit_system text not null,
          on_demand boolean not null,
          cohort_starts date[] not null default '{}',
          next_cohort_on date,
          endorsement_count integer not null default 0,
          published_at timestamptz,
          search_vector tsvector not null,
          updated_at timestamptz not null default now()
        )`,
    `create index catalog_search_vector on catalog_search using gin (search_vector)`,
    `create index catalog_search_title_trigram on catalog_search using gin (title gin_trgm_ops)`,
    `create index catalog_search_skill_uris on catalog_search using gin (skill_uris)`,
    `create index catalog_search_occupation_uris on catalog_search using gin (occupation_uris)`,
    `create index catalog_search_organisation on catalog_search (organisation_id)`,
    // The words of the entries (titles, skills and their ESCO alternative labels, outcomes, descriptions),
    // once each: a typed word that is none of them is replaced by the nearest ones by trigram similarity
    // ("spredsheet" → "spreadsheet"), so typos still find entries through the full-text index. Only
    // spellings: a word no entry uses any more just adds an alternative that matches nothing, until the
    // next rebuild clears it. One row per word keeps the trigram lookup small (500 entries have 50,000
    // words but a few thousand distinct ones).
    `create table catalog_search_vocabulary (word text primary key)`,
    `create index catalog_search_vocabulary_trigram on catalog_search_vocabulary using gin (word gin_trgm_ops)`,
  ]);
  // Installations that published before this migration: index what they already offer. A fresh
  // database has nothing published yet, so this loop is empty there.
  const trx = db as unknown as Kysely<Database>;
  const published = await trx.selectFrom('achievement_versions').select('achievement_id').where('status', '=', 'published').distinct().execute();
  const index = createSearchIndex({ clock: () => new Date() });
  for (const { achievement_id: id } of published) await index.refresh(trx, id);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop table catalog_search_vocabulary, catalog_search']);
}
