import type { ChartColumn } from '../ui/chart-data.js';
import { ChartFigure } from '../ui/chart-figure.js';
import { BarSeriesChart } from '../ui/charts.js';
import { Alert } from '../ui/alert.js';
import { trackingApi, useTrackingData, type MyProgress } from './tracking-api.js';
import './tracking.css';

type PathwayRow = MyProgress['pathways'][number] & { name: string };

const pathwayColumns: ChartColumn<PathwayRow>[] = [
  { key: 'name', label: 'Pathway' },
  { key: 'done', label: 'Done' },
  { key: 'needed', label: 'Needed' },
  { key: 'summary', label: 'Where it stands' },
];

const totalLabels: ReadonlyArray<[keyof MyProgress['totals'], string]> = [
  ['enrolments', 'Enrolments'],
  ['inProgress', 'In progress'],
  ['passed', 'Passed'],
  ['credentials', 'Credentials'],
  ['pathwaysCompleted', 'Pathways completed'],
];

/** A learner's own figures (issue #7): what they are working on, what they hold, and how far each pathway is. */
export function MyProgressSection() {
  const state = useTrackingData(trackingApi.myProgress, 'me');
  return (
    <section className="section-gap" aria-labelledby="my-progress-heading">
      <h2 id="my-progress-heading">My progress</h2>
      {state.status === 'loading' && (
        <p className="hint" role="status">
          Loading your progress…
        </p>
      )}
      {state.status === 'failed' && (
        <Alert tone="error" title={state.title}>
          {state.detail}
        </Alert>
      )}
      {state.status === 'ready' && <ProgressFigures progress={state.data} />}
    </section>
  );
}

function ProgressFigures({ progress }: { progress: MyProgress }) {
  const rows: PathwayRow[] = progress.pathways.map((p) => ({ ...p, name: `${p.title} (${p.organisation})${p.satisfied ? ', completed' : ''}` }));
  return (
    <>
      <dl className="dashboard-totals" aria-label="My totals">
        {totalLabels.map(([key, label]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd>{progress.totals[key].toLocaleString('en-GB')}</dd>
          </div>
        ))}
      </dl>
      <ChartFigure
        title="My pathways"
        description="Requirements met so far against those each pathway needs."
        columns={pathwayColumns}
        rows={rows}
        fileSuffix="progress"
        emptyText="None of your credentials counts toward a pathway yet."
      >
        <BarSeriesChart
          rows={rows}
          category="name"
          series={[
            { key: 'done', label: 'Done' },
            { key: 'needed', label: 'Needed' },
          ]}
          categoryLabel="Pathway"
          valueLabel="Requirements"
        />
      </ChartFigure>
    </>
  );
}
