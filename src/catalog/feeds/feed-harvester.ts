import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables.js';
import { recordEvent } from '../../tracking/event-log.js';
import { checkFeedItem, type CheckedFeedItem, type FeedItemCheckDeps, type FeedItemErrorCode } from './feed-item-check.js';
import { FEED_FETCH_ERRORS, fetchFeedPage, type FeedFetchErrorCode, type FeedFetchOptions } from './feed-fetch.js';
import type { FeedSubscriptionRecord, FeedSubscriptionsRepository } from './feed-subscriptions.repository.js';
import { harvestedSearchFields, type HarvestedSearchIndex } from './harvested-search-fields.js';

/** What one harvest did: stored as the subscription's last report and, as counts, in the `feed.harvested` event. */
export interface HarvestReport {
  subscriptionId: string;
  feedUrl: string;
  notModified: boolean;
  /** True when every page was read: only then are entries the feed no longer lists withdrawn. */
  complete: boolean;
  pages: number;
  items: number;
  inserted: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
  rejected: Array<{ page: number; index: number; code: FeedItemErrorCode; message: string; subjectId?: string }>;
  error: { code: FeedFetchErrorCode; message: string } | null;
}

export interface FeedHarvesterDeps {
  db: Kysely<Database>;
  subscriptions: FeedSubscriptionsRepository;
  items: FeedItemCheckDeps;
  fetch: Omit<FeedFetchOptions, 'etag' | 'lastModified'>;
  clock: () => Date;
  maxPages?: number;
  /** The catalogue search index (src/catalog/search/search-index.ts, wired in app.ts); without one, offerings are listed per subscription only. */
  searchIndex?: HarvestedSearchIndex;
}

const DEFAULT_MAX_PAGES = 200;

/**
 * Harvests one subscription: reads every page (conditionally on the first page's ETag), checks each item
 * on its own, then writes everything in one transaction with the subscription's outcome and the event.
 * A failure never removes what an earlier harvest stored: a page that cannot be read stops the walk and
 * nothing is withdrawn; a bad item is reported and skipped while the rest go through.
 */
export function createFeedHarvester(deps: FeedHarvesterDeps) {
  const maxPages = deps.maxPages ?? DEFAULT_MAX_PAGES;

  const walk = async (subscription: FeedSubscriptionRecord, report: HarvestReport) => {
    const good: CheckedFeedItem[] = [];
    const seen = new Set<string>();
    let url: string | null = subscription.feedUrl;
    let validators: { etag: string | null; lastModified: string | null } = { etag: null, lastModified: null };
    while (url !== null) {
      if (report.pages >= maxPages) {
        report.error = { code: FEED_FETCH_ERRORS.notAFeed, message: `The feed has more than ${maxPages} pages; the rest was not read.` };
        break;
      }
      const first: boolean = report.pages === 0;
      const result = await fetchFeedPage(url, { ...deps.fetch, ...(first ? { etag: subscription.etag, lastModified: subscription.lastModified } : {}) });
      if (result.kind === 'not-modified') {
        report.notModified = first;
        report.complete = first;
        validators = { etag: subscription.etag, lastModified: subscription.lastModified };
        break;
      }
      if (result.kind === 'error') {
        report.error = { code: result.code, message: result.message };
        break;
      }
      report.pages += 1;
      if (first) validators = { etag: result.etag, lastModified: result.lastModified };
      for (const [index, raw] of result.body.items.entries()) {
        report.items += 1;
        const checked = await checkFeedItem(raw, deps.items);
        if (checked.ok) {
          good.push(checked.item);
          seen.add(checked.item.subjectId);
        } else {
          // A known entry that turned bad keeps its previous data rather than being withdrawn.
          if (checked.subjectId) seen.add(checked.subjectId);
          report.rejected.push({ page: report.pages, index, code: checked.code, message: checked.message, ...(checked.subjectId ? { subjectId: checked.subjectId } : {}) });
        }
      }
      url = nextPage(subscription.feedUrl, result.body.next, report);
      if (url === null && report.error === null) report.complete = true;
    }
    return { good, seen, validators };
  };

  return {
    async harvest(subscription: FeedSubscriptionRecord, actorId: string | null = null): Promise<HarvestReport> {
      const report: HarvestReport = { subscriptionId: subscription.id, feedUrl: subscription.feedUrl, notModified: false, complete: false, pages: 0, items: 0, inserted: 0, updated: 0, unchanged: 0, withdrawn: 0, rejected: [], error: null };
      const { good, seen, validators } = await walk(subscription, report);
      const at = deps.clock();
      await deps.db.transaction().execute(async (trx) => {
        // A harvest started by hand and one by the scheduler may finish together: the second waits here and
        // then sees the first one's rows. A subscription deleted meanwhile keeps nothing.
        if (!(await deps.subscriptions.find(subscription.id, trx, { lock: true }))) return;
        const changed: string[] = [];
        for (const item of good) {
          const outcome = await deps.subscriptions.upsertOffering(trx, subscription, item, at);
          report[outcome] += 1;
          if (outcome !== 'unchanged') changed.push(item.subjectId);
        }
        if (report.complete && !report.notModified) {
          const withdrawn = await deps.subscriptions.withdrawMissing(trx, subscription.id, [...seen], at);
          report.withdrawn = withdrawn.length;
          changed.push(...withdrawn);
        }
        if (deps.searchIndex && changed.length > 0) {
          const rows = await deps.subscriptions.offerings(subscription.id, { subjectIds: changed, executor: trx });
          await deps.searchIndex.sync(trx, rows.map(harvestedSearchFields));
        }
        // Validators are kept only for a clean harvest: after a rejected item (perhaps a DID that did not
        // resolve this time) the next harvest must read the page again rather than be told "not modified".
        const clean = report.rejected.length === 0;
        await deps.subscriptions.recordOutcome(trx, subscription.id, at, {
          succeeded: report.complete && report.error === null,
          etag: clean ? validators.etag : null,
          lastModified: clean ? validators.lastModified : null,
          error: report.error ? `${report.error.code}: ${report.error.message}` : null,
          report: { ...report },
        });
        const { rejected, error, ...counts } = report;
        await recordEvent(trx, {
          type: 'feed.harvested',
          actorId,
          subjectType: 'catalogue_feed',
          subjectId: subscription.id,
          payload: { ...counts, rejected: rejected.length, error: error?.code ?? null },
          occurredAt: at,
        });
      });
      return report;
    },
  };
}

export type FeedHarvester = ReturnType<typeof createFeedHarvester>;

/** A `next` link must stay on the feed's own origin: a feed must not steer the harvester to other hosts. */
function nextPage(feedUrl: string, next: string | null, report: HarvestReport): string | null {
  if (next === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(next, feedUrl);
  } catch {
    report.error = { code: FEED_FETCH_ERRORS.notAFeed, message: `The "next" link ${next} is not a URL.` };
    return null;
  }
  if (parsed.origin !== new URL(feedUrl).origin) {
    report.error = { code: FEED_FETCH_ERRORS.notAFeed, message: `The "next" link ${parsed.href} leaves the feed's origin.` };
    return null;
  }
  return parsed.href;
}
