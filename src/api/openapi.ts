import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** The problem+json body every error response has (RFC 9457 plus Tessera's `code`). */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().describe('Stable machine-readable error code, e.g. accounts.email_taken'),
    instance: z.string().optional(),
    requestId: z.string().optional(),
  })
  .catchall(z.unknown());

/** Error responses for a route's OpenAPI description. */
export const problemResponses = (...statuses: number[]): Record<number, typeof problemSchema> =>
  Object.fromEntries(statuses.map((status) => [status, problemSchema]));

/** OpenAPI 3.1 generated from the routes' zod schemas, at /openapi.json, and an interactive reference at /docs. */
export async function registerOpenApi(server: FastifyInstance, publicUrl: string, version: string): Promise<void> {
  await server.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tessera API',
        version,
        description: 'Micro-credentials on Open Badges 3.0, CLR 2.0 and W3C Verifiable Credentials. Errors are application/problem+json with a stable `code`.',
      },
      servers: [{ url: publicUrl }],
      components: {
        securitySchemes: {
          bearerToken: { type: 'http', scheme: 'bearer', description: 'A personal API token (tsr_…), created under Account → API tokens.' },
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'tessera_session', description: 'Browser session; writes also need the x-csrf-token header.' },
        },
      },
      security: [{ bearerToken: [] }, { sessionCookie: [] }, {}],
    },
    transform: jsonSchemaTransform,
  });
  await server.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, uiConfig: { deepLinking: true } });
  server.get('/openapi.json', { schema: { hide: true } }, async () => server.swagger());
}
