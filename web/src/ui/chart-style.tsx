/**
 * How chart series are told apart without colour: each has a colour (Okabe–Ito, safe for the common
 * colour-vision deficiencies, darkened for 3:1 contrast on white), a line dash, a marker shape and a fill
 * pattern, and the legend draws all of them. Someone printing in grey or who cannot tell red from green
 * still matches a line to its name.
 */
import type { SymbolType } from 'recharts';

export interface SeriesStyle {
  color: string;
  /** SVG stroke-dasharray; '' is solid. */
  dash: string;
  marker: SymbolType;
  pattern: 'solid' | 'hatch' | 'dots' | 'cross' | 'vertical' | 'horizontal';
}

export const SERIES_STYLES: readonly SeriesStyle[] = [
  { color: '#0b62a4', dash: '', marker: 'circle', pattern: 'solid' },
  { color: '#b34700', dash: '8 4', marker: 'square', pattern: 'hatch' },
  { color: '#00755a', dash: '2 3', marker: 'triangle', pattern: 'dots' },
  { color: '#8f3a7a', dash: '10 3 2 3', marker: 'diamond', pattern: 'cross' },
  { color: '#7a5c00', dash: '4 2', marker: 'cross', pattern: 'vertical' },
  { color: '#3d3d3d', dash: '1 2', marker: 'cross', pattern: 'horizontal' },
];

/** The style of the n-th series, repeating when a chart has more series than styles. */
export function seriesStyle(index: number): SeriesStyle {
  return SERIES_STYLES[index % SERIES_STYLES.length]!;
}

/** The colour of a highlighted bar (a gap); paired with its own pattern and a label, never colour alone. */
export const HIGHLIGHT_STYLE: SeriesStyle = { color: '#b42318', dash: '', marker: 'cross', pattern: 'hatch' };

export function patternId(chartId: string, index: number | 'highlight'): string {
  return `${chartId.replace(/[^a-zA-Z0-9_-]/g, '')}-pattern-${index}`;
}

/** The fill of a bar of this style: a solid colour, or a pattern drawn in it. */
export function barFill(chartId: string, index: number | 'highlight', style: SeriesStyle): string {
  return style.pattern === 'solid' ? style.color : `url(#${patternId(chartId, index)})`;
}

function PatternMarks({ style }: { style: SeriesStyle }) {
  const stroke = { stroke: style.color, strokeWidth: 2 };
  switch (style.pattern) {
    case 'solid':
      return null;
    case 'hatch':
      return <path d="M-1,1 l2,-2 M0,8 l8,-8 M7,9 l2,-2" {...stroke} />;
    case 'dots':
      return <circle cx="4" cy="4" r="1.8" fill={style.color} />;
    case 'cross':
      return <path d="M0,0 L8,8 M8,0 L0,8" {...stroke} strokeWidth={1.5} />;
    case 'vertical':
      return <path d="M4,0 L4,8" {...stroke} />;
    case 'horizontal':
      return <path d="M0,4 L8,4" {...stroke} />;
  }
}

/** `<defs>` with one pattern per style used in a chart; place inside the chart's SVG. */
export function PatternDefs({ chartId, styles }: { chartId: string; styles: ReadonlyArray<{ index: number | 'highlight'; style: SeriesStyle }> }) {
  return (
    <defs>
      {styles
        .filter(({ style }) => style.pattern !== 'solid')
        .map(({ index, style }) => (
          <pattern key={String(index)} id={patternId(chartId, index)} width="8" height="8" patternUnits="userSpaceOnUse">
            <rect width="8" height="8" fill="#ffffff" />
            <PatternMarks style={style} />
            <rect width="8" height="8" fill={style.color} fillOpacity="0.18" />
          </pattern>
        ))}
    </defs>
  );
}

export interface LegendEntry {
  label: string;
  style: SeriesStyle;
}

/** A legend in HTML (so it wraps and reads as a list) with a drawn sample of each series' line or bar. */
export function SeriesLegend({ entries, kind }: { entries: readonly LegendEntry[]; kind: 'line' | 'bar' }) {
  return (
    <ul className="chart-legend" aria-label="Legend">
      {entries.map(({ label, style }, index) => (
        <li key={label}>
          <svg width="34" height="14" viewBox="0 0 34 14" aria-hidden="true" focusable="false">
            {kind === 'line' ? (
              <>
                <line x1="1" y1="7" x2="33" y2="7" stroke={style.color} strokeWidth="2.5" strokeDasharray={style.dash || undefined} />
                <LegendMarker style={style} />
              </>
            ) : (
              <>
                <PatternDefs chartId={`legend-${index}-${label}`} styles={[{ index, style }]} />
                <rect x="1" y="1" width="32" height="12" fill={barFill(`legend-${index}-${label}`, index, style)} stroke={style.color} strokeWidth="1.5" />
              </>
            )}
          </svg>
          {label}
        </li>
      ))}
    </ul>
  );
}

function LegendMarker({ style }: { style: SeriesStyle }) {
  const common = { fill: style.color, stroke: style.color };
  switch (style.marker) {
    case 'square':
      return <rect x="13" y="3" width="8" height="8" {...common} />;
    case 'triangle':
      return <path d="M17,2 L22,11 L12,11 Z" {...common} />;
    case 'diamond':
      return <path d="M17,1.5 L22,7 L17,12.5 L12,7 Z" {...common} />;
    case 'cross':
      return <path d="M17,2 V12 M12,7 H22" stroke={style.color} strokeWidth="3" />;
    default:
      return <circle cx="17" cy="7" r="4" {...common} />;
  }
}
