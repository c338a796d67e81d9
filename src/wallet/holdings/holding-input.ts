import { createHash } from 'node:crypto';
import { credentialTextFromUpload } from '../../credentials/baking/baked-credential.js';
import { extractFromPng, isPng } from '../../credentials/baking/png-baking.js';
import { extractFromSvg, looksLikeSvg } from '../../credentials/baking/svg-baking.js';
import { looksLikeCompactJws } from '../../credentials/proof/vc-jwt.js';
import { svgActiveContent } from '../wallet.errors.js';
import type { HoldingImageType } from '../wallet.tables.js';
import { findActiveSvgContent } from './svg-active-content.js';

/** Badge images up to this size are kept to show on the card; a larger one still imports, without its picture. */
export const MAX_KEPT_IMAGE_BYTES = 512 * 1024;

export interface ReadUpload {
  /** What the verifier is given: the JSON or JWT text found in the upload. */
  text: string;
  image: { type: HoldingImageType; bytes: Buffer } | null;
}

/**
 * Reads what a learner uploaded: a baked PNG or SVG (refusing SVGs with anything that could run), or a
 * JSON / VC-JWT file. Errors are the baking module's `credentials.baked_*` problems or `wallet.svg_active_content`.
 */
export function readUpload(bytes: Uint8Array): ReadUpload {
  const keep = (type: HoldingImageType) => (bytes.length <= MAX_KEPT_IMAGE_BYTES ? { type, bytes: Buffer.from(bytes) } : null);
  if (isPng(bytes)) return { text: extractFromPng(bytes), image: keep('image/png') };
  const text = Buffer.from(bytes).toString('utf8');
  if (looksLikeSvg(text)) {
    const active = findActiveSvgContent(text);
    if (active) throw svgActiveContent(active);
    return { text: extractFromSvg(text), image: keep('image/svg+xml') };
  }
  return { text: credentialTextFromUpload(bytes), image: null };
}

/** Whether the text is a compact VC-JWT (kept as the holding's `jwt`) rather than JSON. */
export const isJwtText = (text: string): boolean => looksLikeCompactJws(text);

/**
 * The same credential imported twice (as a file, then baked in an image, say) is one holding: the
 * fingerprint is the SHA-256 of the compact JWT, or of the parsed JSON document re-serialised.
 */
export const fingerprintOf = (credential: Record<string, unknown>, jwt: string | null): string =>
  createHash('sha256').update(jwt ?? JSON.stringify(credential)).digest('hex');
