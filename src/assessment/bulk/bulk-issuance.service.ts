import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { organisationNotFound } from '../../accounts/accounts.errors.js';
import type { OrganisationRecord, OrganisationsRepository } from '../../accounts/organisations.repository.js';
import { OPERATOR, type Principal } from '../../accounts/principal.js';
import type { Database } from '../../db/tables.js';
import { AppError, invalidInput, isAppError, notFound } from '../../errors.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { BatchOutcome, IssuanceService, SignedBatch } from '../../issuing/issuance.service.js';
import { authorizeIssuing } from '../../issuing/issuing.access.js';
import { achievementNotIssuable } from '../../issuing/issuing.errors.js';
import { recordEvent } from '../../tracking/event-log.js';
import { BulkCsvError, readBulkCsv, readBulkJson, type BulkCsvRow, type BulkJsonRow } from './bulk-csv.js';
import type { BulkJobRecord, BulkJobsRepository, BulkRowRecord } from './bulk-jobs.repository.js';
import { inProcessQueue, type BulkJobQueueFactory } from './bulk-queue.js';
import { bulkJsonJob } from './bulk.schema.js';

export const bulkJobNotFound = (): AppError => notFound('bulk.job_not_found', 'There is no such bulk issuance job.');
const csvRefused = (detail: string): AppError => new AppError({ code: 'bulk.csv_invalid', status: 400, title: 'The file cannot be used', detail });

const INSERT_BATCH = 1_000;
// Rows per transaction: large enough that a statement's round trip is shared by hundreds of credentials,
// small enough that a batch holds the embedded database's one connection for a fraction of a second.
const ISSUE_BATCH = 250;
/** Batches read and signed while one is stored (see run). */
const LOOK_AHEAD = 2;

/** A job's rows: a CSV stream (read as it arrives) or a JSON body (checked against bulkJsonJob). */
export type BulkJobInput = { achievementId?: string | undefined; sourceName: string; csv: Readable } | { sourceName?: string; json: unknown };

type CheckedInput = { achievementId: string; sourceName: string } & ({ csv: Readable } | { rows: readonly BulkJsonRow[] });

/** Checks the input after access was decided: a stranger learns nothing about what a valid job looks like. */
const checkedInput = (input: BulkJobInput): CheckedInput => {
  if ('csv' in input) {
    if (!input.achievementId) throw invalidInput('Give the micro-credential as ?achievementId=… when uploading a CSV.');
    return { achievementId: input.achievementId, sourceName: input.sourceName, csv: input.csv };
  }
  const parsed = bulkJsonJob.safeParse(input.json);
  if (!parsed.success) throw invalidInput('The bulk job is not valid.', { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  return { achievementId: parsed.data.achievementId, sourceName: input.sourceName ?? parsed.data.name, rows: parsed.data.rows };
};

export interface BulkIssuanceDeps {
  db: Kysely<Database>;
  jobs: BulkJobsRepository;
  organisations: OrganisationsRepository;
  issuance: IssuanceService;
  isIssuable: (achievementId: string, organisationId: string) => Promise<boolean>;
  clock: () => Date;
  /** Where jobs wait to run: pg-boss on PostgreSQL, this process on the embedded database (the default). */
  queue?: BulkJobQueueFactory;
  /** Runs a job's work under a lock of its own (PostgreSQL); undefined means another run holds it. Default: no lock. */
  exclusive?: <T>(jobId: string, fn: () => Promise<T>) => Promise<T | undefined>;
}

/**
 * Bulk issuance for learners who passed elsewhere. Intake reads the CSV as a stream and stores the job and
 * all its rows in one transaction (a file is taken whole or not at all). Running issues each pending row
 * under the idempotency key `bulk:<job>:<row>`: a process killed at any point resumes where it stopped, and
 * a row whose credential was issued just before the kill finds that credential instead of issuing another.
 */
export function createBulkIssuanceService(deps: BulkIssuanceDeps) {
  const { db, jobs } = deps;
  const running = new Map<string, Promise<BulkJobRecord>>();

  const requireOrganisation = async (principal: Principal, slug: string, action: 'credentials.issue' | 'credentials.read_issued') => {
    const organisation = await deps.organisations.findBySlug(slug);
    const actor = authorizeIssuing(principal, action, { organisationId: organisation?.id ?? '' });
    if (!organisation) throw organisationNotFound(slug);
    return { organisation, actor };
  };

  async function intake(organisation: OrganisationRecord, actorId: string | null, input: CheckedInput): Promise<string> {
    if (!(await deps.isIssuable(input.achievementId, organisation.id))) throw achievementNotIssuable();
    try {
      return await db.transaction().execute(async (trx) => {
        const jobId = await jobs.insertJob(trx, { organisationId: organisation.id, achievementId: input.achievementId, createdBy: actorId, sourceName: input.sourceName });
        let batch: BulkCsvRow[] = [];
        let total = 0;
        const flush = async () => {
          await jobs.insertRows(trx, jobId, batch.map(toStoredRow));
          total += batch.length;
          batch = [];
        };
        for await (const row of 'csv' in input ? readBulkCsv(input.csv) : readBulkJson(input.rows)) {
          batch.push(row);
          if (batch.length >= INSERT_BATCH) await flush();
        }
        await flush();
        if (total === 0) throw csvRefused('The file has no rows under its header.');
        await recordEvent(trx, { type: 'bulk_job.created', actorId, organisationId: organisation.id, subjectType: 'bulk_job', subjectId: jobId, payload: { rows: total, achievementId: input.achievementId } });
        return jobId;
      });
    } catch (error) {
      if (error instanceof BulkCsvError) throw csvRefused(error.message);
      if (!isAppError(error) && error instanceof Error && /CSV|Quote|Invalid|record/i.test(error.message)) throw csvRefused(`The file is not readable CSV: ${error.message}`);
      throw error;
    }
  }

  /**
   * Issues every pending row, a batch per transaction; `stopAfter` (tests) stops early as a crash would.
   * `onProgress` hears the job's figures after each batch (the command line draws its bar from them).
   * Batches are stored one at a time, in order, while the next LOOK_AHEAD are read and signed on the worker
   * threads: the database and the signing cores work at the same time, and the workers still have a batch
   * to sign while one batch's lookups and status allocation wait on the database. Memory holds
   * LOOK_AHEAD + 1 batches whatever the job's size.
   */
  async function run(jobId: string, options: RunOptions = {}): Promise<BulkJobRecord> {
    const job = await jobs.find(jobId);
    if (!job) throw bulkJobNotFound();
    if (job.status === 'completed' || job.status === 'cancelled') return job;
    const exclusive = deps.exclusive ?? (<T>(_id: string, fn: () => Promise<T>) => fn());
    const outcome = await exclusive(jobId, () => runBatches(job, options));
    // Another run holds the job: it finishes it, and these are the figures so far.
    return outcome ?? (await jobs.find(jobId))!;
  }

  async function runBatches(job: BulkJobRecord, options: RunOptions): Promise<BulkJobRecord> {
    const organisation = (await deps.organisations.findById(job.organisationId))!;
    await jobs.refreshCounts(job.id, 'running', deps.clock());
    let scheduled = 0;
    let after = 0;
    /** The next batch's rows; reads run one after another, each after the rows the previous one took. */
    const readRows = async (): Promise<BulkRowRecord[] | undefined> => {
      const room = options.stopAfter === undefined ? ISSUE_BATCH : Math.min(ISSUE_BATCH, options.stopAfter - scheduled);
      if (room <= 0 || stopping) return undefined;
      const rows = await jobs.pendingRows(job.id, room, after);
      if (rows.length === 0) return undefined;
      scheduled += rows.length;
      after = rows[rows.length - 1]!.rowNumber;
      return rows;
    };
    let reading: Promise<BulkRowRecord[] | undefined> = Promise.resolve([]);
    const nextBatch = (): Promise<SignedRows | undefined> => {
      const rows = reading.then((previous) => (previous === undefined ? undefined : readRows()));
      // A failed read ends the reading; its error comes out when its batch is awaited.
      reading = rows.catch(() => undefined);
      const signed = rows.then(async (read) => (read === undefined ? undefined : { rows: read, batch: await signRows(job, organisation, read) }));
      // A rejected look-ahead is awaited (and thrown) in its turn; until then it must not go unhandled.
      signed.catch(() => undefined);
      return signed;
    };
    const ahead = Array.from({ length: Math.max(1, options.lookAhead ?? LOOK_AHEAD) }, () => nextBatch());
    for (;;) {
      const current = await ahead.shift()!;
      if (!current) break;
      ahead.push(nextBatch());
      await storeRows(job, organisation, current);
      if (options.onProgress) options.onProgress((await jobs.find(job.id))!);
    }
    // Look-aheads after the end read nothing, or rows stopAfter or a stop left out: those stay pending.
    await Promise.allSettled(ahead);
    const open = (await jobs.find(job.id))!;
    if (stopping || open.issuedRows + open.failedRows < open.totalRows) return open;
    await jobs.refreshCounts(job.id);
    const counted = (await jobs.find(job.id))!;
    // Two runs that both saw the last batch stored (possible without a lock) record the completion once.
    await db.transaction().execute(async (trx) => {
      if (!(await jobs.complete(trx, job.id, deps.clock()))) return;
      await recordEvent(trx, { type: 'bulk_job.completed', organisationId: job.organisationId, subjectType: 'bulk_job', subjectId: job.id, payload: { issued: counted.issuedRows, failed: counted.failedRows } });
    });
    return (await jobs.find(job.id))!;
  }

  const inputsOf = (job: BulkJobRecord, rows: BulkRowRecord[]) =>
    rows.map((row) => ({
      achievementId: job.achievementId,
      recipient: { email: row.email! },
      results: row.results.map((outcome) => ({ outcome })),
      evidence: row.evidenceUrl ? [{ id: row.evidenceUrl }] : [],
      idempotencyKey: `bulk:${job.id}:${row.rowNumber}`,
    }));

  const signRows = (job: BulkJobRecord, organisation: OrganisationRecord, rows: BulkRowRecord[]): Promise<SignedBatch> => deps.issuance.signBatch(organisation, inputsOf(job, rows), job.createdBy);

  const rowOutcomes = (rows: BulkRowRecord[], outcomes: BatchOutcome[]) =>
    rows.map((row, n) => {
      const outcome = outcomes[n]!;
      return 'error' in outcome ? { rowNumber: row.rowNumber, status: 'failed' as const, error: outcome.error.detail } : { rowNumber: row.rowNumber, status: 'issued' as const, credentialId: outcome.record.id };
    });

  /**
   * One batch: the credentials and the rows' outcomes commit together, so a row is marked issued exactly
   * when its credential exists. A process killed before the commit leaves the rows pending and issues
   * nothing; a row whose credential committed under the same key by another path (found when signing,
   * or racing this commit, which then fails whole and is signed again) is marked with that credential.
   */
  async function storeRows(job: BulkJobRecord, organisation: OrganisationRecord, { rows, batch }: SignedRows): Promise<void> {
    const within = (trx: Parameters<typeof jobs.markRows>[0], outcomes: BatchOutcome[]) => jobs.markRows(trx, job.id, rowOutcomes(rows, outcomes));
    try {
      await deps.issuance.storeBatch(batch, { within });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await deps.issuance.storeBatch(await signRows(job, organisation, rows), { within });
    }
  }

  async function get(principal: Principal, slug: string, jobId: string): Promise<BulkJobRecord> {
    const { organisation } = await requireOrganisation(principal, slug, 'credentials.read_issued');
    const job = await jobs.find(jobId);
    if (!job || job.organisationId !== organisation.id) throw bulkJobNotFound();
    return job;
  }

  const runOnce = (jobId: string): Promise<BulkJobRecord> => {
    let pending = running.get(jobId);
    if (!pending) {
      pending = run(jobId).finally(() => running.delete(jobId));
      running.set(jobId, pending);
    }
    return pending;
  };
  let reportError: (error: unknown) => void = () => undefined;
  const queue = (deps.queue ?? inProcessQueue)(async (jobId) => void (await runOnce(jobId)), (error) => reportError(error));
  let stopping = false;

  return {
    run,

    /** Queues the job (durably on PostgreSQL) to run in the background; returns once it is queued. */
    async start(jobId: string): Promise<void> {
      await queue.enqueue(jobId);
    },

    /** Called at start-up: queues every job a previous process left queued or running. */
    async resumeOpenJobs(): Promise<string[]> {
      const open = await jobs.open();
      for (const job of open) await queue.enqueue(job.id);
      return open.map((job) => job.id);
    },

    /** Where failed background runs and queue errors are reported (the server's log). */
    reportErrorsTo(report: (error: unknown) => void): void {
      reportError = report;
    },

    /** Shutdown: takes no new batch, lets each run store the batch it holds, then stops the queue. */
    async stop(): Promise<void> {
      stopping = true;
      await Promise.allSettled([...running.values()]);
      await queue.stop();
    },

    async create(principal: Principal, slug: string, input: BulkJobInput): Promise<BulkJobRecord> {
      const { organisation, actor } = await requireOrganisation(principal, slug, 'credentials.issue');
      // The command-line operator is nobody in the people table.
      const jobId = await intake(organisation, actor.person.id === OPERATOR.person.id ? null : actor.person.id, checkedInput(input));
      await jobs.refreshCounts(jobId);
      return (await jobs.find(jobId))!;
    },

    get,

    /** The organisation's recent jobs, newest first. */
    async list(principal: Principal, slug: string): Promise<BulkJobRecord[]> {
      const { organisation } = await requireOrganisation(principal, slug, 'credentials.read_issued');
      return jobs.ofOrganisation(organisation.id);
    },

    /** A job by its id alone (the command line); access is decided on the job's organisation. */
    async status(principal: Principal, jobId: string): Promise<BulkJobRecord> {
      const job = await jobs.find(jobId);
      authorizeIssuing(principal, 'credentials.read_issued', { organisationId: job?.organisationId ?? '' });
      if (!job) throw bulkJobNotFound();
      return job;
    },

    /** The rows that could not be issued, as CSV people can fix and upload again. */
    async errorsCsv(principal: Principal, slug: string, jobId: string): Promise<string> {
      await get(principal, slug, jobId);
      const rows = await jobs.failedRows(jobId);
      const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
      return ['row,email,error', ...rows.map((r) => `${r.rowNumber},${quote(r.email ?? '')},${quote(r.error ?? '')}`)].join('\n') + '\n';
    },
  };
}

interface RunOptions {
  stopAfter?: number;
  /** Batches signed ahead of the one being stored (default LOOK_AHEAD; the bench compares settings). */
  lookAhead?: number;
  onProgress?: (job: BulkJobRecord) => void;
}

interface SignedRows {
  rows: BulkRowRecord[];
  batch: SignedBatch;
}

const toStoredRow = (row: BulkCsvRow): Omit<BulkRowRecord, 'credentialId'> =>
  row.ok
    ? { rowNumber: row.rowNumber, email: row.email, results: row.results, evidenceUrl: row.evidenceUrl, status: 'pending', error: null }
    : { rowNumber: row.rowNumber, email: row.email, results: [], evidenceUrl: null, status: 'failed', error: row.error };

export type BulkIssuanceService = ReturnType<typeof createBulkIssuanceService>;
