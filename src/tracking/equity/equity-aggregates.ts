import { aggregateAnswers, type EquityField } from './equity-fields.js';
import { suppressBreakdown } from './equity-suppression.js';
import type { EquityCount } from './equity.repository.js';
import { EQUITY_FIGURES, type EquityCell, type EquityFigure } from './equity.schema.js';

/** Suppressed cells of one organisation: its own (the dashboard) and each achievement's (the open data, a filtered dashboard). */
export interface EquityAggregates {
  organisation: EquityCell[];
  achievements: Map<string, EquityCell[]>;
}

const emptyCell = (month: string, field: string, answer: string): EquityCell => ({ month, field, answer, enrolments: null, passes: null, credentials: null });

/** Per (month, field): a cell per answer of the field, in its documented order. */
type CellsOfMonth = Map<string, Array<EquityCell[] | undefined>>;

/**
 * Turns an organisation's counts into published cells. One table per month, figure and field: a row per
 * achievement with any of that figure, a column per answer, the organisation's per-answer figures as
 * the totals row; suppressed together, so every view of it (open data, dashboard, filtered or not) shows
 * the same cells and no difference between views reveals a hidden one. Months are fixed cells, as in
 * the open data: no choice of range can be subtracted from another to uncover a month.
 * Cells are kept by position (field, then answer), so they come out in order without a sort.
 */
export function equityAggregates(counts: readonly EquityCount[], fields: readonly EquityField[], k: number, options: { achievements?: 'all' | readonly string[] } = {}): EquityAggregates {
  // Every achievement's row is suppressed with the others; only the wanted ones' cells are built (the
  // organisation's dashboard wants none, a filtered one one, the open data all).
  const wanted = options.achievements === undefined || options.achievements === 'all' ? null : new Set(options.achievements);
  const answersOf = fields.map((field) => aggregateAnswers(field));
  const fieldAt = new Map(fields.map((f, i) => [f.key, i]));
  const answerAt = answersOf.map((answers) => new Map(answers.map((answer, j) => [answer, j])));
  // month → figure → field position → achievement → its count per answer position.
  const tables = new Map<string, Map<EquityFigure, Array<Map<string, number[]> | undefined>>>();
  for (const count of counts) {
    const f = fieldAt.get(count.field);
    const j = f === undefined ? undefined : answerAt[f]!.get(count.answer);
    if (f === undefined || j === undefined) continue;
    const ofMonth = tables.get(count.month) ?? new Map<EquityFigure, Array<Map<string, number[]> | undefined>>();
    tables.set(count.month, ofMonth);
    for (const figure of EQUITY_FIGURES) {
      if (count[figure] === 0) continue;
      const ofFigure = ofMonth.get(figure) ?? [];
      ofMonth.set(figure, ofFigure);
      const byAchievement = (ofFigure[f] ??= new Map());
      const row = byAchievement.get(count.achievementId) ?? new Array<number>(answersOf[f]!.length).fill(0);
      row[j]! += count[figure];
      byAchievement.set(count.achievementId, row);
    }
  }

  const organisation: CellsOfMonth = new Map();
  const achievements = new Map<string, CellsOfMonth>();
  const cellsIn = (cells: CellsOfMonth, month: string, f: number): EquityCell[] => {
    const ofMonth = cells.get(month) ?? [];
    cells.set(month, ofMonth);
    return (ofMonth[f] ??= answersOf[f]!.map((answer) => emptyCell(month, fields[f]!.key, answer)));
  };
  for (const [month, ofMonth] of tables) {
    for (const [figure, ofFigure] of ofMonth) {
      ofFigure.forEach((byAchievement, f) => {
        if (!byAchievement) return;
        const ids = [...byAchievement.keys()].sort();
        const { rows, totals } = suppressBreakdown(ids.map((id) => byAchievement.get(id)!), k);
        cellsIn(organisation, month, f).forEach((cell, j) => (cell[figure] = totals[j]!));
        ids.forEach((id, i) => {
          if (wanted && !wanted.has(id)) return;
          const cells = achievements.get(id) ?? new Map();
          achievements.set(id, cells);
          cellsIn(cells, month, f).forEach((cell, j) => (cell[figure] = rows[i]![j]!));
        });
      });
    }
  }
  return { organisation: inOrder(organisation), achievements: new Map([...achievements].map(([id, cells]) => [id, inOrder(cells)])) };
}

/** Month, then the fields and answers in their documented order. */
function inOrder(cells: CellsOfMonth): EquityCell[] {
  const months = [...cells.keys()].sort();
  return months.flatMap((month) => cells.get(month)!.flatMap((ofField) => ofField ?? []));
}

/** Whether any figure of the cell is published. */
export const anyPublished = (cell: EquityCell): boolean => EQUITY_FIGURES.some((f) => cell[f] !== null);
