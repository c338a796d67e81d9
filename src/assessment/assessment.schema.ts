import { z } from 'zod';

/** Request bodies of the earning API; types inferred. */

const isoDate = z.iso.date();
const text = (min: number, max: number) => z.string().trim().min(min).max(max);

export const enrolInput = z
  .object({
    achievementId: z.uuid(),
    route: z.enum(['course', 'assessment-only']),
    /** Required when the offering runs in cohorts: the start date of one of them. */
    cohortStartsOn: isoDate.optional(),
  })
  .strict();

/** http(s) only: a `javascript:` or `file:` link would be a trap for the assessor who clicks it. */
export const evidenceUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && url.username === '' && url.password === '';
    } catch {
      return false;
    }
  }, 'must be an http or https URL without credentials in it');

export const supervisorAttestationInput = z
  .object({ name: text(1, 200), email: z.email().max(320), role: text(1, 200), statement: text(20, 5000) })
  .strict();

export const evidenceInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('link'), url: evidenceUrl, name: text(1, 300).optional(), isPublic: z.boolean().default(false) }).strict(),
  z.object({ kind: z.literal('narrative'), name: text(1, 300), narrative: text(1, 20_000), isPublic: z.boolean().default(false) }).strict(),
  z.object({ kind: z.literal('attestation'), supervisor: supervisorAttestationInput, isPublic: z.boolean().default(false) }).strict(),
]);

export const evidencePublicInput = z.object({ isPublic: z.boolean() }).strict();

export const decisionInput = z
  .object({
    decision: z.enum(['pass', 'return']),
    scores: z.array(z.object({ criterion: z.string().min(1).max(40), level: z.string().min(1).max(40), comment: z.string().trim().max(2000).optional() }).strict()).min(1).max(12),
    /** What the learner reads; needed when returning. */
    feedback: z.string().trim().max(5000).optional(),
  })
  .strict()
  .refine((d) => d.decision === 'pass' || (d.feedback !== undefined && d.feedback.length >= 10), { message: 'feedback of at least 10 characters is needed when returning a submission', path: ['feedback'] });

export const assessmentSettingsInput = z.object({ requiredReviews: z.union([z.literal(1), z.literal(2)]) }).strict();

export type EnrolInput = z.infer<typeof enrolInput>;
export type EvidenceInput = z.infer<typeof evidenceInput>;
export type DecisionInput = z.infer<typeof decisionInput>;
