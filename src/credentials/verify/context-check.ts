import { CONTEXT_URLS } from '../contexts/context-urls.js';
import type { DocumentLoader } from '../contexts/document-loader.js';
import { CHECK_IDS, check, type VerificationCheck } from './verification-report.js';

/** Every `@context` value anywhere in the document, with where it was found. */
const contextValues = (document: unknown): Array<{ path: string; value: unknown }> => {
  const found: Array<{ path: string; value: unknown }> = [];
  const stack: Array<{ node: unknown; path: string }> = [{ node: document, path: '' }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    for (const [key, child] of Object.entries(node)) {
      if (key === '@context') found.push({ path: `${path}/@context`, value: child });
      else stack.push({ node: child, path: `${path}/${key}` });
    }
  }
  return found;
};

/**
 * Tessera accepts only contexts it bundles, named by URL at the top of the document. An inline context
 * (`{"@vocab": ...}`, redefined terms) or a nested one would let the document change what its own terms
 * mean, so a verifier could show a claim the signature never covered; a remote one is never fetched.
 */
export const checkContexts = async (credential: Record<string, unknown>, documentLoader: DocumentLoader): Promise<VerificationCheck> => {
  const top = credential['@context'];
  const urls = Array.isArray(top) ? top : [top];
  if (top === undefined || urls.length === 0) return check(CHECK_IDS.context, 'fail', 'The document has no @context, so it is not a JSON-LD credential.');
  const nested = contextValues(credential).filter((entry) => entry.path !== '/@context');
  if (nested.length > 0) {
    return check(CHECK_IDS.context, 'fail', 'The document defines a @context inside its body; Tessera accepts contexts only at the top level.', {
      paths: nested.map((entry) => entry.path),
    });
  }
  const inline = urls.filter((url) => typeof url !== 'string');
  if (inline.length > 0) return check(CHECK_IDS.context, 'fail', 'The document defines an inline @context; Tessera accepts only published contexts by URL.');
  // The loader is the one authority on which contexts are accepted; asking it keeps this check and proof
  // verification from ever disagreeing.
  const known = await Promise.all((urls as string[]).map((url) => documentLoader(url).then(() => true, () => false)));
  const unknown = (urls as string[]).filter((_, i) => !known[i]);
  if (unknown.length > 0) {
    return check(CHECK_IDS.context, 'fail', `The context ${JSON.stringify(unknown[0]!.slice(0, 200))} is not one Tessera accepts; contexts are never fetched.`, {
      code: 'credentials.unknown_context',
      unknown: unknown.map((url) => url.slice(0, 500)),
    });
  }
  if (urls[0] === CONTEXT_URLS.credentialsV2) return check(CHECK_IDS.context, 'pass', 'The credential uses the VC 2.0 context and only contexts Tessera bundles.');
  if (urls[0] === CONTEXT_URLS.credentialsV1) {
    return check(CHECK_IDS.context, 'warning', 'The credential uses the older VC Data Model 1.1 context; Open Badges 3.0 now uses VC 2.0.');
  }
  return check(CHECK_IDS.context, 'fail', 'The first @context must be the W3C Verifiable Credentials context (VC DM 2.0 §4.3).');
};
