/**
 * The two chart shapes the app draws, on recharts (SVG): lines over time and bars per category. Both
 * take rows and the fields to plot, draw axes with labels, and tell series apart by dash, marker and
 * pattern as well as colour (see chart-style.tsx). Animation is off: figures should not move under a
 * reader, nor make screenshots differ. recharts' keyboard layer is off too: the chart sits in a
 * role="img" frame whose accessible form is the Table view, and focus stops inside an image confuse.
 */
import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { barFill, HIGHLIGHT_STYLE, PatternDefs, seriesStyle, SeriesLegend } from './chart-style.js';

export interface Series<Row> {
  key: keyof Row & string;
  label: string;
}

/** recharts types data keys against the row type, which a generic chart cannot name; the keys are still the rows' own. */
function plotted<Row>(rows: readonly Row[]): Array<Record<string, unknown>> {
  return rows as unknown as Array<Record<string, unknown>>;
}

const axisTick = { fill: '#374151', fontSize: 12 };
const axisLabelStyle = { fill: '#374151', fontSize: 12, fontWeight: 600 };

export interface LineSeriesChartProps<Row> {
  rows: readonly Row[];
  x: keyof Row & string;
  series: readonly Series<Row>[];
  xLabel: string;
  yLabel: string;
  formatX?: (value: string) => string;
  height?: number;
}

/** Lines over an ordered x axis (months): a distinct dash and marker per line, and a legend that draws both. */
export function LineSeriesChart<Row>({ rows, x, series, xLabel, yLabel, formatX, height = 260 }: LineSeriesChartProps<Row>) {
  return (
    <>
      <ResponsiveContainer width="100%" height={height}>
        <LineChart accessibilityLayer={false} data={plotted(rows)} margin={{ top: 12, right: 24, bottom: 28, left: 12 }}>
          <CartesianGrid stroke="#e5e7eb" />
          <XAxis dataKey={String(x)} tick={axisTick} tickFormatter={formatX} label={{ value: xLabel, position: 'insideBottom', offset: -18, style: axisLabelStyle }} />
          <YAxis allowDecimals={false} tick={axisTick} width={48} label={{ value: yLabel, angle: -90, position: 'insideLeft', style: { ...axisLabelStyle, textAnchor: 'middle' } }} />
          <Tooltip labelFormatter={(label) => (formatX ? formatX(String(label)) : String(label))} />
          {series.map((line, index) => {
            const style = seriesStyle(index);
            return (
              <Line
                key={line.key}
                type="linear"
                dataKey={String(line.key)}
                name={line.label}
                stroke={style.color}
                strokeWidth={2.5}
                strokeDasharray={style.dash || undefined}
                dot={{ symbol: style.marker, r: 4, fill: style.color, stroke: style.color }}
                activeDot={{ symbol: style.marker, r: 6 }}
                isAnimationActive={false}
              />
            );
          })}
        </LineChart>
      </ResponsiveContainer>
      <SeriesLegend kind="line" entries={series.map((line, index) => ({ label: line.label, style: seriesStyle(index) }))} />
    </>
  );
}

export interface BarSeriesChartProps<Row> {
  rows: readonly Row[];
  /** The category of each bar group (a micro-credential's title). */
  category: keyof Row & string;
  series: readonly Series<Row>[];
  categoryLabel: string;
  valueLabel: string;
  /** How bar-end labels and the value axis read (a rate as "40%"). */
  formatValue?: (value: number) => string;
  /** Fixed value domain, e.g. [0, 1] for rates. */
  domain?: [number, number];
  /** Bars to draw as highlighted (a gap in supply): their own colour, pattern and label. */
  highlight?: (row: Row) => boolean;
  highlightLabel?: string;
}

/** Horizontal bars (category names stay readable however long), with the value written at each bar's end. */
export function BarSeriesChart<Row>(props: BarSeriesChartProps<Row>) {
  const { rows, category, series, categoryLabel, valueLabel, formatValue, domain, highlight, highlightLabel } = props;
  const chartId = useId();
  const styles = series.map((_, index) => ({ index, style: seriesStyle(index) }));
  if (highlight) styles.push({ index: -1, style: HIGHLIGHT_STYLE });
  // Each category gets room for its bars and for a long name wrapped over up to four lines.
  const height = Math.max(140, rows.length * Math.max(60, series.length * 22 + 14) + 80);
  const format = (value: unknown) => (typeof value === 'number' ? (formatValue ? formatValue(value) : value.toLocaleString('en-GB')) : '');
  return (
    <>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart accessibilityLayer={false} data={plotted(rows)} layout="vertical" margin={{ top: 24, right: 48, bottom: 28, left: 8 }} barCategoryGap={10}>
          <PatternDefs chartId={chartId} styles={styles} />
          <CartesianGrid stroke="#e5e7eb" horizontal={false} />
          <XAxis
            type="number"
            allowDecimals={!!formatValue}
            domain={domain ?? [0, 'auto']}
            tick={axisTick}
            tickFormatter={(value: number) => format(value)}
            label={{ value: valueLabel, position: 'insideBottom', offset: -18, style: axisLabelStyle }}
          />
          <YAxis type="category" dataKey={String(category)} width={170} tick={axisTick} label={{ value: categoryLabel, position: 'top', offset: 8, style: axisLabelStyle }} />
          <Tooltip formatter={(value) => format(value)} />
          {series.map((bar, index) => {
            const style = seriesStyle(index);
            return (
              <Bar key={bar.key} dataKey={String(bar.key)} name={bar.label} fill={barFill(chartId, index, style)} stroke={style.color} strokeWidth={1.5} isAnimationActive={false}>
                {highlight && rows.map((row, rowIndex) => (highlight(row) ? <Cell key={rowIndex} fill={barFill(chartId, -1, HIGHLIGHT_STYLE)} stroke={HIGHLIGHT_STYLE.color} /> : <Cell key={rowIndex} fill={barFill(chartId, index, style)} stroke={style.color} />))}
                <LabelList dataKey={String(bar.key)} position="right" formatter={(value) => format(value)} style={{ fill: '#111827', fontSize: 12 }} />
              </Bar>
            );
          })}
        </BarChart>
      </ResponsiveContainer>
      <SeriesLegend
        kind="bar"
        entries={[
          ...series.map((bar, index) => ({ label: bar.label, style: seriesStyle(index) })),
          ...(highlight && highlightLabel && rows.some(highlight) ? [{ label: highlightLabel, style: HIGHLIGHT_STYLE }] : []),
        ]}
      />
    </>
  );
}
