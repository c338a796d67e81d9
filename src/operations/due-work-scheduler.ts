export interface DueWorkSchedulerDeps<Item> {
  /** Claims the next item that is due, or none. The claim is what stops two processes doing the same item. */
  claimDue(): Promise<Item | undefined>;
  run(item: Item): Promise<void>;
  intervalMs: number;
  onError: (error: unknown) => void;
}

export interface DueWorkScheduler {
  start(): void;
  /** Stops ticking and waits for the work in progress, so the database can close after it. */
  stop(): Promise<void>;
  /** One round: runs every due item this process can claim. For tests and the CLI. */
  tick(): Promise<number>;
}

/**
 * Runs due work in-process, every `intervalMs`: catalogue feeds to harvest, other instances' registries to
 * refresh. What is due lives in PostgreSQL, and an item is claimed (`for update skip locked`) before it runs,
 * so several Tessera processes on one database share the work instead of doing an item twice.
 */
export function createDueWorkScheduler<Item>(deps: DueWorkSchedulerDeps<Item>): DueWorkScheduler {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = false;

  const tick = async (): Promise<number> => {
    let done = 0;
    // Bounded, so a long backlog cannot keep one tick (and shutdown) waiting for ever.
    for (let i = 0; i < 20 && !stopped; i += 1) {
      const due = await deps.claimDue();
      if (!due) break;
      await deps.run(due);
      done += 1;
    }
    return done;
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
