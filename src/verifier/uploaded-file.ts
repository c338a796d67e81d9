import { credentialTextFromUpload } from '../credentials/baking/baked-credential.js';
import { isPng } from '../credentials/baking/png-baking.js';
import { looksLikeSvg } from '../credentials/baking/svg-baking.js';
import { findActiveSvgContent } from '../wallet/holdings/svg-active-content.js';

export type UploadKind = 'png' | 'svg' | 'text';

export interface ReadUpload {
  kind: UploadKind;
  /** Things the person should know about the file itself, whatever the credential inside says. */
  notices: string[];
  /** The credential text inside (JSON or VC-JWT). Throws a `credentials.baked_*` AppError when there is none. */
  credentialText: () => string;
}

export const SVG_SCRIPT_NOTICE = 'This SVG contains script. Tessera never runs it and does not display the image; only the credential data inside is read.';

/**
 * What kind of file a person handed the verifier, and the credential text inside it. Unlike a wallet
 * import (which refuses an SVG with active content, since it would keep the picture), the verifier still
 * reads the credential inside: it never renders the image, and says so, so nobody is surprised that a
 * "badge image" they were sent is not shown.
 */
export function readUpload(bytes: Uint8Array): ReadUpload {
  const png = isPng(bytes);
  const text = png ? '' : Buffer.from(bytes).toString('utf8');
  const kind: UploadKind = png ? 'png' : looksLikeSvg(text) ? 'svg' : 'text';
  const notices = kind === 'svg' && findActiveSvgContent(text) !== null ? [SVG_SCRIPT_NOTICE] : [];
  return { kind, notices, credentialText: () => credentialTextFromUpload(bytes) };
}
