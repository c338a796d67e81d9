import { CONTEXT_URLS } from '../credentials/index.js';
import { isObject, typesOf } from '../credentials/verify/credential-fields.js';
import type { RegistryEntry, VettingMethod } from './registry.tables.js';

/**
 * The published trusted issuer registry: one Verifiable Credential, signed by this platform's own
 * organisation, whose subject lists every issuer the platform admins approved, with every DID each signs
 * under and how it was checked. Other verifiers (another Tessera, or anyone) fetch it from
 * REGISTRY_PATH, verify its proof, and trust what it lists as far as they trust its publisher.
 */
export const REGISTRY_PATH = '/registry/trusted-issuers';
export const REGISTRY_CREDENTIAL_TYPE = 'TrustedIssuerRegistryCredential';
export const REGISTRY_SUBJECT_TYPE = 'TrustedIssuerRegistry';
/** A consumer should fetch again well before this; a copy past it is stale and not trusted. */
export const REGISTRY_VALIDITY_DAYS = 7;
const MAX_ENTRIES = 10_000;
const MAX_IDS_PER_ENTRY = 100;
const VETTING_METHODS: readonly VettingMethod[] = ['accreditation_register', 'company_register', 'government_record', 'official_website', 'documents', 'other'];

export interface RegistryCredentialInput {
  publicUrl: string;
  publisher: { did: string; name: string };
  entries: RegistryEntry[];
  issuedAt: Date;
}

export function buildRegistryCredential(input: RegistryCredentialInput): Record<string, unknown> {
  const url = `${input.publicUrl.replace(/\/$/, '')}${REGISTRY_PATH}`;
  return {
    // The registry terms have no published vocabulary; the undefined-terms context maps them to IRIs
    // (as the catalogue feed does) instead of letting safe-mode canonicalisation refuse them.
    '@context': [CONTEXT_URLS.credentialsV2, CONTEXT_URLS.credentialsUndefinedTermsV2],
    id: `${url}#${input.issuedAt.getTime()}`,
    type: ['VerifiableCredential', REGISTRY_CREDENTIAL_TYPE],
    issuer: { id: input.publisher.did, name: input.publisher.name },
    name: `Trusted issuers of ${input.publisher.name}`,
    validFrom: input.issuedAt.toISOString(),
    validUntil: new Date(input.issuedAt.getTime() + REGISTRY_VALIDITY_DAYS * 86_400_000).toISOString(),
    credentialSubject: {
      id: url,
      type: [REGISTRY_SUBJECT_TYPE],
      trustedIssuer: input.entries.map((entry) => ({
        id: entry.ids[0],
        alsoKnownAs: entry.ids.slice(1),
        name: entry.name,
        ...(entry.url ? { url: entry.url } : {}),
        vettingMethod: entry.method,
        approvedAt: entry.approvedAt,
      })),
    },
  };
}

const stringsOf = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v.length <= 2_000);

/** The entries of a (verified) registry credential, or why it is not one. */
export function readRegistryCredential(credential: unknown): { entries: RegistryEntry[] } | { error: string } {
  if (!isObject(credential) || !typesOf(credential).includes(REGISTRY_CREDENTIAL_TYPE)) return { error: `The document is not a ${REGISTRY_CREDENTIAL_TYPE}.` };
  const subject = credential.credentialSubject;
  if (!isObject(subject) || !Array.isArray(subject.trustedIssuer)) return { error: 'The registry lists no trustedIssuer entries.' };
  if (subject.trustedIssuer.length > MAX_ENTRIES) return { error: `The registry lists more than ${MAX_ENTRIES} issuers.` };
  const entries = subject.trustedIssuer.flatMap((item): RegistryEntry[] => {
    if (!isObject(item)) return [];
    const ids = [...stringsOf(item.id), ...stringsOf(item.alsoKnownAs)].slice(0, MAX_IDS_PER_ENTRY);
    if (ids.length === 0) return [];
    const method = VETTING_METHODS.find((m) => m === item.vettingMethod) ?? 'other';
    return [{ ids, name: typeof item.name === 'string' ? item.name.slice(0, 300) : ids[0]!, ...(typeof item.url === 'string' ? { url: item.url.slice(0, 2_000) } : {}), method, approvedAt: typeof item.approvedAt === 'string' ? item.approvedAt : '' }];
  });
  return { entries };
}
