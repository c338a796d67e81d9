import { z } from 'zod';
import { DELIVERY_MODES } from '../achievement.schema.js';
import { PRICE_BANDS } from './price-bands.js';

export const MAX_CATALOGUE_QUERY_LENGTH = 200;
export const MAX_CATALOGUE_LIMIT = 50;
export const MAX_CATALOGUE_OFFSET = 10_000;
const MAX_VALUES_PER_FILTER = 20;

export const CATALOGUE_SORTS = ['relevance', 'title', 'price', 'credit', 'start'] as const;
export type CatalogueSort = (typeof CATALOGUE_SORTS)[number];

/**
 * A multi-valued filter in the query string: comma-separated (`mode=online,blended`) or repeated
 * (`mode=online&mode=blended`); either way one stable, shareable URL per search.
 */
const list = <T extends z.ZodType<unknown, string>>(item: T, what: string) =>
  z
    .union([z.string(), z.array(z.string()).max(MAX_VALUES_PER_FILTER)])
    .transform((value) => (Array.isArray(value) ? value : [value]).flatMap((part) => part.split(',')).map((part) => part.trim()).filter((part) => part !== ''))
    .pipe(z.array(item).max(MAX_VALUES_PER_FILTER, `at most ${MAX_VALUES_PER_FILTER} ${what}`))
    .optional();

/**
 * What a facet value must look like to be selectable as a filter. The index keeps only such values from
 * harvested offerings, so no facet offers a value the filter would refuse. A provider is an organisation
 * slug, or for an offering harvested from another instance its issuer's DID.
 */
export const providerValue = z.union([z.string().regex(/^[a-z0-9-]{1,80}$/), z.string().max(500).regex(/^did:[a-z0-9]+:[A-Za-z0-9._:%-]+$/)], { error: 'must be an organisation slug or an issuer DID' });
export const escoUriValue = (what: 'skill' | 'occupation') => z.string().max(500).regex(/^https?:\/\/\S+$/, `must be an ESCO ${what} URI`);
export const languageValue = z.string().regex(/^[A-Za-z]{2,4}(-[A-Za-z0-9]{2,4}){0,2}$/, 'must be a BCP 47 language tag');

const boolean = z.enum(['true', 'false']).transform((value) => value === 'true');
const credit = z.coerce.number({ error: 'must be a number' }).min(0, 'must be at least 0').max(240, 'must be at most 240');

export const catalogueSearchQuery = z
  .object({
    q: z.string().trim().max(MAX_CATALOGUE_QUERY_LENGTH, `must be at most ${MAX_CATALOGUE_QUERY_LENGTH} characters`).optional().describe('Words of a title, skill (ESCO alternative labels too), outcome or description; typos are tolerated'),
    provider: list(providerValue, 'providers').describe('Organisation slugs, or issuer DIDs of providers harvested from other instances'),
    skill: list(escoUriValue('skill'), 'skills').describe('ESCO skill URIs'),
    occupation: list(escoUriValue('occupation'), 'occupations').describe('ESCO occupation URIs'),
    level: list(z.string().regex(/^[1-8]$/, 'EQF levels are 1 to 8').transform(Number), 'levels').describe('EQF levels'),
    mode: list(z.enum(DELIVERY_MODES), 'modes').describe('Delivery modes'),
    language: list(languageValue, 'languages').describe('Language tags'),
    priceBand: list(z.enum(PRICE_BANDS), 'price bands').describe(`Price bands: ${PRICE_BANDS.join(', ')}`),
    creditMin: credit.optional(),
    creditMax: credit.optional(),
    startsWithinDays: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(730, 'must be at most 730').optional().describe('Has a cohort starting within this many days, or is on demand'),
    onDemand: boolean.optional().describe('Only micro-credentials one can start any day'),
    endorsed: boolean.optional().describe('Only micro-credentials with an active industry endorsement'),
    sort: z.enum(CATALOGUE_SORTS).optional().describe('relevance (the default with q; title without), title, price, credit or start (soonest first)'),
    limit: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(MAX_CATALOGUE_LIMIT, `must be at most ${MAX_CATALOGUE_LIMIT}`).default(20),
    offset: z.coerce.number().int('must be a whole number').min(0, 'must be at least 0').max(MAX_CATALOGUE_OFFSET, `must be at most ${MAX_CATALOGUE_OFFSET}`).default(0),
  })
  .strict()
  .refine((query) => query.creditMin === undefined || query.creditMax === undefined || query.creditMin <= query.creditMax, { message: 'creditMin must not exceed creditMax', path: ['creditMin'] });

export type CatalogueSearchQuery = z.infer<typeof catalogueSearchQuery>;

export const occupationSearchQuery = z
  .object({
    q: z.string().trim().min(1, 'must not be empty').max(MAX_CATALOGUE_QUERY_LENGTH, `must be at most ${MAX_CATALOGUE_QUERY_LENGTH} characters`).describe('A job title, e.g. "data analyst"; ESCO alternative labels and typos are understood'),
    limit: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(MAX_CATALOGUE_LIMIT, `must be at most ${MAX_CATALOGUE_LIMIT}`).default(10).describe('Micro-credentials per occupation'),
  })
  .strict();
export type OccupationSearchQuery = z.infer<typeof occupationSearchQuery>;

// Responses.

const segments = z.array(z.object({ text: z.string(), match: z.boolean() })).describe('Text in pieces, the ones matching the query marked');

export const catalogueResultView = z.object({
  achievementId: z.uuid().nullable().describe("This instance's achievement; null for an offering harvested from another instance (see origin)"),
  version: z.number().int().nullable(),
  url: z.string().describe('The public page of the micro-credential (HTML for people, OB 3.0 JSON-LD for machines); on the source instance for a harvested offering'),
  title: z.string(),
  titleHighlight: segments,
  snippet: segments.describe('The description or outcome that matches best'),
  provider: z.object({
    id: z.uuid().nullable().describe('The organisation here; null for a harvested provider'),
    slug: z.string().describe('The provider filter value: the organisation slug, or a harvested provider’s issuer DID'),
    name: z.string(),
  }),
  origin: z
    .object({
      instance: z.string().describe('The host of the instance it was harvested from, e.g. "catalogue.example.org"'),
      feedUrl: z.string(),
      subscriptionId: z.uuid(),
      issuerDid: z.string(),
      achievementUrl: z.string().describe('The remote OB 3.0 Achievement (this version)'),
      fetchedAt: z.iso.datetime(),
    })
    .nullable()
    .describe("Where a harvested offering comes from; null for this instance's own micro-credentials"),
  eqfLevel: z.number().int().nullable(),
  deliveryModes: z.array(z.string()),
  language: z.string().nullable(),
  price: z.object({ amount: z.number(), currency: z.string(), band: z.enum(PRICE_BANDS) }).nullable().describe('Null when a harvested offering states none'),
  credit: z.object({ value: z.number(), system: z.string().nullable() }).nullable().describe('Null when a harvested offering states none; its system is not in the feed'),
  onDemand: z.boolean(),
  nextCohortOn: z.iso.date().nullable(),
  endorsementCount: z.number().int(),
  skills: z.array(z.object({ uri: z.string(), label: z.string(), matchedLabel: z.string().nullable().describe('The ESCO alternative label the query matched'), highlight: segments })),
  occupations: z.array(z.object({ uri: z.string(), label: z.string() })),
  score: z.number().nullable(),
});
export type CatalogueResultView = z.infer<typeof catalogueResultView>;

const facetValue = z.object({ value: z.string(), label: z.string(), count: z.number().int(), selected: z.boolean() });
export const FACETS = ['provider', 'skill', 'occupation', 'level', 'mode', 'language', 'priceBand', 'credit', 'start', 'endorsed'] as const;
export type FacetName = (typeof FACETS)[number];

export const catalogueSearchView = z.object({
  total: z.number().int(),
  matchedAllWords: z.boolean().describe('False when no micro-credential matched every word of q, and these match some of them'),
  limit: z.number().int(),
  offset: z.number().int(),
  sort: z.enum(CATALOGUE_SORTS),
  items: z.array(catalogueResultView),
  facets: z.object(Object.fromEntries(FACETS.map((facet) => [facet, z.array(facetValue)])) as Record<FacetName, z.ZodArray<typeof facetValue>>).describe('Counts per value under every other filter'),
});
export type CatalogueSearchView = z.infer<typeof catalogueSearchView>;

export const occupationMatchView = z.object({
  occupation: z.object({ uri: z.string(), preferredLabel: z.string(), matchedLabel: z.string().nullable(), highlight: segments, score: z.number() }),
  relationsLoaded: z.boolean().describe('Whether occupation–skill relations are imported, so skill coverage could be measured'),
  skillCount: z.number().int().describe("How many skills ESCO lists for the occupation (0 without relations)"),
  items: z.array(
    catalogueResultView.omit({ titleHighlight: true, snippet: true, score: true }).extend({
      alignedToOccupation: z.boolean(),
      coveredSkills: z.array(z.object({ uri: z.string(), label: z.string() })),
      skillCoverage: z.number().nullable().describe('Share of the occupation’s ESCO skills the outcomes cover; null without relations'),
      coverage: z.number().describe('Ranking score: 1 for a direct occupation alignment, plus the skill coverage'),
    }),
  ),
});
export const occupationSearchView = z.object({ items: z.array(occupationMatchView) });
export type OccupationSearchView = z.infer<typeof occupationSearchView>;
