import { batchOutcomeLabels, checkLabel } from './check-labels.js';
import type { BatchRowView } from './verify-api.js';
import { VerificationResult } from './verification-result.js';

const rowLabel = (row: BatchRowView): string => (row.embeddedIndex === null ? row.source : `${row.source}, bundled credential ${row.embeddedIndex}`);
const problemOf = (row: BatchRowView): string =>
  row.error ? row.error.detail : row.firstProblem ? `${checkLabel(row.firstProblem.id)}: ${row.firstProblem.message}` : '';

const CSV_COLUMNS = ['source', 'bundled', 'subject', 'achievement', 'issuer', 'issuer_id', 'outcome', 'first_problem'] as const;

const csvCell = (value: string): string => {
  // A leading = + - @ would make a spreadsheet run the cell as a formula (CSV injection): quote it as text.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The table as CSV, one line per row, the same columns as on screen. */
export function batchCsv(rows: BatchRowView[]): string {
  const lines = rows.map((row) =>
    [
      row.source,
      row.embeddedIndex === null ? '' : String(row.embeddedIndex),
      row.summary?.subject.name ?? row.summary?.subject.id ?? '',
      row.summary?.achievement.name ?? row.summary?.name ?? '',
      row.summary?.issuer.name ?? '',
      row.summary?.issuer.id ?? '',
      batchOutcomeLabels[row.outcome],
      problemOf(row),
    ].map(csvCell).join(','),
  );
  return [CSV_COLUMNS.join(','), ...lines].join('\r\n') + '\r\n';
}

function downloadCsv(rows: BatchRowView[]): void {
  const url = URL.createObjectURL(new Blob([batchCsv(rows)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'verification-results.csv';
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** Many credentials at once: one row each (a CLR's bundled credentials under it), CSV download, every report below. */
export function BatchTable({ rows }: { rows: BatchRowView[] }) {
  const verified = rows.filter((row) => row.outcome === 'verified' || row.outcome === 'warnings').length;
  return (
    <section aria-label="Batch results">
      <div className="page-header">
        <p>
          {verified} of {rows.length} credentials verified.
        </p>
        <button type="button" className="button" onClick={() => downloadCsv(rows)}>
          Download CSV
        </button>
      </div>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Subject</th>
              <th scope="col">Achievement</th>
              <th scope="col">Issuer</th>
              <th scope="col">Outcome</th>
              <th scope="col">First failing check</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index} data-outcome={row.outcome}>
                <td>{rowLabel(row)}</td>
                <td>{row.summary?.subject.name ?? row.summary?.subject.id ?? '—'}</td>
                <td>{row.summary?.achievement.name ?? row.summary?.name ?? '—'}</td>
                <td>{row.summary?.issuer.name ?? row.summary?.issuer.id ?? '—'}</td>
                <td className={`outcome-${row.outcome}`}>{batchOutcomeLabels[row.outcome]}</td>
                <td>{problemOf(row) || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.map((row, index) => (
        <details key={index} className="panel">
          <summary>Full report: {rowLabel(row)}</summary>
          <VerificationResult row={row} headingLevel={3} />
        </details>
      ))}
    </section>
  );
}
