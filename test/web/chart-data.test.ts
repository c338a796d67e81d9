import { describe, expect, it } from 'vitest';
import { csvFileName, formatRate, toCsv, type ChartColumn } from '../../web/src/ui/chart-data.js';

interface Row {
  term: string;
  searches: number;
  rate: number | null;
}

const columns: ChartColumn<Row>[] = [
  { key: 'term', label: 'Search term' },
  { key: 'searches', label: 'Searches' },
  { key: 'rate', label: 'Rate, of all', format: formatRate },
];

// A chart's CSV download is built from the rows its table shows; these pin the file people open in a spreadsheet.
describe('chart CSV', () => {
  it('writes the raw figures under the column labels, RFC 4180 quoted, with CRLF line ends', () => {
    const csv = toCsv(columns, [
      { term: 'forklift, reach', searches: 12, rate: 0.25 },
      { term: 'say "hello"', searches: -3, rate: null },
    ]);
    expect(csv).toBe('Search term,Searches,"Rate, of all"\r\n"forklift, reach",12,0.25\r\n"say ""hello""",-3,\r\n');
  });

  it('defuses text a spreadsheet would run as a formula, but leaves negative numbers alone', () => {
    const csv = toCsv(columns, [{ term: '=HYPERLINK("http://x.example")', searches: -1, rate: 0 }]);
    expect(csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""http://x.example"")",-1,0`);
    expect(toCsv(columns, [{ term: '@SUM(A1)', searches: 0, rate: 1 }]).split('\r\n')[1]).toBe("'@SUM(A1),0,1");
  });

  it('names the file after the chart title and range', () => {
    expect(csvFileName('Credentials over time', '2026-01-to-2026-12')).toBe('credentials-over-time-2026-01-to-2026-12.csv');
    expect(csvFileName('Pathway: Certificat d’Études', '')).toBe('pathway-certificat-d-etudes.csv');
    expect(formatRate(0.426)).toBe('43%');
    expect(formatRate(null)).toBe('—');
  });
});
