import { z } from 'zod';
import { achievementSlugSchema } from '../catalog/achievement.schema.js';
import type { AchievementRequirement, PathwayRule } from './pathway-rules.js';

/**
 * OB 3.0 AchievementType values that name a credential larger than one micro-credential
 * (the official enumeration, e.g. "Certificate", "ApprenticeshipCertificate").
 */
export const PATHWAY_ACHIEVEMENT_TYPES = [
  'Certificate',
  'ApprenticeshipCertificate',
  'JourneymanCertificate',
  'Certification',
  'CertificateOfCompletion',
  'MasterCertificate',
  'Diploma',
  'AssociateDegree',
  'BachelorDegree',
  'Degree',
  'LearningProgram',
  'Award',
  'Badge',
] as const;

const requirementKey = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and hyphens, at most 40 characters');
const httpUrl = z.url({ protocol: /^https?$/ }).max(2000);
const title = z.string().trim().min(1).max(200).optional();

/** An equivalence: another organisation's achievement here (by id) or elsewhere (by its Achievement id URL, e.g. harvested). */
export const equivalenceInput = z.union([z.object({ achievementId: z.uuid() }).strict(), z.object({ achievementUrl: httpUrl }).strict()]);

export const requirementInput = z
  .object({
    kind: z.literal('achievement'),
    id: requirementKey,
    /** A published achievement of the pathway's own organisation. */
    achievementId: z.uuid(),
    equivalents: z.array(equivalenceInput).max(20).default([]),
    /** Requirements (by id) whose credential must be earned before this one's counts. */
    after: z.array(requirementKey).max(10).default([]),
  })
  .strict();

export interface RuleInput {
  kind: 'achievement' | 'allOf' | 'nOf' | 'minCredits';
  [key: string]: unknown;
}

export const groupInput = z.object({ title, rules: z.array(z.record(z.string(), z.unknown())).min(1).max(50) });

/** The rule tree as the API accepts it; checked node by node (see parseRule), since it nests. */
export const ruleInput = z.discriminatedUnion('kind', [
  requirementInput,
  groupInput.extend({ kind: z.literal('allOf') }).strict(),
  groupInput.extend({ kind: z.literal('nOf'), n: z.number().int().min(1).max(50) }).strict(),
  groupInput.extend({ kind: z.literal('minCredits'), credits: z.number().positive().max(1000) }).strict(),
]);

export const pathwayDefinitionInput = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().min(1).max(4000),
    achievementType: z.enum(PATHWAY_ACHIEVEMENT_TYPES),
    /** Extra criteria text; the rules are always stated in the criteria narrative. */
    criteria: z.string().trim().max(4000).optional(),
    rules: z.record(z.string(), z.unknown()),
  })
  .strict();

export const createPathwayInput = z.object({ slug: achievementSlugSchema, definition: pathwayDefinitionInput }).strict();
export const updatePathwayInput = z.object({ definition: pathwayDefinitionInput }).strict();

export type PathwayDefinitionInput = z.infer<typeof pathwayDefinitionInput>;
export type CreatePathwayInput = z.infer<typeof createPathwayInput>;

/** A requirement as stored: the engine's fields plus what people and documents need to show it. */
export interface StoredRequirement extends AchievementRequirement {
  /** The primary achievement's newest published version's id URL at definition time (a fallback for OB `related`). */
  documentUrl?: string;
  /** The equivalences, with their names where known. */
  equivalents: Array<{ achievementId?: string; achievementUrl: string; title: string }>;
}

/** The rule tree as stored (the engine's rules with StoredRequirement leaves). */
export type StoredRule = PathwayRule;

export interface StoredPathwayDefinition {
  title: string;
  description: string;
  achievementType: (typeof PATHWAY_ACHIEVEMENT_TYPES)[number];
  criteria?: string;
  rules: StoredRule;
}
