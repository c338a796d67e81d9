import type { Kysely } from 'kysely';
import type { DocumentLoader, FetchFunction } from '../../credentials/index.js';
import type { Database } from '../../db/tables.js';
import type { IssuerKeysService } from '../../issuing/issuer-keys.service.js';
import type { VerificationService } from '../../issuing/verification.service.js';
import { createDueWorkScheduler } from '../../operations/due-work-scheduler.js';
import { createFeedCatalogueRepository } from './feed-catalogue.repository.js';
import { createFeedHarvester } from './feed-harvester.js';
import { createFeedPublisher } from './feed-publisher.js';
import { createFeedSubscriptionsRepository } from './feed-subscriptions.repository.js';
import { createFeedsService } from './feeds.service.js';
import type { HarvestedSearchIndex } from './harvested-search-fields.js';

export interface FeedsDeps {
  db: Kysely<Database>;
  keys: Pick<IssuerKeysService, 'identityForSlug'>;
  verification: Pick<VerificationService, 'verify' | 'resolveDid'>;
  documentLoader: DocumentLoader;
  publicUrl: string;
  clock: () => Date;
  /** The same network policy as the verifier's: how remote hosts are reached and which may be plain http. */
  fetch?: FetchFunction;
  allowHttpFor?: readonly string[];
  limits?: { timeoutMs?: number; maxBytes?: number; schedulerIntervalMs?: number; pageSize?: number };
  /** The catalogue search index's seam for harvested offerings (see harvested-search-fields.ts; app.ts passes the search index). */
  searchIndex?: HarvestedSearchIndex;
}

export const FEED_LIMITS = { timeoutMs: 30_000, maxBytes: 10 * 1024 * 1024, schedulerIntervalMs: 60_000 } as const;

/** The catalogue feeds capability, wired: the public feed, subscriptions, the harvester and its scheduler. */
export function createFeeds(deps: FeedsDeps) {
  const subscriptions = createFeedSubscriptionsRepository(deps.db);
  const allowHttpFor = deps.allowHttpFor ?? [];
  const harvester = createFeedHarvester({
    db: deps.db,
    subscriptions,
    items: { verify: deps.verification.verify, resolveDid: deps.verification.resolveDid },
    fetch: {
      fetch: deps.fetch ?? ((url, init) => fetch(url, init)),
      timeoutMs: deps.limits?.timeoutMs ?? FEED_LIMITS.timeoutMs,
      maxBytes: deps.limits?.maxBytes ?? FEED_LIMITS.maxBytes,
      allowHttpFor,
    },
    clock: deps.clock,
    ...(deps.searchIndex ? { searchIndex: deps.searchIndex } : {}),
  });
  return {
    publisher: createFeedPublisher({ catalogue: createFeedCatalogueRepository(deps.db), identityForSlug: deps.keys.identityForSlug, documentLoader: deps.documentLoader, publicUrl: deps.publicUrl, ...(deps.limits?.pageSize ? { pageSize: deps.limits.pageSize } : {}) }),
    service: createFeedsService({ db: deps.db, subscriptions, harvester, allowHttpFor, ...(deps.searchIndex ? { searchIndex: deps.searchIndex } : {}) }),
    /** The app starts one with its logger; the CLI harvests without one. */
    createScheduler: (onError: (error: unknown) => void) =>
      createDueWorkScheduler({
        claimDue: () => subscriptions.claimDue(deps.clock()),
        run: async (subscription) => void (await harvester.harvest(subscription)),
        intervalMs: deps.limits?.schedulerIntervalMs ?? FEED_LIMITS.schedulerIntervalMs,
        onError,
      }),
  };
}

export type Feeds = ReturnType<typeof createFeeds>;
