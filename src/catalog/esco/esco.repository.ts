import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/tables.js';
import type { EscoConceptType } from './esco.tables.js';

export interface EscoSearchHit {
  uri: string;
  type: EscoConceptType;
  preferredLabel: string;
  /** The label that matched best; may be the preferred one. */
  label: string;
  labelIsPreferred: boolean;
  score: number;
}

export interface EscoConceptRef {
  uri: string;
  type: EscoConceptType | null;
  /** Null when the relation points at a concept this installation has not imported. */
  preferredLabel: string | null;
}

export interface EscoConceptRecord {
  uri: string;
  type: EscoConceptType;
  preferredLabel: string;
  altLabels: string[];
  description: string | null;
  skillType: string | null;
  reuseLevel: string | null;
  code: string | null;
  iscoCode: string | null;
  status: string | null;
}

// Tiers, so that an exact label beats one the query starts word for word, which beats a fuzzy or full-text match; within a tier
// the preferred label beats an alternative one.
const EXACT = 1.0;
const PREFIX = 0.75;
// The query ends inside the label's word ("nurse" → "nursery cook"): likelier a different thing.
const PARTIAL_PREFIX = 0.5;
// Among labels the query starts, the closer ones first ("communicate" → "communicate by telephone" before
// "communicate commercial and technical issues in foreign languages").
const PREFIX_CLOSENESS = 0.2;
const TRIGRAM_WEIGHT = 0.6;
const PREFERRED_BONUS = 0.05;
const FULL_TEXT_WEIGHT = 0.3;
const FULL_TEXT_CANDIDATES = 500;

const likePrefix = (text: string): string => `${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function createEscoRepository(db: Kysely<Database>) {
  return {
    /**
     * Ranked concepts for a typed query: exact, prefix and trigram matches on every label (typos
     * tolerated through pg_trgm), plus English full-text over labels and descriptions.
     */
    async search(query: { q: string; type?: 'skill' | 'occupation' | undefined; limit: number }): Promise<EscoSearchHit[]> {
      const type = query.type ?? null;
      // A literal, so the planner picks the type's partial index: a closed list, checked here.
      if (type !== null && type !== 'skill' && type !== 'occupation') throw new Error(`Unknown ESCO search type ${String(type)}`);
      const ofType = type === null ? sql`` : sql`and l.concept_type = ${sql.lit(type)}`;
      const { rows } = await sql<{ uri: string; type: EscoConceptType; preferred_label: string; label: string | null; is_preferred: boolean | null; score: number }>`
        with input as (select ${query.q}::text as q, lower(${query.q}::text) as ql, plainto_tsquery('english', ${query.q}) as tsq),
        -- Each way a label can match, apart, so each reads its own index and tests only its own candidates:
        -- as one OR, every label sharing a few trigrams with the query (4,000 with "manager" in them) was
        -- tested for trigram similarity and then for word similarity too.
        -- Searching one type, each reads that type's labels only (migration 0027).
        candidates as (
          select l.concept_uri, l.label, l.is_preferred from esco_labels l cross join input i where l.label % i.q ${ofType}
          union select l.concept_uri, l.label, l.is_preferred from esco_labels l cross join input i where i.q <% l.label ${ofType}
          union select l.concept_uri, l.label, l.is_preferred from esco_labels l where lower(l.label) like ${likePrefix(query.q)} ${ofType}
        ),
        label_hits as (
          select l.concept_uri, c.preferred_label, c.concept_type, l.label, l.is_preferred,
            case when lower(l.label) = i.ql then ${EXACT}::float8
                 when lower(l.label) like ${likePrefix(`${query.q} `)} then ${PREFIX}::float8 + ${PREFIX_CLOSENESS}::float8 * similarity(l.label, i.q)
                 when lower(l.label) like ${likePrefix(query.q)} then ${PARTIAL_PREFIX}::float8 + ${PREFIX_CLOSENESS}::float8 * similarity(l.label, i.q)
                 else ${TRIGRAM_WEIGHT}::float8 * greatest(similarity(l.label, i.q), word_similarity(i.q, l.label)) end
              + case when l.is_preferred then ${PREFERRED_BONUS}::float8 else 0 end as label_score
          from candidates l
          cross join input i
          join esco_concepts c on c.uri = l.concept_uri and (${type}::text is null or c.concept_type = ${type}::text)
        ),
        best_labels as (
          select distinct on (concept_uri) concept_uri, preferred_label, concept_type, label, is_preferred, label_score
          from label_hits order by concept_uri, label_score desc, is_preferred desc, label
        ),
        text_hits as (
          select c.uri as concept_uri, c.preferred_label, c.concept_type, least(ts_rank(c.search_vector, i.tsq), 1)::float8 as rank
          from esco_concepts c cross join input i
          where c.search_vector @@ i.tsq and (${type}::text is null or c.concept_type = ${type}::text)
          order by rank desc limit ${FULL_TEXT_CANDIDATES}
        )
        -- Both sides carry the concept's label and type: joining the concepts again for them read all 8,000.
        select coalesce(b.concept_uri, t.concept_uri) as uri, coalesce(b.concept_type, t.concept_type) as type,
          coalesce(b.preferred_label, t.preferred_label) as preferred_label, b.label, b.is_preferred,
          coalesce(b.label_score, 0) + ${FULL_TEXT_WEIGHT}::float8 * coalesce(t.rank, 0) as score
        from best_labels b
        full join text_hits t on t.concept_uri = b.concept_uri
        order by score desc, preferred_label, uri
        limit ${query.limit}`.execute(db);
      return rows.map((row) => ({
        uri: row.uri,
        type: row.type,
        preferredLabel: row.preferred_label,
        label: row.label ?? row.preferred_label,
        labelIsPreferred: row.is_preferred ?? true,
        score: Number(row.score),
      }));
    },

    /** Which of `uris` are imported concepts of one of `types`: for checking alignments against ESCO. */
    async existingUris(uris: string[], types: EscoConceptType[]): Promise<Set<string>> {
      if (uris.length === 0 || types.length === 0) return new Set();
      const rows = await db.selectFrom('esco_concepts').select('uri').where('uri', 'in', [...new Set(uris)]).where('concept_type', 'in', types).execute();
      return new Set(rows.map((row) => row.uri));
    },

    async findConcept(uri: string): Promise<EscoConceptRecord | undefined> {
      const row = await db.selectFrom('esco_concepts').selectAll().where('uri', '=', uri).executeTakeFirst();
      if (!row) return undefined;
      return {
        uri: row.uri,
        type: row.concept_type,
        preferredLabel: row.preferred_label,
        altLabels: row.alt_labels,
        description: row.description,
        skillType: row.skill_type,
        reuseLevel: row.reuse_level,
        code: row.code,
        iscoCode: row.isco_code,
        status: row.status,
      };
    },

    async broader(uri: string): Promise<EscoConceptRef[]> {
      const rows = await db
        .selectFrom('esco_broader as b')
        .leftJoin('esco_concepts as c', 'c.uri', 'b.broader_uri')
        .select(['b.broader_uri as uri', 'c.concept_type as type', 'c.preferred_label as preferredLabel'])
        .where('b.concept_uri', '=', uri)
        .orderBy('c.preferred_label')
        .execute();
      return rows;
    },

    /** The narrower concepts that are imported, first `limit` by label, and how many there are in all. */
    async narrower(uri: string, limit: number): Promise<{ items: EscoConceptRef[]; total: number }> {
      const base = db.selectFrom('esco_broader as b').innerJoin('esco_concepts as c', 'c.uri', 'b.concept_uri').where('b.broader_uri', '=', uri);
      const items = await base.select(['c.uri', 'c.concept_type as type', 'c.preferred_label as preferredLabel']).orderBy('c.preferred_label').limit(limit).execute();
      const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
      return { items, total: Number(total) };
    },

    async collections(uri: string): Promise<string[]> {
      const rows = await db.selectFrom('esco_collection_members').select('collection').where('concept_uri', '=', uri).orderBy('collection').execute();
      return rows.map((row) => row.collection);
    },

    async relatedSkills(uri: string): Promise<Array<EscoConceptRef & { relationType: string }>> {
      return db
        .selectFrom('esco_skill_relations as r')
        .leftJoin('esco_concepts as c', 'c.uri', 'r.related_skill_uri')
        .select(['r.related_skill_uri as uri', 'c.concept_type as type', 'c.preferred_label as preferredLabel', 'r.relation_type as relationType'])
        .where('r.skill_uri', '=', uri)
        .orderBy('c.preferred_label')
        .execute();
    },

    /** Whether any occupation–skill relation was imported at all (the reduced data set has none). */
    async occupationSkillRelationsLoaded(): Promise<boolean> {
      const row = await db.selectFrom('esco_occupation_skills').select('occupation_uri').limit(1).executeTakeFirst();
      return row !== undefined;
    },

    async occupationSkills(occupationUri: string): Promise<Array<EscoConceptRef & { relationType: 'essential' | 'optional'; skillType: string | null }>> {
      return db
        .selectFrom('esco_occupation_skills as r')
        .leftJoin('esco_concepts as c', 'c.uri', 'r.skill_uri')
        .select(['r.skill_uri as uri', 'c.concept_type as type', 'c.preferred_label as preferredLabel', 'r.relation_type as relationType', 'c.skill_type as skillType'])
        .where('r.occupation_uri', '=', occupationUri)
        .orderBy('c.preferred_label')
        .execute();
    },
  };
}

export type EscoRepository = ReturnType<typeof createEscoRepository>;
