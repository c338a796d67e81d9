import { sql, type Kysely } from 'kysely';
import { rebuildSearchIndex } from '../src/catalog/search/search-index.js';
import type { Database } from '../src/db/tables.js';
import type { EscoConcept, Offering, Provider, Random } from './catalogue-generator.js';

const INSERT_BATCH = 1_000;
const PARTNERS = 25;

/** The ESCO skills and occupations the generator builds from, in a stable order. */
export async function escoConcepts(db: Kysely<Database>): Promise<{ skills: EscoConcept[]; occupations: EscoConcept[] }> {
  const rows = await db
    .selectFrom('esco_concepts')
    .select(['uri', 'concept_type', 'preferred_label', 'alt_labels', 'description'])
    .where('concept_type', 'in', ['skill', 'occupation'])
    .orderBy('uri')
    .execute();
  const of = (type: string) =>
    rows
      .filter((row) => row.concept_type === type && row.preferred_label.length <= 120)
      .map((row) => ({ uri: row.uri, label: row.preferred_label, altLabels: row.alt_labels, description: row.description }));
  return { skills: of('skill'), occupations: of('occupation') };
}

/** A version-4-shaped UUID from the seeded generator, so ids (the search's last tie-break) repeat too. */
const uuidFrom = (random: Random): string => {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[Math.floor(random() * 4)]}${hex.slice(17, 20)}-${hex.slice(20)}`;
};

async function inBatches<T>(items: T[], size: number, write: (batch: T[]) => Promise<unknown>, progress?: (done: number) => void): Promise<void> {
  for (let i = 0; i < items.length; i += size) {
    await write(items.slice(i, i + size));
    progress?.(Math.min(items.length, i + size));
  }
}

export interface LoadTimings {
  /** Organisations, achievements, published versions and endorsement rows, in bulk. */
  insertMs: number;
  /** The product's search index rebuild over every published version. */
  indexMs: number;
  vacuumMs: number;
}

/**
 * Writes providers, industry partners, achievements with one published version each and their endorsement
 * rows in bulk (the catalogue service's publish path records an event per publish, far too slow for 100,000),
 * then builds the search index with the product's own rebuild, so its rows are exactly what Tessera writes.
 */
export async function loadCatalogue(db: Kysely<Database>, input: { random: Random; providers: Provider[]; offerings: Offering[]; today: Date; progress: (stage: string, done: number, total: number) => void }): Promise<LoadTimings> {
  const { random, providers, offerings } = input;
  const started = performance.now();
  const providerIds = new Map(providers.map((p) => [p.slug, uuidFrom(random)]));
  const partners = Array.from({ length: PARTNERS }, (_, i) => ({ id: uuidFrom(random), slug: `industry-partner-${i + 1}`, name: `Industry Partner Association ${i + 1}`, kind: 'industry_partner' as const }));
  await inBatches([...providers.map((p) => ({ id: providerIds.get(p.slug)!, slug: p.slug, name: p.name, kind: 'issuer' as const })), ...partners], INSERT_BATCH, (batch) => db.insertInto('organisations').values(batch).execute());

  const ids = offerings.map(() => uuidFrom(random));
  const total = offerings.length;
  await inBatches(offerings.map((o, i) => ({ id: ids[i]!, organisation_id: providerIds.get(o.provider.slug)!, slug: o.slug })), INSERT_BATCH, (batch) => db.insertInto('achievements').values(batch).execute(), (done) => input.progress('achievements', done, total));
  await inBatches(
    offerings.map((o, i) => ({ achievement_id: ids[i]!, version: 1, status: 'published' as const, definition: JSON.stringify(o.definition), created_at: o.publishedAt, published_at: o.publishedAt })),
    INSERT_BATCH / 2,
    (batch) => db.insertInto('achievement_versions').values(batch).execute(),
    (done) => input.progress('published versions', done, total),
  );
  // Search counts active EndorsementCredential rows; these stand in for signed endorsements (the bench
  // measures search, not signing), marked as such in the stored document.
  const endorsements = offerings.flatMap((o, i) =>
    Array.from({ length: o.endorsements }, (_, n) => {
      const partner = partners[(i + n) % partners.length]!;
      return { id: uuidFrom(random), organisation_id: partner.id, kind: 'EndorsementCredential' as const, achievement_id: ids[i]!, achievement_version: 1, recipient_identifier: `urn:uuid:${ids[i]}`, credential: JSON.stringify({ benchmark: 'placeholder for a signed EndorsementCredential' }), issued_at: o.publishedAt };
    }),
  );
  await inBatches(endorsements, INSERT_BATCH, (batch) => db.insertInto('issued_credentials').values(batch).execute());
  const inserted = performance.now();

  input.progress('search index (product rebuild)', 0, total);
  await rebuildSearchIndex(db, () => input.today);
  const indexed = performance.now();
  // PGlite has no autovacuum; on PostgreSQL it would come later. Fresh statistics either way, as after an import.
  for (const table of ['organisations', 'achievements', 'achievement_versions', 'issued_credentials', 'catalog_search', 'catalog_search_vocabulary']) {
    await sql`vacuum analyze ${sql.table(table)}`.execute(db);
  }
  return { insertMs: inserted - started, indexMs: indexed - inserted, vacuumMs: performance.now() - indexed };
}
