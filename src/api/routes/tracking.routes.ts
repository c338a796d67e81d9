import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { slugSchema } from '../../accounts/accounts.schema.js';
import { dashboardQuery, myProgress, openDataDocument, openDataQuery, organisationDashboard, platformDashboard } from '../../tracking/dashboard.schema.js';
import { openDataCsv } from '../../tracking/open-data.js';
import type { Tracking } from '../../tracking/tracking.js';
import { problemResponses } from '../openapi.js';
import { openDataReply } from './open-data-reply.js';

/** Tracking (#7): dashboards for organisations and the platform, a learner's progress, and public open data. */
export function trackingRoutes(deps: { tracking: Pick<Tracking, 'dashboards' | 'learnerProgress' | 'openData'> }) {
  return async (app: FastifyInstance): Promise<void> => {
    const server = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['Tracking'];
    const { dashboards, learnerProgress, openData } = deps.tracking;

    server.get('/api/v1/organisations/:slug/dashboard', {
      schema: {
        tags,
        summary: "An organisation's figures per month and achievement: issued, active, revoked, completion, time to credential, pass rates, pathway funnels, ESCO skills, endorsements, verifications (its admins; 400 tracking.range_reversed / range_too_long / unknown_achievement)",
        params: z.object({ slug: slugSchema }),
        querystring: dashboardQuery,
        response: { 200: organisationDashboard, ...problemResponses(400, 401, 403) },
      },
    }, async (request) => dashboards.organisation(request.principal, request.params.slug, request.query));

    server.get('/api/v1/platform/dashboard', {
      schema: {
        tags,
        summary: 'The same figures across every organisation, per organisation, and catalogue search demand against supply (terms nothing offers first; platform admins)',
        querystring: dashboardQuery,
        response: { 200: platformDashboard, ...problemResponses(400, 401, 403) },
      },
    }, async (request) => dashboards.platform(request.principal, request.query));

    server.get('/api/v1/me/progress', {
      schema: { tags, summary: 'Your own learning: enrolments, credentials and pathway progress', response: { 200: myProgress, ...problemResponses(401, 403) } },
    }, async (request) => learnerProgress.mine(request.principal));

    server.get('/api/v1/open-data/achievements', {
      schema: {
        tags: ['Open data'],
        summary: 'Public aggregate figures per published micro-credential and month, JSON or CSV (`format=csv`); every figure below k (default TESSERA_OPEN_DATA_K, 10) is suppressed: null in JSON, an empty field in CSV. k < 5 (or below the configured k) is refused: 400 tracking.k_too_small',
        querystring: openDataQuery,
        // JSON as described; with format=csv the same rows as text/csv (columns in OPEN_DATA_CSV_COLUMNS order).
        response: { 200: z.union([openDataDocument, z.string()]), ...problemResponses(400, 429) },
      },
    }, async (request, reply) => {
      const document = await openData.export(request.query);
      return openDataReply(reply, document, { format: request.query.format, fileName: 'tessera-open-data', csv: (d) => openDataCsv(d.rows) });
    });
  };
}
