import type { RefreshResult, Rollups } from './rollups.js';

/**
 * Keeps the rollups fresh: shortly after writes (debounced, so a burst of requests costs one refresh)
 * and on a schedule (for writes made by other processes, such as `tessera bulk`). Refreshes in this
 * process run one at a time; across processes the watermark row's lock serialises them.
 */
export function createRollupRefresher(deps: { rollups: Rollups; debounceMs?: number; intervalMs?: number; onError: (error: unknown) => void }) {
  const debounceMs = deps.debounceMs ?? 1_000;
  const intervalMs = deps.intervalMs ?? 60_000;
  let running: Promise<RefreshResult> | null = null;
  let again = false;
  let debounce: NodeJS.Timeout | null = null;
  let interval: NodeJS.Timeout | null = null;

  /** Refreshes now; a call during a refresh waits for it and runs once more (events may have arrived since it read the horizon). */
  async function refreshNow(): Promise<RefreshResult> {
    if (running) {
      again = true;
      await running.catch(() => undefined);
      if (running) return running;
    }
    running = (async () => {
      try {
        let result = await deps.rollups.refresh();
        while (again) {
          again = false;
          const next = await deps.rollups.refresh();
          result = { folded: result.folded + next.folded, lastEventId: next.lastEventId };
        }
        return result;
      } finally {
        running = null;
      }
    })();
    return running;
  }

  const background = () => void refreshNow().catch(deps.onError);

  return {
    refreshNow,
    /** Something was written: refresh soon. */
    poke(): void {
      if (debounce) return;
      debounce = setTimeout(() => {
        debounce = null;
        background();
      }, debounceMs);
      debounce.unref();
    },
    start(): void {
      if (interval) return;
      interval = setInterval(background, intervalMs);
      interval.unref();
    },
    async stop(): Promise<void> {
      if (debounce) clearTimeout(debounce);
      if (interval) clearInterval(interval);
      debounce = interval = null;
      await running?.catch(() => undefined);
    },
  };
}

export type RollupRefresher = ReturnType<typeof createRollupRefresher>;
