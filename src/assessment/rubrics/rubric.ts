import type { Rubric, RubricCriterion, RubricLevel } from './rubric.schema.js';

/**
 * Pure rules over a rubric: the checks that need the whole definition (outcome ids, level names across
 * criteria) and the pass decision over one set of scores. No I/O; the catalogue calls `rubricIssues` when
 * a definition is written, the review service calls `evaluateRubric` when an assessor decides.
 */

export interface RubricIssue {
  path: string;
  message: string;
}

const levelIndex = (criterion: RubricCriterion, levelName: string): number => criterion.levels.findIndex((level) => level.name === levelName);

const maxPoints = (criteria: RubricCriterion[]): number => criteria.reduce((sum, c) => sum + c.levels[c.levels.length - 1]!.points, 0);

/**
 * True when passing is impossible without a performance criterion: a rule that every criterion reach a
 * level (performance ones included), a performance criterion among the required ones, or a minimum of
 * points the other criteria cannot make up on their own.
 */
export function passRuleNeedsPerformance(rubric: Rubric): boolean {
  const { passRule, criteria } = rubric;
  const performance = new Set(criteria.filter((c) => c.kind === 'performance').map((c) => c.id));
  if (performance.size === 0) return false;
  if (passRule.everyCriterionAtLeast !== undefined) return true;
  if (passRule.requiredCriteria.some((r) => performance.has(r.criterion))) return true;
  return passRule.minimumPoints !== undefined && passRule.minimumPoints > maxPoints(criteria.filter((c) => !performance.has(c.id)));
}

/** Every cross-reference of a rubric against its definition's outcomes, each with its path. */
export function rubricIssues(rubric: Rubric, outcomeIds: readonly string[], pathPrefix = 'rubric.'): RubricIssue[] {
  const issues: RubricIssue[] = [];
  const known = new Set(outcomeIds);
  rubric.criteria.forEach((criterion, i) => {
    criterion.outcomes.forEach((outcome, j) => {
      if (!known.has(outcome)) issues.push({ path: `${pathPrefix}criteria.${i}.outcomes.${j}`, message: `"${outcome}" is not one of this definition's outcomes (${outcomeIds.join(', ')})` });
    });
  });
  const { passRule } = rubric;
  if (passRule.everyCriterionAtLeast !== undefined) {
    rubric.criteria.forEach((criterion, i) => {
      if (levelIndex(criterion, passRule.everyCriterionAtLeast!) < 0) {
        issues.push({ path: `${pathPrefix}criteria.${i}.levels`, message: `the pass rule needs every criterion to have a level named "${passRule.everyCriterionAtLeast}"` });
      }
    });
  }
  passRule.requiredCriteria.forEach((required, i) => {
    const criterion = rubric.criteria.find((c) => c.id === required.criterion);
    if (!criterion) issues.push({ path: `${pathPrefix}passRule.requiredCriteria.${i}.criterion`, message: `no criterion "${required.criterion}"` });
    else if (levelIndex(criterion, required.atLeast) < 0) issues.push({ path: `${pathPrefix}passRule.requiredCriteria.${i}.atLeast`, message: `criterion "${criterion.id}" has no level named "${required.atLeast}"` });
  });
  if (passRule.minimumPoints !== undefined && passRule.minimumPoints > maxPoints(rubric.criteria)) {
    issues.push({ path: `${pathPrefix}passRule.minimumPoints`, message: `no learner can pass: the criteria's top levels add up to ${maxPoints(rubric.criteria)} points` });
  }
  if (!rubric.criteria.some((c) => c.kind === 'performance')) {
    issues.push({ path: `${pathPrefix}criteria`, message: 'a rubric needs at least one performance criterion: multiple-choice or knowledge checks alone cannot decide a pass' });
  } else if (!passRuleNeedsPerformance(rubric)) {
    issues.push({ path: `${pathPrefix}passRule`, message: 'the pass rule must depend on a performance criterion (require one, set a level every criterion must reach, or a minimum the other criteria cannot reach alone)' });
  }
  return issues;
}

/** A level an assessor gave a criterion, by their ids. */
export interface CriterionScore {
  criterion: string;
  level: string;
}

export interface RubricOutcome {
  passed: boolean;
  totalPoints: number;
  maxPoints: number;
  /** Why it did not pass, one sentence per unmet part of the rule; empty on a pass. */
  unmet: string[];
}

/** The level records of a complete set of scores, in rubric order; undefined entries mark what is missing or unknown. */
export function scoredLevels(rubric: Rubric, scores: readonly CriterionScore[]): Array<{ criterion: RubricCriterion; level: RubricLevel | undefined }> {
  const byCriterion = new Map(scores.map((s) => [s.criterion, s.level]));
  return rubric.criteria.map((criterion) => ({ criterion, level: criterion.levels.find((l) => l.id === byCriterion.get(criterion.id)) }));
}

/** Problems with a set of scores: a criterion missing or scored twice, an unknown criterion or level. */
export function scoreIssues(rubric: Rubric, scores: readonly CriterionScore[]): string[] {
  const issues: string[] = [];
  const seen = new Set<string>();
  for (const score of scores) {
    const criterion = rubric.criteria.find((c) => c.id === score.criterion);
    if (!criterion) issues.push(`"${score.criterion}" is not a criterion of this rubric`);
    else if (!criterion.levels.some((l) => l.id === score.level)) issues.push(`criterion "${score.criterion}" has no level "${score.level}" (${criterion.levels.map((l) => l.id).join(', ')})`);
    if (seen.has(score.criterion)) issues.push(`criterion "${score.criterion}" is scored twice`);
    seen.add(score.criterion);
  }
  for (const criterion of rubric.criteria) if (!seen.has(criterion.id)) issues.push(`criterion "${criterion.id}" is not scored`);
  return issues;
}

/** Applies the pass rule to a complete, valid set of scores (check `scoreIssues` first). */
export function evaluateRubric(rubric: Rubric, scores: readonly CriterionScore[]): RubricOutcome {
  const scored = scoredLevels(rubric, scores);
  const totalPoints = scored.reduce((sum, s) => sum + (s.level?.points ?? 0), 0);
  const rank = (criterion: RubricCriterion, levelId: string | undefined) => criterion.levels.findIndex((l) => l.id === levelId);
  const unmet: string[] = [];
  const { passRule } = rubric;
  if (passRule.everyCriterionAtLeast !== undefined) {
    for (const { criterion, level } of scored) {
      if (rank(criterion, level?.id) < levelIndex(criterion, passRule.everyCriterionAtLeast)) unmet.push(`"${criterion.name}" is below "${passRule.everyCriterionAtLeast}"`);
    }
  }
  for (const required of passRule.requiredCriteria) {
    const entry = scored.find((s) => s.criterion.id === required.criterion);
    if (entry && rank(entry.criterion, entry.level?.id) < levelIndex(entry.criterion, required.atLeast)) unmet.push(`"${entry.criterion.name}" must reach "${required.atLeast}"`);
  }
  if (passRule.minimumPoints !== undefined && totalPoints < passRule.minimumPoints) unmet.push(`${totalPoints} points, below the ${passRule.minimumPoints} needed`);
  return { passed: unmet.length === 0, totalPoints, maxPoints: maxPoints(rubric.criteria), unmet: [...new Set(unmet)] };
}
