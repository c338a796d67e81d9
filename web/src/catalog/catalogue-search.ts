import { api } from '../api/client.js';

/** Marked pieces of a text: the server marks the words that match the query (typos included). */
export interface Segment {
  text: string;
  match: boolean;
}

/** Where a result harvested from another Tessera instance (or other catalogue) comes from. */
export interface ResultOrigin {
  /** The source's host, e.g. "catalogue.example.org". */
  instance: string;
  feedUrl: string;
  subscriptionId: string;
  issuerDid: string;
  /** The remote OB 3.0 Achievement of this version. */
  achievementUrl: string;
  fetchedAt: string;
}

export interface CatalogueResult {
  /** Null for a harvested result: it is another instance's achievement (see origin). */
  achievementId: string | null;
  version: number | null;
  url: string;
  title: string;
  titleHighlight: Segment[];
  snippet: Segment[];
  provider: { id: string | null; slug: string; name: string };
  origin: ResultOrigin | null;
  eqfLevel: number | null;
  deliveryModes: string[];
  language: string | null;
  /** Null when a harvested offering states none. */
  price: { amount: number; currency: string; band: string } | null;
  credit: { value: number; system: string | null } | null;
  onDemand: boolean;
  nextCohortOn: string | null;
  endorsementCount: number;
  skills: Array<{ uri: string; label: string; matchedLabel: string | null; highlight: Segment[] }>;
  occupations: Array<{ uri: string; label: string }>;
  score: number | null;
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
  selected: boolean;
}

export const FACETS = ['provider', 'skill', 'occupation', 'level', 'mode', 'language', 'priceBand', 'credit', 'start', 'endorsed'] as const;
export type FacetName = (typeof FACETS)[number];

export interface CatalogueSearchResult {
  total: number;
  /** False when no result has every typed word: these have some of them. */
  matchedAllWords: boolean;
  limit: number;
  offset: number;
  sort: string;
  items: CatalogueResult[];
  facets: Record<FacetName, FacetValue[]>;
}

export interface OccupationMatch {
  occupation: { uri: string; preferredLabel: string; matchedLabel: string | null; highlight: Segment[]; score: number };
  relationsLoaded: boolean;
  skillCount: number;
  items: Array<Omit<CatalogueResult, 'titleHighlight' | 'snippet' | 'score'> & { alignedToOccupation: boolean; coveredSkills: Array<{ uri: string; label: string }>; skillCoverage: number | null; coverage: number }>;
}

export const PAGE_SIZE = 10;
export const SORTS = [
  { value: 'relevance', label: 'Best match' },
  { value: 'title', label: 'Title' },
  { value: 'price', label: 'Price, lowest first' },
  { value: 'credit', label: 'Credit, highest first' },
  { value: 'start', label: 'Soonest start' },
] as const;

/** The page's own URL keys that are lists (comma-separated, as the API accepts them). */
export const LIST_FILTERS = ['provider', 'skill', 'occupation', 'level', 'mode', 'language', 'priceBand'] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];
/** Every key the page passes through to the search API, in the order URLs are written (stable, shareable). */
const API_KEYS = ['q', ...LIST_FILTERS, 'creditMin', 'creditMax', 'startsWithinDays', 'onDemand', 'endorsed', 'sort'] as const;

/** The values of a list filter in the page URL. */
export const listValues = (params: URLSearchParams, key: ListFilter): string[] => (params.get(key) ?? '').split(',').filter((value) => value !== '');

/** 1-based page number from the URL. */
export const pageOf = (params: URLSearchParams): number => Math.max(1, Math.floor(Number(params.get('page') ?? '1')) || 1);

/** The API query for the page URL: the same keys, and the page turned into an offset. */
export function searchPathFor(params: URLSearchParams): string {
  const query = new URLSearchParams();
  for (const key of API_KEYS) {
    const value = params.get(key);
    if (value !== null && value !== '') query.set(key, value);
  }
  query.set('limit', String(PAGE_SIZE));
  query.set('offset', String((pageOf(params) - 1) * PAGE_SIZE));
  return `/api/v1/catalogue/search?${query.toString()}`;
}

/**
 * The page URL with some keys changed (null removes one), its keys in one order so the same search always
 * has the same URL. A change of filters goes back to the first page.
 */
export function withParams(params: URLSearchParams, changes: Record<string, string | null>, keepPage = false): URLSearchParams {
  const merged = new Map<string, string>();
  for (const [key, value] of params) merged.set(key, value);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === '') merged.delete(key);
    else merged.set(key, value);
  }
  if (!keepPage && !('page' in changes)) merged.delete('page');
  const order = [...API_KEYS, 'page', 'become'] as readonly string[];
  const sorted = [...merged].sort(([a], [b]) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
  return new URLSearchParams(sorted);
}

/** The list filter with one value added or removed. */
export function toggled(params: URLSearchParams, key: ListFilter, value: string, on: boolean): URLSearchParams {
  const values = listValues(params, key).filter((v) => v !== value);
  if (on) values.push(value);
  return withParams(params, { [key]: values.length > 0 ? values.join(',') : null });
}

export const searchCatalogue = (params: URLSearchParams): Promise<CatalogueSearchResult> => api.get<CatalogueSearchResult>(searchPathFor(params));

export async function occupationsFor(jobTitle: string): Promise<OccupationMatch[]> {
  return (await api.get<{ items: OccupationMatch[] }>(`/api/v1/catalogue/occupations?q=${encodeURIComponent(jobTitle)}&limit=10`)).items;
}

const MODE_LABELS: Record<string, string> = { online: 'Online', 'in-person': 'In person', blended: 'Blended', workplace: 'In the workplace' };
export const modeLabel = (mode: string): string => MODE_LABELS[mode] ?? mode;

export function formatPrice(price: { amount: number; currency: string }): string {
  if (price.amount === 0) return 'Free';
  try {
    return new Intl.NumberFormat('en-CA', { style: 'currency', currency: price.currency, maximumFractionDigits: price.amount % 1 === 0 ? 0 : 2 }).format(price.amount);
  } catch {
    return `${price.amount} ${price.currency}`;
  }
}

/** The public page of a result: same origin, served by the server as HTML (not a route of this app). */
export const publicPagePath = (url: string): string => {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
};

/** Where a result links: its page here, or for a harvested result its page on the source instance. */
export const resultHref = (result: Pick<CatalogueResult, 'url' | 'origin'>): string => (result.origin ? result.url : publicPagePath(result.url));

/** A key unique among results: harvested results have no achievement id here, and two feeds may carry one page. */
export const resultKey = (result: Pick<CatalogueResult, 'achievementId' | 'url' | 'origin'>): string => result.achievementId ?? `${result.origin?.subscriptionId ?? ''} ${result.url}`;
