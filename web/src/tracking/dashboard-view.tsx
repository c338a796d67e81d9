/** What both dashboards show, and how they look while loading, when empty and when the server refuses. */
import type { ReactNode } from 'react';
import { Alert } from '../ui/alert.js';
import { formatFigure, formatRate } from '../ui/chart-data.js';
import { EmptyState } from '../ui/empty-state.js';
import { DashboardBreakdowns } from './dashboard-breakdowns.js';
import { DashboardTrends } from './dashboard-trends.js';
import { rangeText, type DashboardFigures, type DashboardTotals, type TrackingData } from './tracking-api.js';
import './tracking.css';

const totalLabels: ReadonlyArray<[keyof DashboardTotals, string, (value: unknown) => string]> = [
  ['issued', 'Credentials issued', formatFigure],
  ['active', 'Active at the end', formatFigure],
  ['revoked', 'Revoked', formatFigure],
  ['enrolments', 'Enrolments', formatFigure],
  ['completions', 'Completions', formatFigure],
  ['completionRate', 'Completion rate', formatRate],
  ['medianDaysToCredential', 'Median days to credential', formatFigure],
  ['passRate', 'Pass rate', formatRate],
  ['resubmissions', 'Resubmissions', formatFigure],
  ['endorsements', 'Endorsements', formatFigure],
  ['verifications', 'Verifications', formatFigure],
  ['pathwayCompletions', 'Pathways completed', formatFigure],
];

export function DashboardTotalsList({ totals }: { totals: DashboardTotals }) {
  return (
    <dl className="dashboard-totals" aria-label="Totals">
      {totalLabels.map(([key, label, format]) => (
        <div key={key}>
          <dt>{label}</dt>
          <dd>{format(totals[key])}</dd>
        </div>
      ))}
    </dl>
  );
}

function hasActivity(figures: DashboardFigures): boolean {
  const { totals } = figures;
  return figures.achievements.length > 0 || totals.issued + totals.enrolments + totals.verifications + totals.endorsements + totals.active > 0;
}

interface DashboardBodyProps<T extends DashboardFigures> {
  state: TrackingData<T>;
  /** Shown under the totals (the platform's per-organisation and search-demand charts). */
  extra?: (data: T, fileSuffix: string) => ReactNode;
  showOrganisation?: boolean;
  /** The title of the micro-credential the figures are filtered to, when it is known. */
  achievementTitle?: (id: string) => string | undefined;
}

export function DashboardBody<T extends DashboardFigures>({ state, extra, showOrganisation, achievementTitle }: DashboardBodyProps<T>) {
  if (state.status === 'loading') {
    return (
      <p className="hint" role="status">
        Loading the figures…
      </p>
    );
  }
  if (state.status === 'failed') {
    return (
      <Alert tone="error" title={state.title}>
        {state.detail}
      </Alert>
    );
  }
  const data = state.data;
  const suffix = `${data.range.from}-to-${data.range.to}`;
  const scope = data.achievementId ? (achievementTitle?.(data.achievementId) ?? 'one micro-credential') : 'all micro-credentials';
  return (
    <div className="dashboard" data-testid="dashboard">
      <p className="hint dashboard-range">
        Figures for {scope}, {rangeText(data.range)}
        {data.refreshedAt ? `, counted up to ${new Date(data.refreshedAt).toLocaleString('en-GB', { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' })} UTC` : ''}.
      </p>
      <DashboardTotalsList totals={data.totals} />
      {hasActivity(data) ? (
        <>
          <DashboardTrends months={data.months} fileSuffix={suffix} />
          <DashboardBreakdowns achievements={data.achievements} pathways={data.pathways} skills={data.skills} fileSuffix={suffix} showOrganisation={showOrganisation} />
          {extra?.(data, suffix)}
        </>
      ) : (
        <>
          <EmptyState title="No activity in this range">
            <p>Nothing was enrolled in, assessed, issued or verified between these months. Try a wider range or another micro-credential.</p>
          </EmptyState>
          {extra?.(data, suffix)}
        </>
      )}
    </div>
  );
}
