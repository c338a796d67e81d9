import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/tables.js';
import type { SearchOccupation, SearchSkill } from './catalog-search.tables.js';
import type { CatalogueSort } from './catalogue-search.schema.js';
import { facetCounts, filterMatches, passing, type FacetCount } from './snapshot-facets.js';
import { matchLexemes } from './snapshot-match.js';
import { pageOf, preRanked } from './snapshot-order.js';
import { dayNumber, isoDate, loadSnapshot, nextStart, type SearchSnapshot } from './search-snapshot.js';

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

/** An entry that serves an occupation, directly (`aligned`) or through some of its skills. */
export interface OccupationCandidate {
  entryKey: string;
  title: string;
  aligned: boolean;
  coveredSkills: number;
}

export { MAX_FACET_VALUES, START_BUCKETS, type FacetCount } from './snapshot-facets.js';

const TITLE_SIMILARITY_WEIGHT = 0.3;

/** The score of an entry for typed words: full-text rank plus a bonus for a title like the words typed. */
const scoreOf = (criteria: SearchCriteria) =>
  criteria.tsquery === null
    ? sql`null::float8`
    : sql`(ts_rank(c.search_vector, to_tsquery('english', ${criteria.tsquery})) + ${TITLE_SIMILARITY_WEIGHT}::float8 * word_similarity(${criteria.text ?? ''}, c.title))::float8`;

/**
 * Up to this many matches are ranked exactly (ts_rank reads each one's vector, stored out of line: at
 * 30,000 matches that took over a second). Beyond it, the matches whose titles hold most of the typed
 * words (then by title) are ranked exactly, and come first; the rest follow in that order.
 */
export const RANKED_EXACTLY = 1_000;

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

/**
 * The snapshot of the committed index, reloaded when its version moves; concurrent searches share one load.
 * The version is read before every search; the same round trip normalises the search's tsquery (stems,
 * stop words) when there is one, for matching over the snapshot's lexemes.
 */
function snapshotCache(db: Kysely<Database>) {
  let current: SearchSnapshot | null = null;
  let loading: Promise<SearchSnapshot> | null = null;
  const load = (): Promise<SearchSnapshot> =>
    (loading ??= loadSnapshot(db).then(
      (snapshot) => ((current = snapshot), (loading = null), snapshot),
      (error: unknown) => {
        loading = null;
        throw error;
      },
    ));
  return async (tsquery: string | null = null): Promise<{ s: SearchSnapshot; normalized: string | null }> => {
    const { rows } = await sql<{ version: string | number; normalized: string | null }>`
      select version, to_tsquery('english', ${tsquery}::text)::text as normalized from catalog_search_state`.execute(db);
    const version = Number(rows[0]!.version);
    const normalized = rows[0]!.normalized;
    if (current !== null && current.version === version) return { s: current, normalized };
    const snapshot = await load();
    // A load that started before this version was committed: once more.
    return { s: snapshot.version >= version ? snapshot : await load(), normalized };
  };
}

export function createCatalogueSearchRepository(db: Kysely<Database>) {
  const snapshot = snapshotCache(db);

  /** The snapshot's entries the words match (ascending), or null for every entry when there are none. */
  async function matched(s: SearchSnapshot, criteria: SearchCriteria, normalized: string | null): Promise<Int32Array | null> {
    if (criteria.tsquery === null) return null;
    // PostgreSQL normalised the words (snapshotCache); the snapshot's lexemes answer the match.
    if (s.lexemes !== null && normalized !== null) {
      const entries = matchLexemes(s.lexemes, s.size, normalized);
      if (entries !== null) return entries;
    }
    const numbers = await db.transaction().execute(async (trx) => {
      // A broad word matches a third of the entries, and the planner then reads the table instead of the
      // index, detoasting every vector to test it; the index answers without reading them.
      await sql`set local enable_seqscan = off`.execute(trx);
      const { rows } = await sql<{ numbers: number[] | null }>`
        select array_agg(m.entry_no) as numbers from catalog_search_match m where m.search_vector @@ to_tsquery('english', ${criteria.tsquery})`.execute(trx);
      return rows[0]?.numbers ?? [];
    });
    // An entry written after the snapshot was read is left out until the next one.
    const entries = numbers.map((no) => s.indexOfNo.get(no) ?? -1).filter((entry) => entry !== -1);
    return Int32Array.from(entries).sort();
  }

  /** Exact scores of some entries (ranking reads the narrow match table, migration 0022). */
  async function scores(s: SearchSnapshot, entries: Int32Array, criteria: SearchCriteria): Promise<Float64Array> {
    const out = new Float64Array(s.size);
    if (entries.length === 0 || criteria.tsquery === null) return out;
    const numbers = [...entries].map((e) => s.entryNos[e]!);
    const { rows } = await sql<{ entry_no: number; score: number }>`
      select c.entry_no, ${scoreOf(criteria)} as score from catalog_search_match c where c.entry_no = any(${numbers}::int4[])`.execute(db);
    for (const row of rows) {
      const entry = s.indexOfNo.get(row.entry_no);
      if (entry !== undefined) out[entry] = Number(row.score);
    }
    return out;
  }

  /**
   * The rows of one page of the entries that pass every filter, in the sort's order. Ranked by relevance,
   * the exactly ranked entries are scored, ordered and read in one statement when the page lies among them.
   */
  async function pageRows(s: SearchSnapshot, entries: Int32Array, criteria: SearchCriteria, sort: CatalogueSort, at: { limit: number; offset: number }): Promise<SearchRow[]> {
    const today = dayNumber(criteria.today);
    const score = scoreOf(criteria);
    const keysOf = (page: Iterable<number>) => [...page].map((entry) => s.keys[entry]!);
    if (sort !== 'relevance' || criteria.tsquery === null) return rowsOf(s, keysOf(pageOf(s, entries, sort === 'relevance' ? 'title' : sort, today, at)), criteria.today, score);
    const { exact, rest } = preRanked(s, entries, criteria.tsquery, RANKED_EXACTLY);
    // Past the exactly ranked entries, the rest keep their order and need no ranking.
    if (at.offset >= exact.length) return rowsOf(s, keysOf(rest.subarray(at.offset - exact.length, at.offset - exact.length + at.limit)), criteria.today, score);
    if (at.offset + at.limit <= exact.length || rest.length === 0) return rankedRows(s, exact, criteria, at);
    const scored = await scores(s, exact, criteria);
    const ranked = [...exact].sort((a, b) => scored[b]! - scored[a]! || a - b);
    return rowsOf(s, keysOf([...ranked, ...rest.subarray(0, Math.max(0, at.offset + at.limit - ranked.length))].slice(at.offset, at.offset + at.limit)), criteria.today, score);
  }

  /** A page of some entries ranked by score (ties in the snapshot's order), scored, ordered and read in one statement. */
  async function rankedRows(s: SearchSnapshot, entries: Int32Array, criteria: SearchCriteria, at: { limit: number; offset: number }): Promise<SearchRow[]> {
    if (entries.length === 0) return [];
    const { rows } = await sql<RawRow & { entry: number }>`
      with ranked as (
        select c.entry_key, e.entry, ${scoreOf(criteria)} as score
        from unnest(${[...entries].map((entry) => s.entryNos[entry]!)}::int4[], ${[...entries]}::int4[]) as e(entry_no, entry)
        join catalog_search_match c on c.entry_no = e.entry_no
        order by score desc, e.entry
        limit ${at.limit} offset ${at.offset})
      select c.*, r.score, r.entry from ranked r join catalog_search c on c.entry_key = r.entry_key`.execute(db);
    const today = dayNumber(criteria.today);
    return rows
      .sort((a, b) => Number(b.score) - Number(a.score) || a.entry - b.entry)
      .map((row) => {
        const next = nextStart(s, row.entry, today);
        return toRow({ ...row, next_start_text: next === -1 ? null : isoDate(next) });
      });
  }

  /** Fills in the labels of the skills and occupations the counts show, as an entry gives them (cached per snapshot). */
  async function labelled(s: SearchSnapshot, counts: FacetCount[]): Promise<FacetCount[]> {
    const missing = (facet: 'skill' | 'occupation') => [...new Set(counts.filter((c) => c.facet === facet && !s.labels.has(`${facet} ${c.value}`)).map((c) => c.value))];
    for (const [facet, column, uris] of [['skill', 'skills', 'skill_uris'], ['occupation', 'occupations', 'occupation_uris']] as const) {
      const values = missing(facet);
      if (values.length === 0) continue;
      const { rows } = await sql<{ uri: string; label: string | null }>`
        select v.uri, (select k->>'label' from catalog_search e cross join jsonb_array_elements(e.${sql.ref(column)}) k
            where e.${sql.ref(uris)} @> array[v.uri]::text[] and k->>'uri' = v.uri limit 1) as label
        from unnest(${values}::text[]) as v(uri)`.execute(db);
      for (const row of rows) s.labels.set(`${facet} ${row.uri}`, row.label ?? row.uri);
    }
    return counts.map((c) => (c.facet === 'skill' || c.facet === 'occupation' ? { ...c, label: s.labels.get(`${c.facet} ${c.value}`) ?? c.value } : c));
  }

  /** The rows of some entries in the order given, each with its next cohort start as of a day. */
  async function rowsOf(s: SearchSnapshot, keys: string[], on: string, score: RawBuilder<unknown>): Promise<SearchRow[]> {
    if (keys.length === 0) return [];
    const { rows } = await sql<RawRow & { entry_key: string }>`
      select c.*, ${score} as score from catalog_search c where c.entry_key = any(${keys}::text[])`.execute(db);
    const byKey = new Map(rows.map((row) => [row.entry_key, row]));
    const today = dayNumber(on);
    // A key whose entry went after the snapshot was read (a withdrawal, say) is left out.
    return keys.flatMap((key) => {
      const row = byKey.get(key);
      const entry = s.indexOf.get(key);
      const next = entry === undefined ? -1 : nextStart(s, entry, today);
      return row ? [toRow({ ...row, next_start_text: next === -1 ? null : isoDate(next) })] : [];
    });
  }

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

    /**
     * A page of the entries the words match under every filter, their total, and the counts per facet value,
     * each facet under every filter but its own (what faceted search shows). The words are matched by the
     * full-text index; filters, counts and sorts run over the snapshot.
     */
    async search(criteria: SearchCriteria, sort: CatalogueSort, at: { limit: number; offset: number }): Promise<{ total: number; rows: SearchRow[]; facets: FacetCount[] }> {
      const { s, normalized } = await snapshot(criteria.tsquery);
      // The whole catalogue, unfiltered (the catalogue page as it opens), is counted once per snapshot and day.
      const whole = criteria.tsquery === null && Object.values(criteria.filters).every((value) => value === undefined || (Array.isArray(value) && value.length === 0));
      const known = whole ? s.whole.get(criteria.today) : undefined;
      const { entries, facets } = known ?? (await (async () => {
        const filtered = filterMatches(s, await matched(s, criteria, normalized), criteria);
        return { entries: passing(filtered), facets: await labelled(s, facetCounts(s, filtered, criteria)) };
      })());
      if (whole && known === undefined) s.whole = new Map([[criteria.today, { entries, facets }]]);
      return { total: entries.length, rows: await pageRows(s, entries, criteria, sort, at), facets };
    },

    /**
     * The entries aligned to an occupation directly or through any of its skills, from the snapshot: the
     * title, whether the occupation is listed, and how many of the skills are, so the caller can rank them
     * and read only the rows it shows (an occupation a few thousand entries list took a quarter of a second
     * to read in full). In the snapshot's order, which is the title sort's.
     */
    async occupationCandidates(occupationUri: string, skillUris: string[]): Promise<OccupationCandidate[]> {
      const { s } = await snapshot();
      const occupation = s.occupations.names.indexOf(occupationUri);
      const wanted = new Set(skillUris.map((uri) => s.skills.names.indexOf(uri)).filter((code) => code !== -1));
      const found: Array<{ entry: number; aligned: boolean; coveredSkills: number }> = [];
      for (let entry = 0; entry < s.size; entry += 1) {
        let aligned = false;
        for (let at = s.occupations.start[entry]!; at < s.occupations.start[entry + 1]!; at += 1) if (s.occupations.values[at] === occupation) aligned = true;
        let coveredSkills = 0;
        if (wanted.size > 0) for (let at = s.skills.start[entry]!; at < s.skills.start[entry + 1]!; at += 1) if (wanted.has(s.skills.values[at]!)) coveredSkills += 1;
        if (aligned || coveredSkills > 0) found.push({ entry, aligned, coveredSkills });
      }
      if (found.length === 0) return [];
      // The titles as written (the snapshot holds them in lower case), from the narrow match table.
      const { rows } = await sql<{ entry_no: number; title: string }>`
        select entry_no, title from catalog_search_match where entry_no = any(${found.map((f) => s.entryNos[f.entry]!)}::int4[])`.execute(db);
      const titles = new Map(rows.map((row) => [row.entry_no, row.title]));
      return found.flatMap(({ entry, aligned, coveredSkills }) => {
        const title = titles.get(s.entryNos[entry]!);
        return title === undefined ? [] : [{ entryKey: s.keys[entry]!, title, aligned, coveredSkills }];
      });
    },

    /** The rows of some entries, in the order given (those gone since the snapshot was read are left out). */
    async rows(entryKeys: string[], today: string): Promise<SearchRow[]> {
      return rowsOf((await snapshot()).s, entryKeys, today, sql`null::float8`);
    },
  };
}

export type CatalogueSearchRepository = ReturnType<typeof createCatalogueSearchRepository>;

