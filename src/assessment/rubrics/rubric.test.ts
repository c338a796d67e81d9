import { describe, expect, it } from 'vitest';
import { achievementDefinitionSchema, type AchievementDefinition } from '../../catalog/achievement.schema.js';
import { demoAchievements } from '../../demo/demo-achievements.js';
import { evaluateRubric, passRuleNeedsPerformance, rubricIssues, scoreIssues } from './rubric.js';
import type { Rubric } from './rubric.schema.js';

const definition = (index = 0): AchievementDefinition => structuredClone(demoAchievements[index]!.definition);
const rubricOf = (index = 0): Rubric => definition(index).rubric!;
const all = (rubric: Rubric, level: string) => rubric.criteria.map((c) => ({ criterion: c.id, level }));
const messages = (d: AchievementDefinition): string[] => {
  const parsed = achievementDefinitionSchema.safeParse(d);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('rubric rules', () => {
  it('accepts the demo rubrics', () => {
    for (const [i] of demoAchievements.entries()) expect(messages(definition(i))).toEqual([]);
  });

  it('keeps definitions without a rubric valid (drafts written before rubrics existed)', () => {
    const d = definition();
    delete d.rubric;
    delete d.maxResubmissions;
    expect(messages(d)).toEqual([]);
  });

  it('refuses a rubric of multiple-choice and knowledge checks only', () => {
    const d = definition();
    d.rubric!.criteria = d.rubric!.criteria.map((c) => ({ ...c, kind: c.id === 'conclusions' ? 'knowledge-check' : 'multiple-choice' }));
    expect(messages(d)).toEqual(['rubric.criteria: a rubric needs at least one performance criterion: multiple-choice or knowledge checks alone cannot decide a pass']);
  });

  it('refuses a pass rule that multiple-choice points alone could meet', () => {
    const rubric = rubricOf(1);
    // 3 performance criteria and a quiz worth 3 points: 3 points need no performance criterion.
    rubric.passRule = { minimumPoints: 3, requiredCriteria: [] };
    expect(passRuleNeedsPerformance(rubric)).toBe(false);
    expect(rubricIssues(rubric, ['o1', 'o2', 'o3']).map((i) => i.path)).toEqual(['rubric.passRule']);
    rubric.passRule = { minimumPoints: 4, requiredCriteria: [] };
    expect(passRuleNeedsPerformance(rubric)).toBe(true);
  });

  it('reports each broken cross-reference with its path', () => {
    const d = definition();
    d.rubric!.criteria[0]!.outcomes = ['o9'];
    d.rubric!.criteria[1]!.levels[2]!.name = 'Proficient';
    d.rubric!.passRule.requiredCriteria = [{ criterion: 'nope', atLeast: 'Competent' }];
    expect(messages(d)).toEqual([
      'rubric.criteria.0.outcomes.0: "o9" is not one of this definition\'s outcomes (o1, o2, o3, o4)',
      'rubric.criteria.1.levels: the pass rule needs every criterion to have a level named "Competent"',
      'rubric.passRule.requiredCriteria.0.criterion: no criterion "nope"',
    ]);
  });

  it('refuses levels out of order and unreachable minimums', () => {
    const d = definition();
    d.rubric!.criteria[0]!.levels[1]!.points = 0;
    expect(messages(d)).toEqual(['rubric.criteria.0.levels.1.points: levels are listed lowest first, with strictly rising points']);
    const rubric = rubricOf(1);
    rubric.passRule.minimumPoints = 13;
    expect(rubricIssues(rubric, ['o1', 'o2', 'o3'])[0]).toMatchObject({ path: 'rubric.passRule.minimumPoints' });
  });

  it('passes when every criterion reaches the named level, and says which fell short', () => {
    const rubric = rubricOf();
    expect(evaluateRubric(rubric, all(rubric, 'competent'))).toEqual({ passed: true, totalPoints: 8, maxPoints: 12, unmet: [] });
    const scores = all(rubric, 'exemplary').map((s, i) => (i === 2 ? { ...s, level: 'developing' } : s));
    expect(evaluateRubric(rubric, scores)).toMatchObject({ passed: false, unmet: ['"Conclusions and limits" is below "Competent"'] });
  });

  it('applies minimum points together with required criteria', () => {
    const rubric = rubricOf(1);
    const levels = (hazard: string, controls: string, briefing: string, quiz: string) => [
      { criterion: 'hazard-identification', level: hazard },
      { criterion: 'controls', level: controls },
      { criterion: 'briefing', level: briefing },
      { criterion: 'regulations-quiz', level: quiz },
    ];
    expect(evaluateRubric(rubric, levels('competent', 'competent', 'competent', 'competent')).passed).toBe(true);
    expect(evaluateRubric(rubric, levels('exemplary', 'exemplary', 'not-yet', 'not-yet'))).toMatchObject({ passed: false, totalPoints: 6, unmet: ['6 points, below the 8 needed'] });
    expect(evaluateRubric(rubric, levels('developing', 'exemplary', 'exemplary', 'exemplary'))).toMatchObject({ passed: false, totalPoints: 10, unmet: ['"Hazard identification and risk rating" must reach "Competent"'] });
  });

  it('finds missing, doubled and unknown scores', () => {
    const rubric = rubricOf();
    expect(scoreIssues(rubric, all(rubric, 'competent'))).toEqual([]);
    expect(scoreIssues(rubric, [{ criterion: 'data-preparation', level: 'competent' }, { criterion: 'data-preparation', level: 'great' }, { criterion: 'x', level: 'competent' }])).toEqual([
      'criterion "data-preparation" has no level "great" (not-yet, developing, competent, exemplary)',
      'criterion "data-preparation" is scored twice',
      '"x" is not a criterion of this rubric',
      'criterion "analysis" is not scored',
      'criterion "conclusions" is not scored',
      'criterion "self-checking" is not scored',
    ]);
  });
});
