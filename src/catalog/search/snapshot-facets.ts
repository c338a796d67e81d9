import { DELIVERY_MODES } from '../achievement.schema.js';
import type { SearchCriteria } from './catalogue-search.repository.js';
import { FACETS, type FacetName } from './catalogue-search.schema.js';
import { dayNumber, nextStart, type Lists, type SearchSnapshot } from './search-snapshot.js';

/**
 * Filters and facet counts over the in-memory snapshot (search-snapshot.ts), with the semantics the SQL
 * had: a filter that meets a missing value (no level, no price, no start) lets the entry through only
 * when it is not set, and each facet is counted under every filter but its own.
 */

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

/** Values shown per facet (most frequent first, plus any selected one): 4,000 ESCO skills are no list to tick. */
export const MAX_FACET_VALUES = 25;

const BIT = Object.fromEntries(FACETS.map((facet, i) => [facet, 1 << i])) as Record<FacetName, number>;
const [PROVIDER_BIT, LEVEL_BIT, LANGUAGE_BIT, PRICEBAND_BIT, CREDIT_BIT, ENDORSED_BIT, SKILL_BIT, OCCUPATION_BIT, MODE_BIT, START_BIT] = (
  ['provider', 'level', 'language', 'priceBand', 'credit', 'endorsed', 'skill', 'occupation', 'mode', 'start'] as const
).map((facet) => BIT[facet]);

type Test = (entry: number) => boolean;

const hasAny = (lists: Lists, entry: number, wanted: Set<number>): boolean => {
  for (let at = lists.start[entry]!; at < lists.start[entry + 1]!; at += 1) if (wanted.has(lists.values[at]!)) return true;
  return false;
};

const codesOf = <T>(values: T[], keep: (value: T) => boolean): Set<number> => new Set(values.flatMap((value, code) => (keep(value) ? [code] : [])));

/** One test per facet whose filter is set. */
function tests(snapshot: SearchSnapshot, criteria: SearchCriteria, today: number): Array<[FacetName, Test]> {
  const f = criteria.filters;
  const some = <T>(values: T[] | undefined): values is T[] => values !== undefined && values.length > 0;
  const s = snapshot;
  const out: Array<[FacetName, Test]> = [];
  if (some(f.provider)) {
    const codes = codesOf(s.providers, (p) => f.provider!.includes(p.slug));
    out.push(['provider', (e) => codes.has(s.provider[e]!)]);
  }
  if (some(f.skill)) {
    const codes = codesOf(s.skills.names, (uri) => f.skill!.includes(uri));
    out.push(['skill', (e) => hasAny(s.skills, e, codes)]);
  }
  if (some(f.occupation)) {
    const codes = codesOf(s.occupations.names, (uri) => f.occupation!.includes(uri));
    out.push(['occupation', (e) => hasAny(s.occupations, e, codes)]);
  }
  if (some(f.level)) out.push(['level', (e) => s.level[e] !== 0 && f.level!.includes(s.level[e]!)]);
  if (some(f.mode)) {
    const bits = f.mode.reduce((mask, mode) => mask | (1 << (DELIVERY_MODES as readonly string[]).indexOf(mode)), 0);
    out.push(['mode', (e) => (s.modes[e]! & bits) !== 0]);
  }
  if (some(f.language)) {
    const wanted = f.language.map((language) => language.toLowerCase());
    const codes = codesOf(s.languages, (language) => wanted.includes(language.toLowerCase()));
    out.push(['language', (e) => codes.has(s.language[e]!)]);
  }
  if (some(f.priceBand)) {
    const codes = codesOf(s.priceBands, (band) => f.priceBand!.includes(band));
    out.push(['priceBand', (e) => codes.has(s.priceBand[e]!)]);
  }
  if (f.creditMin !== undefined || f.creditMax !== undefined) {
    const [min, max] = [f.creditMin ?? -Infinity, f.creditMax ?? Infinity];
    out.push(['credit', (e) => s.credit[e] !== -1 && s.credits[s.credit[e]!]!.value >= min && s.credits[s.credit[e]!]!.value <= max]);
  }
  if (f.onDemand !== undefined || f.startsWithinDays !== undefined) {
    const latest = f.startsWithinDays === undefined ? null : today + f.startsWithinDays;
    out.push(['start', (e) => {
      const onDemand = s.onDemand[e] === 1;
      if (f.onDemand !== undefined && onDemand !== f.onDemand) return false;
      if (latest === null || onDemand) return true;
      const next = nextStart(s, e, today);
      return next !== -1 && next <= latest;
    }]);
  }
  if (f.endorsed !== undefined) out.push(['endorsed', (e) => (s.endorsed[e] === 1) === f.endorsed]);
  return out;
}

/** The matched entries (all when `matched` is null) that some facet counts, with a bit per filter each fails. */
export function filterMatches(snapshot: SearchSnapshot, matched: Int32Array | null, criteria: SearchCriteria): { entries: Int32Array; fails: Uint16Array } {
  const checks = tests(snapshot, criteria, dayNumber(criteria.today));
  const count = matched === null ? snapshot.size : matched.length;
  // Filled in place: pushing onto arrays and copying them took longer than the tests (tens of thousands of matches).
  const entries = new Int32Array(count);
  const fails = new Uint16Array(count);
  let kept = 0;
  for (let n = 0; n < count; n += 1) {
    const entry = matched === null ? n : matched[n]!;
    let mask = 0;
    let failed = 0;
    for (let t = 0; t < checks.length; t += 1) {
      if (!checks[t]![1](entry)) {
        mask |= BIT[checks[t]![0]];
        // Failing two filters, an entry is counted by no facet.
        if ((failed += 1) > 1) break;
      }
    }
    if (failed <= 1) {
      entries[kept] = entry;
      fails[kept] = mask;
      kept += 1;
    }
  }
  return { entries: entries.subarray(0, kept), fails: fails.subarray(0, kept) };
}

/** The entries that pass every filter. */
export function passing(filtered: { entries: Int32Array; fails: Uint16Array }): Int32Array {
  const out = new Int32Array(filtered.entries.length);
  let kept = 0;
  for (let n = 0; n < filtered.entries.length; n += 1) if (filtered.fails[n] === 0) out[kept++] = filtered.entries[n]!;
  return out.subarray(0, kept);
}

/** Counts per value code of each facet, in typed arrays: a map keyed by strings took 100 ms at 100,000 entries. */
function emptyCounts(s: SearchSnapshot) {
  return {
    provider: new Int32Array(s.providers.length),
    level: new Int32Array(9),
    language: new Int32Array(s.languages.length),
    priceBand: new Int32Array(s.priceBands.length),
    credit: new Int32Array(s.credits.length),
    endorsed: new Int32Array(2),
    skill: new Int32Array(s.skills.names.length),
    occupation: new Int32Array(s.occupations.names.length),
    mode: new Int32Array(DELIVERY_MODES.length),
    start: new Int32Array(START_BUCKETS.length),
  } satisfies Record<FacetName, Int32Array>;
}
type Counts = ReturnType<typeof emptyCounts>;

/**
 * Adds entries to the counts of every facet that counts them: an entry failing no filter counts for every
 * facet, one failing one filter only for that filter's facet. Plain loops over typed arrays: closures per
 * entry made this ten times slower at 100,000 entries.
 */
function countEntries(s: SearchSnapshot, filtered: { entries: Int32Array; fails: Uint16Array }, c: Counts, today: number): void {
  const within = START_BUCKETS.map((bucket) => (bucket.days === null ? null : today + bucket.days));
  for (let n = 0; n < filtered.entries.length; n += 1) {
    const e = filtered.entries[n]!;
    const mask = filtered.fails[n]!;
    if (mask === 0 || mask === PROVIDER_BIT) c.provider[s.provider[e]!]! += 1;
    if ((mask === 0 || mask === LEVEL_BIT) && s.level[e] !== 0) c.level[s.level[e]!]! += 1;
    if ((mask === 0 || mask === LANGUAGE_BIT) && s.language[e] !== -1) c.language[s.language[e]!]! += 1;
    if ((mask === 0 || mask === PRICEBAND_BIT) && s.priceBand[e] !== -1) c.priceBand[s.priceBand[e]!]! += 1;
    if ((mask === 0 || mask === CREDIT_BIT) && s.credit[e] !== -1) c.credit[s.credit[e]!]! += 1;
    if (mask === 0 || mask === ENDORSED_BIT) c.endorsed[s.endorsed[e]!]! += 1;
    if (mask === 0 || mask === SKILL_BIT) for (let at = s.skills.start[e]!; at < s.skills.start[e + 1]!; at += 1) c.skill[s.skills.values[at]!]! += 1;
    if (mask === 0 || mask === OCCUPATION_BIT) for (let at = s.occupations.start[e]!; at < s.occupations.start[e + 1]!; at += 1) c.occupation[s.occupations.values[at]!]! += 1;
    if (mask === 0 || mask === MODE_BIT) for (let bit = 0; bit < DELIVERY_MODES.length; bit += 1) if ((s.modes[e]! & (1 << bit)) !== 0) c.mode[bit]! += 1;
    if (mask === 0 || mask === START_BIT) {
      const onDemand = s.onDemand[e] === 1;
      const next = onDemand ? -1 : nextStart(s, e, today);
      for (let i = 0; i < within.length; i += 1) {
        const latest = within[i]!;
        if (latest === null ? onDemand : onDemand || (next !== -1 && next <= latest)) c.start[i]! += 1;
      }
    }
  }
}

/** The value and label of each code of each facet. */
function namesOf(s: SearchSnapshot): Record<FacetName, (code: number) => { value: string; label: string }> {
  const same = (value: string) => ({ value, label: value });
  return {
    provider: (code) => ({ value: s.providers[code]!.slug, label: s.providers[code]!.name }),
    level: (code) => same(String(code)),
    language: (code) => same(s.languages[code]!),
    priceBand: (code) => same(s.priceBands[code]!),
    credit: (code) => ({ value: String(s.credits[code]!.value), label: `${s.credits[code]!.value}${s.credits[code]!.system === null ? '' : ` ${s.credits[code]!.system}`}` }),
    endorsed: (code) => same(String(code === 1)),
    skill: (code) => ({ value: s.skills.names[code]!, label: '' }),
    occupation: (code) => ({ value: s.occupations.names[code]!, label: '' }),
    mode: (code) => same(DELIVERY_MODES[code]!),
    start: (code) => same(START_BUCKETS[code]!.value),
  };
}

/**
 * Counts per facet value, each facet under every filter but its own: the MAX_FACET_VALUES most frequent
 * values of each (ties by value), and the selected ones whatever their rank. Skill and occupation labels
 * are left empty for the caller to fill.
 */
export function facetCounts(snapshot: SearchSnapshot, filtered: { entries: Int32Array; fails: Uint16Array }, criteria: SearchCriteria): FacetCount[] {
  const today = dayNumber(criteria.today);
  const counts = emptyCounts(snapshot);
  countEntries(snapshot, filtered, counts, today);
  const f = criteria.filters;
  const selected = new Set(
    Object.entries({ provider: f.provider, skill: f.skill, occupation: f.occupation, level: f.level, mode: f.mode, language: f.language, priceBand: f.priceBand })
      .flatMap(([facet, values]) => (values ?? []).map((value) => `${facet} ${value}`)),
  );
  const names = namesOf(snapshot);
  return FACETS.flatMap((facet) => {
    const valueOf = (code: number) => names[facet](code).value;
    const values = topCodes(counts[facet], MAX_FACET_VALUES, valueOf);
    // A selected value keeps its place in the order whatever its rank.
    if (selected.size > 0) {
      counts[facet].forEach((count, code) => {
        if (count > 0 && selected.has(`${facet} ${valueOf(code)}`) && !values.includes(code)) values.push(code);
      });
    }
    const after = ranksAfter(counts[facet], valueOf);
    return values.sort((a, b) => (after(a, b) ? 1 : after(b, a) ? -1 : 0)).map((code) => ({ facet, ...names[facet](code), count: counts[facet][code]! }));
  });
}

/** Whether code a ranks after code b: a lower count, or the same count and a later value (then a later code). */
const ranksAfter = (counts: Int32Array, valueOf: (code: number) => string) => (a: number, b: number): boolean => {
  if (counts[a] !== counts[b]) return counts[a]! < counts[b]!;
  const [va, vb] = [valueOf(a), valueOf(b)];
  return va > vb || (va === vb && a > b);
};

/**
 * The codes of the `limit` highest counts (ties by value), unordered: kept in a small buffer rather than
 * sorting every value (a broad word's matches list 4,000 skills, to show 25).
 */
function topCodes(counts: Int32Array, limit: number, valueOf: (code: number) => string): number[] {
  const top: number[] = [];
  const after = ranksAfter(counts, valueOf);
  let last = -1; // the position in `top` of the code ranked last, once it is full
  for (let code = 0; code < counts.length; code += 1) {
    if (counts[code]! <= 0) continue;
    if (top.length < limit) {
      top.push(code);
      if (top.length === limit) last = lastOf(top, after);
    } else if (after(top[last]!, code)) {
      top[last] = code;
      last = lastOf(top, after);
    }
  }
  return top;
}

function lastOf(top: number[], after: (a: number, b: number) => boolean): number {
  let last = 0;
  for (let i = 1; i < top.length; i += 1) if (after(top[i]!, top[last]!)) last = i;
  return last;
}
