import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/tables.js';
import { DELIVERY_MODES } from '../achievement.schema.js';
import type { FacetCount } from './snapshot-facets.js';
import type { SnapshotLexemes } from './snapshot-match.js';

/**
 * The narrow columns of every search entry, in memory, as of one version of the index (migration 0016):
 * what filters, facet counts, sorts and paging read. At 100,000 entries PostgreSQL took about a second a
 * search to re-read and group them (its rows are wide: titles, texts, skills with their ESCO synonyms and
 * the vector), while a pass over these arrays takes a few milliseconds. Text matching and ranking stay in
 * PostgreSQL (full-text index, ts_rank); the snapshot is rebuilt when the version moves.
 *
 * Entries are held in the order `lower(title), entry_key` as the database collates it, so an entry's index
 * is its rank in the title sort and the tie-break of every other sort.
 */
export interface SearchSnapshot {
  version: number;
  size: number;
  keys: string[];
  indexOf: Map<string, number>;
  /** Each entry's number in the match table (migration 0022), and the entry of each number: the full-text match returns numbers. */
  entryNos: Int32Array;
  indexOfNo: Map<number, number>;
  /** Lower-case titles, for the relevance pre-ranking of broad matches. */
  titles: string[];
  /** Per entry, the code of its (slug, name) provider pair in `providers`. */
  provider: Int32Array;
  providers: Array<{ slug: string; name: string }>;
  /** EQF level, 0 for none. */
  level: Int8Array;
  /** Codes into `languages`, -1 for none (likewise for price bands and credits). */
  language: Int32Array;
  languages: string[];
  priceBand: Int32Array;
  priceBands: string[];
  /** NaN for none. */
  price: Float64Array;
  credit: Int32Array;
  credits: Array<{ value: number; system: string | null }>;
  onDemand: Uint8Array;
  endorsed: Uint8Array;
  /** Bit i set when the entry offers DELIVERY_MODES[i]. */
  modes: Uint8Array;
  skills: Lists;
  occupations: Lists;
  /** Cohort starts as days since 1970-01-01, ascending per entry. */
  cohorts: Lists;
  /** The label an entry gives a skill or occupation URI, looked up when a facet first shows it. */
  labels: Map<string, string>;
  /** Orders computed once per snapshot (per day for the start sort). */
  orders: Map<string, Int32Array>;
  /** The unfiltered catalogue's entries and facet counts, for one day (the start facet counts from today). */
  whole: Map<string, { entries: Int32Array; facets: FacetCount[] }>;
  /** The lexemes of the entries' vectors, for matching words in memory (snapshot-match.ts); null when not loaded. */
  lexemes: SnapshotLexemes | null;
}

/** Variable-length lists per entry: entry i has values[start[i]] up to values[start[i + 1]]. */
export interface Lists {
  start: Int32Array;
  values: Int32Array;
  /** What a value code stands for (a URI), when the values are codes. */
  names: string[];
}

const DAY_MS = 86_400_000;
export const dayNumber = (isoDate: string): number => Math.round(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
export const isoDate = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

class Dictionary<T> {
  readonly values: T[] = [];
  private readonly codes = new Map<string, number>();
  code(key: string, value: T): number {
    let code = this.codes.get(key);
    if (code === undefined) {
      code = this.values.length;
      this.codes.set(key, code);
      this.values.push(value);
    }
    return code;
  }
}

function listsOf(rows: Array<number[] | string[]>, names?: Dictionary<string>): Lists {
  const start = new Int32Array(rows.length + 1);
  const values: number[] = [];
  rows.forEach((row, i) => {
    for (const value of row) values.push(typeof value === 'number' ? value : names!.code(value, value));
    start[i + 1] = values.length;
  });
  return { start, values: Int32Array.from(values), names: names?.values ?? [] };
}

/** One entry as the load query lists it (a JSON array, see loadSnapshot). */
export type SnapshotRow = [
  entryKey: string,
  title: string,
  providerSlug: string,
  providerName: string,
  skillUris: string[],
  occupationUris: string[],
  eqfLevel: number | null,
  deliveryModes: string[],
  language: string | null,
  priceBand: string | null,
  priceAmount: number | null,
  creditValue: number | null,
  creditSystem: string | null,
  onDemand: boolean,
  endorsed: boolean,
  cohortStarts: string[],
  /** Its number in catalog_search_match (migration 0022). */
  entryNo: number,
];

/**
 * Reads every entry's narrow columns and the version they belong to, in one transaction (one view of the
 * data). The rows come as one JSON text: 100,000 rows of arrays took the drivers seconds to parse, one
 * JSON.parse a fraction of one. The sort needs more than the default work_mem, and the query's estimated
 * cost would make PostgreSQL compile it first (JIT), which alone took longer than the rest.
 */
export async function loadSnapshot(db: Kysely<Database>): Promise<SearchSnapshot> {
  const { version, text, lexemes } = await db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    await sql`set local work_mem = '64MB'`.execute(trx);
    await sql`set local jit = off`.execute(trx);
    const state = await trx.selectFrom('catalog_search_state').select('version').executeTakeFirstOrThrow();
    const { rows } = await sql<{ entries: string | null }>`
      select json_agg(json_build_array(c.entry_key, lower(c.title), c.organisation_slug, c.organisation_name, c.skill_uris, c.occupation_uris,
          c.eqf_level, c.delivery_modes, c.language, c.price_band, c.price_amount::float8, c.credit_value::float8, c.credit_system,
          c.on_demand, c.endorsement_count > 0, c.cohort_starts, m.entry_no) order by lower(c.title), c.entry_key)::text as entries
      from catalog_search c join catalog_search_match m on m.entry_key = c.entry_key`.execute(trx);
    // Each lexeme once (as JSON: a lexeme may hold any character), and its entries' numbers as a line of
    // digits, in the same order: grouped here, Node parses digits instead of looking up 4 million strings.
    const { rows: lexemeRows } = await sql<{ words: string | null; postings: string | null }>`
      select json_agg(l.word order by l.word)::text as words, string_agg(l.numbers, e'\n' order by l.word) as postings
      from (select w.word, string_agg(m.entry_no::text, ' ') as numbers
            from catalog_search_match m cross join unnest(tsvector_to_array(m.search_vector)) as w(word)
            group by w.word) l`.execute(trx);
    return { version: Number(state.version), text: rows[0]?.entries ?? null, lexemes: lexemeRows[0] ?? { words: null, postings: null } };
  });
  const snapshot = snapshotOf(version, text === null ? [] : (JSON.parse(text) as SnapshotRow[]));
  snapshot.lexemes = lexemesOf(snapshot, lexemes.words === null ? [] : (JSON.parse(lexemes.words) as string[]), lexemes.postings ?? '');
  return snapshot;
}

/**
 * The lexeme index of a snapshot from the lexemes and, line for line, the match-table numbers of the
 * entries holding each (numbers separated by one space). Exported for its unit test.
 */
export function lexemesOf(snapshot: Pick<SearchSnapshot, 'entryNos'>, words: string[], postings: string): SnapshotLexemes {
  // Entry by number in an array (the numbers are an identity column, dense but for deleted entries).
  const maxNo = snapshot.entryNos.reduce((max, no) => Math.max(max, no), 0);
  const entryOfNo = new Int32Array(maxNo + 1).fill(-1);
  snapshot.entryNos.forEach((no, entry) => (entryOfNo[no] = entry));
  // The numbers, parsed by hand: one pass over the digits, no substrings.
  const lines: number[][] = [];
  let line: number[] = [];
  let value = -1;
  for (let at = 0; at <= postings.length; at += 1) {
    const c = at < postings.length ? postings.charCodeAt(at) : 10;
    if (c >= 48 && c <= 57) value = (value === -1 ? 0 : value * 10) + (c - 48);
    else {
      if (value !== -1) {
        const entry = value <= maxNo ? entryOfNo[value]! : -1;
        if (entry !== -1) line.push(entry);
        value = -1;
      }
      if (c === 10) {
        lines.push(line);
        line = [];
      }
    }
  }
  // Sorted by code unit, whatever the database's collation sorted them by, so a prefix's lexemes are one run.
  const order = words.map((_, i) => i).sort((a, b) => (words[a]! < words[b]! ? -1 : words[a]! > words[b]! ? 1 : 0));
  const start = new Int32Array(words.length + 1);
  order.forEach((w, i) => (start[i + 1] = start[i]! + (lines[w]?.length ?? 0)));
  const values = new Int32Array(start[words.length]!);
  order.forEach((w, i) => values.set(lines[w] ?? [], start[i]!));
  return { words: order.map((w) => words[w]!), postings: { start, values, names: [] } };
}

/** The snapshot of some entries, listed in title order (exported for its unit test). */
export function snapshotOf(version: number, entries: SnapshotRow[]): SearchSnapshot {
  const size = entries.length;
  const providers = new Dictionary<{ slug: string; name: string }>();
  const languages = new Dictionary<string>();
  const bands = new Dictionary<string>();
  const credits = new Dictionary<{ value: number; system: string | null }>();
  const snapshot: SearchSnapshot = {
    version,
    size,
    keys: entries.map((row) => row[0]),
    indexOf: new Map(entries.map((row, i) => [row[0], i])),
    entryNos: Int32Array.from(entries, (row) => row[16]),
    indexOfNo: new Map(entries.map((row, i) => [row[16], i])),
    titles: entries.map((row) => row[1]),
    provider: new Int32Array(size),
    providers: providers.values,
    level: new Int8Array(size),
    language: new Int32Array(size),
    languages: languages.values,
    priceBand: new Int32Array(size),
    priceBands: bands.values,
    price: new Float64Array(size),
    credit: new Int32Array(size),
    credits: credits.values,
    onDemand: new Uint8Array(size),
    endorsed: new Uint8Array(size),
    modes: new Uint8Array(size),
    skills: listsOf(entries.map((row) => row[4]), new Dictionary<string>()),
    occupations: listsOf(entries.map((row) => row[5]), new Dictionary<string>()),
    cohorts: listsOf(entries.map((row) => row[15].map(dayNumber).sort((a, b) => a - b))),
    labels: new Map(),
    orders: new Map(),
    whole: new Map(),
    lexemes: null,
  };
  entries.forEach(([, , slug, name, , , level, modes, language, band, price, credit, system, onDemand, endorsed], i) => {
    snapshot.provider[i] = providers.code(JSON.stringify([slug, name]), { slug, name });
    snapshot.level[i] = level ?? 0;
    snapshot.language[i] = language === null ? -1 : languages.code(language, language);
    snapshot.priceBand[i] = band === null ? -1 : bands.code(band, band);
    snapshot.price[i] = price ?? Number.NaN;
    snapshot.credit[i] = credit === null ? -1 : credits.code(JSON.stringify([credit, system]), { value: credit, system });
    snapshot.onDemand[i] = onDemand ? 1 : 0;
    snapshot.endorsed[i] = endorsed ? 1 : 0;
    snapshot.modes[i] = DELIVERY_MODES.reduce((bits, mode, bit) => (modes.includes(mode) ? bits | (1 << bit) : bits), 0);
  });
  return snapshot;
}

/** Today's next cohort start of an entry (a day number), or -1. */
export function nextStart(snapshot: SearchSnapshot, entry: number, today: number): number {
  const { start, values } = snapshot.cohorts;
  for (let at = start[entry]!; at < start[entry + 1]!; at += 1) if (values[at]! >= today) return values[at]!;
  return -1;
}
