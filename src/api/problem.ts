import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { databaseUnavailable } from '../db/database.js';
import { isDatabaseUnavailable } from '../db/errors.js';
import { AppError, isAppError } from '../errors.js';

/** RFC 9457 problem details, plus Tessera's stable `code` and the request id for support. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';
const PROBLEM_TYPE_BASE = 'https://tessera.dev/problems/';

export function toProblem(error: AppError, request?: FastifyRequest): Problem {
  return {
    ...error.extensions,
    type: `${PROBLEM_TYPE_BASE}${error.code}`,
    title: error.title,
    status: error.status,
    detail: error.detail,
    code: error.code,
    ...(request ? { instance: request.url.split('?')[0], requestId: request.id } : {}),
  };
}

export function sendProblem(reply: FastifyReply, error: AppError): FastifyReply {
  if (error.status === 429 && typeof error.extensions.retryAfterSeconds === 'number') {
    reply.header('retry-after', Math.ceil(error.extensions.retryAfterSeconds));
  }
  return reply.status(error.status).type(PROBLEM_CONTENT_TYPE).send(toProblem(error, reply.request));
}

/**
 * Turns anything thrown while handling a request into an AppError: ours pass through, the framework's
 * known failures get specific codes, and everything else becomes an opaque 500 (logged with its stack;
 * the caller sees only the request id).
 */
export function asAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((issue) => ({ path: issue.instancePath || '/', message: issue.message ?? 'is not valid' }));
    return new AppError({
      code: 'request.invalid',
      status: 400,
      title: 'The request is not valid',
      detail: issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '),
      extensions: { issues, location: (error as { validationContext?: string }).validationContext ?? 'body' },
    });
  }
  if (isResponseSerializationError(error)) return internal(error);
  if (isDatabaseUnavailable(error)) return databaseUnavailable(error);
  const fastifyError = error as Partial<FastifyError>;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError({ code: 'request.body_too_large', status: 413, title: 'Request body too large', detail: 'The request body is larger than this endpoint accepts.' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError({ code: 'request.unsupported_media_type', status: 415, title: 'Unsupported content type', detail: 'Send JSON with Content-Type: application/json.' });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError({ code: 'request.malformed_json', status: 400, title: 'Malformed JSON', detail: 'The body is empty but Content-Type says JSON.' });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError({ code: 'request.malformed_json', status: 400, title: 'Malformed JSON', detail: 'The request body is not valid JSON.' });
    default:
      break;
  }
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
    return new AppError({ code: 'request.malformed_json', status: 400, title: 'Malformed JSON', detail: `The request body is not valid JSON: ${error.message}` });
  }
  if (fastifyError.statusCode === 429) {
    return new AppError({ code: 'request.rate_limited', status: 429, title: 'Too many requests', detail: 'Slow down: this client sent too many requests. Try again in a minute.' });
  }
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return new AppError({ code: 'request.invalid', status: fastifyError.statusCode, title: 'The request is not valid', detail: fastifyError.message ?? 'The request is not valid.' });
  }
  return internal(error);
}

const internal = (cause: unknown): AppError =>
  new AppError({ code: 'internal', status: 500, title: 'Internal error', detail: 'Something went wrong on our side. Quote the request id if you report it.', cause, reportable: true });
