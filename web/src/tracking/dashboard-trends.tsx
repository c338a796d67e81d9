/** The month-by-month charts of a dashboard: credentials, learning activity, endorsements and verifications. */
import type { ChartColumn } from '../ui/chart-data.js';
import { ChartFigure } from '../ui/chart-figure.js';
import { LineSeriesChart, type Series } from '../ui/charts.js';
import { formatMonth, type MonthFigures } from './tracking-api.js';

interface TrendProps {
  months: readonly MonthFigures[];
  /** For the CSV file names: the range shown. */
  fileSuffix: string;
}

const monthColumn: ChartColumn<MonthFigures> = { key: 'month', label: 'Month', format: (value) => formatMonth(String(value)) };

interface TrendSpec {
  title: string;
  description: string;
  yLabel: string;
  series: readonly Series<MonthFigures>[];
  /** Table and CSV columns besides the month (the plotted series first). */
  extra?: readonly ChartColumn<MonthFigures>[];
}

const trends: readonly TrendSpec[] = [
  {
    title: 'Credentials over time',
    description: 'Issued and revoked in each month; active: valid at the end of the month.',
    yLabel: 'Credentials',
    series: [
      { key: 'issued', label: 'Issued' },
      { key: 'active', label: 'Active' },
      { key: 'revoked', label: 'Revoked' },
    ],
    extra: [
      { key: 'suspended', label: 'Suspended' },
      { key: 'reinstated', label: 'Reinstated' },
    ],
  },
  {
    title: 'Enrolments and completions',
    description: 'Enrolments started, and enrolments that ended with a credential, per month.',
    yLabel: 'Enrolments',
    series: [
      { key: 'enrolments', label: 'Enrolments' },
      { key: 'completions', label: 'Completions' },
    ],
  },
  {
    title: 'Verifications and endorsements',
    description: 'Checks of these credentials by employers and others (public verifier and API), and industry endorsements, per month.',
    yLabel: 'Count',
    series: [
      { key: 'verifications', label: 'Verifications' },
      { key: 'endorsements', label: 'Endorsements' },
    ],
  },
];

export function DashboardTrends({ months, fileSuffix }: TrendProps) {
  return (
    <section aria-labelledby="trends-heading" className="dashboard-section">
      <h2 id="trends-heading">Over time</h2>
      {trends.map((trend) => (
        <ChartFigure
          key={trend.title}
          title={trend.title}
          description={trend.description}
          columns={[monthColumn, ...trend.series.map(({ key, label }) => ({ key, label })), ...(trend.extra ?? [])]}
          rows={months}
          fileSuffix={fileSuffix}
        >
          <LineSeriesChart rows={months} x="month" series={trend.series} xLabel="Month" yLabel={trend.yLabel} formatX={formatMonth} />
        </ChartFigure>
      ))}
    </section>
  );
}
