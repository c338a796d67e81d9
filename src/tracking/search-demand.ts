import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import type { DashboardRange, SearchDemandRow } from './dashboard.schema.js';
import { firstDay } from './dashboard-range.js';

export type SearchKind = 'catalogue' | 'occupation';

const MAX_TERM_LENGTH = 100;

/**
 * A search's words as one demand term: lower case, accents folded (é → e), anything but letters and
 * digits turned into spaces, whitespace collapsed, at most 100 characters. `null` when nothing is left
 * (or only one character), so empty and one-letter searches are not counted as demand.
 */
export function normaliseSearchTerm(query: string): string | null {
  const term = query
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ')
    .slice(0, MAX_TERM_LENGTH)
    .trim();
  return term.length >= 2 ? term : null;
}

/**
 * Catalogue search demand: each search adds one to its normalised term's count for the month (and to its
 * "without results" count when nothing matched). Deliberately not an event: no actor, no session, no
 * time finer than the month, so no search can be tied to a person.
 */
export function createSearchDemand(deps: { db: Kysely<Database>; clock: () => Date }) {
  return {
    async record(kind: SearchKind, query: string | undefined, resultCount: number): Promise<void> {
      const term = query === undefined ? null : normaliseSearchTerm(query);
      if (term === null) return;
      const month = `${deps.clock().toISOString().slice(0, 7)}-01`;
      const empty = resultCount === 0 ? 1 : 0;
      await sql`
        insert into search_term_demand_monthly (month, kind, term, searches, without_results) values (${month}::date, ${kind}, ${term}, 1, ${empty})
        on conflict (month, kind, term) do update set searches = search_term_demand_monthly.searches + 1, without_results = search_term_demand_monthly.without_results + excluded.without_results`.execute(deps.db);
    },

    /**
     * The most searched terms of the range against the published offerings (local and harvested) that
     * match them now, by the catalogue's own full-text index; terms nothing matches first.
     */
    async demandVsSupply(range: DashboardRange, limit: number): Promise<SearchDemandRow[]> {
      const result = await sql<{ term: string; kind: SearchKind; searches: string; without_results: string; supply: string }>`
        with demand as (
          select term, kind, sum(searches) as searches, sum(without_results) as without_results
          from search_term_demand_monthly
          where month between ${firstDay(range.from)}::date and ${firstDay(range.to)}::date
          group by 1, 2
          order by 3 desc, 1
          limit ${limit * 4}
        )
        select d.term, d.kind, d.searches, d.without_results,
               (select count(*) from catalog_search c where c.search_vector @@ plainto_tsquery('english', d.term)) as supply
        from demand d`.execute(deps.db);
      return result.rows
        .map((r) => ({ term: r.term, kind: r.kind, searches: Number(r.searches), withoutResults: Number(r.without_results), supply: Number(r.supply) }))
        .sort((a, b) => Number(a.supply > 0) - Number(b.supply > 0) || b.searches - a.searches || a.term.localeCompare(b.term))
        .slice(0, limit);
    },
  };
}

export type SearchDemand = ReturnType<typeof createSearchDemand>;
