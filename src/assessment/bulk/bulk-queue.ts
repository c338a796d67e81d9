import { CompiledQuery, sql, type Kysely } from 'kysely';
import PgBoss from 'pg-boss';
import type { Database } from '../../db/tables.js';

/**
 * Where bulk jobs wait to run. The bulk_jobs table is the truth (a job is open until its rows are all
 * issued or failed); a queue only makes sure someone runs each open job, and running one twice is safe
 * (rows are idempotent, and on PostgreSQL a job runs under a lock of its own, see `exclusiveOnPostgres`).
 */
export interface BulkJobQueue {
  /** Asks for the job to be run: now in this process, or by whichever worker takes it. */
  enqueue(jobId: string): Promise<void>;
  /** Stops taking jobs; a run in progress stops at its next batch boundary (see the service's `stop`). */
  stop(): Promise<void>;
}

export type RunJob = (jobId: string) => Promise<void>;
export type BulkJobQueueFactory = (runJob: RunJob, onError: (error: unknown) => void) => BulkJobQueue;

/** The embedded database: the job table drained in this process (one connection, one process per data dir). */
export const inProcessQueue: BulkJobQueueFactory = (runJob, onError) => ({
  async enqueue(jobId) {
    void runJob(jobId).catch(onError);
  },
  async stop() {},
});

export const BULK_QUEUE = 'tessera-bulk-issuance';

/**
 * PostgreSQL: pg-boss, on the app's own connection pool (its tables live in the `pgboss` schema, which it
 * creates and migrates itself on first start). It starts on first use, so an instance that never runs a
 * bulk job never installs it. Queue policy `short` keeps one waiting message per job, while a message a
 * killed process left active does not block a new one (that one expires and is retried later: harmless).
 */
export function pgBossQueue(db: Kysely<Database>, options: { pollingIntervalSeconds?: number } = {}): BulkJobQueueFactory {
  return (runJob, onError) => {
    let started: Promise<{ boss: PgBoss; workerId: string }> | undefined;
    const start = () =>
      (started ??= (async () => {
        const boss = new PgBoss({
          db: { executeSql: async (text: string, values?: unknown[]) => db.executeQuery(CompiledQuery.raw(text, values ?? [])) as Promise<{ rows: unknown[] }> },
          schedule: false,
          supervise: true,
        });
        boss.on('error', onError);
        await boss.start();
        await boss.createQueue(BULK_QUEUE, { name: BULK_QUEUE, policy: 'short', retryLimit: 5, retryDelay: 30, expireInSeconds: 4 * 3600 });
        const workerId = await boss.work<{ jobId: string }>(BULK_QUEUE, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async ([job]) => {
          if (job) await runJob(job.data.jobId);
        });
        return { boss, workerId };
      })());
    return {
      async enqueue(jobId) {
        const { boss, workerId } = await start();
        await boss.send(BULK_QUEUE, { jobId }, { singletonKey: jobId });
        // The message is durable now; the worker need not wait for its next poll to take it.
        boss.notifyWorker(workerId);
      },
      async stop() {
        if (!started) return;
        const { boss } = await started;
        await boss.stop({ graceful: true, wait: true, timeout: 10_000, close: false });
      },
    };
  };
}

/**
 * Runs `fn` only while holding a session advisory lock on the job (a pooled connection kept for the
 * run): two processes, or a retried message and a resumed job, never run one job at once. PostgreSQL
 * frees the lock when the connection ends, so a killed process leaves no lock behind. Answers undefined
 * when another run holds the lock (that run finishes the job).
 */
export function exclusiveOnPostgres(db: Kysely<Database>) {
  return async <T>(jobId: string, fn: () => Promise<T>): Promise<T | undefined> =>
    db.connection().execute(async (connection) => {
      const key = sql`hashtextextended(${`bulk_job:${jobId}`}, 0)`;
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${key}) as locked`.execute(connection);
      if (!rows[0]?.locked) return undefined;
      try {
        return await fn();
      } finally {
        await sql`select pg_advisory_unlock(${key})`.execute(connection);
      }
    });
}
