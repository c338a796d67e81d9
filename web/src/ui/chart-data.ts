/**
 * The data behind one chart, as columns and rows: what its table view shows and what its CSV download
 * holds, so the three can never disagree. Pure (no DOM, no React), unit-tested under Node (test/web/).
 */

export type Cell = string | number | null;

export interface ChartColumn<Row> {
  /** The row field this column shows. */
  key: keyof Row & string;
  /** Header in the table and the CSV. */
  label: string;
  /** How the table shows the value (a rate as "42%"); the CSV keeps the raw figure. */
  format?: (value: Row[keyof Row], row: Row) => string;
}

/** A rate in [0, 1] as a whole percentage; "—" when there is none (no denominator). */
export function formatRate(value: unknown): string {
  return typeof value === 'number' ? `${Math.round(value * 100)}%` : '—';
}

/** A count or figure for the table: thousands grouped, "—" for none. */
export function formatFigure(value: unknown): string {
  if (typeof value === 'number') return value.toLocaleString('en-GB');
  if (value === null || value === undefined || value === '') return '—';
  return String(value);
}

// A text cell starting with one of these is run as a formula by spreadsheet programs (CSV injection,
// OWASP): a term someone searched for could be "=HYPERLINK(…)". Numbers are left alone (-3 is a number).
const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV of exactly these rows and columns (raw figures, header first, CRLF line ends). */
export function toCsv<Row>(columns: readonly ChartColumn<Row>[], rows: readonly Row[]): string {
  const lines = [columns.map((column) => csvField(column.label)).join(',')];
  for (const row of rows) lines.push(columns.map((column) => csvField(row[column.key])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** A file name from a chart title: "Credentials over time" → "credentials-over-time.csv". */
export function csvFileName(title: string, suffix = ''): string {
  const base = `${title} ${suffix}`
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${base || 'chart'}.csv`;
}
