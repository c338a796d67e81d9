import { z } from 'zod';
import { invalidInput } from '../../errors.js';

/**
 * Plain inputs for the credential builders, in the OB 3.0 / CLR 2.0 vocabulary. The builders turn them
 * into the JSON-LD shape the specifications require (types, contexts, arrays), so callers never write
 * JSON-LD by hand.
 */

const uri = z.string().min(1).refine((value) => /^[a-z][a-z0-9+.-]*:/i.test(value), 'must be an absolute URI');
const dateTime = z.iso.datetime({ offset: true });

export const issuerProfileInput = z.object({
  /** The organisation's DID (did:web or did:key). */
  id: uri,
  name: z.string().min(1),
  url: uri.optional(),
  email: z.email({ pattern: z.regexes.unicodeEmail }).optional(),
  description: z.string().optional(),
  image: uri.optional(),
});

/** The learner: a DID, or an email address that goes into the credential only as a salted SHA-256 hash. */
export const learnerInput = z.union([
  z.object({ did: uri }),
  // Unicode local parts (ana.garcía@…) are real addresses; the hash is over their UTF-8 bytes.
  z.object({ email: z.email({ pattern: z.regexes.unicodeEmail }), salt: z.string().min(8) }),
]);

/** An ESCO skill or occupation (or another framework's node) an achievement or result aligns to. */
export const alignmentInput = z.object({
  targetName: z.string().min(1),
  targetUrl: uri,
  targetDescription: z.string().optional(),
  targetCode: z.string().optional(),
  targetFramework: z.string().default('ESCO'),
  /** OB AlignmentTargetType; ESCO skills are competencies (`ceasn:Competency`). */
  targetType: z.string().default('ceasn:Competency'),
});

export const resultDescriptionInput = z.object({
  id: uri,
  name: z.string().min(1),
  resultType: z.string().default('Status'),
  allowedValue: z.array(z.string()).optional(),
  requiredValue: z.string().optional(),
  alignment: z.array(alignmentInput).default([]),
});

export const achievementInput = z.object({
  id: uri,
  name: z.string().min(1),
  description: z.string().min(1),
  criteriaNarrative: z.string().min(1),
  achievementType: z.string().optional(),
  image: uri.optional(),
  tag: z.array(z.string()).optional(),
  alignment: z.array(alignmentInput).default([]),
  resultDescription: z.array(resultDescriptionInput).default([]),
});

export const resultInput = z.object({
  resultDescription: uri,
  value: z.string().optional(),
  status: z.enum(['Completed', 'Enrolled', 'Failed', 'InProgress', 'OnHold', 'Provisional', 'Withdrew']).optional(),
  achievedLevel: uri.optional(),
});

export const evidenceInput = z.object({
  id: uri.optional(),
  name: z.string().optional(),
  narrative: z.string().optional(),
  description: z.string().optional(),
  genre: z.string().optional(),
  audience: z.string().optional(),
});

/** A status entry as the status capability builds it (BitstringStatusListEntry); passed through unchanged. */
export const credentialStatusInput = z.object({ id: uri.optional(), type: z.string().min(1) }).catchall(z.unknown());

/**
 * An Achievement already in OB 3.0 shape (the catalogue's published document), embedded as it is served so
 * the credential and the achievement's URL say the same thing. Its `@context` is dropped on embedding.
 */
export const achievementDocumentInput = z.object({ document: z.record(z.string(), z.unknown()).refine((d) => typeof d.id === 'string' && typeof d.name === 'string', 'needs an id and a name') });

export const openBadgeCredentialInput = z.object({
  id: uri,
  issuer: issuerProfileInput,
  learner: learnerInput,
  achievement: z.union([achievementDocumentInput, achievementInput]),
  /** Defaults to the achievement name. */
  name: z.string().optional(),
  result: z.array(resultInput).default([]),
  evidence: z.array(evidenceInput).default([]),
  validFrom: dateTime,
  validUntil: dateTime.optional(),
  credentialStatus: z.array(credentialStatusInput).default([]),
  /** Declare the official OB JSON Schema in `credentialSchema` (adds the OB extensions context). */
  declareSchema: z.boolean().default(true),
});

export const endorsementCredentialInput = z.object({
  id: uri,
  issuer: issuerProfileInput,
  name: z.string().min(1),
  /** What is endorsed: an achievement, a profile or a credential, by id. */
  subjectId: uri,
  endorsementComment: z.string().optional(),
  validFrom: dateTime,
  validUntil: dateTime.optional(),
  credentialStatus: z.array(credentialStatusInput).default([]),
});

export const associationInput = z.object({
  associationType: z.enum(['exactMatchOf', 'isChildOf', 'isParentOf', 'isPartOf', 'isPeerOf', 'isRelatedTo', 'precedes', 'replacedBy']),
  sourceId: uri,
  targetId: uri,
});

export const clrCredentialInput = z.object({
  id: uri,
  issuer: issuerProfileInput,
  learner: learnerInput,
  name: z.string().min(1),
  description: z.string().optional(),
  /** Signed OB 3.0 credentials bundled in the transcript. */
  verifiableCredential: z.array(z.record(z.string(), z.unknown())).min(1),
  association: z.array(associationInput).default([]),
  validFrom: dateTime,
  validUntil: dateTime.optional(),
  credentialStatus: z.array(credentialStatusInput).default([]),
});

export type IssuerProfileInput = z.input<typeof issuerProfileInput>;
export type LearnerInput = z.input<typeof learnerInput>;
export type AlignmentInput = z.input<typeof alignmentInput>;
export type OpenBadgeCredentialInput = z.input<typeof openBadgeCredentialInput>;
export type EndorsementCredentialInput = z.input<typeof endorsementCredentialInput>;
export type ClrCredentialInput = z.input<typeof clrCredentialInput>;

/** Parses builder input; bad input is the caller's mistake, reported as `request.invalid` with every issue. */
export const parseInput = <S extends z.ZodType>(schema: S, raw: unknown): z.output<S> => {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw invalidInput('The credential input is not valid.', { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
};
