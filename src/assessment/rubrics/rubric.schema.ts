import { z } from 'zod';

/**
 * The rubric of an achievement version: criteria mapped to the definition's outcomes, each with ordered
 * levels, and the pass rule the issuer sets. It lives inside the achievement definition, so it is
 * versioned with it and immutable once published (a learner is judged by the rubric they enrolled under).
 * OB 3.0 carries it as `ResultDescription`s of resultType `RubricCriterionLevel`.
 * @see https://www.imsglobal.org/spec/ob/v3p0/#resultdescription
 */

const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const localId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and hyphens, at most 40 characters');

/**
 * How a criterion is judged. Only `performance` criteria show what a person can do; a rubric needs at
 * least one, and its pass rule must depend on one (a multiple-choice-only test is not summative assessment
 * of a skill).
 */
export const CRITERION_KINDS = ['performance', 'knowledge-check', 'multiple-choice', 'oral'] as const;
export type CriterionKind = (typeof CRITERION_KINDS)[number];

export const rubricLevelSchema = z
  .object({ id: localId, name: text(1, 100), description: text(1, 1000), points: z.number().int().min(0).max(1000) })
  .strict();

const uniqueIds = (items: Array<{ id: string }>, ctx: z.RefinementCtx, what: string) => {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate ${what} id "${item.id}"` });
    seen.add(item.id);
  });
};

export const rubricCriterionSchema = z
  .object({
    id: localId,
    name: text(3, 200),
    description: text(1, 2000).optional(),
    kind: z.enum(CRITERION_KINDS),
    /** Ids of the definition's outcomes this criterion assesses; its ESCO alignments are theirs. */
    outcomes: z.array(localId).min(1, 'a criterion assesses at least one outcome').max(6),
    /** Lowest first; points strictly rise, so "at or above a level" is unambiguous. */
    levels: z
      .array(rubricLevelSchema)
      .min(2, 'at least two levels (one that does not meet the criterion and one that does)')
      .max(6)
      .superRefine((levels, ctx) => {
        uniqueIds(levels, ctx, 'level');
        levels.forEach((level, i) => {
          if (i > 0 && level.points <= levels[i - 1]!.points) ctx.addIssue({ code: 'custom', path: [i, 'points'], message: 'levels are listed lowest first, with strictly rising points' });
        });
      }),
  })
  .strict();

export const passRuleSchema = z
  .object({
    /** Every criterion must reach the level of this name (or one above it); each criterion must have it. */
    everyCriterionAtLeast: text(1, 100).optional(),
    /** The points of the achieved levels must add up to at least this. */
    minimumPoints: z.number().int().min(1).max(100_000).optional(),
    /** Criteria that must reach a named level whatever the total. */
    requiredCriteria: z.array(z.object({ criterion: localId, atLeast: text(1, 100) }).strict()).max(20).default([]),
  })
  .strict()
  .refine((rule) => rule.everyCriterionAtLeast !== undefined || rule.minimumPoints !== undefined || rule.requiredCriteria.length > 0, 'a pass rule needs a level every criterion must reach, a minimum of points, or required criteria');

export const rubricSchema = z
  .object({
    criteria: z.array(rubricCriterionSchema).min(1).max(12).superRefine((criteria, ctx) => uniqueIds(criteria, ctx, 'criterion')),
    passRule: passRuleSchema,
  })
  .strict();

export type Rubric = z.infer<typeof rubricSchema>;
export type RubricCriterion = z.infer<typeof rubricCriterionSchema>;
export type RubricLevel = z.infer<typeof rubricLevelSchema>;
export type PassRule = z.infer<typeof passRuleSchema>;
