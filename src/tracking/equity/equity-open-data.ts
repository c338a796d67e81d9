import { monthsOf, resolveRange } from '../dashboard-range.js';
import { recentResults } from '../recent-results.js';
import type { DashboardRepository } from '../dashboard.repository.js';
import type { DashboardRange, OpenDataQuery } from '../dashboard.schema.js';
import { csvField, OPEN_DATA_LICENSE, resolveK, suppress } from '../open-data.js';
import { EQUITY_FIELDS, fieldView, type EquityField } from './equity-fields.js';
import type { EquityMonths } from './equity-months.js';
import type { EquityRepository } from './equity.repository.js';
import { EQUITY_FIGURES, type EquityCell, type EquityOpenDataDocument, type EquityOpenDataRow } from './equity.schema.js';

const CACHED_DOCUMENTS = 16;

export const EQUITY_CSV_COLUMNS = ['achievement_id', 'achievement_title', 'organisation', 'month', 'field', 'answer', ...EQUITY_FIGURES] as const;

export function equityOpenDataCsv(rows: readonly EquityOpenDataRow[]): string {
  const lines = [EQUITY_CSV_COLUMNS.join(',')];
  for (const row of rows) lines.push([row.achievementId, row.achievementTitle, row.organisation, row.month, row.field, row.answer, ...EQUITY_FIGURES.map((f) => row[f])].map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * The public equity export: per micro-credential, month, collected field and answer, the enrolments,
 * passes and credentials, as the organisations' dashboards show them. Suppression is always computed at
 * the configured k (so every view of a cell agrees, whatever k a request asks for: two views suppressed
 * at different k could be combined to uncover a cell); a request for a higher k then also blanks every
 * published figure below it, with `suppress` as the achievements export does.
 */
export function createEquityOpenData(deps: { equity: EquityRepository; months: EquityMonths; achievementNames: DashboardRepository['achievementNames']; configuredK: number; refresh: () => Promise<{ lastEventId: number }>; clock: () => Date }) {
  // A document is kept under the watermark (titles change with events) and every collecting organisation's
  // fields and month versions; one built after new activity recomputes only the months that changed.
  const recent = recentResults<EquityOpenDataDocument>(CACHED_DOCUMENTS);
  return {
    async export(query: Pick<OpenDataQuery, 'from' | 'to' | 'k'>): Promise<EquityOpenDataDocument> {
      const k = resolveK(query.k, deps.configuredK);
      const range = resolveRange(query, deps.clock());
      const { lastEventId } = await deps.refresh();
      const collecting = await Promise.all((await deps.equity.organisationsCollecting()).sort().map(async (id) => {
        const versions = await deps.equity.monthVersions(id, monthsOf(range));
        const collected = await deps.equity.collectedFields(id);
        const fields = EQUITY_FIELDS.filter((f) => collected.includes(f.key));
        return { id, fields, fingerprint: `${id}:${fields.map((f) => f.key).join(',')}:${[...versions].map(([m, v]) => `${m}=${v}`).join(',')}` };
      }));
      const key = [lastEventId, range.from, range.to, k, ...collecting.map((o) => o.fingerprint)].join(' ');
      return recent.get(key) ?? recent.keep(key, await build(k, range, collecting));
    },
  };

  async function build(k: number, range: DashboardRange, collecting: Array<{ id: string; fields: EquityField[] }>): Promise<EquityOpenDataDocument> {
    const perAchievement: Array<[string, EquityCell[]]> = [];
    const used = new Set<string>();
    for (const { id, fields } of collecting) {
      fields.forEach((f) => used.add(f.key));
      perAchievement.push(...(await deps.months.achievements(id, range, fields)));
    }
    const names = await deps.achievementNames(perAchievement.map(([id]) => id));
    const named = perAchievement.flatMap(([id, cells]) => {
      const name = names.get(id);
      return name ? [{ id, name, cells }] : [];
    });
    // By organisation, title and id; each achievement's cells are already by month, field and answer.
    named.sort((a, b) => a.name.organisation.localeCompare(b.name.organisation) || a.name.title.localeCompare(b.name.title) || a.id.localeCompare(b.id));
    const rows = named.flatMap(({ id, name, cells }) => cells.map((cell) => ({
      achievementId: id,
      achievementTitle: name.title,
      organisation: name.organisation,
      ...cell,
      ...(Object.fromEntries(EQUITY_FIGURES.map((f) => [f, cell[f] === null ? null : suppress(cell[f], k)])) as Pick<EquityCell, (typeof EQUITY_FIGURES)[number]>),
    })));
    return {
      k,
      range,
      suppressed: null,
      license: OPEN_DATA_LICENSE,
      generatedAt: deps.clock().toISOString(),
      fields: EQUITY_FIELDS.filter((f) => used.has(f.key)).map(fieldView),
      rows,
    };
  }
}

export type EquityOpenData = ReturnType<typeof createEquityOpenData>;
