/**
 * The charts as pages use them: loaded on first use, so the charting library (recharts and d3, a few
 * hundred kB) is fetched only by people who open a chart, not by everyone who opens the app.
 */
import { lazy, Suspense, type ComponentType } from 'react';
import type { BarSeriesChartProps, LineSeriesChartProps } from './chart-series.js';

export type { Series } from './chart-series.js';

// React.lazy cannot keep a generic component's type parameter; the wrappers below restore it for callers.
type Plain = Record<string, unknown>;
const loadCharts = () => import('./chart-series.js');
const LazyLine = lazy(async () => ({ default: (await loadCharts()).LineSeriesChart as ComponentType<LineSeriesChartProps<Plain>> }));
const LazyBar = lazy(async () => ({ default: (await loadCharts()).BarSeriesChart as ComponentType<BarSeriesChartProps<Plain>> }));

function Drawing({ height }: { height: number }) {
  return (
    <p className="hint chart-loading" role="status" style={{ minHeight: height }}>
      Drawing the chart…
    </p>
  );
}

export function LineSeriesChart<Row>(props: LineSeriesChartProps<Row>) {
  return (
    <Suspense fallback={<Drawing height={props.height ?? 260} />}>
      <LazyLine {...(props as unknown as LineSeriesChartProps<Plain>)} />
    </Suspense>
  );
}

export function BarSeriesChart<Row>(props: BarSeriesChartProps<Row>) {
  return (
    <Suspense fallback={<Drawing height={140} />}>
      <LazyBar {...(props as unknown as BarSeriesChartProps<Plain>)} />
    </Suspense>
  );
}
