import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../errors.js';
import { sendProblem } from './problem.js';

/** Paths that belong to machines: an unknown one is a problem+json 404, never the web app's page. */
const MACHINE_PREFIXES = ['/api/', '/docs', '/openapi.json', '/.well-known/', '/healthz', '/readyz'];

/**
 * Serves the built single-page app (web/dist) and answers unknown browser paths with its index.html so
 * client-side routes survive a reload. Hashed assets are cached for a year; index.html never.
 */
export async function registerWebApp(server: FastifyInstance, webDistDir: string): Promise<void> {
  const built = existsSync(path.join(webDistDir, 'index.html'));
  if (built) {
    await server.register(fastifyStatic, {
      root: webDistDir,
      prefix: '/',
      wildcard: false,
      index: false,
      setHeaders: (res, filePath) => {
        res.setHeader('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  server.setNotFoundHandler(async (request: FastifyRequest, reply: FastifyReply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    const wantsPage = request.method === 'GET' && !MACHINE_PREFIXES.some((prefix) => pathname.startsWith(prefix));
    if (!wantsPage) return sendProblem(reply, notFound('request.route_not_found', `No route ${request.method} ${pathname}.`));
    if (!built) {
      return reply
        .status(503)
        .type('text/html; charset=utf-8')
        .send('<!doctype html><title>Tessera</title><p>The web app is not built. Run <code>npm run build:web</code> (npm start does it).</p>');
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
