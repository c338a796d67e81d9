import { readFileSync } from 'node:fs';
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { sharedDataPath } from '../../../test/support/shared-data.js';
import { isAppError } from '../../errors.js';
import { OB_3_0_3_FIRST_PUBLICATION_ALIAS, bundledContextUrls } from './bundled-contexts.js';
import { UNKNOWN_CONTEXT } from './context-errors.js';
import { CONTEXT_URLS } from './context-urls.js';
import { createDocumentLoader } from './document-loader.js';

const loader = createDocumentLoader();

describe('static document loader', () => {
  it.each(bundledContextUrls())('serves %s as a JSON-LD context', async (url) => {
    const { document, documentUrl } = await loader(url);
    expect(documentUrl).toBe(url);
    expect(document).toHaveProperty('@context');
  });

  it.each(['https://evil.example/context.json', 'http://localhost/x', 'did:key:z6Mk', '', 'file:///etc/passwd'])('refuses %j with credentials.unknown_context', async (url) => {
    const error: unknown = await loader(url).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe(UNKNOWN_CONTEXT);
  });

  it('serves the W3C examples context (@vocab) only when asked to', async () => {
    await expect(loader(CONTEXT_URLS.credentialsExamplesV2)).rejects.toThrow();
    await expect(createDocumentLoader({ includeExampleContexts: true })(CONTEXT_URLS.credentialsExamplesV2)).resolves.toHaveProperty('document');
  });

  it('bundles both published copies of the OB 3.0.3 context, the current one with endorsementJwt and jti', async () => {
    const terms = async (url: string) => Object.keys(((await loader(url)).document as { '@context': Record<string, unknown> })['@context']);
    expect(await terms(CONTEXT_URLS.openBadgesV3_0_3)).toEqual(expect.arrayContaining(['endorsementJwt', 'jti']));
    expect(await terms(OB_3_0_3_FIRST_PUBLICATION_ALIAS)).not.toContain('jti');
  });

  it('serves the copies from shared/data unchanged', async () => {
    const pairs: Array<[string, string[]]> = [
      [CONTEXT_URLS.credentialsV2, ['w3c', 'contexts', 'credentials-v2.jsonld']],
      [CONTEXT_URLS.openBadgesV3_0_3, ['1edtech', 'contexts', 'ob-v3p0-3.0.3.json']],
      [OB_3_0_3_FIRST_PUBLICATION_ALIAS, ['1edtech', 'ob_v3p0', 'context-3.0.3.json']],
      [CONTEXT_URLS.clrV2_0_1, ['1edtech', 'contexts', 'clr-v2p0-2.0.1.json']],
      [CONTEXT_URLS.bitstringStatusListV1, ['w3c', 'bitstring-status-list', 'context-v1.jsonld']],
    ];
    for (const [url, path] of pairs) {
      expect((await loader(url)).document).toEqual(JSON.parse(readFileSync(sharedDataPath(...path), 'utf8')));
    }
  });

  it('hands out one frozen document per context, so no caller can change it for the next', async () => {
    const first = (await loader(CONTEXT_URLS.credentialsV2)).document as Record<string, unknown>;
    expect(() => {
      first['@context'] = 'mutated';
    }).toThrow(TypeError);
    expect((await loader(CONTEXT_URLS.credentialsV2)).document).toBe(first);
  });

  it('copies a context jsonld would rewrite in place (security v2 names security v1 by URL)', async () => {
    const first = (await loader(CONTEXT_URLS.securityV2)).document;
    expect(Object.isFrozen(first)).toBe(false);
    expect((await loader(CONTEXT_URLS.securityV2)).document).not.toBe(first);
  });

  it('makes jsonld fail on a remote context instead of fetching it', async () => {
    const document = { '@context': ['https://www.w3.org/ns/credentials/v2', 'https://attacker.example/ctx.jsonld'], type: 'VerifiableCredential' };
    await expect(jsonld.expand(document, { documentLoader: loader })).rejects.toThrow();
  });
});
