import { notAnImage } from './baking-errors.js';
import { extractFromPng, isPng } from './png-baking.js';
import { extractFromSvg, looksLikeSvg } from './svg-baking.js';

/**
 * What a person hands a verifier: bytes of a JSON file, a VC-JWT, or a baked PNG/SVG badge. Returns the
 * credential text inside; for text that is not an image it is the text itself.
 */
export function credentialTextFromUpload(bytes: Uint8Array): string {
  if (isPng(bytes)) return extractFromPng(bytes);
  const text = Buffer.from(bytes).toString('utf8');
  if (looksLikeSvg(text)) return extractFromSvg(text);
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(trimmed)) return trimmed;
  throw notAnImage();
}
