import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { databaseUnavailable } from '../../db/database.js';
import { problemResponses } from '../openapi.js';

const READINESS_TIMEOUT_MS = 2_000;

/** Liveness (the process answers) and readiness (it can reach its database), for load balancers. */
export function healthRoutes(deps: { ping: () => Promise<void> }) {
  return async (app: FastifyInstance): Promise<void> => {
    const server = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['Operations'];
    server.get('/healthz', { config: { rateLimit: false }, schema: { tags, summary: 'Liveness', response: { 200: z.object({ status: z.literal('ok') }) } } }, async () => ({ status: 'ok' as const }));

    server.get('/readyz', { config: { rateLimit: false }, schema: { tags, summary: 'Readiness: the database answers', response: { 200: z.object({ status: z.literal('ready') }), ...problemResponses(503) } } }, async () => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(databaseUnavailable(new Error('readiness check timed out'))), READINESS_TIMEOUT_MS);
      });
      try {
        await Promise.race([deps.ping(), timeout]);
      } finally {
        clearTimeout(timer);
      }
      return { status: 'ready' as const };
    });
  };
}
