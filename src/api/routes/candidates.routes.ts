import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { slugSchema } from '../../accounts/accounts.schema.js';
import type { CandidateRecord } from '../../verifier/candidates.repository.js';
import type { CandidatesService } from '../../verifier/candidates.service.js';
import { problemResponses } from '../openapi.js';

export interface CandidatesRouteDeps {
  candidates: CandidatesService;
}

const candidateView = z.object({
  id: z.uuid(),
  shareUrl: z.string(),
  note: z.string(),
  lastOutcome: z.enum(['verified', 'warnings', 'not_verified', 'unreadable']).nullable(),
  lastDetail: z.string().nullable(),
  credentials: z.array(z.object({ achievement: z.string().nullable(), issuer: z.string().nullable(), outcome: z.string() })),
  lastVerifiedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});

const toCandidateView = (c: CandidateRecord): z.infer<typeof candidateView> => ({
  id: c.id,
  shareUrl: c.shareUrl,
  note: c.note,
  lastOutcome: c.lastOutcome,
  lastDetail: c.lastDetail,
  credentials: Array.isArray(c.lastSummary?.credentials) ? (c.lastSummary.credentials as z.infer<typeof candidateView>['credentials']) : [],
  lastVerifiedAt: c.lastVerifiedAt?.toISOString() ?? null,
  createdAt: c.createdAt.toISOString(),
});

/** An employer's saved candidates: share links with a note and their last verification. */
export function candidatesRoutes(deps: CandidatesRouteDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const server = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['Candidates'];
    const params = z.object({ slug: slugSchema });
    const oneParams = z.object({ slug: slugSchema, id: z.uuid() });

    server.get('/api/v1/organisations/:slug/candidates', {
      schema: { tags, summary: "An employer's saved candidates, newest first (its members)", params, response: { 200: z.object({ items: z.array(candidateView) }), ...problemResponses(401, 403, 404, 409) } },
    }, async (request) => ({ items: (await deps.candidates.list(request.principal, request.params.slug)).map(toCandidateView) }));

    server.post('/api/v1/organisations/:slug/candidates', {
      schema: {
        tags,
        summary: "Save a candidate's share link (or credential URL) with a note; it is verified now and the outcome kept",
        params,
        body: z.object({ shareUrl: z.url().max(2000), note: z.string().trim().max(2000).default('') }).strict(),
        response: { 201: candidateView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    }, async (request, reply) => reply.status(201).send(toCandidateView(await deps.candidates.save(request.principal, request.params.slug, request.body))));

    server.post('/api/v1/organisations/:slug/candidates/:id/verify', {
      schema: { tags, summary: "Verify a saved candidate's link again now", params: oneParams, response: { 200: candidateView, ...problemResponses(400, 401, 403, 404, 409) } },
    }, async (request) => toCandidateView(await deps.candidates.reverify(request.principal, request.params.slug, request.params.id)));

    server.delete('/api/v1/organisations/:slug/candidates/:id', {
      schema: { tags, summary: 'Remove a candidate from the list', params: oneParams, response: { 204: z.null(), ...problemResponses(400, 401, 403, 404, 409) } },
    }, async (request, reply) => {
      await deps.candidates.remove(request.principal, request.params.slug, request.params.id);
      return reply.status(204).send(null);
    });
  };
}
