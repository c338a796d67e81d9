import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { alignmentInput, credentialStatusInput, issuerProfileInput, learnerInput } from './credential-input.schema.js';

/** JSON-LD fragments shared by the OB and CLR builders. */

type Json = Record<string, unknown>;

/** Drops undefined members so the JSON carries no `"x": undefined` (canonicalization and schemas see none). */
export const compact = (value: Json): Json => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));

export const profile = (issuer: z.output<typeof issuerProfileInput>): Json =>
  compact({ id: issuer.id, type: ['Profile'], name: issuer.name, url: issuer.url, email: issuer.email, description: issuer.description, image: issuer.image && { id: issuer.image, type: 'Image' } });

export const alignment = (input: z.output<typeof alignmentInput>): Json =>
  compact({ type: ['Alignment'], targetName: input.targetName, targetUrl: input.targetUrl, targetDescription: input.targetDescription, targetCode: input.targetCode, targetFramework: input.targetFramework, targetType: input.targetType });

/**
 * OB 3.0 IdentityObject for an email (§B.1.10 IdentityHash): `sha256$` + hex SHA-256 of the UTF-8 email
 * followed by the salt. A salt defeats lookup tables of common addresses; it travels with the hash so the
 * learner can prove the address.
 */
export const hashedEmailIdentity = (email: string, salt: string): Json => ({
  type: 'IdentityObject',
  identityHash: `sha256$${createHash('sha256').update(`${email}${salt}`, 'utf8').digest('hex')}`,
  identityType: 'emailAddress',
  hashed: true,
  salt,
});

/** `id` for a DID learner, `identifier` (always an array, per the data model) for an email learner. */
export const learnerFields = (learner: z.output<typeof learnerInput>): Json =>
  'did' in learner ? { id: learner.did } : { identifier: [hashedEmailIdentity(learner.email, learner.salt)] };

export const statusField = (entries: Array<z.output<typeof credentialStatusInput>>): Json =>
  entries.length === 0 ? {} : { credentialStatus: entries.length === 1 ? entries[0] : entries };

export const validity = (validFrom: string, validUntil: string | undefined): Json => compact({ validFrom, validUntil });
