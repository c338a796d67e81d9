import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { pino } from 'pino';
import type { AuthService } from '../accounts/auth.service.js';
import type { Config } from '../config/config.js';
import { registerAuthentication } from './authentication.js';
import { registerOpenApi } from './openapi.js';
import { asAppError, sendProblem } from './problem.js';
import { registerWebApp } from './web-app.js';

export interface ServerOptions {
  config: Config;
  version: string;
  auth: AuthService;
  webDistDir: string;
  /** Each capability's routes, as Fastify plugins. */
  routes: Array<(app: FastifyInstance) => Promise<void>>;
  /** Where JSON log lines go (default stdout); tests capture them to prove secrets stay out. */
  logStream?: Writable;
  /** Called after each successful request that may have written (not GET, HEAD or OPTIONS). */
  onWrite?: () => void;
}

/**
 * Everything a secret can travel in. Pino's redaction works on the logged objects, so values never
 * reach the output, whichever serializer logged them.
 */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.sessionToken',
  '*.csrfToken',
  '*.privateKey',
  '*.masterKey',
  '*.secretAccessKey',
  '*.smtpUrl',
  // Where they sit in the configuration, should anything log it whole.
  'evidence.s3.secretAccessKey',
  '*.evidence.s3.secretAccessKey',
  'mail.smtpUrl',
  '*.mail.smtpUrl',
];

const READ_ONLY_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { config } = options;
  const logger = pino(
    { level: config.logLevel, redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' } },
    options.logStream ?? process.stdout,
  );
  const server = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: config.bodyLimitBytes,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // Fastify parses JSON with prototype-poisoning protection on by default; keep it explicit.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  });
  server.setValidatorCompiler(validatorCompiler);
  server.setSerializerCompiler(serializerCompiler);

  server.setErrorHandler(async (error, request, reply) => {
    const appError = asAppError(error);
    if (appError.reportable) request.log.error({ err: error, code: appError.code }, 'request failed');
    return sendProblem(reply, appError);
  });
  // Graceful shutdown: Node stops accepting connections and closes idle ones, but a keep-alive
  // connection serving a request in flight would stay open until its timeout. Telling that client
  // `Connection: close` lets close() finish as soon as the last response is out.
  let closing = false;
  server.addHook('preClose', async () => {
    closing = true;
  });
  server.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
  });
  const { onWrite } = options;
  if (onWrite) {
    server.addHook('onResponse', async (request, reply) => {
      if (!READ_ONLY_METHODS.has(request.method) && reply.statusCode < 400) onWrite();
    });
  }

  const https = config.publicUrl.startsWith('https://');
  await server.register(helmet, {
    // Over plain HTTP (the local default) HSTS and upgrade-insecure-requests would break every asset load.
    strictTransportSecurity: https,
    contentSecurityPolicy: {
      directives: {
        upgradeInsecureRequests: https ? [] : null,
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  await server.register(rateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    errorResponseBuilder: (_request, context) => ({ statusCode: 429, message: `Rate limit exceeded; retry in ${context.after}.` }),
  });
  await server.register(cookie);
  registerAuthentication(server, options.auth, { secure: https });
  await registerOpenApi(server, config.publicUrl, options.version);
  for (const routes of options.routes) await server.register(routes);
  await registerWebApp(server, options.webDistDir);
  return server;
}
