import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables.js';
import { packageRoot } from '../../package-root.js';
import { readCsvHeader, readCsvRows, type CsvProblem } from './esco-csv.js';
import { emptyRecords, ESCO_FILE_KINDS, fileKindByColumns, fileKindFor, missingColumns, RowRejected, type EscoFileKind, type EscoRecords } from './esco-files.js';
import { createEscoImportRepository, type EscoImportRepository, type UpsertCounts } from './esco-import.repository.js';
import { escoDirectoryNotFound, escoNoFiles } from './esco.errors.js';

/** At most this many unreadable rows are listed per file; the count covers all of them. */
const MAX_LISTED_PROBLEMS = 100;
const DEFAULT_BATCH_SIZE = 500;

export interface EscoFileReport {
  file: string;
  kind: string;
  /** `refused`: the file was not read (missing columns); `failed`: it broke mid-way and nothing of it was kept. */
  status: 'imported' | 'refused' | 'failed';
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejectedCount: number;
  /** Rows that could not be read or imported, with the line where each starts. */
  rejected: CsvProblem[];
  message?: string;
}

export interface EscoImportReport {
  directory: string;
  files: EscoFileReport[];
  /** Files in the folder that are not ESCO files Tessera knows (left alone). */
  ignored: string[];
  durationMs: number;
}

export interface EscoImportProgress {
  file: string;
  fileIndex: number;
  fileCount: number;
  bytesRead: number;
  totalBytes: number;
  rowsRead: number;
  done: boolean;
}

export interface ImportEscoOptions {
  /** The database itself, not a transaction: each file gets its own, and VACUUM runs outside any. */
  db: Kysely<Database>;
  /** A folder holding ESCO CSV files (`.csv` or `.csv.gz`), as the official download unpacks. */
  dir: string;
  onProgress?: (progress: EscoImportProgress) => void;
  batchSize?: number;
}

class FileRefused extends Error {}

const kindOrder = (kind: EscoFileKind): number => kind.phase * 100 + ESCO_FILE_KINDS.indexOf(kind);

/**
 * Imports (or re-imports) every ESCO file in `dir`. Each file is one transaction: it is imported whole or,
 * if it fails, not at all, and the other files go on. Re-importing the same files changes nothing.
 */
export async function importEsco(options: ImportEscoOptions): Promise<EscoImportReport> {
  const started = Date.now();
  const directory = path.resolve(options.dir);
  if (!fs.existsSync(directory) || !fs.statSync(directory).isDirectory()) throw escoDirectoryNotFound(directory);
  const names = fs.readdirSync(directory).sort();
  const { known, ignored } = await detectFiles(directory, names);
  if (known.length === 0) throw escoNoFiles(directory);
  known.sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind) || a.name.localeCompare(b.name));

  const repository = createEscoImportRepository();
  const files: EscoFileReport[] = [];
  for (const [index, { name, kind }] of known.entries()) {
    files.push(await importFile({ ...options, repository, file: path.join(directory, name), name, kind, index, count: known.length }));
  }
  if (files.some((file) => file.status === 'imported' && file.inserted + file.updated > 0)) {
    await repository.refreshLexemeStats(options.db);
    await repository.vacuumAnalyze(options.db);
  }
  return {
    directory,
    files,
    ignored,
    durationMs: Date.now() - started,
  };
}

/** ESCO files by their official names; CSV files of other names by their columns; the rest ignored. */
async function detectFiles(directory: string, names: string[]): Promise<{ known: Array<{ name: string; kind: EscoFileKind }>; ignored: string[] }> {
  const known: Array<{ name: string; kind: EscoFileKind }> = [];
  const ignored: string[] = [];
  for (const name of names.filter((n) => /\.csv(\.gz)?$/i.test(n))) {
    const kind = fileKindFor(name) ?? fileKindByColumns((await readCsvHeader(path.join(directory, name))) ?? []);
    if (kind) known.push({ name, kind });
    else ignored.push(name);
  }
  return { known, ignored };
}

interface FileImport extends ImportEscoOptions {
  repository: EscoImportRepository;
  file: string;
  name: string;
  kind: EscoFileKind;
  index: number;
  count: number;
}

async function importFile(job: FileImport): Promise<EscoFileReport> {
  const report: EscoFileReport = { file: job.name, kind: job.kind.kind, status: 'imported', rowsRead: 0, inserted: 0, updated: 0, unchanged: 0, rejectedCount: 0, rejected: [] };
  const totalBytes = fs.statSync(job.file).size;
  let bytesRead = 0;
  const progress = (done: boolean) =>
    job.onProgress?.({ file: job.name, fileIndex: job.index, fileCount: job.count, bytesRead, totalBytes, rowsRead: report.rowsRead, done });
  const reject = (problem: CsvProblem) => {
    report.rejectedCount += 1;
    if (report.rejected.length < MAX_LISTED_PROBLEMS) report.rejected.push(problem);
  };
  const baseName = job.name.replace(/\.csv(\.gz)?$/i, '');
  try {
    await job.db.transaction().execute(async (trx) => {
      let batch = emptyRecords();
      let batchRows = 0;
      const flush = async () => {
        const counts: UpsertCounts = await job.repository.writeBatch(trx, batch, job.kind.source);
        report.inserted += counts.inserted;
        report.updated += counts.updated;
        batch = emptyRecords();
        batchRows = 0;
        progress(false);
      };
      const rows = readCsvRows(job.file, {
        onHeader: (columns) => {
          const missing = missingColumns(job.kind, columns);
          if (missing.length > 0) throw new FileRefused(`missing required column(s) ${missing.join(', ')} for an ESCO ${job.kind.kind} file`);
        },
        onProblem: (problem) => {
          report.rowsRead += 1;
          reject(problem);
        },
        onBytes: (bytes) => {
          bytesRead = bytes;
        },
      });
      for await (const row of rows) {
        report.rowsRead += 1;
        if (!toRecords(job.kind, row.values, batch, baseName, (reason) => reject({ line: row.line, reason }))) continue;
        batchRows += 1;
        if (batchRows >= (job.batchSize ?? DEFAULT_BATCH_SIZE)) await flush();
      }
      await flush();
    });
  } catch (error) {
    // The transaction rolled back: nothing of this file is in the database.
    const refused = error instanceof FileRefused || (error instanceof Error && error.cause instanceof FileRefused);
    const message = describeFailure(error);
    Object.assign(report, { status: refused ? 'refused' : 'failed', inserted: 0, updated: 0, message });
  }
  report.unchanged = report.status === 'imported' ? Math.max(0, report.rowsRead - report.rejectedCount - report.inserted - report.updated) : 0;
  bytesRead = totalBytes;
  progress(true);
  return report;
}

function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.cause instanceof FileRefused) return error.cause.message;
  if ((error as { code?: unknown }).code === 'Z_DATA_ERROR') return `not a readable gzip file (${error.message})`;
  return error.message;
}

/** Adds one row's records to the batch; false (and the reason reported) when the row is unusable. */
function toRecords(kind: EscoFileKind, values: Record<string, string>, batch: EscoRecords, baseName: string, reject: (reason: string) => void): boolean {
  // Build into a scratch set first so that a row rejected half-way adds nothing.
  const scratch = emptyRecords();
  try {
    kind.toRecords(values, scratch, baseName);
  } catch (error) {
    if (error instanceof RowRejected) {
      reject(error.message);
      return false;
    }
    throw error;
  }
  for (const key of Object.keys(scratch) as Array<keyof EscoRecords>) (batch[key] as unknown[]).push(...scratch[key]);
  return true;
}

/** The folder of ESCO files shipped with Tessera for the demo (gzip-compressed, see its ATTRIBUTION.md). */
export const demoEscoDirectory = (): string => path.join(packageRoot(), 'data', 'esco');

/** Imports the bundled demo subset of ESCO; idempotent, so the demo seed may call it on every start. */
export const importDemoEsco = (db: Kysely<Database>, onProgress?: ImportEscoOptions['onProgress']): Promise<EscoImportReport> =>
  importEsco({ db, dir: demoEscoDirectory(), ...(onProgress ? { onProgress } : {}) });
