import { z } from 'zod';

/**
 * A micro-credential definition: what an issuer states about an Achievement version. Field names follow
 * OB 3.0 where it has one (`criteria`, `alignment`, `creditsAvailable`, `fieldOfStudy`) and the EU
 * micro-credential standard elements otherwise. The catalogue capability extends this schema; stored
 * definitions are validated by it when read and written.
 */
export const escoReference = z.object({
  uri: z.url().regex(/^http:\/\/data\.europa\.eu\/esco\/(skill|occupation)\//, 'must be an ESCO skill or occupation URI'),
  label: z.string().min(1).max(300),
});

export const outcomeSchema = z.object({
  id: z.string().min(1).max(40),
  statement: z.string().min(10).max(1000),
  kind: z.enum(['knowledge', 'skill', 'attitude']),
  escoSkills: z.array(escoReference).min(1).max(5),
});

export const achievementDefinitionSchema = z.object({
  title: z.string().trim().min(3).max(200),
  description: z.string().trim().min(20).max(5000),
  criteria: z.string().trim().min(10).max(5000),
  outcomes: z.array(outcomeSchema).min(1).max(6),
  assessment: z.object({
    form: z.string().min(3).max(500),
    performanceBased: z.boolean(),
    supervised: z.boolean(),
    identityChecked: z.boolean(),
  }),
  evidenceRequirements: z.array(z.string().min(3).max(500)).max(10),
  notionalHours: z.number().int().min(1).max(2000),
  credit: z.object({ value: z.number().min(0).max(120), system: z.enum(['ECTS', 'institution']) }),
  eqfLevel: z.number().int().min(1).max(8),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/),
  deliveryModes: z.array(z.enum(['online', 'in-person', 'blended', 'workplace'])).min(1),
  price: z.object({ amount: z.number().min(0), currency: z.string().regex(/^[A-Z]{3}$/) }),
  onDemand: z.boolean(),
  assessmentOnlyRoute: z.boolean(),
  occupations: z.array(escoReference).max(10),
  fieldOfStudy: z.string().max(200).optional(),
});

export type AchievementDefinition = z.infer<typeof achievementDefinitionSchema>;
export type Outcome = z.infer<typeof outcomeSchema>;
