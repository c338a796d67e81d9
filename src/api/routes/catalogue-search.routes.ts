import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { catalogueSearchQuery, catalogueSearchView, occupationSearchQuery, occupationSearchView } from '../../catalog/search/catalogue-search.schema.js';
import type { CatalogueSearchService } from '../../catalog/search/catalogue-search.service.js';
import { problemResponses } from '../openapi.js';

/** The public catalogue: search across published micro-credentials, and "what can I take to become X". */
export function catalogueSearchRoutes(deps: { catalogueSearch: CatalogueSearchService }) {
  return async (app: FastifyInstance): Promise<void> => {
    const server = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['Catalogue'];

    server.get('/api/v1/catalogue/search', {
      schema: {
        tags,
        summary: 'Search published micro-credentials: ranked, typo-tolerant full text (ESCO synonyms too), filters, facets with counts, sort and pages',
        querystring: catalogueSearchQuery,
        response: { 200: catalogueSearchView, ...problemResponses(400, 429) },
      },
    }, async (request) => deps.catalogueSearch.search(request.query));

    server.get('/api/v1/catalogue/occupations', {
      schema: {
        tags,
        summary: 'What can I take to become X: the ESCO occupations matching a job title, each with the micro-credentials aligned to it, by coverage',
        querystring: occupationSearchQuery,
        response: { 200: occupationSearchView, ...problemResponses(400, 429) },
      },
    }, async (request) => deps.catalogueSearch.occupations(request.query));
  };
}
