import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suppressBreakdown } from './equity-suppression.js';

const K = 10;

/**
 * An independent judge of recoverability: Gaussian elimination over the lines an observer knows (every
 * row's total, the grand total, and each column's cells adding up to its total), with the published
 * entries moved to the right-hand side. A suppressed entry is recovered exactly when its unit vector lies in
 * the row space of the constraints on the unknowns: in reduced row echelon form, a pivot whose row has
 * no free variable.
 */
function recoverable(rows: number[][], shown: Array<Array<number | null>>): Array<[number, number]> {
  const unknowns: Array<[number, number]> = [];
  shown.forEach((line, i) => line.forEach((v, j) => v === null && unknowns.push([i, j])));
  if (unknowns.length === 0) return [];
  const index = new Map(unknowns.map(([i, j], n) => [`${i} ${j}`, n]));
  const R = rows.length;
  const C = rows[0]!.length;
  const equations: number[][] = [];
  const equation = (terms: Array<[number, number, number]>) => {
    const coefficients = new Array<number>(unknowns.length).fill(0);
    for (const [i, j, sign] of terms) {
      const n = index.get(`${i} ${j}`);
      if (n !== undefined) coefficients[n]! += sign;
    }
    equations.push(coefficients);
  };
  // Rows 0..R-1 are the cells, row R the column totals (the grid suppressBreakdown works on).
  for (let i = 0; i <= R; i += 1) equation(Array.from({ length: C }, (_, j) => [i, j, 1] as [number, number, number]));
  for (let j = 0; j < C; j += 1) equation([...Array.from({ length: R }, (_, i) => [i, j, 1] as [number, number, number]), [R, j, -1]]);
  // Reduced row echelon form (entries stay small integers or simple fractions; a tolerance suffices).
  const m = equations;
  const pivots: number[] = [];
  let r = 0;
  for (let c = 0; c < unknowns.length && r < m.length; c += 1) {
    let p = r;
    while (p < m.length && Math.abs(m[p]![c]!) < 1e-9) p += 1;
    if (p === m.length) continue;
    [m[r], m[p]] = [m[p]!, m[r]!];
    const pivot = m[r]![c]!;
    m[r] = m[r]!.map((x) => x / pivot);
    for (let q = 0; q < m.length; q += 1) {
      if (q === r || Math.abs(m[q]![c]!) < 1e-9) continue;
      const f = m[q]![c]!;
      m[q] = m[q]!.map((x, n) => x - f * m[r]![n]!);
    }
    pivots.push(c);
    r += 1;
  }
  const found: Array<[number, number]> = [];
  pivots.forEach((c, row) => {
    if (m[row]!.every((x, n) => n === c || Math.abs(x) < 1e-9)) found.push(unknowns[c]!);
  });
  return found;
}

// Small counts so that suppression is common; up to 6 scopes (achievements) and 4–7 answers.
const table = fc.integer({ min: 4, max: 7 }).chain((columns) =>
  fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 60 })), { minLength: columns, maxLength: columns }), { minLength: 1, maxLength: 6 }),
).map((rows) => rows.filter((row) => row.some((v) => v > 0))).filter((rows) => rows.length > 0);

describe('equity suppression', () => {
  it('publishes no entry below k and leaves the others as they are', () => {
    fc.assert(fc.property(table, (rows) => {
      const { rows: shown, totals } = suppressBreakdown(rows, K);
      const columnTotals = rows[0]!.map((_, j) => rows.reduce((s, row) => s + row[j]!, 0));
      shown.forEach((line, i) => line.forEach((v, j) => expect(v === null || (v >= K && v === rows[i]![j])).toBe(true)));
      totals.forEach((v, j) => expect(v === null || (v >= K && v === columnTotals[j])).toBe(true));
    }), { numRuns: 3000 });
  });

  it('leaves no suppressed entry recoverable from the published ones and the known totals (3,000 generated tables)', () => {
    fc.assert(fc.property(table, (rows) => {
      const { rows: shown, totals } = suppressBreakdown(rows, K);
      expect(recoverable(rows, [...shown, totals])).toEqual([]);
    }), { numRuns: 3000 });
  });

  it('hides at least k people behind the suppressed entries of every line whose known total is at least k', () => {
    fc.assert(fc.property(table, (rows) => {
      const { rows: shown, totals } = suppressBreakdown(rows, K);
      const hiddenMass = (entries: Array<[number | null, number]>) => entries.filter(([v]) => v === null).map(([, n]) => n);
      // A line whose total is below k cannot hide k people; its total is suppressed wherever it is published.
      const check = (masses: number[], total: number) => expect(total < K || masses.length === 0 || masses.reduce((a, b) => a + b, 0) >= K).toBe(true);
      const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
      const columnTotals = rows[0]!.map((_, j) => rows.reduce((s, row) => s + row[j]!, 0));
      shown.forEach((line, i) => check(hiddenMass(line.map((v, j) => [v, rows[i]![j]!])), sum(rows[i]!)));
      check(hiddenMass(totals.map((v, j) => [v, columnTotals[j]!])), sum(columnTotals));
      totals.forEach((total, j) => {
        if (total !== null) check(hiddenMass(shown.map((line, i) => [line[j]!, rows[i]![j]!])), total);
      });
    }), { numRuns: 3000 });
  });

  it('suppresses a second answer when only one is small, so the total does not give it away', () => {
    // One achievement, answers 40 / 25 / 3 / 0 (not declared): 3 and 0 are below k; together they are 3,
    // so 25 goes too. The organisation's totals row repeats the only row and is protected the same way.
    const { rows, totals } = suppressBreakdown([[40, 25, 3, 0]], K);
    expect(rows).toEqual([[40, null, null, null]]);
    expect(totals).toEqual([40, null, null, null]);
  });

  it('suppresses everything when everyone gave one answer (nobody in the others is itself a disclosure)', () => {
    const { rows } = suppressBreakdown([[50, 0, 0]], K);
    expect(rows).toEqual([[null, null, null]]);
  });

  it('publishes a breakdown with no small cell untouched', () => {
    expect(suppressBreakdown([[30, 12, 15], [10, 20, 11]], K)).toEqual({ rows: [[30, 12, 15], [10, 20, 11]], totals: [40, 32, 26] });
  });
});
