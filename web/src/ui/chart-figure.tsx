import { useId, useState, type ReactNode } from 'react';
import { csvFileName, formatFigure, toCsv, type ChartColumn } from './chart-data.js';
import './chart.css';

interface ChartFigureProps<Row> {
  title: string;
  /** One sentence on what is counted, shown under the title. */
  description?: ReactNode;
  columns: readonly ChartColumn<Row>[];
  rows: readonly Row[];
  /** Added to the CSV file name, e.g. the date range. */
  fileSuffix?: string;
  /** Shown instead of the chart and table when there are no rows. */
  emptyText?: string;
  /** A row to mark in the table (a gap in supply, say); it is also named in a visually hidden cell note. */
  highlight?: (row: Row) => string | null;
  /** The chart itself, drawn from the same rows. */
  children: ReactNode;
}

/**
 * One chart with a title, a "Table" toggle that shows the same figures as an accessible table, and a
 * "Download CSV" of exactly those figures. The chart is for seeing a shape; the table is for reading
 * values and for screen readers, which get the chart as an image with the title as its name.
 */
export function ChartFigure<Row>({ title, description, columns, rows, fileSuffix, emptyText, highlight, children }: ChartFigureProps<Row>) {
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const headingId = useId();

  function download() {
    const blob = new Blob([toCsv(columns, rows)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = csvFileName(title, fileSuffix);
    document.body.append(link);
    link.click();
    link.remove();
    // The download has been handed to the browser; revoking later keeps slow browsers from losing it.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  return (
    <figure className="chart-figure panel" aria-labelledby={headingId}>
      <div className="chart-figure-header">
        <div>
          <h3 id={headingId}>{title}</h3>
          {description && <p className="hint">{description}</p>}
        </div>
        {rows.length > 0 && (
          <div className="chart-figure-tools">
            <button type="button" className="button button-small" aria-pressed={view === 'table'} onClick={() => setView(view === 'table' ? 'chart' : 'table')}>
              Table<span className="visually-hidden"> of {title}</span>
            </button>
            <button type="button" className="button button-small" onClick={download}>
              Download CSV<span className="visually-hidden"> of {title}</span>
            </button>
          </div>
        )}
      </div>
      {rows.length === 0 ? (
        <p className="chart-empty">{emptyText ?? 'Nothing to show for this range.'}</p>
      ) : view === 'table' ? (
        <ChartTable title={title} columns={columns} rows={rows} highlight={highlight} />
      ) : (
        <div className="chart-area" role="img" aria-label={`${title}: chart. Use the Table button for the figures.`}>
          {children}
        </div>
      )}
    </figure>
  );
}

function ChartTable<Row>({ title, columns, rows, highlight }: { title: string; columns: readonly ChartColumn<Row>[]; rows: readonly Row[]; highlight?: (row: Row) => string | null }) {
  return (
    <div className="table-wrap">
      <table className="table chart-table">
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={column.key} scope="col" className={index === 0 ? undefined : 'numeric'}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, rowIndex) => {
            const note = highlight?.(row) ?? null;
            return (
              <tr key={rowIndex} className={note ? 'chart-row-highlight' : undefined}>
                {columns.map((column, index) => {
                  const text = column.format ? column.format(row[column.key], row) : formatFigure(row[column.key]);
                  return index === 0 ? (
                    <th key={column.key} scope="row">
                      {text}
                      {note && <span className="chart-row-note"> ({note})</span>}
                    </th>
                  ) : (
                    <td key={column.key} className="numeric">
                      {text}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
