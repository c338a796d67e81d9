/**
 * Small-cell suppression of an equity breakdown, with complementary suppression (issue #7, item 3).
 *
 * One breakdown is a table: a row per scope (an achievement, in one month, for one figure and one field),
 * a column per answer, and a last row of column totals (the organisation's figure per answer, shown on
 * its dashboard). Every row's total (the achievement's figure) and the grand total are published
 * elsewhere (the open data, the dashboard), so they count as known. Then:
 *
 * 1. primary: every entry below k is suppressed, zero included (as `suppress` does in open-data.ts);
 * 2. mass: in every line whose total is known, the suppressed entries together hold at least k, so
 *    subtracting the published entries from the total reveals no group smaller than k;
 * 3. no suppressed entry may be exactly recoverable by combining lines. Read as a bipartite graph
 *    (rows and columns are vertices, suppressed entries are edges, every vertex's sum known), an entry is
 *    recoverable exactly when its edge is a bridge: the lines on one side of it, added up, leave it
 *    alone. An edge on a cycle can move by +t/−t around the cycle without changing any sum. So while a
 *    bridge remains, the smallest published entry beside it is suppressed too.
 *
 * Rows whose total is zero are left out by the caller: they publish nothing (every figure in them is 0).
 */

/** Entries below k, and whichever others protect them; `null` = suppressed. */
export interface SuppressedBreakdown {
  rows: Array<Array<number | null>>;
  totals: Array<number | null>;
}

type Grid = number[][];

export function suppressBreakdown(rows: readonly (readonly number[])[], k: number): SuppressedBreakdown {
  const columns = rows[0]?.length ?? 0;
  const totals = Array.from({ length: columns }, (_, j) => rows.reduce((sum, row) => sum + row[j]!, 0));
  const grid: Grid = [...rows.map((row) => [...row]), totals];
  const hidden = grid.map((line) => line.map((count) => count < k));
  for (;;) {
    applyMassRule(grid, hidden, k);
    const bridge = findBridge(hidden);
    if (!bridge) break;
    hide(grid, hidden, neighbourOf(grid, hidden, bridge));
  }
  const shown = grid.map((line, i) => line.map((count, j) => (hidden[i]![j] ? null : count)));
  return { rows: shown.slice(0, -1), totals: shown.at(-1) ?? [] };
}

type Position = [row: number, column: number];

function hide(grid: Grid, hidden: boolean[][], position: Position | null): void {
  // Nothing left to hide means everything is hidden already, and that has no bridge; the guard keeps the loop finite.
  if (!position) throw new Error('equity suppression found a bridge with nothing left to suppress');
  hidden[position[0]]![position[1]] = true;
}

/** The smallest published entry among `positions`, or null when all are suppressed. */
function smallest(grid: Grid, hidden: boolean[][], positions: Position[]): Position | null {
  let best: Position | null = null;
  for (const p of positions) {
    if (hidden[p[0]]![p[1]]) continue;
    if (!best || grid[p[0]]![p[1]]! < grid[best[0]]![best[1]]!) best = p;
  }
  return best;
}

const rowPositions = (grid: Grid, i: number): Position[] => grid[i]!.map((_, j) => [i, j] as Position);
const columnPositions = (grid: Grid, j: number, withTotal: boolean): Position[] =>
  grid.slice(0, withTotal ? grid.length : -1).map((_, i) => [i, j] as Position);

/**
 * Rule 2, until it holds in every line with a known total: in each pass the rows (totals row included) in
 * order, then the columns whose total was published when the pass began. Index loops, not position lists:
 * this runs for every table of every breakdown.
 */
function applyMassRule(grid: Grid, hidden: boolean[][], k: number): void {
  const totalRow = grid.length - 1;
  const columns = grid[0]?.length ?? 0;
  for (let changed = true; changed; ) {
    changed = false;
    // A column's total is known only while it is published.
    const known: number[] = [];
    for (let j = 0; j < columns; j += 1) if (!hidden[totalRow]![j]) known.push(j);
    for (let i = 0; i <= totalRow; i += 1) if (protectLine(grid, hidden, k, i, -1, columns)) changed = true;
    for (const j of known) if (protectLine(grid, hidden, k, -1, j, totalRow)) changed = true;
  }
}

/**
 * One line (row `row`, or column `column` without its total; `length` entries): when its suppressed entries
 * hold less than k, suppresses its smallest published entry (the first of equals). Whether it did.
 */
function protectLine(grid: Grid, hidden: boolean[][], k: number, row: number, column: number, length: number): boolean {
  let suppressed = 0;
  let mass = 0;
  let best = -1;
  for (let n = 0; n < length; n += 1) {
    const i = row >= 0 ? row : n;
    const j = row >= 0 ? n : column;
    const count = grid[i]![j]!;
    if (hidden[i]![j]) {
      suppressed += 1;
      mass += count;
    } else if (best < 0 || count < (row >= 0 ? grid[row]![best]! : grid[best]![column]!)) {
      best = n;
    }
  }
  // A whole hidden line has its total below k, hidden where it is published.
  if (suppressed === 0 || mass >= k || best < 0) return false;
  if (row >= 0) hidden[row]![best] = true;
  else hidden[best]![column] = true;
  return true;
}

/** A suppressed entry whose edge is a bridge of the suppression graph (Tarjan's bridge search), or null. */
function findBridge(hidden: boolean[][]): Position | null {
  const rows = hidden.length;
  const columns = hidden[0]?.length ?? 0;
  // Vertices 0..rows-1 are rows, rows..rows+columns-1 columns; each one's neighbours in ascending order.
  const adjacent: number[][] = Array.from({ length: rows + columns }, () => []);
  for (let i = 0; i < rows; i += 1) {
    for (let j = 0; j < columns; j += 1) {
      if (!hidden[i]![j]) continue;
      adjacent[i]!.push(rows + j);
      adjacent[rows + j]!.push(i);
    }
  }
  const order = new Array<number>(rows + columns).fill(-1);
  const low = new Array<number>(rows + columns).fill(0);
  let counter = 0;
  const visit = (v: number, parent: number): Position | null => {
    order[v] = low[v] = counter++;
    for (const w of adjacent[v]!) {
      if (w === parent) continue; // no parallel edges: a row and a column share at most one entry
      if (order[w] === -1) {
        const found = visit(w, v);
        if (found) return found;
        low[v] = Math.min(low[v]!, low[w]!);
        if (low[w]! > order[v]!) return v < rows ? [v, w - rows] : [w, v - rows];
      } else {
        low[v] = Math.min(low[v]!, order[w]!);
      }
    }
    return null;
  };
  for (let v = 0; v < rows + columns; v += 1) {
    if (order[v] !== -1) continue;
    const found = visit(v, -1);
    if (found) return found;
  }
  return null;
}

/** What to suppress beside a bridge: the smallest published entry in its row or column, else anywhere. */
function neighbourOf(grid: Grid, hidden: boolean[][], [i, j]: Position): Position | null {
  return smallest(grid, hidden, [...rowPositions(grid, i), ...columnPositions(grid, j, true)])
    ?? smallest(grid, hidden, grid.flatMap((_, r) => rowPositions(grid, r)));
}
