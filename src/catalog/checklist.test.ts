import { describe, expect, it } from 'vitest';
import { demoAchievements } from '../demo/demo-achievements.js';
import { achievementDefinitionSchema, type AchievementDefinition } from './achievement.schema.js';
import { blockingItems, buildChecklist, CHECK_IDS, osapEligibility, type CheckId, type ChecklistContext } from './checklist.js';

const complete = (): AchievementDefinition => achievementDefinitionSchema.parse(structuredClone(demoAchievements[0]!.definition));
const issuer: ChecklistContext = { issuer: { name: 'Northbridge College', kind: 'issuer' }, endorsementsCount: 1 };

const statusOf = (definition: AchievementDefinition, id: CheckId, context: ChecklistContext = issuer) => {
  const item = buildChecklist(definition, context).items.find((i) => i.id === id);
  if (!item) throw new Error(`no check ${id}`);
  return item;
};

/** One case per element: a change that makes it fall short, and the status it then has. */
const shortfalls: Array<{ id: CheckId; change(d: AchievementDefinition): void; context?: Partial<ChecklistContext>; expected: 'missing' | 'warning' }> = [
  { id: CHECK_IDS.relevance, change: (d) => (d.labourMarket.employerPartners = []), expected: 'warning' },
  { id: CHECK_IDS.extensibility, change: (d) => delete d.stackability, expected: 'warning' },
  { id: CHECK_IDS.issuingBody, change: () => undefined, context: { issuer: { name: 'Bluewater', kind: 'employer' } }, expected: 'missing' },
  { id: CHECK_IDS.competencyAlignment, change: (d) => (d.outcomes[1]!.escoSkills = []), expected: 'missing' },
  { id: CHECK_IDS.outcomes, change: (d) => (d.outcomes = d.outcomes.slice(0, 2)), expected: 'missing' },
  { id: CHECK_IDS.summativeAssessment, change: (d) => (d.evidenceRequirements = []), expected: 'missing' },
  {
    id: CHECK_IDS.summativeAssessment,
    change: (d) => {
      d.assessment.performanceBased = false;
      delete d.rubric;
    },
    expected: 'missing',
  },
  { id: CHECK_IDS.transcriptable, change: (d) => (d.credit.value = 0), expected: 'warning' },
  { id: CHECK_IDS.partnerEndorsement, change: () => undefined, context: { endorsementsCount: 0 }, expected: 'warning' },
  { id: CHECK_IDS.euIssuerCountry, change: (d) => delete d.issuerLocation, expected: 'warning' },
  { id: CHECK_IDS.euAwardingBody, change: () => undefined, context: { issuer: { name: 'Harbour', kind: 'industry_partner' } }, expected: 'missing' },
  { id: CHECK_IDS.euWorkload, change: (d) => (d.credit.system = 'institution'), expected: 'warning' },
  { id: CHECK_IDS.euLevel, change: (d) => delete d.eqfLevel, expected: 'warning' },
  { id: CHECK_IDS.euQualityAssurance, change: (d) => delete d.qualityAssurance, expected: 'warning' },
  { id: CHECK_IDS.euPrerequisites, change: (d) => delete d.prerequisites, expected: 'warning' },
  { id: CHECK_IDS.euStackability, change: (d) => (d.stackability = { pathways: [] }), expected: 'warning' },
  { id: CHECK_IDS.euValidity, change: (d) => delete d.validity, expected: 'warning' },
];

describe('quality checklist', () => {
  it('meets every element for a complete definition, and is publishable', () => {
    const checklist = buildChecklist(complete(), issuer);
    expect(checklist.items.filter((i) => i.status !== 'met')).toEqual([]);
    expect(checklist.items.every((i) => i.whatToDo === null)).toBe(true);
    expect(checklist.publishable).toBe(true);
    expect(new Set(checklist.items.map((i) => i.id))).toEqual(new Set(Object.values(CHECK_IDS)));
  });

  for (const demo of demoAchievements) {
    it(`demo micro-credential ${demo.slug} parses and is publishable`, () => {
      expect(buildChecklist(achievementDefinitionSchema.parse(demo.definition), issuer).publishable).toBe(true);
    });
  }

  it('counts a rubric with a performance criterion as performance-based assessment', () => {
    const definition = complete();
    definition.assessment.performanceBased = false;
    const item = statusOf(definition, CHECK_IDS.summativeAssessment);
    expect(item.status).toBe('met');
    expect(item.detail).toMatch(/rubric of 4 criteria, 3 performance-based/);
  });

  for (const shortfall of shortfalls) {
    it(`${shortfall.id} is ${shortfall.expected} when it falls short, with what to do`, () => {
      const definition = complete();
      shortfall.change(definition);
      const item = statusOf(definition, shortfall.id, { ...issuer, ...shortfall.context });
      expect(item.status).toBe(shortfall.expected);
      expect(item.whatToDo).toMatch(/\w{3,}/);
      expect(buildChecklist(definition, { ...issuer, ...shortfall.context }).publishable).toBe(shortfall.expected !== 'missing');
      // The untouched definition meets it.
      expect(statusOf(complete(), shortfall.id).status).toBe('met');
    });
  }

  it('blocks publishing on exactly the essential elements: issuer, outcomes, assessment, alignment', () => {
    const definition = complete();
    definition.outcomes = [{ ...definition.outcomes[0]!, escoSkills: [] }];
    definition.evidenceRequirements = [];
    const checklist = buildChecklist(definition, { issuer: { name: 'Bluewater', kind: 'employer' }, endorsementsCount: 0 });
    expect(blockingItems(checklist).map((i) => i.id).sort()).toEqual(
      [CHECK_IDS.issuingBody, CHECK_IDS.outcomes, CHECK_IDS.summativeAssessment, CHECK_IDS.competencyAlignment, CHECK_IDS.euAwardingBody].sort(),
    );
    expect(checklist.publishable).toBe(false);
  });

  it('warns rather than blocks when there are more outcomes than a focused micro-credential has', () => {
    const definition = complete();
    definition.outcomes.push({ ...definition.outcomes[0]!, id: 'o5' });
    expect(statusOf(definition, CHECK_IDS.outcomes).status).toBe('warning');
  });

  it('reports supervision and identity checking as stated', () => {
    const definition = complete();
    definition.assessment.supervised = false;
    definition.assessment.identityChecked = false;
    expect(statusOf(definition, CHECK_IDS.euSupervisionIdentity).detail).toBe('Unsupervised, without identity verification.');
  });
});

describe('OSAP eligibility (between 5 and 300 hours, under 12 weeks)', () => {
  const cases: Array<[hours: number, weeks: number, eligible: boolean]> = [
    [4, 4, false],
    [5, 4, true],
    [300, 4, true],
    [301, 4, false],
    [30, 11, true],
    [30, 12, false],
    [5, 11, true],
    [300, 12, false],
  ];
  for (const [hours, weeks, eligible] of cases) {
    it(`${hours} hours over ${weeks} weeks → ${eligible ? 'eligible' : 'not eligible'}`, () => {
      const result = osapEligibility({ notionalHours: hours, durationWeeks: weeks });
      expect(result.eligible).toBe(eligible);
      expect(result.rules.filter((r) => !r.met).length > 0).toBe(!eligible);
    });
  }

  it('is part of every checklist', () => {
    expect(buildChecklist(complete(), issuer).osap.eligible).toBe(true);
  });
});
