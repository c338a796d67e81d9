import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { z } from 'zod';

/** One row of a bulk issuance file, as read: either usable or refused with the reason. */
export type BulkCsvRow =
  | { rowNumber: number; ok: true; email: string; results: string[]; evidenceUrl: string | null }
  | { rowNumber: number; ok: false; email: string | null; error: string };

const email = z.email();
const url = z.url().max(2000);

export const REQUIRED_COLUMNS = ['email'] as const;
export const OPTIONAL_COLUMNS = ['results', 'evidence_url'] as const;

/**
 * Streams a bulk issuance CSV (header row; columns `email`, optional `results` as outcome ids separated by
 * `;`, optional `evidence_url`), one row at a time, so memory stays flat whatever the file's size. Rows are
 * numbered as people count them in a spreadsheet (the header is row 1). Duplicate emails, bad addresses
 * and text that is not UTF-8 are refused per row; the rest goes through.
 */
export async function* readBulkCsv(source: Readable): AsyncGenerator<BulkCsvRow> {
  const parser = source.pipe(parse({ bom: true, columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), relax_column_count: true, skip_empty_lines: true, trim: true }));
  yield* readBulkRecords(parser as AsyncIterable<Record<string, string | undefined>>);
}

/** One row of a bulk job sent as JSON: the CSV's columns, with outcomes as a list. */
export interface BulkJsonRow {
  email: string;
  results?: string[] | undefined;
  evidenceUrl?: string | undefined;
}

/** JSON rows go through the same checks as CSV rows, numbered as if under a header (the first is row 2). */
export async function* readBulkJson(rows: readonly BulkJsonRow[]): AsyncGenerator<BulkCsvRow> {
  yield* readBulkRecords(rows.map((row) => ({ email: row.email.trim(), results: (row.results ?? []).join(';'), evidence_url: row.evidenceUrl?.trim() ?? '' })));
}

async function* readBulkRecords(records: AsyncIterable<Record<string, string | undefined>> | Iterable<Record<string, string | undefined>>): AsyncGenerator<BulkCsvRow> {
  const seen = new Map<string, number>();
  let rowNumber = 1;
  for await (const record of records) {
    rowNumber += 1;
    if (rowNumber === 2) {
      const missing = REQUIRED_COLUMNS.filter((column) => !(column in record));
      if (missing.length > 0) throw new BulkCsvError(`The file has no ${missing.join(', ')} column (columns: email, results, evidence_url).`);
    }
    yield readRow(record, rowNumber, seen);
  }
}

function readRow(record: Record<string, string | undefined>, rowNumber: number, seen: Map<string, number>): BulkCsvRow {
  const raw = Object.values(record).join('');
  // Decoding as UTF-8 turns bytes of another encoding (Latin-1 exports) into U+FFFD: refuse, don't guess.
  if (raw.includes('\uFFFD')) return { rowNumber, ok: false, email: null, error: 'The row is not valid UTF-8 text; save the file as UTF-8.' };
  const address = (record.email ?? '').toLowerCase();
  if (!email.safeParse(address).success) return { rowNumber, ok: false, email: address || null, error: `"${address}" is not an email address.` };
  const first = seen.get(address);
  if (first !== undefined) return { rowNumber, ok: false, email: address, error: `Duplicate of row ${first}: one credential per learner per file.` };
  seen.set(address, rowNumber);
  const evidence = record.evidence_url ?? '';
  if (evidence && !url.safeParse(evidence).success) return { rowNumber, ok: false, email: address, error: `"${evidence}" is not a URL.` };
  const results = (record.results ?? '').split(';').map((r) => r.trim()).filter(Boolean);
  return { rowNumber, ok: true, email: address, results, evidenceUrl: evidence || null };
}

export class BulkCsvError extends Error {}
