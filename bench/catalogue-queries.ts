import { DELIVERY_MODES } from '../src/catalog/achievement.schema.js';
import { catalogueSearchQuery, occupationSearchQuery } from '../src/catalog/search/catalogue-search.schema.js';
import type { CatalogueSearchService } from '../src/catalog/search/catalogue-search.service.js';
import { PRICE_BANDS } from '../src/catalog/search/price-bands.js';
import { pick, pickSkewed, type EscoConcept, type Offering, type Provider, type Random } from './catalogue-generator.js';

/** The kinds of search the benchmark mixes, each reported on its own too. */
export const QUERY_KINDS = ['word', 'words', 'typo', 'synonym', 'facets', 'facet-combo', 'sort', 'deep-page', 'occupation'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

/** One search as a visitor's URL would carry it (query-string values), or a "become X" job title. */
export interface BenchQuery {
  kind: QueryKind;
  params: Record<string, string>;
}

/** How many of each kind make up 200 queries; other totals scale these. */
const MIX: Record<QueryKind, number> = { word: 25, words: 25, typo: 25, synonym: 25, facets: 20, 'facet-combo': 25, sort: 20, 'deep-page': 15, occupation: 20 };

const STOP = new Set(['and', 'the', 'for', 'with', 'from', 'use', 'into', 'other', 'that', 'this', 'own']);
const wordsOf = (label: string): string[] => (label.toLowerCase().match(/\p{L}+/gu) ?? []).filter((word) => word.length >= 4 && !STOP.has(word));

/** One typing mistake (a letter dropped, doubled, swapped with the next or replaced): what typo tolerance must absorb. */
function misspell(random: Random, word: string): string {
  const at = 1 + Math.floor(random() * (word.length - 2));
  switch (Math.floor(random() * 4)) {
    case 0: return word.slice(0, at) + word.slice(at + 1);
    case 1: return word.slice(0, at) + word[at] + word.slice(at);
    case 2: return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
    default: return word.slice(0, at) + pick(random, [...'aeioustr'].filter((c) => c !== word[at])) + word.slice(at + 1);
  }
}

/** A random facet filter, as query-string values, drawn from what the catalogue holds. */
function facetFilter(random: Random, offering: Offering, providers: Provider[]): Record<string, string> {
  const d = offering.definition;
  switch (Math.floor(random() * 10)) {
    case 0: return { provider: pickSkewed(random, providers).slug };
    case 1: return { skill: d.outcomes[0]!.escoSkills[0]!.uri };
    case 2: return d.labourMarket.escoOccupations[0] ? { occupation: d.labourMarket.escoOccupations[0].uri } : { level: '5' };
    case 3: return { level: String(1 + Math.floor(random() * 7)) };
    case 4: return { mode: pick(random, DELIVERY_MODES) };
    case 5: return { language: pick(random, ['en', 'fr', 'de', 'es', 'fr-CA']) };
    case 6: return { priceBand: pick(random, PRICE_BANDS) };
    case 7: return random() < 0.5 ? { creditMin: '1', creditMax: '3' } : { creditMin: '2', creditMax: '2' };
    case 8: return random() < 0.5 ? { onDemand: 'true' } : { startsWithinDays: pick(random, ['30', '90', '365']) };
    default: return { endorsed: 'true' };
  }
}

function topicOf(offering: Offering): string {
  return offering.definition.outcomes[0]!.escoSkills[0]!.label;
}

/** `count` searches (200 by default), deterministic for a seed, built from the offerings so most find something. */
export function generateQueries(options: { random: Random; count: number; offerings: Offering[]; providers: Provider[]; skillsByUri: Map<string, EscoConcept>; occupationsByUri: Map<string, EscoConcept> }): BenchQuery[] {
  const { random, offerings, providers } = options;
  const anyOffering = () => pick(random, offerings);
  const word = () => pick(random, wordsOf(topicOf(anyOffering())).concat(['management']));
  const make: Record<QueryKind, () => Record<string, string>> = {
    word: () => ({ q: word() }),
    words: () => ({ q: wordsOf(topicOf(anyOffering())).slice(0, 3).join(' ') || word() }),
    typo: () => ({ q: misspell(random, pick(random, wordsOf(topicOf(anyOffering())).filter((w) => w.length >= 6).concat(['spreadsheets']))) }),
    synonym: () => {
      const skill = options.skillsByUri.get(anyOffering().definition.outcomes[0]!.escoSkills[0]!.uri);
      const alt = skill?.altLabels.filter((label) => label.split(' ').length <= 3);
      return { q: alt && alt.length > 0 ? pick(random, alt) : word() };
    },
    facets: () => facetFilter(random, anyOffering(), providers),
    'facet-combo': () => {
      const offering = anyOffering();
      const combined = Object.assign({}, ...Array.from({ length: 2 + Math.floor(random() * 3) }, () => facetFilter(random, offering, providers))) as Record<string, string>;
      return random() < 0.5 ? { q: word(), ...combined } : combined;
    },
    sort: () => ({ ...(random() < 0.7 ? { q: word() } : {}), sort: pick(random, ['title', 'price', 'credit', 'start'] as const) }),
    'deep-page': () => ({ ...(random() < 0.5 ? { q: word() } : {}), offset: String(pick(random, [200, 1000, 2000, 5000, 10_000])), limit: '20' }),
    occupation: () => {
      const occupations = anyOffering().definition.labourMarket.escoOccupations;
      const occupation = occupations.length > 0 ? options.occupationsByUri.get(occupations[0]!.uri) : undefined;
      const labels = occupation ? [occupation.label, ...occupation.altLabels.filter((label) => label.split(' ').length <= 3)] : ['data analyst'];
      return { q: pick(random, labels) };
    },
  };
  const queries = QUERY_KINDS.flatMap((kind) => Array.from({ length: Math.max(1, Math.round((MIX[kind] * options.count) / 200)) }, () => ({ kind, params: make[kind]() })));
  // Interleaved, so no kind meets the caches warmed by its own kind only.
  for (let i = queries.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [queries[i], queries[j]] = [queries[j]!, queries[i]!];
  }
  return queries;
}

/** Runs one query through the catalogue search service, parsed as the API route parses it; resolves to the hit count. */
export async function runQuery(service: CatalogueSearchService, query: BenchQuery): Promise<number> {
  if (query.kind === 'occupation') {
    const view = await service.occupations(occupationSearchQuery.parse(query.params));
    return view.items.reduce((sum, match) => sum + match.items.length, 0);
  }
  return (await service.search(catalogueSearchQuery.parse(query.params))).total;
}

/** Nearest-rank percentile of sorted values. */
export const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

export const describe = (query: BenchQuery): string => Object.entries(query.params).map(([key, value]) => `${key}=${value}`).join('&');
