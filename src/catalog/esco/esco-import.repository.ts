import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/tables.js';
import type { ConceptRecord, EscoRecords } from './esco-files.js';

/** What one batch did: rows new to the database, rows changed, and rows already exactly so. */
export interface UpsertCounts {
  inserted: number;
  updated: number;
}

type Executor = Kysely<Database> | Transaction<Database>;

// `xmax = 0` is PostgreSQL's (and PGlite's) way of telling an inserted row from an updated one in
// `insert … on conflict do update … returning`; rows the `where` left alone are not returned at all.
const insertedFlag = sql<boolean>`(xmax = 0)`.as('inserted');

const countReturned = (rows: Array<{ inserted: boolean }>): UpsertCounts => ({
  inserted: rows.filter((row) => row.inserted).length,
  updated: rows.filter((row) => !row.inserted).length,
});

/** One statement may not touch a row twice: merge records of the same key first, later fields winning. */
function mergeByKey<T>(records: T[], key: (record: T) => string, merge: (earlier: T, later: T) => T): T[] {
  const merged = new Map<string, T>();
  for (const record of records) {
    const earlier = merged.get(key(record));
    merged.set(key(record), earlier ? merge(earlier, record) : record);
  }
  return [...merged.values()];
}

const mergeConcepts = (earlier: ConceptRecord, later: ConceptRecord): ConceptRecord => ({
  ...later,
  altLabels: [...new Set([...earlier.altLabels, ...later.altLabels])],
  description: later.description ?? earlier.description,
  skillType: later.skillType ?? earlier.skillType,
  reuseLevel: later.reuseLevel ?? earlier.reuseLevel,
  code: later.code ?? earlier.code,
  iscoCode: later.iscoCode ?? earlier.iscoCode,
  status: later.status ?? earlier.status,
});

/**
 * `authoritative` files (skills, occupations, ISCO groups, skill groups) set a concept's fields;
 * `supplementary` ones (collections, the hierarchy) only fill what is still empty. Either way a file never
 * erases a field another file gave, and alternative labels are the union over every file listing the
 * concept, so importing the same files again changes nothing, whatever their order.
 */
export type ConceptSource = 'authoritative' | 'supplementary';

async function upsertConcepts(trx: Executor, records: ConceptRecord[], source: ConceptSource): Promise<UpsertCounts> {
  if (records.length === 0) return { inserted: 0, updated: 0 };
  const rows = mergeByKey(records, (record) => record.uri, mergeConcepts).map((record) => ({
    uri: record.uri,
    concept_type: record.conceptType,
    preferred_label: record.preferredLabel,
    alt_labels: record.altLabels,
    description: record.description,
    skill_type: record.skillType,
    reuse_level: record.reuseLevel,
    code: record.code,
    isco_code: record.iscoCode,
    status: record.status,
  }));
  const field = (column: 'preferred_label' | 'description' | 'skill_type' | 'reuse_level' | 'code' | 'isco_code' | 'status') =>
    source === 'authoritative'
      ? sql<string | null>`coalesce(excluded.${sql.ref(column)}, esco_concepts.${sql.ref(column)})`
      : sql<string | null>`coalesce(esco_concepts.${sql.ref(column)}, excluded.${sql.ref(column)})`;
  const merged = {
    // A few URIs are both a skill and a skill group (the DigComp areas); the first file's type stays, so
    // files do not flip it back and forth on every import.
    concept_type: sql<string>`esco_concepts.concept_type`,
    preferred_label: field('preferred_label'),
    alt_labels: sql<string[]>`esco_merge_labels(esco_concepts.alt_labels, excluded.alt_labels)`,
    description: field('description'),
    skill_type: field('skill_type'),
    reuse_level: field('reuse_level'),
    code: field('code'),
    isco_code: field('isco_code'),
    status: field('status'),
  };
  const result = await trx
    .insertInto('esco_concepts')
    .values(rows)
    .onConflict((conflict) =>
      conflict
        .column('uri')
        .doUpdateSet({ ...merged, updated_at: sql`now()` } as never)
        .where(
          sql<boolean>`(esco_concepts.concept_type, esco_concepts.preferred_label, esco_concepts.alt_labels, esco_concepts.description,
            esco_concepts.skill_type, esco_concepts.reuse_level, esco_concepts.code, esco_concepts.isco_code, esco_concepts.status)
            is distinct from (${sql.join(Object.values(merged))})`,
        ),
    )
    .returning(insertedFlag)
    .execute();
  return countReturned(result);
}

async function insertPairs<Row extends Record<string, string>>(
  trx: Executor,
  table: 'esco_broader' | 'esco_collection_members',
  rows: Row[],
  key: (row: Row) => string,
): Promise<UpsertCounts> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const unique = mergeByKey(rows, key, (_earlier, later) => later);
  const result = await trx.insertInto(table).values(unique as never).onConflict((conflict) => conflict.doNothing()).returning(insertedFlag).execute();
  return countReturned(result);
}

async function upsertOccupationSkills(trx: Executor, records: EscoRecords['occupationSkills']): Promise<UpsertCounts> {
  if (records.length === 0) return { inserted: 0, updated: 0 };
  const rows = mergeByKey(records, (r) => `${r.occupationUri} ${r.skillUri}`, (_e, later) => later).map((r) => ({
    occupation_uri: r.occupationUri,
    skill_uri: r.skillUri,
    relation_type: r.relationType,
  }));
  const result = await trx
    .insertInto('esco_occupation_skills')
    .values(rows)
    .onConflict((conflict) =>
      conflict
        .columns(['occupation_uri', 'skill_uri'])
        .doUpdateSet({ relation_type: sql`excluded.relation_type` } as never)
        .where(sql<boolean>`esco_occupation_skills.relation_type <> excluded.relation_type`),
    )
    .returning(insertedFlag)
    .execute();
  return countReturned(result);
}

async function upsertSkillRelations(trx: Executor, records: EscoRecords['skillRelations']): Promise<UpsertCounts> {
  if (records.length === 0) return { inserted: 0, updated: 0 };
  const rows = mergeByKey(records, (r) => `${r.skillUri} ${r.relatedSkillUri}`, (_e, later) => later).map((r) => ({
    skill_uri: r.skillUri,
    related_skill_uri: r.relatedSkillUri,
    relation_type: r.relationType,
  }));
  const result = await trx
    .insertInto('esco_skill_relations')
    .values(rows)
    .onConflict((conflict) =>
      conflict
        .columns(['skill_uri', 'related_skill_uri'])
        .doUpdateSet({ relation_type: sql`excluded.relation_type` } as never)
        .where(sql<boolean>`esco_skill_relations.relation_type <> excluded.relation_type`),
    )
    .returning(insertedFlag)
    .execute();
  return countReturned(result);
}

async function upsertSchemes(trx: Executor, records: EscoRecords['schemes']): Promise<UpsertCounts> {
  if (records.length === 0) return { inserted: 0, updated: 0 };
  const rows = mergeByKey(records, (r) => r.uri, (_e, later) => later).map((r) => ({
    uri: r.uri,
    preferred_label: r.preferredLabel,
    title: r.title,
    description: r.description,
    status: r.status,
  }));
  const result = await trx
    .insertInto('esco_concept_schemes')
    .values(rows)
    .onConflict((conflict) =>
      conflict
        .column('uri')
        .doUpdateSet({ preferred_label: sql`excluded.preferred_label`, title: sql`excluded.title`, description: sql`excluded.description`, status: sql`excluded.status` } as never)
        .where(
          sql<boolean>`(esco_concept_schemes.preferred_label, esco_concept_schemes.title, esco_concept_schemes.description, esco_concept_schemes.status)
            is distinct from (excluded.preferred_label, excluded.title, excluded.description, excluded.status)`,
        ),
    )
    .returning(insertedFlag)
    .execute();
  return countReturned(result);
}

const add = (a: UpsertCounts, b: UpsertCounts): UpsertCounts => ({ inserted: a.inserted + b.inserted, updated: a.updated + b.updated });

export function createEscoImportRepository() {
  return {
    /**
     * Writes one batch. Counts follow the file's main table (concepts for concept files, relations for
     * relation files): that is what a file's rows are, the rest is derived from them.
     */
    async writeBatch(trx: Transaction<Database>, records: EscoRecords, source: ConceptSource): Promise<UpsertCounts> {
      const concepts = await upsertConcepts(trx, records.concepts, source);
      const schemes = await upsertSchemes(trx, records.schemes);
      const broader = await insertPairs(trx, 'esco_broader', records.broader.map((r) => ({ concept_uri: r.conceptUri, broader_uri: r.broaderUri })), (r) => `${r.concept_uri} ${r.broader_uri}`);
      await insertPairs(trx, 'esco_collection_members', records.members.map((r) => ({ collection: r.collection, concept_uri: r.conceptUri })), (r) => `${r.collection} ${r.concept_uri}`);
      const occupationSkills = await upsertOccupationSkills(trx, records.occupationSkills);
      const skillRelations = await upsertSkillRelations(trx, records.skillRelations);
      if (records.concepts.length > 0) return concepts;
      if (records.schemes.length > 0) return schemes;
      return add(add(broader, occupationSkills), skillRelations);
    },

    /** Lexeme document frequencies for the suggester, recomputed from the concepts as they are now. */
    async refreshLexemeStats(db: Kysely<Database>): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('esco_lexeme_stats').execute();
        await sql`insert into esco_lexeme_stats (lexeme, document_count)
                  select word, ndoc from ts_stat('select search_vector from esco_concepts')`.execute(trx);
      });
    },

    /**
     * PGlite has no autovacuum: without fresh statistics and a cleaned GIN pending list, searches after a
     * large import slow down by orders of magnitude. VACUUM cannot run inside a transaction.
     */
    async vacuumAnalyze(db: Kysely<Database>): Promise<void> {
      for (const table of ['esco_concepts', 'esco_labels', 'esco_broader', 'esco_collection_members', 'esco_occupation_skills', 'esco_skill_relations', 'esco_lexeme_stats']) {
        await sql`vacuum analyze ${sql.table(table)}`.execute(db);
      }
    },
  };
}

export type EscoImportRepository = ReturnType<typeof createEscoImportRepository>;
