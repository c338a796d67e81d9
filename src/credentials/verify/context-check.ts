import { CONTEXT_URLS } from '../contexts/context-urls.js';
import type { DocumentLoader } from '../contexts/document-loader.js';
import { typesOf } from './credential-fields.js';
import { CHECK_IDS, check, type VerificationCheck } from './verification-report.js';

/**
 * Every `@context` value anywhere in the document (embedded credentials carry their own), each context URL
 * or object on its own. Paths are built only when asked for: they are reported only for inline contexts.
 */
const contextValues = (document: unknown, withPaths: boolean): Array<{ path: string; value: unknown }> => {
  const found: Array<{ path: string; value: unknown }> = [];
  const stack: Array<{ node: unknown; path: string }> = [{ node: document, path: '' }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    for (const [key, child] of Object.entries(node)) {
      if (key === '@context') for (const value of Array.isArray(child) ? child : [child]) found.push({ path: withPaths ? `${path}/@context` : '', value });
      else stack.push({ node: child, path: withPaths ? `${path}/${key}` : '' });
    }
  }
  return found;
};

const OPEN_BADGES_TYPES = ['OpenBadgeCredential', 'AchievementCredential', 'EndorsementCredential'];
const OLDER_OB_CONTEXTS: readonly string[] = [CONTEXT_URLS.openBadgesV3, CONTEXT_URLS.openBadgesV3_0_1, CONTEXT_URLS.openBadgesV3_0_2];

const unknownUrls = async (urls: string[], documentLoader: DocumentLoader): Promise<string[]> => {
  // The loader is the one authority on which contexts are accepted; asking it keeps this check and proof
  // verification from ever disagreeing.
  const known = await Promise.all(urls.map((url) => documentLoader(url).then(() => true, () => false)));
  return urls.filter((_, i) => !known[i]);
};

/**
 * Tessera accepts only contexts it bundles, named by URL (at the top, or at the top of an embedded
 * credential). An inline context (`{"@vocab": ...}`, redefined terms) would let the document change what
 * its own terms mean, so a verifier could display a claim the signature never covered; a remote context is
 * never fetched.
 */
export const checkContexts = async (credential: Record<string, unknown>, documentLoader: DocumentLoader): Promise<VerificationCheck> => {
  const top = credential['@context'];
  const urls = Array.isArray(top) ? top : [top];
  if (top === undefined || urls.length === 0) return check(CHECK_IDS.context, 'fail', 'The document has no @context, so it is not a JSON-LD credential.');
  const all = contextValues(credential, false);
  if (all.some((entry) => typeof entry.value !== 'string')) {
    const inline = contextValues(credential, true).filter((entry) => typeof entry.value !== 'string');
    return check(CHECK_IDS.context, 'fail', 'The document defines an inline @context; Tessera accepts only published contexts, by URL.', { paths: [...new Set(inline.map((e) => e.path))] });
  }
  const unknown = await unknownUrls([...new Set(all.map((entry) => entry.value as string))], documentLoader);
  if (unknown.length > 0) {
    return check(CHECK_IDS.context, 'fail', `The context ${JSON.stringify(unknown[0]!.slice(0, 200))} is not one Tessera accepts; contexts are never fetched.`, {
      code: 'credentials.unknown_context',
      unknown: unknown.map((url) => url.slice(0, 500)),
    });
  }
  if (urls[0] === CONTEXT_URLS.credentialsV1) {
    return check(CHECK_IDS.context, 'warning', 'The credential uses the older VC Data Model 1.1 context; Open Badges 3.0 now uses VC 2.0.');
  }
  if (urls[0] !== CONTEXT_URLS.credentialsV2) return check(CHECK_IDS.context, 'fail', 'The first @context must be the W3C Verifiable Credentials context (VC DM 2.0 §4.3).');
  const older = urls.find((url) => OLDER_OB_CONTEXTS.includes(url as string));
  if (older !== undefined && typesOf(credential).some((t) => OPEN_BADGES_TYPES.includes(t))) {
    // OB 3.0 §B.1: a VC 2.0 Open Badge uses context 3.0.3; earlier versions predate VC 2.0's terms.
    return check(CHECK_IDS.context, 'warning', `The credential uses the Open Badges context ${older}; with VC 2.0 the specification requires context-3.0.3.json.`);
  }
  return check(CHECK_IDS.context, 'pass', 'The credential uses the VC 2.0 context and only contexts Tessera bundles.');
};
