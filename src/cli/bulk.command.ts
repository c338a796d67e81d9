import { createReadStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { OPERATOR } from '../accounts/principal.js';
import { openServices } from '../app.js';
import type { BulkJobRecord } from '../assessment/bulk/bulk-jobs.repository.js';
import { loadConfig } from '../config/config.js';
import { invalidInput } from '../errors.js';
import { achievementIdOf } from './achievement-argument.js';
import type { CliOutput } from './output.js';

type Run = (action: () => Promise<number>) => () => Promise<void>;

export interface BulkIssueOptions {
  org: string;
  achievement: string;
  errors?: string;
}

/** `tessera bulk issue|status`: bulk issuance from a CSV file, in this process, with a progress bar. */
export function bulkCommand(output: CliOutput, run: Run, isTty: boolean = process.stderr.isTTY === true): Command {
  const bulk = new Command('bulk').description('issue a micro-credential to every row of a CSV file');
  bulk
    .command('issue')
    .description('issue to each row of a CSV (columns email, results, evidence_url); a stopped run resumes at the next start, never issuing twice')
    .requiredOption('--org <slug>', 'issuing organisation')
    .requiredOption('--achievement <slug|id>', 'the published micro-credential')
    .option('--errors <file>', 'where to write the rows that could not be issued (default: <file>.errors.csv beside the input)')
    .argument('<file>', 'the CSV file (UTF-8, header row)')
    .action(async (file: string, options: BulkIssueOptions) => run(() => bulkIssueCommand(output, file, options, isTty))());
  bulk
    .command('status')
    .description("a bulk job's figures")
    .argument('<job>', 'job id (printed by bulk issue, or from the API)')
    .action(async (jobId: string) => run(() => bulkStatusCommand(output, jobId))());
  return bulk;
}

export async function bulkIssueCommand(output: CliOutput, file: string, options: BulkIssueOptions, isTty: boolean): Promise<number> {
  const size = await stat(file).catch(() => undefined);
  if (!size?.isFile()) throw invalidInput(`There is no file "${file}".`);
  const { services, database, close } = await openServices(loadConfig());
  try {
    const organisation = await services.organisations.getPublic(options.org);
    const achievementId = await achievementIdOf(database.db, { id: organisation.id, slug: options.org }, options.achievement);
    const job = await services.bulk.create(OPERATOR, options.org, { achievementId, sourceName: path.basename(file), csv: createReadStream(file) });
    output.line(`Bulk job ${job.id}: ${job.totalRows} rows read, ${job.failedRows} refused at intake.`);
    const progress = isTty ? barProgress(job) : lineProgress(output, job);
    let done: BulkJobRecord;
    try {
      done = await services.bulk.run(job.id, { onProgress: progress.update });
    } finally {
      progress.stop();
    }
    output.line(`Issued ${done.issuedRows}, failed ${done.failedRows} of ${done.totalRows} rows.`);
    if (done.failedRows > 0) {
      const errorsFile = options.errors ?? `${file.replace(/\.csv$/i, '')}.errors.csv`;
      await writeFile(errorsFile, await services.bulk.errorsCsv(OPERATOR, options.org, job.id));
      output.line(`Rows not issued, with the reason for each: ${errorsFile}`);
    }
    return 0;
  } finally {
    await close();
  }
}

export async function bulkStatusCommand(output: CliOutput, jobId: string): Promise<number> {
  if (!/^[0-9a-f-]{36}$/i.test(jobId)) throw invalidInput(`"${jobId}" is not a job id.`);
  const { services, close } = await openServices(loadConfig());
  try {
    const job = await services.bulk.status(OPERATOR, jobId);
    output.line(`Job ${job.id} (${job.sourceName}): ${job.status}`);
    output.line(`  rows ${job.totalRows}: issued ${job.issuedRows}, failed ${job.failedRows}, pending ${job.totalRows - job.issuedRows - job.failedRows}`);
    output.line(`  created ${job.createdAt.toISOString()}${job.startedAt ? `, started ${job.startedAt.toISOString()}` : ''}${job.finishedAt ? `, finished ${job.finishedAt.toISOString()}` : ''}`);
    return 0;
  } finally {
    await close();
  }
}

interface ProgressDisplay {
  update(job: BulkJobRecord): void;
  stop(): void;
}

const doneRows = (job: BulkJobRecord) => job.issuedRows + job.failedRows;

function barProgress(job: BulkJobRecord): ProgressDisplay {
  const bar = new cliProgress.SingleBar({ format: 'issuing [{bar}] {percentage}% | {value}/{total} rows | {failed} failed | eta {eta_formatted}', hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic);
  bar.start(Math.max(job.totalRows, 1), doneRows(job), { failed: job.failedRows });
  return { update: (p) => bar.update(doneRows(p), { failed: p.failedRows }), stop: () => bar.stop() };
}

/** Without a terminal (CI, logs): a line at each tenth of the rows. */
function lineProgress(output: CliOutput, job: BulkJobRecord): ProgressDisplay {
  let tenth = Math.floor((10 * doneRows(job)) / Math.max(job.totalRows, 1));
  return {
    update: (p) => {
      const reached = Math.floor((10 * doneRows(p)) / Math.max(p.totalRows, 1));
      if (reached > tenth) {
        tenth = reached;
        output.line(`  ${reached * 10}% · ${doneRows(p)}/${p.totalRows} rows (${p.failedRows} failed)`);
      }
    },
    stop: () => undefined,
  };
}
