import { isObject, issuerIdOf, typesOf } from '../credentials/verify/credential-fields.js';

/**
 * What a verifier reads off a credential to show a person: who it is about, what was achieved, who
 * issued it, the evidence and the endorsements. Every field is read defensively (the input is
 * untrusted) and only as text, so nothing in it is ever interpreted as markup or fetched.
 */
export interface CredentialSummary {
  types: string[];
  name: string | null;
  subject: { id: string | null; name: string | null };
  achievement: { id: string | null; name: string | null; description: string | null; criteria: string | null; achievementType: string | null };
  issuer: { id: string | null; name: string | null; url: string | null };
  validFrom: string | null;
  validUntil: string | null;
  evidence: Array<{ id: string | null; name: string | null; description: string | null; narrative: string | null; genre: string | null }>;
  endorsements: Array<{ issuerId: string | null; issuerName: string | null; comment: string | null; validFrom: string | null }>;
  /** How many credentials a ClrCredential bundles (0 otherwise). */
  embeddedCount: number;
}

const MAX_TEXT = 2_000;
const MAX_LIST = 50;

const text = (value: unknown): string | null => {
  if (typeof value === 'string') return value.slice(0, MAX_TEXT);
  // Language maps (`{ "en": "…" }`) are allowed by OB 3.0 for names.
  if (isObject(value)) {
    const first = Object.values(value).find((v) => typeof v === 'string');
    return typeof first === 'string' ? first.slice(0, MAX_TEXT) : null;
  }
  return null;
};

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]).slice(0, MAX_LIST);

const subjectOf = (credential: Record<string, unknown>): Record<string, unknown> => {
  const subject = Array.isArray(credential.credentialSubject) ? credential.credentialSubject[0] : credential.credentialSubject;
  return isObject(subject) ? subject : {};
};

const subjectName = (subject: Record<string, unknown>): string | null => {
  const direct = text(subject.name);
  if (direct) return direct;
  // OB 3.0 IdentityObject: a plain (unhashed) name or email identifier is the best label there is.
  for (const identity of list(subject.identifier)) {
    if (isObject(identity) && identity.hashed === false && typeof identity.identityHash === 'string') return identity.identityHash.slice(0, MAX_TEXT);
  }
  return null;
};

const endorsementsIn = (...holders: unknown[]): CredentialSummary['endorsements'] =>
  holders.flatMap((holder) => (isObject(holder) ? list(holder.endorsement) : [])).flatMap((endorsement) => {
    if (!isObject(endorsement)) return [];
    const issuer = isObject(endorsement.issuer) ? endorsement.issuer : {};
    const subject = subjectOf(endorsement);
    return [{ issuerId: issuerIdOf(endorsement) ?? null, issuerName: text(issuer.name), comment: text(subject.endorsementComment), validFrom: text(endorsement.validFrom) }];
  });

export function summariseCredential(credential: Record<string, unknown>): CredentialSummary {
  const subject = subjectOf(credential);
  const achievement = isObject(subject.achievement) ? subject.achievement : {};
  const issuer = isObject(credential.issuer) ? credential.issuer : {};
  const criteria = isObject(achievement.criteria) ? achievement.criteria : {};
  return {
    types: typesOf(credential),
    name: text(credential.name),
    subject: { id: text(subject.id), name: subjectName(subject) },
    achievement: { id: text(achievement.id), name: text(achievement.name), description: text(achievement.description), criteria: text(criteria.narrative), achievementType: text(achievement.achievementType) },
    issuer: { id: issuerIdOf(credential) ?? null, name: text(issuer.name), url: text(issuer.url) },
    validFrom: text(credential.validFrom) ?? text(credential.issuanceDate),
    validUntil: text(credential.validUntil) ?? text(credential.expirationDate),
    evidence: list(credential.evidence).flatMap((item) =>
      isObject(item) ? [{ id: text(item.id), name: text(item.name), description: text(item.description), narrative: text(item.narrative), genre: text(item.genre) }] : [],
    ),
    endorsements: endorsementsIn(credential, achievement, issuer),
    embeddedCount: typesOf(credential).includes('ClrCredential') ? list(subject.verifiableCredential).length : 0,
  };
}

/** The credentials a ClrCredential bundles (objects or VC-JWT strings), in order. */
export const embeddedCredentialsOf = (credential: Record<string, unknown>): unknown[] =>
  typesOf(credential).includes('ClrCredential') ? [subjectOf(credential).verifiableCredential ?? []].flat() : [];
