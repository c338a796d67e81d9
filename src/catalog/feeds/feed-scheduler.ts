import type { FeedHarvester } from './feed-harvester.js';
import type { FeedSubscriptionsRepository } from './feed-subscriptions.repository.js';

export interface FeedSchedulerDeps {
  subscriptions: Pick<FeedSubscriptionsRepository, 'claimDue'>;
  harvester: FeedHarvester;
  clock: () => Date;
  intervalMs: number;
  onError: (error: unknown) => void;
}

export interface FeedScheduler {
  start(): void;
  /** Stops ticking and waits for a harvest in progress, so the database can close after it. */
  stop(): Promise<void>;
  /** One round: harvests every due subscription this process can claim. For tests and the CLI. */
  tick(): Promise<number>;
}

/**
 * Harvests due subscriptions in-process. Which feed is due lives in PostgreSQL (`next_harvest_at`), and a
 * feed is claimed with `for update skip locked` before it is harvested, so several Tessera processes on
 * one database share the work instead of harvesting the same feed twice.
 */
export function createFeedScheduler(deps: FeedSchedulerDeps): FeedScheduler {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = false;

  const tick = async (): Promise<number> => {
    let harvested = 0;
    // Bounded, so a long backlog cannot keep one tick (and shutdown) waiting for ever.
    for (let i = 0; i < 20 && !stopped; i += 1) {
      const due = await deps.subscriptions.claimDue(deps.clock());
      if (!due) break;
      await deps.harvester.harvest(due);
      harvested += 1;
    }
    return harvested;
  };

  const round = () => {
    if (running || stopped) return;
    running = tick()
      .catch((error: unknown) => {
        deps.onError(error);
        return 0;
      })
      .finally(() => {
        running = undefined;
      });
  };

  return {
    start() {
      stopped = false;
      timer ??= setInterval(round, deps.intervalMs);
      // The scheduler must never be what keeps the process alive.
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
    tick,
  };
}
