import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { slugSchema } from '../../accounts/accounts.schema.js';
import type { BulkJobRecord } from '../../assessment/bulk/bulk-jobs.repository.js';
import type { BulkIssuanceService } from '../../assessment/bulk/bulk-issuance.service.js';
import { problemResponses } from '../openapi.js';

/** Largest CSV accepted: hundreds of thousands of rows of email, outcomes and a URL. */
export const MAX_BULK_CSV_BYTES = 200 * 1024 * 1024;

const jobView = z.object({
  id: z.uuid(),
  achievementId: z.uuid(),
  sourceName: z.string(),
  status: z.enum(['queued', 'running', 'completed', 'cancelled']),
  totalRows: z.number().int(),
  issuedRows: z.number().int(),
  failedRows: z.number().int(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});

const toView = (job: BulkJobRecord): z.infer<typeof jobView> => ({
  id: job.id,
  achievementId: job.achievementId,
  sourceName: job.sourceName,
  status: job.status,
  totalRows: job.totalRows,
  issuedRows: job.issuedRows,
  failedRows: job.failedRows,
  createdAt: job.createdAt.toISOString(),
  finishedAt: job.finishedAt?.toISOString() ?? null,
});

/** Bulk issuance: upload a CSV (streamed, never held in memory), watch progress, download row errors. */
export function bulkRoutes(deps: { bulk: BulkIssuanceService }) {
  return async (app: FastifyInstance): Promise<void> => {
    // The CSV reaches the service as the request stream itself.
    app.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));
    const server = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['Bulk issuance'];

    server.post('/api/v1/organisations/:slug/bulk-jobs', {
      bodyLimit: MAX_BULK_CSV_BYTES,
      schema: {
        tags,
        summary: 'Upload a CSV (columns email, results, evidence_url; Content-Type text/csv) to issue a micro-credential to each row',
        params: z.object({ slug: slugSchema }),
        querystring: z.object({ achievementId: z.uuid(), name: z.string().min(1).max(200).default('upload.csv') }).strict(),
        response: { 202: jobView, ...problemResponses(400, 401, 403, 404, 413, 415, 422) },
      },
    }, async (request, reply) => {
      const job = await deps.bulk.create(request.principal, request.params.slug, { achievementId: request.query.achievementId, sourceName: request.query.name, csv: request.body as Readable });
      deps.bulk.start(job.id);
      return reply.status(202).header('location', `/api/v1/organisations/${request.params.slug}/bulk-jobs/${job.id}`).send(toView(job));
    });

    server.get('/api/v1/organisations/:slug/bulk-jobs/:jobId', {
      schema: { tags, summary: 'Progress of a bulk job', params: z.object({ slug: slugSchema, jobId: z.uuid() }), response: { 200: jobView, ...problemResponses(400, 401, 403, 404) } },
    }, async (request) => toView(await deps.bulk.get(request.principal, request.params.slug, request.params.jobId)));

    server.get('/api/v1/organisations/:slug/bulk-jobs/:jobId/errors.csv', {
      schema: { tags, summary: 'The rows that could not be issued, as CSV', params: z.object({ slug: slugSchema, jobId: z.uuid() }), response: { 200: z.string(), ...problemResponses(400, 401, 403, 404) } },
    }, async (request, reply) => {
      const csv = await deps.bulk.errorsCsv(request.principal, request.params.slug, request.params.jobId);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="bulk-${request.params.jobId}-errors.csv"`).send(csv);
    });
  };
}
