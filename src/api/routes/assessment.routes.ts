import multipart, { type MultipartValue } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { slugSchema } from '../../accounts/accounts.schema.js';
import type { Assessment } from '../../assessment/assessment.js';
import { assessmentSettingsInput, decisionInput, enrolInput, evidenceInput, evidencePublicInput } from '../../assessment/assessment.schema.js';
import { invalidInput } from '../../errors.js';
import { problemResponses } from '../openapi.js';
import { enrolmentView, evidenceView, queueItemView, toEnrolmentView, toEvidenceView, toQueueItemView } from './assessment.views.js';

export interface AssessmentRouteDeps {
  assessment: Assessment;
  /** Largest evidence file (config `TESSERA_EVIDENCE_MAX_BYTES`): the evidence store refuses past it with 413. */
  maxEvidenceBytes: number;
}

const viewerOf = (request: FastifyRequest): string => (request.principal.kind === 'person' ? request.principal.person.id : '');
const fieldValue = (field: unknown): string | undefined => {
  const value = (Array.isArray(field) ? field[0] : field) as MultipartValue | undefined;
  return value && value.type === 'field' && typeof value.value === 'string' ? value.value : undefined;
};

/** Earning: enrolments, evidence (multipart file uploads, streamed), submissions, the review queue and decisions. */
export function assessmentRoutes(deps: AssessmentRouteDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    // Past the store's own limit by one byte, so the store's 413 (assessment.evidence_too_large) is what answers.
    await app.register(multipart, { limits: { fileSize: deps.maxEvidenceBytes + 1, files: 1, fields: 4, fieldSize: 1000, parts: 5 } });
    const server = app.withTypeProvider<ZodTypeProvider>();
    const { enrolments, submissions, reviews } = deps.assessment;
    const tags = ['Earning'];
    const idParams = z.object({ id: z.uuid() });
    const evidenceParams = z.object({ id: z.uuid(), evidenceId: z.uuid() });
    const one = { 200: enrolmentView, ...problemResponses(400, 401, 403, 404, 409, 422) };

    server.post('/api/v1/me/enrolments', {
      schema: { tags, summary: 'Enrol in a published micro-credential (on demand, or into a cohort), by the course or assessment-only route', body: enrolInput, response: { ...one, 201: enrolmentView } },
    }, async (request, reply) => reply.status(201).send(toEnrolmentView(await enrolments.enrol(request.principal, request.body), viewerOf(request))));

    server.get('/api/v1/me/enrolments', {
      schema: { tags, summary: 'My enrolments, newest first', response: { 200: z.object({ items: z.array(enrolmentView) }), ...problemResponses(401, 403) } },
    }, async (request) => ({ items: (await enrolments.listOwn(request.principal)).map((d) => toEnrolmentView(d, viewerOf(request))) }));

    server.get('/api/v1/enrolments/:id', {
      schema: { tags, summary: 'An enrolment: its learner, or an assessor or admin of its organisation', params: idParams, response: one },
    }, async (request) => toEnrolmentView(await enrolments.get(request.principal, request.params.id), viewerOf(request)));

    server.post('/api/v1/enrolments/:id/withdraw', {
      schema: { tags, summary: 'Withdraw from an enrolment (its learner)', params: idParams, response: one },
    }, async (request) => toEnrolmentView(await enrolments.withdraw(request.principal, request.params.id), viewerOf(request)));

    server.post('/api/v1/enrolments/:id/evidence', {
      schema: { tags, summary: 'Add a link, a narrative or a supervisor attestation to the draft submission', params: idParams, body: evidenceInput, response: { 201: evidenceView, ...problemResponses(400, 401, 403, 404, 409) } },
    }, async (request, reply) => reply.status(201).send(toEvidenceView(await submissions.addEvidence(request.principal, request.params.id, request.body))));

    server.post('/api/v1/enrolments/:id/evidence/files', {
      schema: {
        tags,
        summary: 'Upload an evidence file (multipart/form-data: optional fields name and isPublic, then the file); streamed to storage, type checked by content',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 201: evidenceView, ...problemResponses(400, 401, 403, 404, 409, 413, 415) },
      },
    }, async (request, reply) => {
      if (!request.isMultipart()) throw invalidInput('Send the file as multipart/form-data.');
      const part = await request.file();
      if (!part) throw invalidInput('Send the file in a multipart/form-data part.');
      try {
        const name = fieldValue(part.fields.name);
        const item = await submissions.addFile(request.principal, request.params.id, {
          stream: part.file,
          fileName: part.filename,
          declaredType: part.mimetype,
          ...(name ? { name } : {}),
          isPublic: fieldValue(part.fields.isPublic) === 'true',
        });
        return await reply.status(201).send(toEvidenceView(item));
      } finally {
        // A refusal before the bytes were read must still let the upload drain, or the connection stalls.
        part.file.resume();
      }
    });

    server.delete('/api/v1/enrolments/:id/evidence/:evidenceId', {
      schema: { tags, summary: 'Remove evidence from the draft submission', params: evidenceParams, response: { 204: z.null(), ...problemResponses(400, 401, 403, 404, 409) } },
    }, async (request, reply) => {
      await submissions.removeEvidence(request.principal, request.params.id, request.params.evidenceId);
      return reply.status(204).send(null);
    });

    server.put('/api/v1/enrolments/:id/evidence/:evidenceId/visibility', {
      schema: { tags, summary: 'Choose whether this evidence is embedded in the credential (public)', params: evidenceParams, body: evidencePublicInput, response: { 200: evidenceView, ...problemResponses(400, 401, 403, 404, 409) } },
    }, async (request) => toEvidenceView(await submissions.setPublic(request.principal, request.params.id, request.params.evidenceId, request.body)));

    server.post('/api/v1/enrolments/:id/submit', {
      schema: { tags, summary: 'Hand in the draft submission for assessment', params: idParams, response: one },
    }, async (request) => toEnrolmentView(await submissions.submit(request.principal, request.params.id), viewerOf(request)));

    server.get('/api/v1/evidence/:evidenceId/file', {
      schema: { tags, summary: 'An evidence file: its learner and the organisation’s assessors and admins; anyone once public in an issued credential', params: z.object({ evidenceId: z.uuid() }), response: { ...problemResponses(400, 401, 403, 404) } },
    }, async (request, reply) => {
      const { body, headers } = await submissions.openFile(request.principal, request.params.evidenceId);
      // A stream is sent as is (no serializer runs), with the storage's safe headers.
      return reply.headers(headers).send(body as never);
    });

    server.get('/api/v1/organisations/:slug/review-queue', {
      schema: { tags, summary: 'Submissions of the organisation waiting for review or in moderation (its assessors and admins)', params: z.object({ slug: slugSchema }), response: { 200: z.object({ items: z.array(queueItemView) }), ...problemResponses(400, 401, 403, 404) } },
    }, async (request) => ({ items: (await reviews.queue(request.principal, request.params.slug)).items.map(toQueueItemView) }));

    server.post('/api/v1/enrolments/:id/claim', {
      schema: { tags, summary: 'Claim a submission to review it (or to moderate, when two assessors disagreed)', params: idParams, response: one },
    }, async (request) => toEnrolmentView(await reviews.claim(request.principal, request.params.id), viewerOf(request)));

    server.post('/api/v1/enrolments/:id/decision', {
      schema: { tags, summary: 'Score every rubric criterion and pass, or return with feedback; a settled pass issues the credential', params: idParams, body: decisionInput, response: one },
    }, async (request) => toEnrolmentView(await reviews.decide(request.principal, request.params.id, request.body), viewerOf(request)));

    server.post('/api/v1/enrolments/:id/credential', {
      schema: { tags, summary: 'Issue the credential of a passed enrolment again if issuing failed (idempotent: never a second credential)', params: idParams, response: one },
    }, async (request) => toEnrolmentView(await reviews.issueCredential(request.principal, request.params.id), viewerOf(request)));

    const settingsView = z.object({ requiredReviews: z.number().int() });
    server.get('/api/v1/organisations/:slug/assessment-settings', {
      schema: { tags, summary: 'How many assessors each submission needs (its assessors and admins)', params: z.object({ slug: slugSchema }), response: { 200: settingsView, ...problemResponses(400, 401, 403, 404) } },
    }, async (request) => reviews.settings(request.principal, request.params.slug));

    server.put('/api/v1/organisations/:slug/assessment-settings', {
      schema: { tags, summary: 'Require one or two assessors per submission (organisation admins)', params: z.object({ slug: slugSchema }), body: assessmentSettingsInput, response: { 200: settingsView, ...problemResponses(400, 401, 403, 404) } },
    }, async (request) => reviews.updateSettings(request.principal, request.params.slug, request.body));
  };
}
