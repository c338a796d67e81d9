import type { CatalogueSort } from './catalogue-search.schema.js';
import { nextStart, type SearchSnapshot } from './search-snapshot.js';

/**
 * Orders of the in-memory snapshot (search-snapshot.ts) with the SQL's semantics: price ascending, credit
 * descending, soonest start (on demand first), missing values last, then title and entry key, which is
 * the snapshot's own order.
 */

type Sorted = Exclude<CatalogueSort, 'relevance' | 'title'>;

/** Every entry in one sort's order, computed once per snapshot (per day for the start sort). */
function permutation(snapshot: SearchSnapshot, sort: Sorted, today: number): Int32Array {
  const name = sort === 'start' ? `start ${today}` : sort;
  const known = snapshot.orders.get(name);
  if (known) return known;
  const key = new Float64Array(snapshot.size);
  for (let e = 0; e < snapshot.size; e += 1) {
    if (sort === 'price') key[e] = Number.isNaN(snapshot.price[e]!) ? Infinity : snapshot.price[e]!;
    else if (sort === 'credit') key[e] = snapshot.credit[e] === -1 ? Infinity : -snapshot.credits[snapshot.credit[e]!]!.value;
    else {
      const next = nextStart(snapshot, e, today);
      key[e] = snapshot.onDemand[e] === 1 ? -Infinity : next === -1 ? Infinity : next;
    }
  }
  const order = Int32Array.from({ length: snapshot.size }, (_, e) => e).sort((a, b) => key[a]! - key[b]! || a - b);
  // Keep one day's start order only.
  for (const old of snapshot.orders.keys()) if (old.startsWith('start ') && sort === 'start') snapshot.orders.delete(old);
  snapshot.orders.set(name, order);
  return order;
}

/** One page of `entries` (ascending, as filterMatches keeps them) in a sort's order. */
export function pageOf(snapshot: SearchSnapshot, entries: Int32Array, sort: Exclude<CatalogueSort, 'relevance'>, today: number, page: { limit: number; offset: number }): number[] {
  if (sort === 'title') return [...entries.subarray(page.offset, page.offset + page.limit)];
  const order = permutation(snapshot, sort, today);
  const member = new Uint8Array(snapshot.size);
  for (const entry of entries) member[entry] = 1;
  const out: number[] = [];
  let skipped = 0;
  for (let at = 0; at < order.length && out.length < page.limit; at += 1) {
    if (member[order[at]!] === 0) continue;
    if (skipped < page.offset) skipped += 1;
    else out.push(order[at]!);
  }
  return out;
}

/** The alternatives of each typed word in a tsquery the service built: `(word:* | typo) & (other:*)`. */
const groupsOf = (tsquery: string): string[][] => [...tsquery.matchAll(/\(([^)]*)\)/g)].map((group) => group[1]!.match(/[\p{L}\p{N}]+/gu) ?? []);

/**
 * Broad matches in the order they are ranked in: those whose titles hold most typed words (any of their
 * alternatives) first, then by title. The first `exactly` are ranked by score; the rest keep this order.
 */
export function preRanked(snapshot: SearchSnapshot, entries: Int32Array, tsquery: string, exactly: number): { exact: Int32Array; rest: Int32Array } {
  if (entries.length <= exactly) return { exact: entries, rest: new Int32Array(0) };
  const groups = groupsOf(tsquery);
  // Entries bucketed by how many typed words their titles miss, in one array: a counting sort.
  const missing = new Uint8Array(entries.length);
  const sizes = new Int32Array(groups.length + 1);
  for (let n = 0; n < entries.length; n += 1) {
    const title = snapshot.titles[entries[n]!]!;
    let held = 0;
    for (const alternatives of groups) {
      for (const word of alternatives) {
        if (title.includes(word)) {
          held += 1;
          break;
        }
      }
    }
    missing[n] = groups.length - held;
    sizes[groups.length - held]! += 1;
  }
  const at = new Int32Array(groups.length + 1);
  for (let bucket = 1; bucket <= groups.length; bucket += 1) at[bucket] = at[bucket - 1]! + sizes[bucket - 1]!;
  const ordered = new Int32Array(entries.length);
  for (let n = 0; n < entries.length; n += 1) ordered[at[missing[n]!]!++] = entries[n]!;
  return { exact: ordered.subarray(0, exactly), rest: ordered.subarray(exactly) };
}
