import { z } from 'zod';
import { rubricIssues } from '../assessment/rubrics/rubric.js';
import { rubricSchema } from '../assessment/rubrics/rubric.schema.js';

/**
 * A micro-credential definition: what an issuer states about an Achievement version. The single source of
 * truth for the catalogue: the API's request bodies, the service's checks, the checklist and the OB 3.0
 * document all read this shape. Field names follow OB 3.0 where it has one (`criteria`, `fieldOfStudy`,
 * `humanCode`) and the EU micro-credential standard elements (Council Recommendation 2022/C 243/02, Annex I)
 * otherwise.
 *
 * Definitions are validated when written. Published versions are immutable records of what an issuer said,
 * so they are not re-validated when read: a later, stricter schema must not make history unreadable.
 * Rules that depend on the moment (a new cohort may not start in the past) or on other data (ESCO URIs must
 * exist) are the service's, not this schema's.
 */

const text = (min: number, max: number) => z.string().trim().min(min).max(max);
/** A calendar date, `YYYY-MM-DD`. */
const isoDate = z.iso.date();

export const ESCO_SKILL_URI = /^http:\/\/data\.europa\.eu\/esco\/skill\/[0-9a-f-]{36}$/;
export const ESCO_OCCUPATION_URI = /^http:\/\/data\.europa\.eu\/esco\/occupation\/[0-9a-f-]{36}$/;

const escoReference = (pattern: RegExp, what: string) =>
  z.object({ uri: z.string().max(200).regex(pattern, `must be an ESCO ${what} URI (http://data.europa.eu/esco/${what}/<uuid>)`), label: text(1, 300) }).strict();

export const escoSkillReference = escoReference(ESCO_SKILL_URI, 'skill');
export const escoOccupationReference = escoReference(ESCO_OCCUPATION_URI, 'occupation');

export const OUTCOME_KINDS = ['knowledge', 'skill', 'attitude'] as const;

export const outcomeSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and hyphens, at most 40 characters'),
    statement: text(10, 1000),
    kind: z.enum(OUTCOME_KINDS),
    /** May be empty in a draft; publishing needs every outcome aligned (checklist `framework.competency_alignment`). */
    escoSkills: z.array(escoSkillReference).max(5),
  })
  .strict();

/** Ontario Qualifications Framework categories (ontario.ca/page/ontario-qualifications-framework). */
export const OQF_CATEGORIES = [
  'secondary-school-diploma',
  'certificate-i',
  'certificate-ii',
  'apprenticeship-certificate',
  'certificate-of-qualification',
  'certificate-iii',
  'diploma-i',
  'diploma-ii',
  'advanced-diploma',
  'ontario-college-graduate-certificate',
  'bachelors-degree',
  'bachelors-degree-honours',
  'masters-degree',
  'doctoral-degree',
] as const;

export const DELIVERY_MODES = ['online', 'in-person', 'blended', 'workplace'] as const;

/** NOC 2021 unit groups are five digits (Statistics Canada / ESDC). */
export const nocCodeSchema = z.object({ code: z.string().regex(/^\d{5}$/, 'a NOC 2021 code is five digits, e.g. 13110'), title: text(1, 300) }).strict();
/** CIP Canada 2021 instructional programs are `NN.NNNN`. */
export const cipCodeSchema = z.object({ code: z.string().regex(/^\d{2}\.\d{4}$/, 'a CIP 2021 code is NN.NNNN, e.g. 52.0201'), title: text(1, 300) }).strict();

export const cohortSchema = z.object({ startsOn: isoDate, capacity: z.number().int().min(1).max(100_000).optional() }).strict();

export const startDatesSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('on-demand') }).strict(),
  z.object({ kind: z.literal('cohorts'), cohorts: z.array(cohortSchema).min(1).max(50) }).strict(),
]);

const unique = <T>(key: (item: T) => string, what: string) => (items: T[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const value = key(item);
    if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [index], message: `duplicate ${what} "${value}"` });
    seen.add(value);
  });
};

export const achievementDefinitionSchema = z
  .object({
    title: text(3, 200),
    description: text(20, 5000),
    criteria: text(10, 5000),
    humanCode: text(1, 40).optional(),
    fieldOfStudy: text(1, 200).optional(),
    /** EU element "country(ies)/region(s) of the issuer". */
    issuerLocation: z.object({ country: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2, e.g. CA'), region: text(1, 100).optional() }).strict().optional(),
    outcomes: z.array(outcomeSchema).min(1, 'at least one learning outcome').max(6).superRefine(unique((o) => o.id, 'outcome id')),
    assessment: z.object({ form: text(3, 500), performanceBased: z.boolean(), supervised: z.boolean(), identityChecked: z.boolean() }).strict(),
    evidenceRequirements: z.array(text(3, 500)).max(10),
    /** Notional learning hours: what a typical learner needs to reach the outcomes. */
    notionalHours: z.number().int().min(1).max(2000),
    /** Calendar length of the offering, for the OSAP rule (under 12 weeks). */
    durationWeeks: z.number().int().min(1).max(104),
    credit: z.object({ value: z.number().min(0, 'credits cannot be negative').max(240), system: z.enum(['ECTS', 'institution']) }).strict(),
    eqfLevel: z.number().int().min(1).max(8).optional(),
    oqfCategory: z.enum(OQF_CATEGORIES).optional(),
    noc: z.array(nocCodeSchema).max(3, 'at most three NOC codes').superRefine(unique((n) => n.code, 'NOC code')),
    cip: cipCodeSchema.optional(),
    /** BCP 47, in the form OB 3.0's LanguageCode accepts. */
    language: z.string().regex(/^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$/, 'a BCP 47 language tag, e.g. en or fr-CA'),
    deliveryModes: z.array(z.enum(DELIVERY_MODES)).min(1).max(DELIVERY_MODES.length).superRefine(unique((m) => m, 'delivery mode')),
    price: z.object({ amount: z.number().min(0).max(1_000_000), currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217, e.g. CAD') }).strict(),
    startDates: startDatesSchema,
    assessmentOnlyRoute: z.boolean(),
    /** Free text; "None" is a statement too. */
    prerequisites: text(1, 2000).optional(),
    validity: z.object({ validForMonths: z.number().int().min(1).max(600).nullable(), reviewBy: isoDate }).strict().optional(),
    labourMarket: z
      .object({
        escoOccupations: z.array(escoOccupationReference).max(10),
        employerPartners: z.array(z.object({ name: text(1, 200), consultedOn: isoDate }).strict()).max(20),
      })
      .strict(),
    /** Pathways this micro-credential stacks into: free text or ids until pathways exist. */
    stackability: z.object({ pathways: z.array(text(1, 300)).max(20), notes: text(1, 2000).optional() }).strict().optional(),
    qualityAssurance: z.object({ assuredBy: text(1, 300), method: text(3, 1000), assuredOn: isoDate }).strict().optional(),
    /** How assessors judge submissions and what a pass needs (src/assessment/rubrics); optional so drafts without one stay valid. */
    rubric: rubricSchema.optional(),
    /** How many times a learner may resubmit after "not yet passed"; 2 when absent. */
    maxResubmissions: z.number().int().min(0).max(10).optional(),
  })
  .strict()
  .superRefine((definition, ctx) => {
    if (!definition.rubric) return;
    for (const issue of rubricIssues(definition.rubric, definition.outcomes.map((o) => o.id), '')) {
      ctx.addIssue({ code: 'custom', path: ['rubric', ...issue.path.split('.').filter(Boolean).map((part) => (/^\d+$/.test(part) ? Number(part) : part))], message: issue.message });
    }
  });

export type AchievementDefinition = z.infer<typeof achievementDefinitionSchema>;
export type Outcome = z.infer<typeof outcomeSchema>;
export type EscoReference = z.infer<typeof escoSkillReference>;

/** Every ESCO URI a definition names, with where it is, so unknown ones can be reported precisely. */
export const escoReferencesOf = (definition: AchievementDefinition): Array<{ path: string; uri: string }> => [
  ...definition.outcomes.flatMap((outcome, i) => outcome.escoSkills.map((skill, j) => ({ path: `outcomes.${i}.escoSkills.${j}.uri`, uri: skill.uri }))),
  ...definition.labourMarket.escoOccupations.map((occupation, i) => ({ path: `labourMarket.escoOccupations.${i}.uri`, uri: occupation.uri })),
];

/** Matches the database's check on `achievements.slug`. */
export const achievementSlugSchema = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9-]{0,78}[a-z0-9])?$/, 'lower-case letters, digits and inner hyphens, at most 80 characters');

export const createAchievementInput = z.object({ slug: achievementSlugSchema, definition: achievementDefinitionSchema }).strict();
export const updateDraftInput = z.object({ definition: achievementDefinitionSchema }).strict();

export type CreateAchievementInput = z.infer<typeof createAchievementInput>;
export type UpdateDraftInput = z.infer<typeof updateDraftInput>;
