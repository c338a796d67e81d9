import { credentialTextFromUpload } from '../credentials/baking/baked-credential.js';
import { isPng } from '../credentials/baking/png-baking.js';
import { looksLikeSvg } from '../credentials/baking/svg-baking.js';

export type UploadKind = 'png' | 'svg' | 'text';

export interface ReadUpload {
  kind: UploadKind;
  /** Things the person should know about the file itself, whatever the credential inside says. */
  notices: string[];
  /** The credential text inside (JSON or VC-JWT). Throws a `credentials.baked_*` AppError when there is none. */
  credentialText: () => string;
}

// Script can hide in an SVG as a <script> element, an on* event attribute, a javascript: link or a
// <foreignObject> carrying HTML. Tessera never runs or renders any of it; it says so, so nobody is surprised
// that a "badge image" they were sent is not shown.
const ACTIVE_SVG_CONTENT = /<script[\s>/]|\son[a-z]+\s*=|javascript:|<foreignObject[\s>]/i;

export const SVG_SCRIPT_NOTICE = 'This SVG contains script. Tessera never runs it and does not display the image; only the credential data inside is read.';

/** What kind of file a person handed the verifier, and the credential text inside it. */
export function readUpload(bytes: Uint8Array): ReadUpload {
  const png = isPng(bytes);
  const text = png ? '' : Buffer.from(bytes).toString('utf8');
  const kind: UploadKind = png ? 'png' : looksLikeSvg(text) ? 'svg' : 'text';
  const notices = kind === 'svg' && ACTIVE_SVG_CONTENT.test(text) ? [SVG_SCRIPT_NOTICE] : [];
  return { kind, notices, credentialText: () => credentialTextFromUpload(bytes) };
}
