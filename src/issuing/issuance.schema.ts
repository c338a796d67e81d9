import { z } from 'zod';

const uri = z.string().min(1).max(2000).refine((value) => /^[a-z][a-z0-9+.-]*:/i.test(value), 'must be an absolute URI');

/** Who receives a credential: a Tessera account, an email address, or a DID. */
export const recipientInput = z.union([
  z.object({ personId: z.uuid() }).strict(),
  z.object({ email: z.email().max(320), name: z.string().trim().min(1).max(200).optional() }).strict(),
  z.object({ did: z.string().regex(/^did:[a-z0-9]+:[A-Za-z0-9._:%-]+$/, 'must be a DID'), name: z.string().trim().min(1).max(200).optional() }).strict(),
]);

export const evidenceItemInput = z
  .object({
    id: uri.optional(),
    name: z.string().trim().min(1).max(300).optional(),
    narrative: z.string().max(10_000).optional(),
    description: z.string().max(5_000).optional(),
    genre: z.string().max(100).optional(),
    audience: z.string().max(200).optional(),
  })
  .strict()
  .refine((e) => e.id !== undefined || e.narrative !== undefined, 'evidence needs a URL (id) or a narrative');

export const issueCredentialInput = z
  .object({
    achievementId: z.uuid(),
    /** A published version; the newest published one when absent. */
    version: z.number().int().min(1).optional(),
    recipient: recipientInput,
    /** One per outcome demonstrated, by the outcome's id in the definition. */
    results: z
      .array(z.object({ outcome: z.string().min(1).max(40), status: z.enum(['Completed', 'Provisional']).default('Completed'), value: z.string().max(200).optional() }).strict())
      .max(20)
      .default([]),
    /** One per rubric criterion judged: the level reached, by the ids in the definition's rubric (OB `achievedLevel`). */
    criterionResults: z.array(z.object({ criterion: z.string().min(1).max(40), level: z.string().min(1).max(40) }).strict()).max(12).default([]),
    evidence: z.array(evidenceItemInput).max(20).default([]),
    validUntil: z.iso.datetime({ offset: true }).optional(),
    /** Data Integrity proof (eddsa-rdfc-2022, the default) or a VC-JWT (EdDSA), as OB 3.0 §8 allows. */
    format: z.enum(['data-integrity', 'vc-jwt']).default('data-integrity'),
    /** Repeating a request with the same key returns the first credential instead of issuing another. */
    idempotencyKey: z.string().min(8).max(200).optional(),
  })
  .strict();

export const statusChangeInput = z.object({ reason: z.string().trim().min(3).max(1000) }).strict();

export type IssueCredentialInput = z.input<typeof issueCredentialInput>;
export type RecipientInput = z.infer<typeof recipientInput>;
