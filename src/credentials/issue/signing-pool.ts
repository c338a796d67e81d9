import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../errors.js';
import type { CredentialSigner } from '../proof/proof-suites.js';

/** Messages to a signing worker. */
export type ToWorker =
  | { type: 'issue'; job: number; credential: Record<string, unknown>; created: string; verificationMethod: string }
  | { type: 'signature'; request: number; signature: Uint8Array | null };

/** Messages from a signing worker. */
export type FromWorker =
  | { type: 'sign'; job: number; request: number; data: Uint8Array }
  | { type: 'done'; job: number; credential: Record<string, unknown> }
  /** The signed credential is the one sent with `proof` added last and nothing else changed: only the proof travels back. */
  | { type: 'proof'; job: number; proof: unknown }
  | { type: 'failed'; job: number; error: { code: string; status: number; title: string; detail: string; extensions: Record<string, unknown> } | { message: string } };

export interface SigningPool {
  /**
   * What `issueCredential` does (schema check, eddsa-rdfc-2022 proof), on a worker thread. Only the
   * signature is made in this thread, by `signer`: the secret key stays where it was unsealed.
   */
  issue(options: { credential: Record<string, unknown>; signer: CredentialSigner; created: Date }): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

interface Job {
  signer: CredentialSigner;
  credential: Record<string, unknown>;
  resolve: (credential: Record<string, unknown>) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  jobs: Map<number, Job>;
}

/**
 * Compiled, the worker is `signing-worker.js` beside this file. Run from TypeScript sources (tests, `tsx`),
 * the worker registers tsx itself before loading the `.ts` file: a worker does not inherit the parent's loader.
 */
const workerSource = (): { source: string | URL; eval: boolean } => {
  if (import.meta.url.endsWith('.js')) return { source: new URL('./signing-worker.js', import.meta.url), eval: false };
  const url = new URL('./signing-worker.ts', import.meta.url).href;
  return { source: `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url)}); })`, eval: true };
};

/**
 * A small pool of signing threads (node:worker_threads), so a bulk job signs on every core while the main
 * thread does the database work. Threads start on first use and do not keep the process alive when idle.
 */
export function createSigningPool(options: { size?: number } = {}): SigningPool {
  const size = Math.max(1, options.size ?? Math.min(4, availableParallelism()));
  const workers: PoolWorker[] = [];
  let nextJob = 1;
  let closed = false;

  const start = (): PoolWorker => {
    const { source, eval: isEval } = workerSource();
    const entry: PoolWorker = { worker: new Worker(source, { eval: isEval }), jobs: new Map() };
    entry.worker.unref();
    entry.worker.on('message', (message: FromWorker) => onMessage(entry, message));
    const fail = (error: Error) => {
      for (const job of entry.jobs.values()) job.reject(error);
      entry.jobs.clear();
      const index = workers.indexOf(entry);
      if (index >= 0) workers.splice(index, 1);
    };
    entry.worker.on('error', fail);
    entry.worker.on('exit', (code) => fail(new Error(`A signing worker stopped (exit code ${code}).`)));
    workers.push(entry);
    return entry;
  };

  const settle = (entry: PoolWorker, job: number): Job | undefined => {
    const found = entry.jobs.get(job);
    entry.jobs.delete(job);
    if (entry.jobs.size === 0) entry.worker.unref();
    return found;
  };

  const onMessage = (entry: PoolWorker, message: FromWorker) => {
    if (message.type === 'sign') {
      const job = entry.jobs.get(message.job);
      const reply = (signature: Uint8Array | null) => entry.worker.postMessage({ type: 'signature', request: message.request, signature } satisfies ToWorker);
      if (!job) return reply(null);
      job.signer.sign({ data: message.data }).then(reply, () => reply(null));
      return;
    }
    const job = settle(entry, message.job);
    if (!job) return;
    if (message.type === 'done') job.resolve(message.credential);
    else if (message.type === 'proof') job.resolve({ ...job.credential, proof: message.proof });
    else job.reject('code' in message.error ? new AppError(message.error) : new Error(message.error.message));
  };

  const leastBusy = (): PoolWorker => {
    if (workers.length < size) return start();
    return workers.reduce((best, candidate) => (candidate.jobs.size < best.jobs.size ? candidate : best));
  };

  return {
    issue({ credential, signer, created }) {
      if (closed) return Promise.reject(new Error('The signing pool is closed.'));
      const entry = leastBusy();
      const job = nextJob++;
      return new Promise((resolve, reject) => {
        entry.jobs.set(job, { signer, credential, resolve, reject });
        entry.worker.ref();
        entry.worker.postMessage({ type: 'issue', job, credential, created: created.toISOString(), verificationMethod: signer.id } satisfies ToWorker);
      });
    },

    async close() {
      closed = true;
      await Promise.all(workers.splice(0).map((entry) => entry.worker.terminate()));
    },
  };
}

let shared: SigningPool | undefined;

/**
 * The process's signing pool, made on first use. One per process, like libuv's thread pool: every app in
 * the process (tests build many) shares its threads, and idle threads do not keep the process alive.
 */
export const sharedSigningPool = (): SigningPool => (shared ??= createSigningPool());
