import { z } from 'zod';
import { TOKEN_SCOPES } from './access.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password.js';

const email = z.email({ error: 'must be an email address' }).max(320).transform((value) => value.trim());
export const slugSchema = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$/, 'lower-case letters, digits and inner hyphens, at most 64 characters');

export const organisationKindSchema = z.enum(['issuer', 'industry_partner', 'employer']);
export const membershipRoleSchema = z.enum(['admin', 'assessor', 'endorser']);

export const signInInput = z
  .object({ email, password: z.string().min(1).max(MAX_PASSWORD_LENGTH) })
  .strict();

export const signUpInput = z
  .object({
    email,
    password: z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(MAX_PASSWORD_LENGTH),
    displayName: z.string().trim().min(1).max(200),
  })
  .strict();

export const createOrganisationInput = z
  .object({
    slug: slugSchema,
    name: z.string().trim().min(1).max(200),
    kind: organisationKindSchema,
    url: z.url().max(2000).optional(),
    description: z.string().max(5000).optional(),
  })
  .strict();

export const addMemberInput = z.object({ email, role: membershipRoleSchema }).strict();

export const createTokenInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z.array(z.enum(Object.keys(TOKEN_SCOPES) as [keyof typeof TOKEN_SCOPES, ...(keyof typeof TOKEN_SCOPES)[]])).min(1).max(20),
    expiresInDays: z.number().int().min(1).max(366).optional(),
  })
  .strict();

export type SignInInput = z.infer<typeof signInInput>;
export type SignUpInput = z.infer<typeof signUpInput>;
export type CreateOrganisationInput = z.infer<typeof createOrganisationInput>;
export type AddMemberInput = z.infer<typeof addMemberInput>;
export type CreateTokenInput = z.infer<typeof createTokenInput>;
