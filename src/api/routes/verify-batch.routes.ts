import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { imageTooLarge } from '../../credentials/baking/baking-errors.js';
import { MAX_BADGE_IMAGE_BYTES } from '../../credentials/baking/png-baking.js';
import { invalidInput } from '../../errors.js';
import { VERIFY_BATCH_LIMITS, type BatchRow, type VerifyBatchService, type VerifyInput } from '../../verifier/verify-batch.service.js';
import { uploadTooLarge } from '../../verifier/verifier.errors.js';
import { problemResponses } from '../openapi.js';
import { reportView, toReportView } from './issuing.routes.js';

export interface VerifyBatchRouteDeps {
  verifyBatch: VerifyBatchService;
}

const nullableText = z.string().nullable();
export const summaryView = z.object({
  types: z.array(z.string()),
  name: nullableText,
  subject: z.object({ id: nullableText, name: nullableText }),
  achievement: z.object({ id: nullableText, name: nullableText, description: nullableText, criteria: nullableText, achievementType: nullableText }),
  issuer: z.object({ id: nullableText, name: nullableText, url: nullableText }),
  validFrom: nullableText,
  validUntil: nullableText,
  evidence: z.array(z.object({ id: nullableText, name: nullableText, description: nullableText, narrative: nullableText, genre: nullableText })),
  endorsements: z.array(z.object({ issuerId: nullableText, issuerName: nullableText, comment: nullableText, validFrom: nullableText })),
  embeddedCount: z.number().int(),
});

export const batchRowView = z.object({
  source: z.string(),
  embeddedIndex: z.number().int().nullable(),
  outcome: z.enum(['verified', 'warnings', 'not_verified', 'unreadable']),
  firstProblem: z.object({ id: z.string(), message: z.string() }).nullable(),
  notices: z.array(z.string()),
  report: reportView.nullable(),
  summary: summaryView.nullable(),
  error: z.object({ code: z.string(), title: z.string(), detail: z.string() }).nullable(),
});
const batchView = z.object({ items: z.array(batchRowView) });

export const toBatchRowView = (row: BatchRow): z.infer<typeof batchRowView> => ({ ...row, report: row.report ? toReportView(row.report) : null });

const batchItemInput = z.union([
  z.object({ credential: z.unknown(), source: z.string().max(300).optional() }).strict(),
  z.object({ url: z.url().max(2000), source: z.string().max(300).optional() }).strict(),
]);

/** Public verification of many credentials at once (employers' batches), and of uploaded files. */
export function verifyBatchRoutes(deps: VerifyBatchRouteDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    await app.register(multipart, { limits: { fileSize: MAX_BADGE_IMAGE_BYTES + 1, files: VERIFY_BATCH_LIMITS.maxFiles, fields: 0, parts: VERIFY_BATCH_LIMITS.maxFiles } });
    const server = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['Verification'];

    server.post('/api/v1/verify/batch', {
      bodyLimit: VERIFY_BATCH_LIMITS.maxTotalBytes,
      schema: {
        tags,
        summary: `Verify up to ${VERIFY_BATCH_LIMITS.maxRows} credentials (objects, VC-JWTs or URLs) at once; a CLR gives a row for itself and one per bundled credential`,
        body: z.object({ items: z.array(batchItemInput).min(1).max(VERIFY_BATCH_LIMITS.maxRows) }).strict(),
        response: { 200: batchView, ...problemResponses(400, 413) },
      },
    }, async (request) => {
      const inputs: VerifyInput[] = request.body.items.map((item, index) =>
        'url' in item ? { source: item.source ?? item.url, url: item.url } : { source: item.source ?? `item ${index + 1}`, credential: item.credential },
      );
      return { items: (await deps.verifyBatch.verify(inputs)).map(toBatchRowView) };
    });

    server.post('/api/v1/verify/files', {
      schema: {
        tags,
        summary: `Verify uploaded files (multipart/form-data, up to ${VERIFY_BATCH_LIMITS.maxFiles} files, ${VERIFY_BATCH_LIMITS.maxTotalBytes / (1024 * 1024)} MB together): JSON, VC-JWT, or baked PNG/SVG badges`,
        consumes: ['multipart/form-data'],
        response: { 200: batchView, ...problemResponses(400, 413) },
      },
    }, async (request) => {
      if (!request.isMultipart()) throw invalidInput('Send the files as multipart/form-data.');
      const inputs: VerifyInput[] = [];
      const oversized: string[] = [];
      let total = 0;
      for await (const part of request.files()) {
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) {
          total += (chunk as Buffer).length;
          // Refused as soon as the sum passes the limit; the rest of the upload is never buffered.
          if (total > VERIFY_BATCH_LIMITS.maxTotalBytes) throw uploadTooLarge(VERIFY_BATCH_LIMITS.maxTotalBytes);
          chunks.push(chunk as Buffer);
        }
        const source = part.filename || `file ${inputs.length + oversized.length + 1}`;
        if (part.file.truncated) oversized.push(source);
        else inputs.push({ source, file: new Uint8Array(Buffer.concat(chunks)) });
      }
      const tooLarge = imageTooLarge(MAX_BADGE_IMAGE_BYTES);
      const refused = oversized.map((source) => ({ source, embeddedIndex: null, outcome: 'unreadable' as const, firstProblem: null, notices: [], report: null, summary: null, error: { code: tooLarge.code, title: tooLarge.title, detail: tooLarge.detail } }));
      if (inputs.length === 0 && refused.length === 0) throw invalidInput('Send at least one file.');
      const rows = inputs.length > 0 ? (await deps.verifyBatch.verify(inputs)).map(toBatchRowView) : [];
      return { items: [...rows, ...refused] };
    });
  };
}
