import type { EscoService } from '../esco/esco.service.js';
import { withinDistance } from '../esco/highlight.js';
import type { CatalogueSearchRepository, FacetCount, SearchCriteria, SearchOrigin, SearchRow } from './catalogue-search.repository.js';
import { START_BUCKETS } from './catalogue-search.repository.js';
import {
  FACETS,
  type CatalogueResultView,
  type CatalogueSearchQuery,
  type CatalogueSearchView,
  type FacetName,
  type OccupationSearchQuery,
  type OccupationSearchView,
} from './catalogue-search.schema.js';
import { PRICE_BAND_LABELS, type PriceBand } from './price-bands.js';
import { instanceOf } from './harvested-search-index.js';
import { highlightText, skillHighlight, snippetOf } from './search-highlights.js';

const WORD = /[\p{L}\p{N}]+/gu;
const MAX_WORDS = 12;
/** Occupations within this score of the best ESCO match are offered too ("data analyst" and "data scientist"). */
const OCCUPATION_SCORE_MARGIN = 0.1;
const MAX_OCCUPATIONS = 3;

const MODE_LABELS: Record<string, string> = { online: 'Online', 'in-person': 'In person', blended: 'Blended', workplace: 'In the workplace' };
const START_LABELS: Record<string, string> = { 'on-demand': 'On demand', 'within-30': 'Within 30 days', 'within-90': 'Within 90 days', 'within-365': 'Within a year' };

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });
const languageName = (tag: string): string => {
  try {
    return languageNames.of(tag) ?? tag;
  } catch {
    return tag;
  }
};

/**
 * The tsquery for typed words: each word, or any word of the index within trigram reach of it (typos),
 * must match; the last word also as a prefix (search as you type). Stop words are dropped. Every term is
 * letters and digits only, so nobody can inject tsquery syntax.
 */
export function tsqueryFor(near: Array<{ word: string; stopWord: boolean; exact: boolean; near: string[] }>, join: 'all' | 'any' = 'all'): string | null {
  const groups = near
    .filter((w) => !w.stopWord)
    .map((w) => {
      // Trigrams find candidates; a typo is at most one edit (two from eight letters), so "leadership" does not become "lead".
      const typos = w.exact ? [] : w.near.filter((candidate) => withinDistance(candidate, w.word, w.word.length >= 8 ? 2 : 1));
      const terms = [`${w.word}:*`, ...typos];
      return `(${terms.join(' | ')})`;
    });
  return groups.length === 0 ? null : groups.join(join === 'all' ? ' & ' : ' | ');
}

const selectedValues = (query: CatalogueSearchQuery): Record<FacetName, string[]> => ({
  provider: query.provider ?? [],
  skill: query.skill ?? [],
  occupation: query.occupation ?? [],
  level: (query.level ?? []).map(String),
  mode: query.mode ?? [],
  language: query.language ?? [],
  priceBand: query.priceBand ?? [],
  credit: query.creditMin !== undefined && query.creditMin === query.creditMax ? [String(query.creditMin)] : [],
  start: query.onDemand ? ['on-demand'] : query.startsWithinDays ? [`within-${query.startsWithinDays}`] : [],
  endorsed: query.endorsed === undefined ? [] : [String(query.endorsed)],
});

const facetLabel = (facet: FacetName, value: string, label: string): string => {
  switch (facet) {
    case 'level': return `EQF level ${value}`;
    case 'mode': return MODE_LABELS[value] ?? value;
    case 'language': return languageName(value);
    case 'priceBand': return PRICE_BAND_LABELS[value as PriceBand] ?? value;
    case 'start': return START_LABELS[value] ?? value;
    case 'endorsed': return value === 'true' ? 'Endorsed by industry' : 'Not endorsed yet';
    default: return label;
  }
};

const FACET_ORDER: Partial<Record<FacetName, (a: FacetCount, b: FacetCount) => number>> = {
  level: (a, b) => Number(a.value) - Number(b.value),
  credit: (a, b) => Number(a.value) - Number(b.value),
  start: (a, b) => START_BUCKETS.findIndex((x) => x.value === a.value) - START_BUCKETS.findIndex((x) => x.value === b.value),
};

/** Groups the counts per facet, most frequent first, keeping selected values even when nothing matches them. */
function facetsView(counts: FacetCount[], query: CatalogueSearchQuery): CatalogueSearchView['facets'] {
  const selected = selectedValues(query);
  const entries = FACETS.map((facet) => {
    const own = counts.filter((count) => count.facet === facet);
    const missing = selected[facet].filter((value) => !own.some((count) => count.value === value)).map((value) => ({ facet, value, label: value, count: 0 }));
    const order = FACET_ORDER[facet] ?? ((a: FacetCount, b: FacetCount) => b.count - a.count || a.label.localeCompare(b.label));
    const values = [...own, ...missing].sort(order).map((count) => ({ value: count.value, label: facetLabel(facet, count.value, count.label), count: count.count, selected: selected[facet].includes(count.value) }));
    return [facet, values] as const;
  });
  return Object.fromEntries(entries) as CatalogueSearchView['facets'];
}

const originView = (origin: SearchOrigin): NonNullable<CatalogueResultView['origin']> => ({
  instance: instanceOf(origin.feedUrl),
  feedUrl: origin.feedUrl,
  subscriptionId: origin.subscriptionId,
  issuerDid: origin.issuerDid,
  achievementUrl: origin.achievementUrl,
  fetchedAt: origin.fetchedAt.toISOString(),
});

/** The public catalogue: search with filters and facets, and "what can I take to become X". */
export function createCatalogueSearchService(deps: { search: CatalogueSearchRepository; esco: Pick<EscoService, 'search' | 'occupationSkills'>; clock: () => Date; publicUrl: string }) {
  const { search, publicUrl } = deps;
  const today = () => deps.clock().toISOString().slice(0, 10);

  const resultOf = (row: SearchRow, q: string | null): Omit<CatalogueResultView, 'titleHighlight' | 'snippet' | 'score'> => ({
    achievementId: row.achievementId,
    version: row.version,
    // A harvested entry links to its page on the instance that publishes it.
    url: row.origin ? row.origin.subjectId : `${publicUrl}/orgs/${row.organisation.slug}/achievements/${row.achievementSlug}`,
    title: row.title,
    provider: row.organisation,
    origin: row.origin && originView(row.origin),
    eqfLevel: row.eqfLevel,
    deliveryModes: row.deliveryModes,
    language: row.language,
    price: row.price && { amount: row.price.amount, currency: row.price.currency, band: row.price.band as PriceBand },
    credit: row.credit,
    onDemand: row.onDemand,
    nextCohortOn: row.nextCohortOn,
    endorsementCount: row.endorsementCount,
    skills: row.skills.map((skill) => skillHighlight(skill, q)),
    occupations: row.occupations,
  });

  /** The criteria for every typed word, and for any of them (used when no entry has them all). */
  const criteriaFor = async (query: CatalogueSearchQuery): Promise<{ all: SearchCriteria; any: SearchCriteria | null }> => {
    const q = query.q && query.q.length > 0 ? query.q : null;
    const words = [...new Set((q?.toLowerCase().match(WORD) ?? []).slice(0, MAX_WORDS))];
    const near = await search.nearWords(words);
    const { q: _q, sort: _sort, limit: _limit, offset: _offset, ...filters } = query;
    const criteria = (tsquery: string | null): SearchCriteria => ({ tsquery, text: tsquery === null ? null : q, today: today(), filters });
    const all = tsqueryFor(near, 'all');
    const any = tsqueryFor(near, 'any');
    return { all: criteria(all), any: any !== all ? criteria(any) : null };
  };

  return {
    async search(query: CatalogueSearchQuery): Promise<CatalogueSearchView> {
      const both = await criteriaFor(query);
      const sort = query.sort ?? (both.all.tsquery === null ? 'title' : 'relevance');
      const page = { limit: query.limit, offset: query.offset };
      let criteria = both.all;
      let found = await search.search(criteria, sort, page);
      // "excel course": no entry says "course", yet the person surely wants the Excel one. When no entry
      // has every word, entries with some of them are better than nothing; the response says so.
      let relaxed = false;
      if (found.total === 0 && both.any !== null) {
        const some = await search.search(both.any, sort, page);
        if (some.total > 0) [criteria, found, relaxed] = [both.any, some, true];
      }
      const { total, rows, facets: counts } = found;
      const q = criteria.text;
      return {
        total,
        matchedAllWords: !relaxed,
        limit: query.limit,
        offset: query.offset,
        sort,
        items: rows.map((row) => ({
          ...resultOf(row, q),
          titleHighlight: highlightText(row.title, q),
          snippet: snippetOf([row.description, ...row.outcomesText.split('\n')], q),
          score: row.score === null ? null : Math.round(row.score * 1000) / 1000,
        })),
        facets: facetsView(counts, query),
      };
    },

    /**
     * "What can I take to become X": the ESCO occupations that match a job title best (preferred and
     * alternative labels, typos tolerated, through the ESCO search), each with the published
     * micro-credentials aligned to it, ranked by coverage: a direct occupation alignment counts 1, plus
     * the share of the occupation's ESCO skills the outcomes cover when occupation–skill relations are imported.
     */
    async occupations(query: OccupationSearchQuery): Promise<OccupationSearchView> {
      const hits = await deps.esco.search({ q: query.q, type: 'occupation', limit: 10 });
      const best = hits.filter((hit) => hit.score >= hits[0]!.score - OCCUPATION_SCORE_MARGIN).slice(0, MAX_OCCUPATIONS);
      // Each occupation's skills, candidates and rows side by side: one after another, their dozen round
      // trips waited on each other.
      const items = await Promise.all(best.map(async (hit) => {
        const skills = await deps.esco.occupationSkills(hit.uri);
        const occupationSkills = [...skills.essential, ...skills.optional];
        const skillUris = new Set(occupationSkills.map((skill) => skill.uri));
        const skillCoverageOf = (coveredSkills: number) => (skills.relationsLoaded && skillUris.size > 0 ? Math.round((coveredSkills / skillUris.size) * 1000) / 1000 : null);
        const coverageOf = (aligned: boolean, coveredSkills: number) => (aligned ? 1 : 0) + (skillCoverageOf(coveredSkills) ?? 0);
        // Ranked on what the snapshot knows of each entry; only the rows shown are read.
        const shown = (await search.occupationCandidates(hit.uri, [...skillUris]))
          .map((candidate) => ({ ...candidate, coverage: coverageOf(candidate.aligned, candidate.coveredSkills) }))
          .sort((a, b) => b.coverage - a.coverage || a.title.localeCompare(b.title))
          .slice(0, query.limit);
        const ranked = (await search.rows(shown.map((candidate) => candidate.entryKey), today())).map((row) => {
          const covered = row.skills.filter((skill) => skillUris.has(skill.uri)).map((skill) => ({ uri: skill.uri, label: skill.label }));
          const aligned = row.occupations.some((occupation) => occupation.uri === hit.uri);
          return { ...resultOf(row, null), alignedToOccupation: aligned, coveredSkills: covered, skillCoverage: skillCoverageOf(covered.length), coverage: coverageOf(aligned, covered.length) };
        });
        return {
          occupation: { uri: hit.uri, preferredLabel: hit.preferredLabel, matchedLabel: hit.matchedLabel, highlight: hit.highlight, score: hit.score },
          relationsLoaded: skills.relationsLoaded,
          skillCount: skillUris.size,
          items: ranked,
        };
      }));
      return { items };
    },
  };
}

export type CatalogueSearchService = ReturnType<typeof createCatalogueSearchService>;
