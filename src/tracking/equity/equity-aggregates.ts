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

/**
 * Turns an organisation's counts into published cells. One table per month, figure and field: a row per
 * achievement with any of that figure, a column per answer, the organisation's per-answer figures as
 * the totals row; suppressed together, so every view of it (open data, dashboard, filtered or not) shows
 * the same cells and no difference between views reveals a hidden one. Months are fixed cells, as in
 * the open data: no choice of range can be subtracted from another to uncover a month.
 */
export function equityAggregates(counts: readonly EquityCount[], fields: readonly EquityField[], k: number): EquityAggregates {
  const tables = new Map<string, { month: string; figure: EquityFigure; field: EquityField; byAchievement: Map<string, Map<string, number>> }>();
  const fieldOf = new Map(fields.map((f) => [f.key, f]));
  for (const count of counts) {
    const field = fieldOf.get(count.field);
    if (!field || count.count === 0) continue;
    const id = `${count.month} ${count.figure} ${count.field}`;
    const table = tables.get(id) ?? { month: count.month, figure: count.figure, field, byAchievement: new Map() };
    const answers = table.byAchievement.get(count.achievementId) ?? new Map<string, number>();
    answers.set(count.answer, (answers.get(count.answer) ?? 0) + count.count);
    table.byAchievement.set(count.achievementId, answers);
    tables.set(id, table);
  }

  const organisation = new Map<string, EquityCell>();
  const achievements = new Map<string, Map<string, EquityCell>>();
  const cellIn = (cells: Map<string, EquityCell>, month: string, field: string, answer: string): EquityCell => {
    const id = `${month} ${field} ${answer}`;
    const cell = cells.get(id) ?? emptyCell(month, field, answer);
    cells.set(id, cell);
    return cell;
  };
  for (const { month, figure, field, byAchievement } of tables.values()) {
    const answers = aggregateAnswers(field);
    const ids = [...byAchievement.keys()].sort();
    const { rows, totals } = suppressBreakdown(ids.map((id) => answers.map((answer) => byAchievement.get(id)!.get(answer) ?? 0)), k);
    answers.forEach((answer, j) => {
      cellIn(organisation, month, field.key, answer)[figure] = totals[j]!;
      ids.forEach((id, i) => {
        const cells = achievements.get(id) ?? new Map<string, EquityCell>();
        achievements.set(id, cells);
        cellIn(cells, month, field.key, answer)[figure] = rows[i]![j]!;
      });
    });
  }
  const ordered = (cells: Map<string, EquityCell>) => sortCells([...cells.values()], fields);
  return { organisation: ordered(organisation), achievements: new Map([...achievements].map(([id, cells]) => [id, ordered(cells)])) };
}

/** Month, then the fields and answers in their documented order. */
function sortCells(cells: EquityCell[], fields: readonly EquityField[]): EquityCell[] {
  const rank = new Map<string, number>();
  fields.forEach((field, f) => aggregateAnswers(field).forEach((answer, a) => rank.set(`${field.key} ${answer}`, f * 100 + a)));
  return cells.sort((a, b) => a.month.localeCompare(b.month) || (rank.get(`${a.field} ${a.answer}`) ?? 0) - (rank.get(`${b.field} ${b.answer}`) ?? 0));
}

/** Whether any figure of the cell is published. */
export const anyPublished = (cell: EquityCell): boolean => EQUITY_FIGURES.some((f) => cell[f] !== null);
