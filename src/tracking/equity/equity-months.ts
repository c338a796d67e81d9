import { monthsOf } from '../dashboard-range.js';
import type { DashboardRange, Month } from '../dashboard.schema.js';
import { recentResults } from '../recent-results.js';
import { equityAggregates, type EquityAggregates } from './equity-aggregates.js';
import type { EquityField } from './equity-fields.js';
import type { EquityCount, EquityRepository } from './equity.repository.js';
import type { EquityCell } from './equity.schema.js';

/** Organisation × month aggregates kept (each holds every achievement's cells of that month). */
const KEPT_MONTHS = 480;

/**
 * An organisation's suppressed equity aggregates over a range, month by month. Every month is its own set of
 * tables (months are fixed cells), so a month computed once is kept until its version moves (the fold moves
 * it for the months its enrolments, passes and credentials fall in; the declaration triggers for the months
 * of the figures an answer change moves): a breakdown after new activity recomputes only the months it
 * touched. Versions are read before the counts, so a result is never kept under a newer version than its data.
 */
export function createEquityMonths(deps: { equity: Pick<EquityRepository, 'monthVersions' | 'counts'>; k: number }) {
  const kept = recentResults<EquityAggregates>(KEPT_MONTHS);

  async function aggregates(organisationId: string, range: DashboardRange, fields: readonly EquityField[]): Promise<EquityAggregates[]> {
    const months = monthsOf(range);
    const versions = await deps.equity.monthVersions(organisationId, months);
    const fieldKeys = fields.map((f) => f.key).join(',');
    const keyOf = (month: Month) => `${organisationId} ${month} ${versions.get(month) ?? 0} ${fieldKeys}`;
    const found = new Map<Month, EquityAggregates>();
    for (const month of months) {
      const known = kept.get(keyOf(month));
      if (known) found.set(month, known);
    }
    const missing = months.filter((month) => !found.has(month));
    if (missing.length > 0) {
      const byMonth = new Map<Month, EquityCount[]>(missing.map((month) => [month, []]));
      for (const count of await deps.equity.counts(organisationId, missing)) byMonth.get(count.month)?.push(count);
      for (const [month, counts] of byMonth) found.set(month, kept.keep(keyOf(month), equityAggregates(counts, fields, deps.k)));
    }
    return months.map((month) => found.get(month)!);
  }

  return {
    /** The organisation's cells over the range, in month order. */
    async organisation(organisationId: string, range: DashboardRange, fields: readonly EquityField[]): Promise<EquityCell[]> {
      return (await aggregates(organisationId, range, fields)).flatMap((month) => month.organisation);
    },

    /** One achievement's cells over the range (suppressed with the organisation's others), in month order. */
    async achievement(organisationId: string, achievementId: string, range: DashboardRange, fields: readonly EquityField[]): Promise<EquityCell[]> {
      return (await aggregates(organisationId, range, fields)).flatMap((month) => month.achievements.get(achievementId) ?? []);
    },

    /** Every achievement's cells over the range, each in month order. */
    async achievements(organisationId: string, range: DashboardRange, fields: readonly EquityField[]): Promise<Map<string, EquityCell[]>> {
      const all = new Map<string, EquityCell[]>();
      for (const month of await aggregates(organisationId, range, fields)) {
        for (const [id, cells] of month.achievements) {
          const list = all.get(id) ?? [];
          list.push(...cells);
          all.set(id, list);
        }
      }
      return all;
    },
  };
}

export type EquityMonths = ReturnType<typeof createEquityMonths>;
