import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  escoConceptView,
  escoOccupationSkillsView,
  escoSearchHitView,
  escoSearchQuery,
  escoSuggestionInput,
  escoSuggestionView,
  escoUriQuery,
} from '../../catalog/esco/esco.schema.js';
import type { EscoService } from '../../catalog/esco/esco.service.js';
import { problemResponses } from '../openapi.js';

/** ESCO search, browse and alignment suggestions: public (no sign-in), rate-limited like every route. */
export function escoRoutes(deps: { esco: EscoService }) {
  return async (app: FastifyInstance): Promise<void> => {
    const server = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['ESCO'];

    server.get('/api/v1/esco/search', {
      schema: {
        tags,
        summary: 'Search ESCO skills and occupations by preferred and alternative labels (typo-tolerant, ranked)',
        querystring: escoSearchQuery,
        response: { 200: z.object({ items: z.array(escoSearchHitView) }), ...problemResponses(400, 429) },
      },
    }, async (request) => ({ items: await deps.esco.search(request.query) }));

    server.get('/api/v1/esco/concepts', {
      schema: {
        tags,
        summary: 'One ESCO concept with its broader and narrower concepts, collections and related skills',
        querystring: escoUriQuery,
        response: { 200: escoConceptView, ...problemResponses(400, 404, 429) },
      },
    }, async (request) => deps.esco.concept(request.query.uri));

    server.get('/api/v1/esco/occupations/skills', {
      schema: {
        tags,
        summary: "An occupation's essential and optional skills (when occupation–skill relations are imported)",
        querystring: escoUriQuery,
        response: { 200: escoOccupationSkillsView, ...problemResponses(400, 404, 429) },
      },
    }, async (request) => deps.esco.occupationSkills(request.query.uri));

    server.post('/api/v1/esco/suggestions', {
      schema: {
        tags,
        summary: 'ESCO skills for a learning outcome, most relevant first, with a score',
        body: escoSuggestionInput,
        response: { 200: z.object({ items: z.array(escoSuggestionView) }), ...problemResponses(400, 403, 413, 415, 429) },
      },
    }, async (request) => ({ items: await deps.esco.suggest(request.body) }));
  };
}
