import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { firstDay, resolveRange } from './dashboard-range.js';
import { OPEN_DATA_FIGURES, SUPPRESSED_CSV_MARKER, type OpenDataDocument, type OpenDataFigure, type OpenDataQuery, type OpenDataRow } from './dashboard.schema.js';
import { recentResults } from './recent-results.js';
import { kTooSmall } from './tracking.errors.js';

/** Below this no threshold protects anyone: refused whatever the configuration says. */
export const MINIMUM_K = 5;

export const OPEN_DATA_LICENSE = 'CC BY 4.0';

const CACHED_DOCUMENTS = 16;

/** A count as published: suppressed (`null`) when below k, zero included, so no published cell is under k. */
export const suppress = (count: number, k: number): number | null => (count >= k ? count : null);

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
export const csvField = (value: string | number | null): string => {
  if (value === null) return SUPPRESSED_CSV_MARKER;
  const text = String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet: prefix it (OWASP CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

export const OPEN_DATA_CSV_COLUMNS = ['achievement_id', 'achievement_title', 'organisation', 'month', ...OPEN_DATA_FIGURES] as const;

export function openDataCsv(rows: OpenDataRow[]): string {
  const lines = [OPEN_DATA_CSV_COLUMNS.join(',')];
  for (const row of rows) lines.push([row.achievementId, row.achievementTitle, row.organisation, row.month, ...OPEN_DATA_FIGURES.map((f) => row[f])].map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * The k a request is answered with: the configured threshold unless it asks for more. Below the configured
 * k, or below 5 whatever is configured, is refused (`tracking.k_too_small`). The equity export uses it too.
 */
export function resolveK(requested: number | undefined, configuredK: number): number {
  const k = requested ?? configuredK;
  const minimum = Math.max(MINIMUM_K, configuredK);
  if (k < minimum) throw kTooSmall(k, minimum);
  return k;
}

/**
 * The public open-data export: per published achievement and month, the rollups' figures with every
 * cell below k suppressed. Cells are fixed per achievement and month whatever range is asked for, and k
 * can only be raised above the configured threshold, so combining requests reveals nothing smaller.
 */
export function createOpenData(deps: { db: Kysely<Database>; clock: () => Date; configuredK: number; refresh: () => Promise<{ lastEventId: number }> }) {
  // The export changes only when the rollups fold new events: documents are kept per watermark and query.
  const cache = recentResults<OpenDataDocument>(CACHED_DOCUMENTS);
  return {
    async export(query: Pick<OpenDataQuery, 'from' | 'to' | 'k'>): Promise<OpenDataDocument> {
      const k = resolveK(query.k, deps.configuredK);
      const range = resolveRange(query, deps.clock());
      const { lastEventId } = await deps.refresh();
      const key = `${lastEventId} ${range.from} ${range.to} ${k}`;
      const cached = cache.get(key);
      if (cached) return cached;
      // The published achievements first (a thousand rows, each title read once), then their rollup rows
      // joined by hash on the text id: no per-row subquery or cast over hundreds of thousands of rows.
      const result = await sql<Record<OpenDataFigure, string | number> & { achievement_id: string; title: string | null; slug: string; organisation: string; month: string }>`
        with published as materialized (
          select a.id::text as id, a.slug, o.slug as organisation,
                 (select v.definition->>'title' from achievement_versions v where v.achievement_id = a.id and v.status <> 'draft' order by v.version desc limit 1) as title
          from achievements a join organisations o on o.id = a.organisation_id
          where exists (select 1 from achievement_versions v where v.achievement_id = a.id and v.status <> 'draft')
        )
        select m.achievement_id, p.title, p.slug, p.organisation, to_char(m.month, 'YYYY-MM') as month, ${sql.join(OPEN_DATA_FIGURES.map((f) => sql.ref(`m.${f}`)))}
        from tracking_achievement_monthly m
        join published p on p.id = m.achievement_id
        where m.month between ${firstDay(range.from)}::date and ${firstDay(range.to)}::date`.execute(deps.db);
      // One row per achievement and month (an achievement's rows of several organisations' keys are added up).
      const rows = new Map<string, OpenDataRow>();
      const totals = new Map<string, Record<OpenDataFigure, number>>();
      for (const r of result.rows) {
        const key = `${r.achievement_id} ${r.month}`;
        if (!rows.has(key)) rows.set(key, { achievementId: r.achievement_id, achievementTitle: r.title ?? r.slug, organisation: r.organisation, month: r.month, ...(Object.fromEntries(OPEN_DATA_FIGURES.map((f) => [f, null])) as Record<OpenDataFigure, null>) });
        const total = totals.get(key) ?? (Object.fromEntries(OPEN_DATA_FIGURES.map((f) => [f, 0])) as Record<OpenDataFigure, number>);
        for (const f of OPEN_DATA_FIGURES) total[f] += Number(r[f]);
        totals.set(key, total);
      }
      for (const [key, total] of totals) {
        const row = rows.get(key)!;
        for (const f of OPEN_DATA_FIGURES) row[f] = suppress(total[f], k);
      }
      // A zero figure (no row) is below k too: it stays null.
      const sorted = [...rows.values()].sort((a, b) => a.organisation.localeCompare(b.organisation) || a.achievementTitle.localeCompare(b.achievementTitle) || a.achievementId.localeCompare(b.achievementId) || a.month.localeCompare(b.month));
      const document: OpenDataDocument = { k, range, suppressed: null, license: OPEN_DATA_LICENSE, generatedAt: deps.clock().toISOString(), rows: sorted };
      return cache.keep(key, document);
    },
  };
}

export type OpenData = ReturnType<typeof createOpenData>;
