import { describe, expect, it } from 'vitest';
import type { SearchCriteria } from './catalogue-search.repository.js';
import { snapshotOf, type SnapshotRow } from './search-snapshot.js';
import { facetCounts, filterMatches, passing } from './snapshot-facets.js';
import { pageOf, preRanked } from './snapshot-order.js';

const S = (id: string) => `http://data.europa.eu/esco/skill/${id}`;
// In title order, as the load query lists them: key, lower-case title, provider, skills, occupations, level,
// modes, language, price band, price, credit, on demand, endorsed, cohort starts, match-table number.
const row = (key: string, title: string, o: Partial<{ provider: string; skills: string[]; level: number | null; modes: string[]; language: string | null; band: string | null; price: number | null; credit: number | null; onDemand: boolean; endorsed: boolean; starts: string[] }>): SnapshotRow => [
  key, title, o.provider ?? 'northbridge', o.provider ? `${o.provider} College` : 'Northbridge College', o.skills ?? [], [], o.level ?? null, o.modes ?? ['online'],
  o.language === undefined ? 'en' : o.language, o.band === undefined ? '0-99' : o.band, o.price === undefined ? 50 : o.price, o.credit === undefined ? 1 : o.credit, 'ECTS',
  o.onDemand ?? false, o.endorsed ?? false, o.starts ?? [], key.charCodeAt(0),
];
const snapshot = snapshotOf(7, [
  row('a', 'advanced excel', { skills: [S('excel')], level: 4, price: 900, band: '500-999', onDemand: true }),
  row('b', 'excel basics', { skills: [S('excel'), S('teams')], level: 3, modes: ['workplace'], price: null, band: null, starts: ['2026-11-01', '2026-12-20'] }),
  row('c', 'leading teams', { provider: 'lakeshore', skills: [S('teams')], level: null, language: 'fr', credit: null, endorsed: true, starts: ['2027-06-01'] }),
]);
const criteria = (filters: SearchCriteria['filters'], tsquery: string | null = null): SearchCriteria => ({ tsquery, text: null, today: '2026-12-01', filters });
const counts = (c: SearchCriteria, facet: string) => Object.fromEntries(facetCounts(snapshot, filterMatches(snapshot, null, c), c).filter((f) => f.facet === facet).map((f) => [f.value, f.count]));
const keys = (entries: Iterable<number>) => [...entries].map((e) => snapshot.keys[e]);

describe('search snapshot: filters, facets and orders in memory', () => {
  it('counts each facet under every filter but its own, and a missing value passes no filter on it', () => {
    const byLevel = criteria({ level: [3, 4] });
    expect(keys(passing(filterMatches(snapshot, null, byLevel)))).toEqual(['a', 'b']);
    expect(counts(byLevel, 'level')).toEqual({ '3': 1, '4': 1 });
    expect(counts(byLevel, 'skill')).toEqual({ [S('excel')]: 2, [S('teams')]: 1 });
    expect(counts(criteria({}), 'provider')).toEqual({ northbridge: 2, lakeshore: 1 });
    expect(keys(passing(filterMatches(snapshot, null, criteria({ creditMin: 0 }))))).toEqual(['a', 'b']);
    expect(keys(passing(filterMatches(snapshot, null, criteria({ language: ['FR'] }))))).toEqual(['c']);
  });

  it('counts starts against today: on demand, or the next cohort within the bucket', () => {
    expect(counts(criteria({}), 'start')).toEqual({ 'on-demand': 1, 'within-30': 2, 'within-90': 2, 'within-365': 3 });
    expect(keys(passing(filterMatches(snapshot, null, criteria({ startsWithinDays: 30 }))))).toEqual(['a', 'b']);
  });

  it('sorts with missing values last and pages in that order', () => {
    const all = passing(filterMatches(snapshot, null, criteria({})));
    expect(keys(pageOf(snapshot, all, 'price', 0, { limit: 10, offset: 0 }))).toEqual(['c', 'a', 'b']);
    expect(keys(pageOf(snapshot, all, 'credit', 0, { limit: 10, offset: 0 }))).toEqual(['a', 'b', 'c']);
    expect(keys(pageOf(snapshot, all, 'title', 0, { limit: 1, offset: 1 }))).toEqual(['b']);
  });

  it('ranks first, beyond the exactly ranked number, the broad matches whose titles hold most typed words', () => {
    const all = passing(filterMatches(snapshot, null, criteria({})));
    const { exact, rest } = preRanked(snapshot, all, '(excel:* | exel) & (basics:*)', 1);
    expect([keys(exact), keys(rest)]).toEqual([['b'], ['a', 'c']]);
    expect(keys(preRanked(snapshot, all, '(teams:*)', 5).exact)).toEqual(['a', 'b', 'c']);
  });
});
