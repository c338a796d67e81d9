import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { catalogueSearchQuery, catalogueSearchView, occupationSearchQuery, occupationSearchView } from '../../catalog/search/catalogue-search.schema.js';
import type { CatalogueSearchService } from '../../catalog/search/catalogue-search.service.js';
import { problemResponses } from '../openapi.js';

/**
 * A client that searches as its user types marks those requests with this header (`typeahead`): only a
 * settled search (submitted, or the one the typing stopped at, sent unmarked) counts as demand, so the
 * partial words on the way ("dat", "data an") are not counted as things people looked for.
 */
export const SEARCH_INTENT_HEADER = 'tessera-search-intent';

/** The public catalogue: search across published micro-credentials, and "what can I take to become X". */
export function catalogueSearchRoutes(deps: {
  catalogueSearch: CatalogueSearchService;
  /** Told of each search's words and how many results it found: tracking counts demand per term (no person). */
  onSearched?: (kind: 'catalogue' | 'occupation', query: string | undefined, resultCount: number) => Promise<void>;
}) {
  return async (app: FastifyInstance): Promise<void> => {
    const server = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['Catalogue'];
    const searched = async (request: FastifyRequest, kind: 'catalogue' | 'occupation', q: string | undefined, count: number) => {
      if (request.headers[SEARCH_INTENT_HEADER] === 'typeahead') return;
      await deps.onSearched?.(kind, q, count).catch((error: unknown) => request.log.error({ err: error }, 'counting search demand failed'));
    };

    server.get('/api/v1/catalogue/search', {
      schema: {
        tags,
        summary: 'Search published micro-credentials: ranked, typo-tolerant full text (ESCO synonyms too), filters, facets with counts, sort and pages',
        description: `Searching as the user types: send \`${SEARCH_INTENT_HEADER}: typeahead\` with each keystroke's request and none with the settled search, so only settled searches count as search demand (aggregated per term and month, never tied to a person).`,
        querystring: catalogueSearchQuery,
        response: { 200: catalogueSearchView, ...problemResponses(400, 429) },
      },
    }, async (request) => {
      const result = await deps.catalogueSearch.search(request.query);
      // Only the first page counts: paging through results is not more demand.
      if (request.query.offset === 0) await searched(request, 'catalogue', request.query.q, result.total);
      return result;
    });

    server.get('/api/v1/catalogue/occupations', {
      schema: {
        tags,
        summary: 'What can I take to become X: the ESCO occupations matching a job title, each with the micro-credentials aligned to it, by coverage',
        description: `As for the catalogue search, \`${SEARCH_INTENT_HEADER}: typeahead\` marks a request made while the user types: it is not counted as demand.`,
        querystring: occupationSearchQuery,
        response: { 200: occupationSearchView, ...problemResponses(400, 429) },
      },
    }, async (request) => {
      const result = await deps.catalogueSearch.occupations(request.query);
      await searched(request, 'occupation', request.query.q, result.items.length);
      return result;
    });
  };
}
