import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FEED_PATH, type FeedPublisher } from '../../catalog/feeds/feed-publisher.js';
import type { FeedSubscriptionRecord, HarvestedOfferingRecord } from '../../catalog/feeds/feed-subscriptions.repository.js';
import { subscribeInput } from '../../catalog/feeds/feeds.schema.js';
import type { FeedsService } from '../../catalog/feeds/feeds.service.js';
import { problemResponses } from '../openapi.js';

export interface FeedsRouteDeps {
  feeds: { publisher: FeedPublisher; service: FeedsService };
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

const subscriptionView = z.object({
  id: z.uuid(),
  url: z.string(),
  refreshMinutes: z.number().int(),
  nextHarvestAt: z.iso.datetime(),
  lastHarvestedAt: z.iso.datetime().nullable(),
  lastSucceededAt: z.iso.datetime().nullable(),
  lastError: z.string().nullable(),
  lastReport: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.iso.datetime(),
});
const toSubscriptionView = (s: FeedSubscriptionRecord): z.infer<typeof subscriptionView> => ({
  id: s.id,
  url: s.feedUrl,
  refreshMinutes: s.refreshMinutes,
  nextHarvestAt: s.nextHarvestAt.toISOString(),
  lastHarvestedAt: iso(s.lastHarvestedAt),
  lastSucceededAt: iso(s.lastSucceededAt),
  lastError: s.lastError,
  lastReport: s.lastReport,
  createdAt: s.createdAt.toISOString(),
});

const offeringView = z.object({
  subjectId: z.string(),
  achievementId: z.string(),
  status: z.enum(['active', 'withdrawn']),
  title: z.string(),
  origin: z.object({ feedUrl: z.string(), issuerDid: z.string(), fetchedAt: z.iso.datetime() }),
  offering: z.record(z.string(), z.unknown()),
  achievement: z.record(z.string(), z.unknown()),
  sourceUpdatedAt: z.iso.datetime(),
  withdrawnAt: z.iso.datetime().nullable(),
});
const toOfferingView = (o: HarvestedOfferingRecord): z.infer<typeof offeringView> => ({
  subjectId: o.subjectId,
  achievementId: o.achievementId,
  status: o.status,
  title: o.title,
  origin: { feedUrl: o.feedUrl, issuerDid: o.issuerDid, fetchedAt: o.fetchedAt.toISOString() },
  offering: o.offering,
  achievement: o.achievement,
  sourceUpdatedAt: o.sourceUpdatedAt.toISOString(),
  withdrawnAt: iso(o.withdrawnAt),
});

/** RFC 9110 §13.1: If-None-Match wins over If-Modified-Since; dates compare at whole seconds. */
function isNotModified(request: FastifyRequest, etag: string, lastModified: Date | null): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined) return ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*');
  const since = request.headers['if-modified-since'];
  return since !== undefined && lastModified !== null && Math.floor(lastModified.getTime() / 1000) <= Math.floor(Date.parse(since) / 1000);
}

/** The public catalogue feed and the platform admins' subscriptions to other instances' feeds. */
export function feedsRoutes(deps: FeedsRouteDeps) {
  return async (app: FastifyInstance): Promise<void> => {
    const server = app.withTypeProvider<ZodTypeProvider>();
    const { publisher, service } = deps.feeds;
    const tags = ['Catalogue feeds'];

    server.get(FEED_PATH, {
      schema: {
        tags,
        summary: "This instance's published micro-credentials, newest change first; each item a CatalogueEntryCredential signed by its issuer",
        querystring: z.object({ cursor: z.string().max(200).optional() }),
        response: { 200: z.record(z.string(), z.unknown()), 304: z.null(), ...problemResponses(400) },
      },
    }, async (request, reply) => {
      const page = await publisher.page(request.query.cursor);
      reply.header('etag', page.etag).header('cache-control', 'public, max-age=60').header('vary', 'Accept');
      if (page.lastModified) reply.header('last-modified', page.lastModified.toUTCString());
      if (isNotModified(request, page.etag, page.lastModified)) return reply.status(304).send(null);
      return reply.type('application/json; charset=utf-8').send(await page.body());
    });

    const idParams = z.object({ id: z.string().max(100) });
    server.get('/api/v1/catalogue/feeds', {
      schema: { tags, summary: 'Subscriptions to other catalogues (platform admins)', response: { 200: z.object({ items: z.array(subscriptionView) }), ...problemResponses(401, 403) } },
    }, async (request) => ({ items: (await service.list(request.principal)).map(toSubscriptionView) }));

    server.post('/api/v1/catalogue/feeds', {
      schema: { tags, summary: "Subscribe to another instance's catalogue feed (https; platform admins)", body: subscribeInput, response: { 201: subscriptionView, ...problemResponses(400, 401, 403, 409) } },
    }, async (request, reply) => reply.status(201).send(toSubscriptionView(await service.subscribe(request.principal, request.body))));

    server.get('/api/v1/catalogue/feeds/:id', {
      schema: { tags, summary: 'A subscription with the offerings harvested from it', params: idParams, response: { 200: subscriptionView.extend({ offerings: z.array(offeringView) }), ...problemResponses(401, 403, 404) } },
    }, async (request) => {
      const found = await service.get(request.principal, request.params.id);
      return { ...toSubscriptionView(found.subscription), offerings: found.offerings.map(toOfferingView) };
    });

    server.delete('/api/v1/catalogue/feeds/:id', {
      schema: { tags, summary: 'Unsubscribe; its harvested offerings are removed', params: idParams, response: { 204: z.null(), ...problemResponses(401, 403, 404) } },
    }, async (request, reply) => {
      await service.unsubscribe(request.principal, request.params.id);
      return reply.status(204).send(null);
    });

    server.post('/api/v1/catalogue/feeds/:id/harvest', {
      schema: { tags, summary: 'Harvest the feed now; the report lists each rejected item', params: idParams, response: { 200: z.record(z.string(), z.unknown()), ...problemResponses(401, 403, 404) } },
    }, async (request) => ({ ...(await service.harvestNow(request.principal, request.params.id)) }));
  };
}
