import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/tables.js';
import type { CheckedFeedItem } from './feed-item-check.js';

export interface FeedSubscriptionRecord {
  id: string;
  feedUrl: string;
  refreshMinutes: number;
  nextHarvestAt: Date;
  etag: string | null;
  lastModified: string | null;
  lastHarvestedAt: Date | null;
  lastSucceededAt: Date | null;
  lastError: string | null;
  lastReport: Record<string, unknown> | null;
  createdAt: Date;
}

export interface HarvestedOfferingRecord {
  id: string;
  subscriptionId: string;
  subjectId: string;
  achievementId: string;
  issuerDid: string;
  feedUrl: string;
  status: 'active' | 'withdrawn';
  title: string;
  achievement: Record<string, unknown>;
  offering: Record<string, unknown>;
  sourceUpdatedAt: Date;
  fetchedAt: Date;
  withdrawnAt: Date | null;
}

type Executor = Kysely<Database> | Transaction<Database>;

const subscriptionColumns = ['id', 'feed_url', 'refresh_minutes', 'next_harvest_at', 'etag', 'last_modified', 'last_harvested_at', 'last_succeeded_at', 'last_error', 'last_report', 'created_at'] as const;
type SubscriptionRow = { id: string; feed_url: string; refresh_minutes: number; next_harvest_at: Date; etag: string | null; last_modified: string | null; last_harvested_at: Date | null; last_succeeded_at: Date | null; last_error: string | null; last_report: Record<string, unknown> | null; created_at: Date };
const toSubscription = (row: SubscriptionRow): FeedSubscriptionRecord => ({
  id: row.id,
  feedUrl: row.feed_url,
  refreshMinutes: row.refresh_minutes,
  nextHarvestAt: row.next_harvest_at,
  etag: row.etag,
  lastModified: row.last_modified,
  lastHarvestedAt: row.last_harvested_at,
  lastSucceededAt: row.last_succeeded_at,
  lastError: row.last_error,
  lastReport: row.last_report,
  createdAt: row.created_at,
});

const offeringColumns = ['id', 'subscription_id', 'subject_id', 'achievement_id', 'issuer_did', 'feed_url', 'status', 'title', 'achievement', 'offering', 'source_updated_at', 'fetched_at', 'withdrawn_at'] as const;

export interface HarvestOutcome {
  etag: string | null;
  lastModified: string | null;
  succeeded: boolean;
  error: string | null;
  report: Record<string, unknown>;
}

export function createFeedSubscriptionsRepository(db: Kysely<Database>) {
  return {
    async insert(values: { feedUrl: string; refreshMinutes: number; createdBy: string }, trx: Transaction<Database>): Promise<FeedSubscriptionRecord> {
      const row = await trx.insertInto('catalogue_feed_subscriptions').values({ feed_url: values.feedUrl, refresh_minutes: values.refreshMinutes, created_by: values.createdBy }).returning(subscriptionColumns).executeTakeFirstOrThrow();
      return toSubscription(row);
    },

    async list(): Promise<FeedSubscriptionRecord[]> {
      return (await db.selectFrom('catalogue_feed_subscriptions').select(subscriptionColumns).orderBy('created_at').execute()).map(toSubscription);
    },

    /** With `lock`, holds the row until the transaction ends: harvests of one feed then write one after the other. */
    async find(id: string, executor: Executor = db, options: { lock?: boolean } = {}): Promise<FeedSubscriptionRecord | undefined> {
      let query = executor.selectFrom('catalogue_feed_subscriptions').select(subscriptionColumns).where('id', '=', id);
      if (options.lock) query = query.forUpdate();
      const row = await query.executeTakeFirst();
      return row && toSubscription(row);
    },

    async delete(id: string, trx: Transaction<Database>): Promise<boolean> {
      return (await trx.deleteFrom('catalogue_feed_subscriptions').where('id', '=', id).executeTakeFirst()).numDeletedRows > 0n;
    },

    /**
     * Claims the most overdue subscription: moves its next harvest a refresh interval on in the same
     * statement that locks it, skipping rows another process holds, so each due feed is harvested once.
     */
    async claimDue(now: Date): Promise<FeedSubscriptionRecord | undefined> {
      return db.transaction().execute(async (trx) => {
        const due = await trx.selectFrom('catalogue_feed_subscriptions').select('id').where('next_harvest_at', '<=', now).orderBy('next_harvest_at').limit(1).forUpdate().skipLocked().executeTakeFirst();
        if (!due) return undefined;
        const row = await trx
          .updateTable('catalogue_feed_subscriptions')
          .set({ next_harvest_at: sql`${now.toISOString()}::timestamptz + make_interval(mins => refresh_minutes)` })
          .where('id', '=', due.id)
          .returning(subscriptionColumns)
          .executeTakeFirstOrThrow();
        return toSubscription(row);
      });
    },

    async recordOutcome(trx: Transaction<Database>, id: string, at: Date, outcome: HarvestOutcome): Promise<void> {
      await trx
        .updateTable('catalogue_feed_subscriptions')
        .set({
          last_harvested_at: at,
          last_error: outcome.error,
          last_report: JSON.stringify(outcome.report),
          ...(outcome.succeeded ? { last_succeeded_at: at, etag: outcome.etag, last_modified: outcome.lastModified } : {}),
        })
        .where('id', '=', id)
        .execute();
    },

    async offerings(subscriptionId?: string, options: { subjectIds?: string[]; executor?: Executor } = {}): Promise<HarvestedOfferingRecord[]> {
      let query = (options.executor ?? db).selectFrom('harvested_offerings').select(offeringColumns).orderBy('source_updated_at', 'desc');
      if (subscriptionId) query = query.where('subscription_id', '=', subscriptionId);
      if (options.subjectIds) {
        if (options.subjectIds.length === 0) return [];
        query = query.where('subject_id', 'in', options.subjectIds);
      }
      return (await query.execute()).map((row) => ({
        id: row.id,
        subscriptionId: row.subscription_id,
        subjectId: row.subject_id,
        achievementId: row.achievement_id,
        issuerDid: row.issuer_did,
        feedUrl: row.feed_url,
        status: row.status,
        title: row.title,
        achievement: row.achievement,
        offering: row.offering,
        sourceUpdatedAt: row.source_updated_at,
        fetchedAt: row.fetched_at,
        withdrawnAt: row.withdrawn_at,
      }));
    },

    /** Inserts or updates an offering; an older statement never replaces a newer one. Returns whether it changed. */
    async upsertOffering(trx: Transaction<Database>, subscription: { id: string; feedUrl: string }, item: CheckedFeedItem, fetchedAt: Date): Promise<'inserted' | 'updated' | 'unchanged'> {
      const existing = await trx.selectFrom('harvested_offerings').select(['id', 'source_updated_at', 'status', 'achievement_id']).where('subscription_id', '=', subscription.id).where('subject_id', '=', item.subjectId).forUpdate().executeTakeFirst();
      const values = {
        achievement_id: item.achievementId,
        issuer_did: item.issuerDid,
        feed_url: subscription.feedUrl,
        status: item.status,
        title: item.title,
        achievement: JSON.stringify(item.achievement),
        offering: JSON.stringify(item.offering),
        credential: JSON.stringify(item.credential),
        source_updated_at: item.validFrom,
        fetched_at: fetchedAt,
        withdrawn_at: item.status === 'withdrawn' ? fetchedAt : null,
      };
      if (!existing) {
        await trx.insertInto('harvested_offerings').values({ subscription_id: subscription.id, subject_id: item.subjectId, ...values }).execute();
        return 'inserted';
      }
      // A replayed older statement (an "active" item from before the withdrawal) never wins; the same
      // statement with another status only means the entry had been withdrawn as dropped and is listed again.
      const stored = existing.source_updated_at.getTime();
      const incoming = item.validFrom.getTime();
      if (stored > incoming || (stored === incoming && existing.status === item.status)) {
        await trx.updateTable('harvested_offerings').set({ fetched_at: fetchedAt }).where('id', '=', existing.id).execute();
        return 'unchanged';
      }
      await trx.updateTable('harvested_offerings').set(values).where('id', '=', existing.id).execute();
      return 'updated';
    },

    /** Withdraws the active offerings of a subscription that the last complete harvest no longer listed. */
    /** Returns the subject ids it withdrew. */
    async withdrawMissing(trx: Transaction<Database>, subscriptionId: string, seenSubjectIds: string[], at: Date): Promise<string[]> {
      let query = trx.updateTable('harvested_offerings').set({ status: 'withdrawn', withdrawn_at: at }).where('subscription_id', '=', subscriptionId).where('status', '=', 'active');
      if (seenSubjectIds.length > 0) query = query.where('subject_id', 'not in', seenSubjectIds);
      return (await query.returning('subject_id').execute()).map((row) => row.subject_id);
    },
  };
}

export type FeedSubscriptionsRepository = ReturnType<typeof createFeedSubscriptionsRepository>;
