import type { Kysely } from 'kysely';
import { authorizeWith } from '../../accounts/access.js';
import type { PersonPrincipal, Principal } from '../../accounts/principal.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { Database } from '../../db/tables.js';
import { recordEvent } from '../../tracking/event-log.js';
import { feedUrlProblem } from './feed-fetch.js';
import type { FeedHarvester, HarvestReport } from './feed-harvester.js';
import type { FeedSubscriptionRecord, FeedSubscriptionsRepository, HarvestedOfferingRecord } from './feed-subscriptions.repository.js';
import type { HarvestedSearchIndex } from './harvested-search-fields.js';
import { feedUrlNotAllowed, subscriptionExists, subscriptionNotFound } from './feeds.errors.js';
import { subscribeInput, type SubscribeInput } from './feeds.schema.js';

/** Federation is an instance-wide decision: which other catalogues this one shows is for platform admins. */
export const feedPolicies = {
  'feeds.manage': { scope: 'catalog:write', allow: (p: PersonPrincipal, _instance: 'instance') => p.person.isPlatformAdmin },
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface FeedsServiceDeps {
  db: Kysely<Database>;
  subscriptions: FeedSubscriptionsRepository;
  harvester: FeedHarvester;
  allowHttpFor: readonly string[];
  searchIndex?: HarvestedSearchIndex;
}

/** Subscriptions to other instances' catalogue feeds, and their harvested offerings. */
export function createFeedsService(deps: FeedsServiceDeps) {
  const { db, subscriptions } = deps;
  const authorize = (principal: Principal) => authorizeWith(feedPolicies, principal, 'feeds.manage', 'instance');
  const requireSubscription = async (id: string): Promise<FeedSubscriptionRecord> => {
    const found = UUID.test(id) ? await subscriptions.find(id) : undefined;
    if (!found) throw subscriptionNotFound();
    return found;
  };

  return {
    async subscribe(principal: Principal, raw: SubscribeInput): Promise<FeedSubscriptionRecord> {
      const actor = authorize(principal);
      const input = subscribeInput.parse(raw);
      const problem = feedUrlProblem(input.url, deps.allowHttpFor);
      if (problem) throw feedUrlNotAllowed(problem);
      const feedUrl = new URL(input.url).href;
      try {
        return await db.transaction().execute(async (trx) => {
          const created = await subscriptions.insert({ feedUrl, refreshMinutes: input.refreshMinutes, createdBy: actor.person.id }, trx);
          await recordEvent(trx, { type: 'feed.subscribed', actorId: actor.person.id, subjectType: 'catalogue_feed', subjectId: created.id, payload: { feedUrl, refreshMinutes: input.refreshMinutes } });
          return created;
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw subscriptionExists(feedUrl);
        throw error;
      }
    },

    async list(principal: Principal): Promise<FeedSubscriptionRecord[]> {
      authorize(principal);
      return subscriptions.list();
    },

    async get(principal: Principal, id: string): Promise<{ subscription: FeedSubscriptionRecord; offerings: HarvestedOfferingRecord[] }> {
      authorize(principal);
      const subscription = await requireSubscription(id);
      return { subscription, offerings: await subscriptions.offerings(subscription.id) };
    },

    /** Ends a subscription; what it harvested goes with it (it was only ever shown on its feed's authority). */
    async unsubscribe(principal: Principal, id: string): Promise<void> {
      const actor = authorize(principal);
      const subscription = await requireSubscription(id);
      await db.transaction().execute(async (trx) => {
        await deps.searchIndex?.removeSubscription(trx, subscription.id);
        if (!(await subscriptions.delete(subscription.id, trx))) throw subscriptionNotFound();
        await recordEvent(trx, { type: 'feed.unsubscribed', actorId: actor.person.id, subjectType: 'catalogue_feed', subjectId: subscription.id, payload: { feedUrl: subscription.feedUrl } });
      });
    },

    async harvestNow(principal: Principal, id: string): Promise<HarvestReport> {
      const actor = authorize(principal);
      return deps.harvester.harvest(await requireSubscription(id), actor.person.id);
    },

    /** For the CLI and the scheduler, which act for the instance, not for a person. */
    harvestAsSystem: async (id?: string): Promise<HarvestReport[]> => {
      const targets = id === undefined ? await subscriptions.list() : [await requireSubscription(id)];
      const reports = [];
      for (const subscription of targets) reports.push(await deps.harvester.harvest(subscription));
      return reports;
    },

    /** Public: the offerings harvested from other catalogues, active ones unless asked for all. */
    offerings: (subscriptionId?: string): Promise<HarvestedOfferingRecord[]> => subscriptions.offerings(subscriptionId),
  };
}

export type FeedsService = ReturnType<typeof createFeedsService>;
