import { bakePng } from '../../credentials/baking/png-baking.js';
import { bakeSvg } from '../../credentials/baking/svg-baking.js';
import type { Principal } from '../../accounts/principal.js';
import type { IssuedCredentialRecord, IssuedCredentialsRepository } from '../../issuing/issued-credentials.repository.js';
import { credentialNotFound } from '../../issuing/issuing.errors.js';
import { summariseCredential } from '../credential-summary.js';
import { authorizeSelf } from './wallet-exports.access.js';
import { badgePng, badgeSvg } from './badge-image.js';
import { credentialNotExportable } from './wallet-exports.errors.js';

export type CredentialFileFormat = 'json' | 'png' | 'svg';

export interface CredentialFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

const slug = (title: string): string => title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'credential';

/**
 * One credential as a file the learner keeps: the signed JSON (or the compact VC-JWT), or a badge image with
 * the credential baked in (OB 3.0 §5.3: PNG iTXt `openbadgecredential`, SVG `<openbadges:credential>`), which
 * any OB 3.0 verifier, Tessera's included, reads back. The image is Tessera's generated medallion: achievement
 * images are URLs on the issuer's site, which the server does not fetch.
 */
export function credentialFile(record: IssuedCredentialRecord, format: CredentialFileFormat): CredentialFile {
  const card = { record, ...summariseCredential(record.credential) };
  const text = card.record.jwt ?? JSON.stringify(card.record.credential, null, 2);
  const name = `${slug(card.title)}-${card.record.id.slice(0, 8)}`;
  if (format === 'json') {
    return card.record.jwt
      ? { fileName: `${name}.jwt`, contentType: 'application/vc+jwt', body: Buffer.from(card.record.jwt, 'utf8') }
      : { fileName: `${name}.json`, contentType: 'application/vc+ld+json', body: Buffer.from(text, 'utf8') };
  }
  if (card.record.kind === 'ClrCredential') throw credentialNotExportable('A transcript is not a badge: download it as JSON.');
  const issuer = card.issuer.name ?? '';
  if (format === 'png') return { fileName: `${name}.png`, contentType: 'image/png', body: Buffer.from(bakePng(badgePng(card.title), text)) };
  return { fileName: `${name}.svg`, contentType: 'image/svg+xml', body: Buffer.from(bakeSvg(badgeSvg(card.title, issuer), text), 'utf8') };
}

/** The learner's downloads of credentials issued to them here (imported ones they already have as files). */
export function createCredentialFilesService(deps: { issued: IssuedCredentialsRepository }) {
  return {
    async file(principal: Principal, id: string, format: CredentialFileFormat): Promise<CredentialFile> {
      const person = authorizeSelf(principal, 'exports.read');
      const record = await deps.issued.find(id);
      // Someone else's credential is simply not there, as in the wallet.
      if (!record || record.recipientPersonId !== person.person.id) throw credentialNotFound();
      return credentialFile(record, format);
    },
  };
}

export type CredentialFilesService = ReturnType<typeof createCredentialFilesService>;
