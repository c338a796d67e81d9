import type { Readable } from 'node:stream';
import { errorCodes, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { slugSchema } from '../../accounts/accounts.schema.js';
import type { BulkJobRecord } from '../../assessment/bulk/bulk-jobs.repository.js';
import type { BulkIssuanceService, BulkJobInput } from '../../assessment/bulk/bulk-issuance.service.js';
import { problemResponses } from '../openapi.js';

/** The job's rows from either body kind; the service decides access before it reads or checks any of them. */
function bulkInput(contentType: string | undefined, query: { achievementId?: string | undefined; name?: string | undefined }, body: unknown): BulkJobInput {
  if (contentType?.startsWith('text/csv')) return { achievementId: query.achievementId, sourceName: query.name ?? 'upload.csv', csv: body as Readable };
  return { json: body, ...(query.name ? { sourceName: query.name } : {}) };
}

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

/** Largest JSON body of rows: JSON is parsed whole, so it is held to what 100,000 short rows need. */
export const MAX_BULK_JSON_BYTES = 16 * 1024 * 1024;

/**
 * JSON bodies on these routes are read under their own cap, whatever the route's (CSV-sized) limit: the
 * bytes are counted as they arrive and the request fails with 413 past the cap, before anything is parsed.
 */
function cappedJsonParser(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  return (request: FastifyRequest, payload: NodeJS.ReadableStream, done: (error: Error | null, body?: unknown) => void) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    payload.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BULK_JSON_BYTES && !failed) {
        failed = true;
        done(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
      } else if (!failed) chunks.push(chunk);
    });
    payload.on('error', (error: Error) => failed || ((failed = true), done(error)));
    payload.on('end', () => failed || parseJson(request, Buffer.concat(chunks).toString('utf8'), done));
  };
}

/** Bulk issuance: upload a CSV (streamed, never held in memory) or JSON rows, watch progress, download row errors. */
export function bulkRoutes(deps: { bulk: BulkIssuanceService }) {
  return async (app: FastifyInstance): Promise<void> => {
    // The CSV reaches the service as the request stream itself.
    app.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', cappedJsonParser(app));
    const server = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['Bulk issuance'];

    server.post('/api/v1/organisations/:slug/bulk-jobs', {
      bodyLimit: MAX_BULK_CSV_BYTES,
      schema: {
        tags,
        summary: 'Issue a micro-credential to each row: a CSV (Content-Type text/csv; columns email, results, evidence_url; achievementId in the query) or JSON rows',
        description:
          'With Content-Type application/json the body is `{"achievementId", "name"?, "rows": [{"email", "results"?: [outcome ids], "evidenceUrl"?}]}` ' +
          `(at most 100,000 rows and ${MAX_BULK_JSON_BYTES / 1024 / 1024} MiB; larger jobs go as CSV, which is streamed).`,
        params: z.object({ slug: slugSchema }),
        querystring: z.object({ achievementId: z.uuid().optional(), name: z.string().min(1).max(200).optional() }).strict(),
        response: { 202: jobView, ...problemResponses(400, 401, 403, 404, 413, 415, 422) },
      },
    }, async (request, reply) => {
      const input = bulkInput(request.headers['content-type'], request.query, request.body);
      const job = await deps.bulk.create(request.principal, request.params.slug, input);
      await deps.bulk.start(job.id);
      return reply.status(202).header('location', `/api/v1/organisations/${request.params.slug}/bulk-jobs/${job.id}`).send(toView(job));
    });

    server.get('/api/v1/organisations/:slug/bulk-jobs', {
      schema: { tags, summary: "The organisation's recent bulk jobs, newest first", params: z.object({ slug: slugSchema }), response: { 200: z.object({ jobs: z.array(jobView) }), ...problemResponses(400, 401, 403, 404) } },
    }, async (request) => ({ jobs: (await deps.bulk.list(request.principal, request.params.slug)).map(toView) }));

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
