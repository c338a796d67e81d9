/**
 * The equity breakdown on an organisation's dashboard: per collected field, a figure per month and answer,
 * as the server suppressed it (nothing under k, nor anything that would give such a figure away). A
 * suppressed figure is a gap in the chart and reads "suppressed" in the table; the CSV leaves it empty,
 * as the open data does.
 */
import { useState } from 'react';
import type { ChartColumn } from '../ui/chart-data.js';
import { ChartFigure } from '../ui/chart-figure.js';
import { LineSeriesChart } from '../ui/charts.js';
import { formatMonth, type DashboardFilters, useTrackingData } from '../tracking/tracking-api.js';
import { Alert } from '../ui/alert.js';
import { EQUITY_FIGURE_LABELS, equityApi, type EquityBreakdown, type EquityFigureKey } from './equity-api.js';
import './equity.css';

type MonthRow = Record<string, string | number | null> & { month: string };

function monthRows(breakdown: EquityBreakdown, field: string, figure: EquityFigureKey): MonthRow[] {
  const rows = new Map<string, MonthRow>();
  for (const cell of breakdown.cells) {
    if (cell.field !== field) continue;
    const row = rows.get(cell.month) ?? { month: cell.month };
    row[cell.answer] = cell[figure];
    rows.set(cell.month, row);
  }
  return [...rows.values()];
}

export function EquityBreakdownSection({ slug, filters, version }: { slug: string; filters: DashboardFilters; version: number }) {
  const state = useTrackingData(() => equityApi.breakdown(slug, filters), `${slug} ${JSON.stringify(filters)} ${version}`);
  const [figure, setFigure] = useState<EquityFigureKey>('enrolments');
  if (state.status === 'loading') return <p className="hint" role="status">Loading the equity breakdown…</p>;
  if (state.status === 'failed') return <Alert tone="error" title={state.title}>{state.detail}</Alert>;
  const breakdown = state.data;
  if (breakdown.fields.length === 0) return null;
  const suffix = `${breakdown.range.from}-to-${breakdown.range.to}`;
  const suppressed = (value: unknown) => (typeof value === 'number' ? value.toLocaleString('en-GB') : `suppressed (under ${breakdown.k})`);
  return (
    <section aria-labelledby="equity-breakdown-heading" className="dashboard-section" data-testid="equity-breakdown">
      <h2 id="equity-breakdown-heading">Equity (self-declared)</h2>
      <p className="hint">
        Learners' own answers, counted per month. A figure under {breakdown.k}, or one that would let such a figure be worked out from the others and the
        totals, is suppressed. “Not declared”: people who gave no answer.
      </p>
      <fieldset className="field equity-choices">
        <legend>Figure</legend>
        {(Object.keys(EQUITY_FIGURE_LABELS) as EquityFigureKey[]).map((key) => (
          <div className="checkbox" key={key}>
            <input type="radio" name="equity-figure" id={`equity-figure-${key}`} checked={figure === key} onChange={() => setFigure(key)} />
            <label htmlFor={`equity-figure-${key}`}>{EQUITY_FIGURE_LABELS[key]}</label>
          </div>
        ))}
      </fieldset>
      {breakdown.fields.map((field) => {
        const rows = monthRows(breakdown, field.key, figure);
        const columns: ChartColumn<MonthRow>[] = [
          { key: 'month', label: 'Month', format: (value) => formatMonth(String(value)) },
          ...field.answers.map((answer) => ({ key: answer.key, label: answer.label, format: suppressed })),
        ];
        return (
          <ChartFigure
            key={field.key}
            title={`${EQUITY_FIGURE_LABELS[figure]} by ${field.label.toLowerCase()}`}
            description={`${EQUITY_FIGURE_LABELS[figure]} per month by the answer to “${field.label}”.`}
            columns={columns}
            rows={rows}
            fileSuffix={suffix}
            emptyText="No activity in this range."
          >
            <LineSeriesChart rows={rows} x="month" series={field.answers.map((answer) => ({ key: answer.key, label: answer.label }))} xLabel="Month" yLabel={EQUITY_FIGURE_LABELS[figure]} formatX={formatMonth} />
          </ChartFigure>
        );
      })}
    </section>
  );
}
