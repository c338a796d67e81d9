import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { slugSchema } from '../../accounts/accounts.schema.js';
import { EQUITY_FIELDS, fieldView } from '../../tracking/equity/equity-fields.js';
import { equityOpenDataCsv } from '../../tracking/equity/equity-open-data.js';
import {
  equityBreakdown,
  equityBreakdownQuery,
  equityFieldList,
  equityOpenDataDocument,
  equityOpenDataQuery,
  equitySettings,
  equitySettingsInput,
  myEquity,
  myEquityInput,
  myEquityOrganisation,
} from '../../tracking/equity/equity.schema.js';
import type { Equity } from '../../tracking/equity/equity.js';
import { problemResponses } from '../openapi.js';
import { openDataReply } from './open-data-reply.js';

/**
 * Equity fields (#7, item 3): which self-declared fields an organisation collects, a learner's own answers,
 * and the aggregates, where every figure below k is suppressed along with whatever would give it away.
 * No route returns anyone's answers except to the learner who gave them.
 */
export function equityRoutes(deps: { equity: Equity }) {
  return async (app: FastifyInstance): Promise<void> => {
    const server = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['Equity'];
    const { service, openData } = deps.equity;
    const params = z.object({ slug: slugSchema });

    server.get('/api/v1/equity/fields', {
      schema: { tags, summary: 'The equity fields an organisation may collect, with their questions, purposes and answers (each has "prefer not to say")', response: { 200: equityFieldList } },
    }, async () => ({ fields: EQUITY_FIELDS.map(fieldView) }));

    server.get('/api/v1/organisations/:slug/equity/settings', {
      schema: { tags, summary: 'Which equity fields the organisation collects (its admins)', params, response: { 200: equitySettings, ...problemResponses(401, 403) } },
    }, async (request) => service.settings(request.principal, request.params.slug));

    server.put('/api/v1/organisations/:slug/equity/settings', {
      schema: {
        tags,
        summary: 'Collect exactly these equity fields (its admins). Turning a field off deletes every answer given to it. 400 equity.unknown_field',
        params,
        body: equitySettingsInput,
        response: { 200: equitySettings, ...problemResponses(400, 401, 403) },
      },
    }, async (request) => service.updateSettings(request.principal, request.params.slug, request.body));

    server.get('/api/v1/organisations/:slug/equity/breakdown', {
      schema: {
        tags,
        summary: "The organisation's enrolments, passes and credentials per month by each collected field's answers (its admins; token scope tracking:read); every figure below k suppressed (null), with complementary suppression",
        params,
        querystring: equityBreakdownQuery,
        response: { 200: equityBreakdown, ...problemResponses(400, 401, 403) },
      },
    }, async (request) => service.breakdown(request.principal, request.params.slug, request.query));

    server.get('/api/v1/me/equity', {
      schema: { tags, summary: 'Your own self-declared answers, per organisation that collects equity fields and that you enrolled with or hold credentials of (a signed-in session only)', response: { 200: myEquity, ...problemResponses(401, 403) } },
    }, async (request) => service.mine(request.principal));

    server.put('/api/v1/me/equity/:slug', {
      schema: {
        tags,
        summary: 'Declare your answers to an organisation; a field left out is withdrawn (a signed-in session only). 400 equity.unknown_field / unknown_option / field_not_collected',
        params,
        body: myEquityInput,
        response: { 200: myEquityOrganisation, ...problemResponses(400, 401, 403) },
      },
    }, async (request) => service.declare(request.principal, request.params.slug, request.body));

    server.delete('/api/v1/me/equity/:slug', {
      schema: { tags, summary: 'Withdraw every answer you gave the organisation', params, response: { 204: z.null(), ...problemResponses(401, 403) } },
    }, async (request, reply) => {
      await service.withdraw(request.principal, request.params.slug);
      return reply.status(204).send(null);
    });

    server.get('/api/v1/open-data/equity', {
      schema: {
        tags: ['Open data'],
        summary: 'Public equity breakdown per micro-credential, month, field and answer: enrolments, passes, credentials, JSON or CSV (`format=csv`). Every figure below k is suppressed (null / empty), with complementary suppression so no hidden figure can be worked out from the others and the published totals. k < 5 (or below the configured k): 400 tracking.k_too_small',
        querystring: equityOpenDataQuery,
        response: { 200: z.union([equityOpenDataDocument, z.string()]), ...problemResponses(400, 429) },
      },
    }, async (request, reply) => {
      const document = await openData.export(request.query);
      return openDataReply(reply, document, { format: request.query.format, fileName: 'tessera-open-data-equity', csv: (d) => equityOpenDataCsv(d.rows) });
    });
  };
}
