import fs from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse, type CsvError } from 'csv-parse';

/** A data row with its header names; `line` is where the record starts in the file (1-based, header = 1). */
export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

/** A record the parser could not read (broken quote, too many fields); the rest of the file goes on. */
export interface CsvProblem {
  line: number;
  reason: string;
}

export interface CsvReadOptions {
  /** Checks the header before any row is read; throw to refuse the whole file. */
  onHeader(columns: string[]): void;
  onProblem(problem: CsvProblem): void;
  /** Bytes of the file (compressed, for .gz) read so far. */
  onBytes?(bytesRead: number): void;
}

/**
 * Streams the rows of an ESCO CSV file (plain or gzip), RFC 4180 quoting with multi-line fields.
 * Rows may have fewer fields than the header (v1.2.0's skillsHierarchy leaves trailing ones out);
 * a record the parser cannot read is reported through `onProblem` and skipped.
 */
export async function* readCsvRows(file: string, options: CsvReadOptions): AsyncGenerator<CsvRow> {
  let bytesRead = 0;
  let lastProblemLine = -1;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytesRead += chunk.length;
      options.onBytes?.(bytesRead);
      callback(null, chunk);
    },
  });
  const source: Readable = fs.createReadStream(file).pipe(counter);
  const text = file.endsWith('.gz') ? source.pipe(createGunzip()) : source;
  const parser = text.pipe(
    parse({
      bom: true,
      columns: (header: string[]) => {
        const columns = header.map((name) => name.trim());
        options.onHeader(columns);
        return columns;
      },
      relax_column_count_less: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      info: true,
      raw: true,
      on_skip: (error: CsvError | undefined) => {
        const line = error && typeof error.lines === 'number' ? error.lines : 0;
        // After a broken quote the parser resumes inside the same line and may complain again about it.
        if (error && line !== lastProblemLine) options.onProblem({ line, reason: describeCsvError(error) });
        lastProblemLine = line;
        return undefined;
      },
    }),
  );
  // A gunzip or read failure must end the loop with that error instead of leaving it waiting.
  text.on('error', (error) => parser.destroy(error));
  source.on('error', (error) => parser.destroy(error));
  for await (const entry of parser as AsyncIterable<{ record: Record<string, string | undefined>; info: { lines: number }; raw: string }>) {
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(entry.record)) values[key] = value ?? '';
    // csv-parse counts lines up to the record's end; people look for where it starts (multi-line fields).
    const line = entry.info.lines - (entry.raw.trimEnd().match(/\n/g)?.length ?? 0);
    yield { line, values };
  }
}

function describeCsvError(error: CsvError): string {
  switch (error.code) {
    case 'INVALID_OPENING_QUOTE':
      return 'a quote appears inside an unquoted field (broken quote)';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quoted field is followed by text before the next comma (broken quote)';
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed (broken quote)';
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
      return 'the row has more fields than the header';
    default:
      return error.message;
  }
}

/** The header of a CSV file (plain or gzip), or undefined when it cannot be read as CSV. */
export async function readCsvHeader(file: string): Promise<string[] | undefined> {
  let header: string[] | undefined;
  try {
    const rows = readCsvRows(file, {
      onHeader: (columns) => {
        header = columns;
      },
      onProblem: () => undefined,
    });
    // The header is known once the first row is; stop there.
    for await (const _row of rows) break;
  } catch {
    return header;
  }
  return header;
}
