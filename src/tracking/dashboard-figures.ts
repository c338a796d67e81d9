import { monthsOf } from './dashboard-range.js';
import type { AchievementFigures, DashboardRange, DashboardTotals, MonthFigures, PathwayFunnel, SkillFigures } from './dashboard.schema.js';
import type { MetricSums } from './dashboard.repository.js';

/**
 * Pure arithmetic of the dashboards: sums of the rollups pivoted into months, achievements and totals;
 * medians from histograms; rates; funnels. No I/O, so the counting rules are tested without a database.
 */

export const MONTH_METRICS = ['issued', 'revoked', 'suspended', 'reinstated', 'enrolments', 'completions', 'submissions', 'resubmissions', 'passed', 'returned', 'endorsements', 'verifications', 'pathway_completions'] as const;
type Metric = (typeof MONTH_METRICS)[number];

type Pivot = Map<string, Partial<Record<Metric, { inRange: number; toDate: number }>>>;

export function pivot(rows: MetricSums[]): Pivot {
  const result: Pivot = new Map();
  for (const row of rows) {
    const entry = result.get(row.key) ?? {};
    entry[row.metric as Metric] = { inRange: row.inRange, toDate: row.toDate };
    result.set(row.key, entry);
  }
  return result;
}

const get = (entry: Partial<Record<Metric, { inRange: number; toDate: number }>> | undefined, metric: Metric, which: 'inRange' | 'toDate' = 'inRange'): number =>
  entry?.[metric]?.[which] ?? 0;

/** A fraction, or null when there is nothing to divide by. */
export const rate = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

/** Valid credentials: issued − revoked − suspended + reinstated. */
const activeOf = (issued: number, revoked: number, suspended: number, reinstated: number): number => Math.max(0, issued - revoked - suspended + reinstated);

/** Every month of the range (zeros included) with "active" running on from everything before the range. */
export function monthSeries(range: DashboardRange, byMonth: Pivot): MonthFigures[] {
  const first = range.from;
  let issued = 0;
  let revoked = 0;
  let suspended = 0;
  let reinstated = 0;
  for (const [month, entry] of byMonth) {
    if (month >= first) continue;
    issued += get(entry, 'issued', 'toDate');
    revoked += get(entry, 'revoked', 'toDate');
    suspended += get(entry, 'suspended', 'toDate');
    reinstated += get(entry, 'reinstated', 'toDate');
  }
  return monthsOf(range).map((month) => {
    const entry = byMonth.get(month);
    issued += get(entry, 'issued');
    revoked += get(entry, 'revoked');
    suspended += get(entry, 'suspended');
    reinstated += get(entry, 'reinstated');
    return {
      month,
      issued: get(entry, 'issued'),
      revoked: get(entry, 'revoked'),
      suspended: get(entry, 'suspended'),
      reinstated: get(entry, 'reinstated'),
      active: activeOf(issued, revoked, suspended, reinstated),
      enrolments: get(entry, 'enrolments'),
      completions: get(entry, 'completions'),
      endorsements: get(entry, 'endorsements'),
      verifications: get(entry, 'verifications'),
    };
  });
}

/** The median of a histogram of whole days (the mean of the two middle values for an even count). */
export function medianOf(histogram: Array<{ days: number; count: number }>): number | null {
  const sorted = histogram.filter((h) => h.count > 0).sort((a, b) => a.days - b.days);
  const total = sorted.reduce((sum, h) => sum + h.count, 0);
  if (total === 0) return null;
  const at = (index: number): number => {
    let seen = 0;
    for (const h of sorted) {
      seen += h.count;
      if (index < seen) return h.days;
    }
    return sorted.at(-1)!.days;
  };
  return (at(Math.floor((total - 1) / 2)) + at(Math.floor(total / 2))) / 2;
}

export function totalsOf(months: MonthFigures[], byMonth: Pivot, histogram: Array<{ days: number; count: number }>): DashboardTotals {
  const sum = (metric: Metric) => [...byMonth.values()].reduce((total, entry) => total + get(entry, metric), 0);
  const enrolments = sum('enrolments');
  const completions = sum('completions');
  const passed = sum('passed');
  return {
    issued: sum('issued'),
    active: months.at(-1)?.active ?? 0,
    revoked: sum('revoked'),
    enrolments,
    completions,
    completionRate: rate(completions, enrolments),
    medianDaysToCredential: medianOf(histogram),
    passRate: rate(passed, passed + sum('returned')),
    resubmissions: sum('resubmissions'),
    endorsements: sum('endorsements'),
    verifications: sum('verifications'),
    pathwayCompletions: sum('pathway_completions'),
  };
}

/**
 * One row per achievement with any activity in the range, most enrolments first. Keys that are not
 * achievements (a pathway's completions are counted under the pathway's id) are left out by `names`.
 */
export function achievementRows(
  byAchievement: Pivot,
  histograms: Map<string, Array<{ days: number; count: number }>>,
  names: Map<string, { title: string; slug: string; organisation: string }>,
): AchievementFigures[] {
  const rows: AchievementFigures[] = [];
  for (const [id, entry] of byAchievement) {
    const name = names.get(id);
    if (!name) continue;
    const figures = MONTH_METRICS.filter((m) => m !== 'pathway_completions').map((m) => get(entry, m));
    if (figures.every((n) => n === 0)) continue;
    const enrolments = get(entry, 'enrolments');
    const completions = get(entry, 'completions');
    const passed = get(entry, 'passed');
    const returned = get(entry, 'returned');
    rows.push({
      achievementId: id,
      title: name.title,
      slug: name.slug,
      organisation: name.organisation,
      enrolments,
      completions,
      completionRate: rate(completions, enrolments),
      medianDaysToCredential: medianOf(histograms.get(id) ?? []),
      submissions: get(entry, 'submissions'),
      resubmissions: get(entry, 'resubmissions'),
      passed,
      returned,
      passRate: rate(passed, passed + returned),
      issued: get(entry, 'issued'),
      revoked: get(entry, 'revoked'),
      verifications: get(entry, 'verifications'),
    });
  }
  return rows.sort((a, b) => b.enrolments - a.enrolments || b.issued - a.issued || a.title.localeCompare(b.title));
}

/** Funnel steps from the learners per number of parts earned: enrolled ≥1 part, earned ≥1 … ≥n parts, completed. */
export function funnelOf(
  pathway: { pathwayId: string; slug: string; title: string; parts: number },
  counts: Array<{ earned: number; completed: boolean; learners: number }>,
): PathwayFunnel {
  const total = counts.reduce((sum, c) => sum + c.learners, 0);
  const earnedAtLeast = (n: number) => counts.filter((c) => c.earned >= n).reduce((sum, c) => sum + c.learners, 0);
  return {
    pathwayId: pathway.pathwayId,
    slug: pathway.slug,
    title: pathway.title,
    steps: [
      { key: 'enrolled', label: 'Enrolled in ≥1 part', learners: total },
      ...Array.from({ length: pathway.parts }, (_, i) => ({ key: `earned_${i + 1}`, label: `Earned ≥${i + 1} part${i === 0 ? '' : 's'}`, learners: earnedAtLeast(i + 1) })),
      { key: 'completed', label: 'Completed', learners: counts.filter((c) => c.completed).reduce((sum, c) => sum + c.learners, 0) },
    ],
  };
}

/** Skills by credentials certifying them: each achievement's issued credentials count once for each of its skills. */
export function topSkills(issued: Array<{ id: string; credentials: number }>, skillsOf: Map<string, Array<{ uri: string; label: string }>>, limit: number): SkillFigures[] {
  const bySkill = new Map<string, SkillFigures>();
  for (const { id, credentials } of issued) {
    for (const skill of skillsOf.get(id) ?? []) {
      const entry = bySkill.get(skill.uri) ?? { uri: skill.uri, label: skill.label, credentials: 0 };
      entry.credentials += credentials;
      bySkill.set(skill.uri, entry);
    }
  }
  return [...bySkill.values()].sort((a, b) => b.credentials - a.credentials || a.uri.localeCompare(b.uri)).slice(0, limit);
}
