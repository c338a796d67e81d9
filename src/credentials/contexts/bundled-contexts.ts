import { readFileSync } from 'node:fs';
import { CONTEXT_URLS } from './context-urls.js';
import { bundledFilePath } from './package-root.js';

/**
 * The second published copy of the OB 3.0.3 context, served under a private alias URL. The file at
 * `context-3.0.3.json` changed after first publication (1EdTech's validator copy adds `endorsementJwt` and
 * `jti`), so a credential signed under the first copy verifies only with it. The verifier swaps the URL in
 * a credential's `@context` for this alias; a context URL never appears in the RDF being signed, so the
 * swap changes which context definitions apply and nothing else. A distinct URL also keeps jsonld's
 * process-wide resolved-context cache (keyed by URL) from mixing the two copies.
 */
export const OB_3_0_3_FIRST_PUBLICATION_ALIAS = 'urn:tessera:context:ob-v3p0-3.0.3:first-publication';

/** URL → file in `contexts/files/` (sources in `files/LICENSES.md`). */
const CONTEXT_FILES: ReadonlyMap<string, string> = new Map([
  [CONTEXT_URLS.credentialsV1, 'credentials-v1.json'],
  [CONTEXT_URLS.credentialsV2, 'credentials-v2.json'],
  [CONTEXT_URLS.credentialsUndefinedTermsV2, 'credentials-undefined-terms-v2.json'],
  [CONTEXT_URLS.bitstringStatusListV1, 'bitstring-status-list-v1.json'],
  [CONTEXT_URLS.statusList2021V1, 'status-list-2021-v1.json'],
  [CONTEXT_URLS.dataIntegrityV1, 'data-integrity-v1.json'],
  [CONTEXT_URLS.dataIntegrityV2, 'data-integrity-v2.json'],
  [CONTEXT_URLS.multikeyV1, 'multikey-v1.json'],
  [CONTEXT_URLS.ed25519Signature2020V1, 'ed25519-2020-v1.json'],
  [CONTEXT_URLS.securityV1, 'security-v1.json'],
  [CONTEXT_URLS.securityV2, 'security-v2.json'],
  [CONTEXT_URLS.didV1, 'did-v1.json'],
  [CONTEXT_URLS.openBadgesV3, 'ob-v3p0.json'],
  [CONTEXT_URLS.openBadgesV3_0_1, 'ob-v3p0-3.0.1.json'],
  [CONTEXT_URLS.openBadgesV3_0_2, 'ob-v3p0-3.0.2.json'],
  [CONTEXT_URLS.openBadgesV3_0_3, 'ob-v3p0-3.0.3.json'],
  [OB_3_0_3_FIRST_PUBLICATION_ALIAS, 'ob-v3p0-3.0.3-first-publication.json'],
  [CONTEXT_URLS.openBadgesExtensions, 'ob-v3p0-extensions.json'],
  [CONTEXT_URLS.clrV2, 'clr-v2p0.json'],
  [CONTEXT_URLS.clrV2_0_1, 'clr-v2p0-2.0.1.json'],
]);

/**
 * Contexts that define `@vocab`, so that any undefined term expands. They exist for the W3C test vectors
 * and examples; accepting them in production would defeat safe-mode's check for undefined terms.
 */
const EXAMPLE_CONTEXT_FILES: ReadonlyMap<string, string> = new Map([
  [CONTEXT_URLS.credentialsExamplesV2, 'credentials-examples-v2.json'],
]);

const parsed = new Map<string, { document: unknown; shared: boolean }>();

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
};

/** jsonld rewrites `@context` URL strings inside a context in place (relative-URL resolution). */
const hasContextUrls = (value: unknown): boolean =>
  typeof value === 'object' && value !== null &&
  Object.entries(value).some(([key, child]) => (key === '@context' && [child].flat().some((c) => typeof c === 'string')) || hasContextUrls(child));

/**
 * One frozen object per context, handed to every caller: jsonld caches processed contexts per document
 * and the template canonicalizer recognises contexts by identity. A context that jsonld would rewrite in
 * place (one naming other contexts by URL) is copied instead.
 */
const readContextFile = (file: string): unknown => {
  let entry = parsed.get(file);
  if (entry === undefined) {
    const document = JSON.parse(readFileSync(bundledFilePath('contexts', 'files', file), 'utf8')) as unknown;
    entry = hasContextUrls(document) ? { document, shared: false } : { document: deepFreeze(document), shared: true };
    parsed.set(file, entry);
  }
  return entry.shared ? entry.document : structuredClone(entry.document);
};

/** The bundled context document for `url`, or undefined when Tessera does not ship it. */
export const bundledContext = (url: string, options: { includeExampleContexts?: boolean } = {}): unknown => {
  const file = CONTEXT_FILES.get(url) ?? (options.includeExampleContexts ? EXAMPLE_CONTEXT_FILES.get(url) : undefined);
  return file === undefined ? undefined : readContextFile(file);
};

/** Every context URL the product loader accepts. */
export const bundledContextUrls = (): string[] => [...CONTEXT_FILES.keys()];
