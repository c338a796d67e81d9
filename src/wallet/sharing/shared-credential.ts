import type { VerificationReport } from '../../credentials/verify/verification-report.js';
import { summariseCredential } from '../credential-summary.js';
import type { WalletEntry } from '../wallet-entry.js';
import { linkedInAddToProfileUrl } from './linkedin.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);

export interface Endorser {
  id: string | null;
  name: string | null;
  comment: string | null;
  issuedAt: string | null;
}

export interface IssuerDetails {
  id: string | null;
  name: string | null;
  url: string | null;
  description: string | null;
  email: string | null;
}

/** One credential as the public share page shows it: never the hidden evidence, always a fresh verification. */
export interface SharedCredential {
  id: string;
  title: string;
  achievement: WalletEntry['achievement'];
  issuer: IssuerDetails;
  issuedAt: Date;
  validUntil: Date | null;
  standing: WalletEntry['standing'];
  skills: WalletEntry['skills'];
  evidence: WalletEntry['evidence'];
  endorsements: Endorser[];
  verification: Pick<VerificationReport, 'verified' | 'checks'> & { checkedAt: Date };
  /** The signed document, only when every piece of its evidence is shown (it carries all of it). */
  credential: Record<string, unknown> | null;
  jwt: string | null;
  image: string | null;
  linkedIn: string;
  /** Whether the credential names the person who shared it: someone else's credential can be signed and valid. */
  holderMatch: WalletEntry['holderMatch'];
}

/** An OB 3.0 EndorsementCredential, as an endorser's name, id and comment. */
export const endorserOf = (endorsement: Json): Endorser => {
  const summary = summariseCredential(endorsement);
  const subject = list(endorsement.credentialSubject).find(isObject);
  return { id: summary.issuer.id, name: summary.issuer.name, comment: str(subject?.endorsementComment), issuedAt: str(endorsement.validFrom) ?? str(endorsement.issuanceDate) };
};

/** Endorsements carried in the credential itself (OB 3.0: on the credential, its achievement, or its issuer). */
export const embeddedEndorsements = (credential: Json): Json[] => {
  const subject = list(credential.credentialSubject).find(isObject);
  const achievement = isObject(subject?.achievement) ? subject.achievement : {};
  const issuer = isObject(credential.issuer) ? credential.issuer : {};
  return [credential.endorsement, achievement.endorsement, issuer.endorsement].flatMap(list).filter(isObject);
};

export const issuerDetails = (credential: Json): IssuerDetails => {
  const issuer = credential.issuer;
  const summary = summariseCredential(credential).issuer;
  const profile = isObject(issuer) ? issuer : {};
  return { id: summary.id, name: summary.name, url: str(profile.url), description: str(profile.description), email: str(profile.email) };
};

/** Pictures are only ever shown through `<img>`: an http(s) URL, or a PNG/SVG/JPEG/GIF/WebP data URL. */
export const displayableImage = (value: string | null): string | null =>
  value && (/^https?:\/\//i.test(value) || /^data:image\/(png|svg\+xml|jpeg|gif|webp)[;,]/i.test(value)) ? value : null;

export const imageOf = (entry: WalletEntry): string | null =>
  entry.image ? `data:${entry.image.type};base64,${entry.image.bytes.toString('base64')}` : displayableImage(entry.achievement?.image ?? null);

export function sharedCredential(args: { entry: WalletEntry; shownEvidence: number[]; report: VerificationReport; checkedAt: Date; endorsements: Endorser[]; shareUrl: string }): SharedCredential {
  const { entry, shownEvidence, report } = args;
  const shown = new Set(shownEvidence);
  const everyEvidenceShown = entry.evidence.every((_, index) => shown.has(index));
  const credentialId = str(entry.credential.id);
  return {
    id: entry.id,
    title: entry.title,
    achievement: entry.achievement,
    issuer: issuerDetails(entry.credential),
    issuedAt: entry.issuedAt,
    validUntil: entry.validUntil,
    standing: entry.standing,
    skills: entry.skills,
    evidence: entry.evidence.filter((_, index) => shown.has(index)),
    endorsements: args.endorsements,
    verification: { verified: report.verified, checks: report.checks, checkedAt: args.checkedAt },
    credential: everyEvidenceShown ? entry.credential : null,
    jwt: everyEvidenceShown ? entry.jwt : null,
    image: imageOf(entry),
    holderMatch: entry.holderMatch,
    linkedIn: linkedInAddToProfileUrl({ name: entry.title, organizationName: entry.issuer.name, issuedAt: entry.issuedAt, certUrl: args.shareUrl, certId: credentialId ?? entry.id }),
  };
}
