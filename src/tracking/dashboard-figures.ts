import { monthsOf } from './dashboard-range.js';
import type { AchievementFigures, DashboardRange, DashboardTotals, Month, MonthFigures, PathwayFunnel, SkillFigures } from './dashboard.schema.js';
import { ROLLUP_FIGURES, type Figures } from './rollup.tables.js';

/**
 * Pure arithmetic of the dashboards: the rollups' sums laid out as months, achievements and totals;
 * medians from histograms; rates; funnels. No I/O, so the counting rules are tested without a database.
 */

export const noFigures = (): Figures => Object.fromEntries(ROLLUP_FIGURES.map((f) => [f, 0])) as Figures;

export function addFigures(into: Figures, more: Figures): Figures {
  for (const f of ROLLUP_FIGURES) into[f] += more[f];
  return into;
}

/** A fraction, or null when there is nothing to divide by. */
export const rate = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

/**
 * Valid credentials: issued + reinstated − deactivated, where `deactivated` counts each move out of
 * "active" once (a credential suspended and then revoked left it once, when it was suspended).
 */
export const activeOf = (figures: Pick<Figures, 'issued' | 'reinstated' | 'deactivated'>): number => Math.max(0, figures.issued + figures.reinstated - figures.deactivated);

/** Every month of the range (zeros included) with "active" running on from everything before the range. */
export function monthSeries(range: DashboardRange, monthly: { before: Figures; months: Map<Month, Figures> }): MonthFigures[] {
  const running = addFigures(noFigures(), monthly.before);
  return monthsOf(range).map((month) => {
    const figures = monthly.months.get(month) ?? noFigures();
    addFigures(running, figures);
    return {
      month,
      issued: figures.issued,
      revoked: figures.revoked,
      suspended: figures.suspended,
      reinstated: figures.reinstated,
      active: activeOf(running),
      enrolments: figures.enrolments,
      completions: figures.completions,
      endorsements: figures.endorsements,
      verifications: figures.verifications,
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

/** The range's totals: its months' figures summed, "active" as at its end. */
export function totalsOf(months: MonthFigures[], monthly: { months: Map<Month, Figures> }, histogram: Array<{ days: number; count: number }>): DashboardTotals {
  const sum = months.reduce((total, m) => addFigures(total, monthly.months.get(m.month) ?? noFigures()), noFigures());
  return {
    issued: sum.issued,
    active: months.at(-1)?.active ?? 0,
    revoked: sum.revoked,
    enrolments: sum.enrolments,
    completions: sum.completions,
    completionRate: rate(sum.completions, sum.enrolments),
    medianDaysToCredential: medianOf(histogram),
    passRate: rate(sum.passed, sum.passed + sum.returned),
    resubmissions: sum.resubmissions,
    endorsements: sum.endorsements,
    verifications: sum.verifications,
    pathwayCompletions: sum.pathway_completions,
  };
}

/**
 * One row per achievement with any activity in the range, most enrolments first. Keys that are not
 * achievements (a pathway's completions are counted under the pathway's id) are left out by `names`.
 */
export function achievementRows(
  byAchievement: Map<string, Figures>,
  histograms: Map<string, Array<{ days: number; count: number }>>,
  names: Map<string, { title: string; slug: string; organisation: string }>,
): AchievementFigures[] {
  const rows: AchievementFigures[] = [];
  for (const [id, f] of byAchievement) {
    const name = names.get(id);
    if (!name) continue;
    if (ROLLUP_FIGURES.every((figure) => figure === 'pathway_completions' || f[figure] === 0)) continue;
    rows.push({
      achievementId: id,
      title: name.title,
      slug: name.slug,
      organisation: name.organisation,
      enrolments: f.enrolments,
      completions: f.completions,
      completionRate: rate(f.completions, f.enrolments),
      medianDaysToCredential: medianOf(histograms.get(id) ?? []),
      submissions: f.submissions,
      resubmissions: f.resubmissions,
      passed: f.passed,
      returned: f.returned,
      passRate: rate(f.passed, f.passed + f.returned),
      issued: f.issued,
      revoked: f.revoked,
      verifications: f.verifications,
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
