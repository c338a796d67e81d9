/**
 * What a person sees of a credential at a glance, read leniently from the signed JSON (an OB 3.0
 * OpenBadgeCredential, an endorsement, a CLR, or a plain VC): the document is the record, so nothing here
 * is stored twice. A field the document lacks is left out, never invented.
 */
export interface CredentialSummary {
  title: string;
  issuer: { id: string | null; name: string | null };
  achievement: { id: string | null; name: string | null; description: string | null; image: string | null } | null;
  skills: Array<{ name: string; url: string | null; framework: string | null }>;
  evidence: Array<{ id: string | null; name: string | null; narrative: string | null }>;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);
/** JSON-LD language maps ({ "en": "…" }) and plain strings alike. */
const text = (value: unknown): string | null => str(value) ?? (isObject(value) ? (Object.values(value).map(str).find((v) => v !== null) ?? null) : null);
const idOf = (value: unknown): string | null => str(value) ?? (isObject(value) ? str(value.id) : null);

// ESCO skills and competences: the framework's own URIs (https://esco.ec.europa.eu/en/about-esco/escopedia/escopedia/esco-uri).
const ESCO_SKILL = /^https?:\/\/data\.europa\.eu\/esco\/skill\//;
const ESCO_OCCUPATION = /^https?:\/\/data\.europa\.eu\/esco\/occupation\//;

export function summariseCredential(credential: Json): CredentialSummary {
  const subject = list(credential.credentialSubject).find(isObject) ?? {};
  const achievement = isObject(subject.achievement) ? subject.achievement : null;
  const issuer = credential.issuer;
  const skills = list(achievement?.alignment)
    .filter(isObject)
    // ESCO occupations are aligned too (who the credential is for); they are not skills the holder has shown.
    .filter((a) => ESCO_SKILL.test(str(a.targetUrl) ?? '') || (/esco/i.test(str(a.targetFramework) ?? '') && !ESCO_OCCUPATION.test(str(a.targetUrl) ?? '')))
    .map((a) => ({ name: text(a.targetName) ?? str(a.targetUrl) ?? 'skill', url: str(a.targetUrl), framework: str(a.targetFramework) }));
  return {
    title: text(achievement?.name) ?? text(credential.name) ?? 'Credential',
    issuer: { id: idOf(issuer), name: isObject(issuer) ? text(issuer.name) : null },
    achievement: achievement
      ? { id: str(achievement.id), name: text(achievement.name), description: text(achievement.description), image: idOf(achievement.image) }
      : null,
    skills,
    evidence: list(credential.evidence)
      .filter(isObject)
      .map((e) => ({ id: str(e.id), name: text(e.name), narrative: text(e.narrative) })),
  };
}
