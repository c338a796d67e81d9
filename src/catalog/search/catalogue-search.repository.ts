import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/tables.js';
import { DELIVERY_MODES } from '../achievement.schema.js';
import type { SearchOccupation, SearchSkill } from './catalog-search.tables.js';
import type { CatalogueSort, FacetName } from './catalogue-search.schema.js';

/** What a search asks of the index; the service turns the typed words into `tsquery` first. */
export interface SearchCriteria {
  /** A to_tsquery expression built only from letters, digits and the operators & | :*; null lists everything. */
  tsquery: string | null;
  /** The words as typed, for the title's trigram bonus. */
  text: string | null;
  today: string;
  filters: {
    provider?: string[] | undefined;
    skill?: string[] | undefined;
    occupation?: string[] | undefined;
    level?: number[] | undefined;
    mode?: string[] | undefined;
    language?: string[] | undefined;
    priceBand?: string[] | undefined;
    creditMin?: number | undefined;
    creditMax?: number | undefined;
    startsWithinDays?: number | undefined;
    onDemand?: boolean | undefined;
    endorsed?: boolean | undefined;
  };
}

/** Where a harvested entry came from; null for this instance's own micro-credentials. */
export interface SearchOrigin {
  subscriptionId: string;
  feedUrl: string;
  issuerDid: string;
  /** The remote achievement across its versions (its public page). */
  subjectId: string;
  /** The remote OB Achievement id (one version). */
  achievementUrl: string;
  fetchedAt: Date;
}

export interface SearchRow {
  /** Null for a harvested entry, which is another instance's achievement. */
  achievementId: string | null;
  version: number | null;
  achievementSlug: string | null;
  /** A harvested entry's provider has no organisation here: its slug is the issuer's DID (the facet value). */
  organisation: { id: string | null; slug: string; name: string };
  title: string;
  description: string;
  outcomesText: string;
  skills: SearchSkill[];
  occupations: SearchOccupation[];
  eqfLevel: number | null;
  deliveryModes: string[];
  language: string | null;
  price: { amount: number; currency: string; band: string } | null;
  credit: { value: number; system: string | null } | null;
  onDemand: boolean;
  nextCohortOn: string | null;
  endorsementCount: number;
  score: number | null;
  origin: SearchOrigin | null;
}

export interface FacetCount {
  facet: FacetName;
  value: string;
  label: string;
  count: number;
}

/** Start buckets of the `start` facet: on demand, or a cohort (or on demand) within so many days. */
export const START_BUCKETS = [
  { value: 'on-demand', days: null },
  { value: 'within-30', days: 30 },
  { value: 'within-90', days: 90 },
  { value: 'within-365', days: 365 },
] as const;

const list = (values: ReadonlyArray<string | number>): RawBuilder<unknown> => sql.join(values.map((value) => sql`${value}`));
const TITLE_SIMILARITY_WEIGHT = 0.3;

/** One SQL condition per facet, so each facet can be counted under all the others. */
function conditions(criteria: SearchCriteria): Record<FacetName, RawBuilder<boolean> | null> {
  const f = criteria.filters;
  const some = <T>(values: T[] | undefined): values is T[] => values !== undefined && values.length > 0;
  const creditParts = [
    f.creditMin === undefined ? null : sql`s.credit_value >= ${f.creditMin}`,
    f.creditMax === undefined ? null : sql`s.credit_value <= ${f.creditMax}`,
  ].filter((part) => part !== null);
  const startParts = [
    f.onDemand === undefined ? null : sql`s.on_demand = ${f.onDemand}`,
    f.startsWithinDays === undefined ? null : sql`(s.on_demand or s.next_start <= ${criteria.today}::date + ${f.startsWithinDays}::int)`,
  ].filter((part) => part !== null);
  return {
    provider: some(f.provider) ? sql`s.organisation_slug in (${list(f.provider)})` : null,
    skill: some(f.skill) ? sql`s.skill_uris && array[${list(f.skill)}]::text[]` : null,
    occupation: some(f.occupation) ? sql`s.occupation_uris && array[${list(f.occupation)}]::text[]` : null,
    level: some(f.level) ? sql`s.eqf_level in (${list(f.level)})` : null,
    mode: some(f.mode) ? sql`s.delivery_modes && array[${list(f.mode)}]::text[]` : null,
    language: some(f.language) ? sql`lower(s.language) in (${list(f.language.map((l) => l.toLowerCase()))})` : null,
    priceBand: some(f.priceBand) ? sql`s.price_band in (${list(f.priceBand)})` : null,
    credit: creditParts.length > 0 ? sql<boolean>`(${sql.join(creditParts, sql` and `)})` : null,
    start: startParts.length > 0 ? sql<boolean>`(${sql.join(startParts, sql` and `)})` : null,
    endorsed: f.endorsed === undefined ? null : sql`(s.endorsement_count > 0) = ${f.endorsed}`,
  };
}

const allExcept = (all: Record<FacetName, RawBuilder<boolean> | null>, except: FacetName | null): RawBuilder<boolean> => {
  const parts = Object.entries(all).filter(([name, condition]) => name !== except && condition !== null).map(([, condition]) => condition!);
  return parts.length === 0 ? sql<boolean>`true` : sql<boolean>`${sql.join(parts, sql` and `)}`;
};

/**
 * Today's next cohort of an entry. The stored next_cohort_on is the first start on or after the day the
 * entry was written, so while it has not passed it is still the answer; only entries whose stored start
 * has passed look through their cohorts again (at 100,000 entries a subquery per row cost more than the rest).
 */
const nextStart = (today: string) => sql`case when cardinality(c.cohort_starts) = 0 then null::date
      when c.next_cohort_on >= ${today}::date then c.next_cohort_on
      else (select min(d) from unnest(c.cohort_starts) d where d >= ${today}::date) end`;

/**
 * The entries the words match (all of them when there are none), with a score and today's next cohort:
 * only the columns filters, facets and sorts read. The text columns and vector are wide and stored out of
 * line (TOAST); carrying them through 100,000 matches made a search take seconds. Pages fetch them for
 * their own rows only.
 */
const matching = (criteria: SearchCriteria, purpose: 'page' | 'facets' = 'page') => {
  const tsq = criteria.tsquery === null ? null : sql`to_tsquery('english', ${criteria.tsquery})`;
  const score = tsq === null ? sql`null::float8` : sql`(ts_rank(c.search_vector, ${tsq}) + ${TITLE_SIMILARITY_WEIGHT}::float8 * word_similarity(${criteria.text ?? ''}, c.title))::float8`;
  // Facets need neither the score (a rank per match is the costliest part of a broad search) nor the title.
  const ordering = purpose === 'page' ? sql`c.title, c.price_amount, ${score} as score,` : sql``;
  return sql`select c.entry_key, ${ordering} c.organisation_slug, c.organisation_name, c.skill_uris, c.occupation_uris, c.eqf_level,
      c.delivery_modes, c.language, c.price_band, c.credit_value, c.credit_system, c.on_demand, c.endorsement_count,
      ${nextStart(criteria.today)} as next_start
    from catalog_search c
    where ${tsq === null ? sql`true` : sql`c.search_vector @@ ${tsq}`}`;
};

/** Values shown per facet (most frequent first, plus any selected one): 4,000 ESCO skills are no list to tick. */
export const MAX_FACET_VALUES = 25;

type Where = (facet: FacetName) => RawBuilder<boolean>;

/**
 * The single-valued facets. Providers are many and grouped on their own; the others have a handful of
 * values each, so the match set is first grouped on all of them together (a few thousand groups however
 * many matches) and each facet then sums those groups (grouping sets). Outside its own grouping set a
 * column is null, hence the coalesces.
 */
const scalarFacets = (where: Where) => sql`
  select 'provider' as facet, s.organisation_slug as value, s.organisation_name as label, count(*) as n from s where ${where('provider')} group by 2, 3
  union all
  select case when grouping(g.eqf_level) = 0 then 'level' when grouping(g.language) = 0 then 'language'
        when grouping(g.price_band) = 0 then 'priceBand' when grouping(g.credit_value) = 0 then 'credit' else 'endorsed' end,
      coalesce(g.eqf_level::text, g.language, g.price_band, (g.credit_value::float8)::text, g.endorsed::text),
      coalesce(g.eqf_level::text, g.language, g.price_band, (g.credit_value::float8)::text || coalesce(' ' || g.credit_system, ''), g.endorsed::text),
      case when grouping(g.eqf_level) = 0 then sum(g.n) filter (where g.level_ok) when grouping(g.language) = 0 then sum(g.n) filter (where g.language_ok)
        when grouping(g.price_band) = 0 then sum(g.n) filter (where g.price_band_ok) when grouping(g.credit_value) = 0 then sum(g.n) filter (where g.credit_ok)
        else sum(g.n) filter (where g.endorsed_ok) end
  from (select s.eqf_level, s.language, s.price_band, s.credit_value, s.credit_system, s.endorsement_count > 0 as endorsed,
          ${where('level')} as level_ok, ${where('language')} as language_ok, ${where('priceBand')} as price_band_ok,
          ${where('credit')} as credit_ok, ${where('endorsed')} as endorsed_ok, count(*) as n
        from s group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11) g
  group by grouping sets ((g.eqf_level), (g.language), (g.price_band), (g.credit_value, g.credit_system), (g.endorsed))`;

/** The start buckets and delivery modes (few, known values) as counts of one pass, one row per value. */
const bucketFacets = (where: Where, today: string) => {
  const counts = [
    ...START_BUCKETS.map((b) => ({ facet: 'start', value: b.value, when: b.days === null ? sql`s.on_demand` : sql`(s.on_demand or s.next_start <= ${today}::date + ${b.days}::int)`, where: where('start') })),
    // A harvested entry may list a mode twice; = any counts it once.
    ...DELIVERY_MODES.map((mode) => ({ facet: 'mode', value: mode, when: sql`${mode} = any(s.delivery_modes)`, where: where('mode') })),
  ];
  const columns = sql.join(counts.map((c, i) => sql`count(*) filter (where ${c.when} and ${c.where}) as ${sql.ref(`c${i}`)}`));
  const values = sql.join(counts.map((c, i) => sql`(${c.facet}::text, ${c.value}::text, a.${sql.ref(`c${i}`)})`));
  return sql`select v.facet, v.value, v.value as label, v.n from (select ${columns} from s) a cross join lateral (values ${values}) as v(facet, value, n) where v.n > 0`;
};

/** The label an entry gives a skill or occupation URI (ESCO's, or the definition's), for the few values a facet shows. */
const labelFromEntries = (column: 'skills' | 'occupations', uris: 'skill_uris' | 'occupation_uris', value: RawBuilder<unknown>) =>
  sql`(select k->>'label' from catalog_search e cross join jsonb_array_elements(e.${sql.ref(column)}) k
      where e.${sql.ref(uris)} @> array[${value}]::text[] and k->>'uri' = ${value} limit 1)`;

// entry_key breaks ties: unique for local and harvested entries alike, so pages never overlap.
const ORDER: Record<CatalogueSort, RawBuilder<unknown>> = {
  relevance: sql`s.score desc nulls last, lower(s.title), s.entry_key`,
  title: sql`lower(s.title), s.entry_key`,
  price: sql`s.price_amount nulls last, lower(s.title), s.entry_key`,
  credit: sql`s.credit_value desc nulls last, lower(s.title), s.entry_key`,
  start: sql`s.on_demand desc, s.next_start nulls last, lower(s.title), s.entry_key`,
};

interface RawRow {
  achievement_id: string | null;
  version: number | null;
  achievement_slug: string | null;
  organisation_id: string | null;
  organisation_slug: string;
  organisation_name: string;
  title: string;
  description: string;
  outcomes_text: string;
  skills: SearchSkill[];
  occupations: SearchOccupation[];
  eqf_level: number | null;
  delivery_modes: string[];
  language: string | null;
  price_amount: string | null;
  price_currency: string | null;
  price_band: string | null;
  credit_value: string | null;
  credit_system: string | null;
  on_demand: boolean;
  /** Formatted in SQL: drivers turn a date column into a Date at local midnight, which shifts by time zone. */
  next_start_text: string | null;
  endorsement_count: number;
  score: number | null;
  subscription_id: string | null;
  subject_id: string | null;
  feed_url: string | null;
  issuer_did: string | null;
  achievement_url: string | null;
  fetched_at: Date | null;
  total?: string | number;
}

const originOf = (row: RawRow): SearchOrigin | null =>
  row.subscription_id === null
    ? null
    : { subscriptionId: row.subscription_id, feedUrl: row.feed_url!, issuerDid: row.issuer_did!, subjectId: row.subject_id!, achievementUrl: row.achievement_url!, fetchedAt: row.fetched_at! };

const toRow = (row: RawRow): SearchRow => ({
  achievementId: row.achievement_id,
  version: row.version,
  achievementSlug: row.achievement_slug,
  organisation: { id: row.organisation_id, slug: row.organisation_slug, name: row.organisation_name },
  title: row.title,
  description: row.description,
  outcomesText: row.outcomes_text,
  skills: row.skills,
  occupations: row.occupations,
  eqfLevel: row.eqf_level,
  deliveryModes: row.delivery_modes,
  language: row.language,
  price: row.price_amount === null ? null : { amount: Number(row.price_amount), currency: row.price_currency!, band: row.price_band! },
  credit: row.credit_value === null ? null : { value: Number(row.credit_value), system: row.credit_system },
  onDemand: row.on_demand,
  nextCohortOn: row.next_start_text,
  endorsementCount: Number(row.endorsement_count),
  score: row.score === null ? null : Number(row.score),
  origin: originOf(row),
});

export function createCatalogueSearchRepository(db: Kysely<Database>) {
  return {
    /** For each typed word, the index's words within trigram reach of it (typo tolerance), and whether it is a stop word. */
    async nearWords(words: string[]): Promise<Array<{ word: string; stopWord: boolean; exact: boolean; near: string[] }>> {
      if (words.length === 0) return [];
      const { rows } = await sql<{ word: string; stop_word: boolean; exact: boolean; near: string[] | null }>`
        select w.word,
          numnode(plainto_tsquery('english', w.word)) = 0 as stop_word,
          exists (select 1 from catalog_search_vocabulary x where x.word = w.word) as exact,
          array(select x.word from catalog_search_vocabulary x where x.word % w.word and x.word <> w.word
                order by similarity(x.word, w.word) desc, x.word limit 8) as near
        from (values ${sql.join(words.map((word) => sql`(${word}::text)`))}) as w(word)`.execute(db);
      return rows.map((row) => ({ word: row.word, stopWord: row.stop_word, exact: row.exact, near: row.near ?? [] }));
    },

    async search(criteria: SearchCriteria, sort: CatalogueSort, page: { limit: number; offset: number }): Promise<{ total: number; rows: SearchRow[] }> {
      // First the page's keys over the narrow match set, then the page's own rows in full.
      const { rows: keys } = await sql<{ entry_key: string; score: number | null; next_start_text: string | null; total: string | number }>`
        with s as (${matching(criteria)})
        select s.entry_key, s.score, to_char(s.next_start, 'YYYY-MM-DD') as next_start_text, count(*) over () as total from s
        where ${allExcept(conditions(criteria), null)}
        order by ${ORDER[sort]}
        limit ${page.limit} offset ${page.offset}`.execute(db);
      // Past the last page there are no rows to carry the total: count again.
      const total = keys[0]?.total ?? (page.offset > 0 ? await this.count(criteria) : 0);
      if (keys.length === 0) return { total: Number(total), rows: [] };
      const { rows } = await sql<RawRow & { entry_key: string }>`select c.* from catalog_search c where c.entry_key in (${list(keys.map((key) => key.entry_key))})`.execute(db);
      const byKey = new Map(rows.map((row) => [row.entry_key, row]));
      // A key whose entry went between the two reads (a withdrawal, say) is left out.
      const found = keys.flatMap((key) => {
        const row = byKey.get(key.entry_key);
        return row ? [toRow({ ...row, score: key.score, next_start_text: key.next_start_text })] : [];
      });
      return { total: Number(total), rows: found };
    },

    async count(criteria: SearchCriteria): Promise<number> {
      const { rows } = await sql<{ n: string }>`with s as (${matching(criteria)}) select count(*) as n from s where ${allExcept(conditions(criteria), null)}`.execute(db);
      return Number(rows[0]?.n ?? 0);
    },

    /**
     * Counts per facet value, each facet under every filter but its own (what faceted search shows): the
     * MAX_FACET_VALUES most frequent values of each, and the selected ones whatever their rank. The narrow
     * match set is materialised once and read in four passes.
     */
    async facets(criteria: SearchCriteria): Promise<FacetCount[]> {
      const all = conditions(criteria);
      // Each row's filter outcomes once, as flags: "every filter" and, per facet whose filter is set,
      // "every filter but its own". Only rows some facet counts are kept.
      const own = (Object.keys(all) as FacetName[]).filter((facet) => all[facet] !== null);
      const flags = [sql`${allExcept(all, null)} as ok`, ...own.map((facet) => sql`${allExcept(all, facet)} as ${sql.ref(`ok_${facet}`)}`)];
      const kept = sql.join([sql`x.ok`, ...own.map((facet) => sql.ref(`x.ok_${facet}`))], sql` or `);
      const where: Where = (facet) => (own.includes(facet) ? sql<boolean>`${sql.ref(`s.ok_${facet}`)}` : sql<boolean>`s.ok`);
      const f = criteria.filters;
      const selected = Object.entries({ provider: f.provider, skill: f.skill, occupation: f.occupation, level: f.level, mode: f.mode, language: f.language, priceBand: f.priceBand })
        .flatMap(([facet, values]) => (values ?? []).map((value) => `${facet} ${value}`));
      // Entries list a skill or occupation once (search-index.ts and the harvested index keep them distinct).
      const counted = await db.transaction().execute(async (trx) => {
        // 100,000 narrow matches take tens of megabytes: in memory rather than temporary files. The query's
        // estimated cost also makes PostgreSQL compile it (JIT), which takes longer than running it.
        await sql`set local work_mem = '64MB'`.execute(trx);
        await sql`set local jit = off`.execute(trx);
        return sql<{ facet: FacetName; value: string; label: string; n: string }>`
        with m as (${matching(criteria, 'facets')}),
        s as materialized (select * from (select s.*, ${sql.join(flags)} from m s) x where ${kept}),
        counts as (
          ${scalarFacets(where)}
          union all
          ${bucketFacets(where, criteria.today)}
          union all
          select 'skill', k, null, count(*) from s cross join unnest(s.skill_uris) k where ${where('skill')} group by 2
          union all
          select 'occupation', o, null, count(*) from s cross join unnest(s.occupation_uris) o where ${where('occupation')} group by 2
        ),
        ranked as (select counts.*, row_number() over (partition by facet order by n desc, value) as rank from counts where value is not null and n > 0)
        select facet, value, n, case facet
            when 'skill' then coalesce(${labelFromEntries('skills', 'skill_uris', sql`ranked.value`)}, ranked.value)
            when 'occupation' then coalesce(${labelFromEntries('occupations', 'occupation_uris', sql`ranked.value`)}, ranked.value)
            else label end as label
        from ranked
        where rank <= ${MAX_FACET_VALUES} or (facet || ' ' || value) = any(${selected}::text[])`.execute(trx);
      });
      return counted.rows.map((row) => ({ facet: row.facet, value: row.value, label: row.label, count: Number(row.n) }));
    },

    /** Entries aligned to an occupation directly or through any of its skills. */
    async forOccupation(occupationUri: string, skillUris: string[], today: string): Promise<SearchRow[]> {
      const skills = skillUris.length === 0 ? sql`false` : sql`c.skill_uris && array[${list(skillUris)}]::text[]`;
      const { rows } = await sql<RawRow>`
        select c.*, null::float8 as score,
          to_char((select min(d) from unnest(c.cohort_starts) d where d >= ${today}::date), 'YYYY-MM-DD') as next_start_text
        from catalog_search c
        where c.occupation_uris @> array[${occupationUri}]::text[] or ${skills}
        order by lower(c.title), c.entry_key`.execute(db);
      return rows.map(toRow);
    },
  };
}

export type CatalogueSearchRepository = ReturnType<typeof createCatalogueSearchRepository>;
