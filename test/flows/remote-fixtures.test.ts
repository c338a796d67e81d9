import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentLoader } from '../../src/credentials/contexts/document-loader.js';
import type { FetchFunction } from '../../src/credentials/dids/did-resolver.js';
import { createVerificationService, type VerificationService } from '../../src/issuing/verification.service.js';
import { sharedDataPath } from '../support/shared-data.js';

/**
 * The production verifier against third-party fixtures that name did:web documents and status lists on
 * the internet. Nothing is fetched from there: a local HTTP server answers for those addresses, reached
 * through the verifier's injected fetch, so DID resolution, size limits and status list checks run as they
 * would against the real hosts.
 */
const fixture = (...segments: string[]): string => readFileSync(sharedDataPath('credentials', ...segments), 'utf8');

// The published did:web documents list the same Ed25519 key as the fixtures' did:key (see SOURCES.md).
const DCC_KEY = 'z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q';
const didDocument = (did: string, type: 'Ed25519VerificationKey2020' | 'Multikey') => ({
  '@context': ['https://www.w3.org/ns/did/v1', type === 'Multikey' ? 'https://w3id.org/security/multikey/v1' : 'https://w3id.org/security/suites/ed25519-2020/v1'],
  id: did,
  verificationMethod: [{ id: `${did}#${DCC_KEY}`, type, controller: did, publicKeyMultibase: DCC_KEY }],
  assertionMethod: [`${did}#${DCC_KEY}`],
});

const REMOTE: Record<string, { type: string; body: string }> = {
  'https://digitalcredentials.github.io/dcc-did-web/did.json': { type: 'application/did+json', body: JSON.stringify(didDocument('did:web:digitalcredentials.github.io:dcc-did-web', 'Ed25519VerificationKey2020')) },
  'https://digitalcredentials.github.io/dcc-did-web/multikey/did.json': { type: 'application/did+json', body: JSON.stringify(didDocument('did:web:digitalcredentials.github.io:dcc-did-web:multikey', 'Multikey')) },
  'https://raw.githubusercontent.com/digitalcredentials/verifier-core/refs/heads/main/src/test-fixtures/status/e5WK8CbZ1GjycuPombrj': { type: 'application/json', body: fixture('dcc-verifier-core', 'status-list_e5WK8CbZ1GjycuPombrj.json') },
  'https://raw.githubusercontent.com/1EdTech/digital-credentials-public-validator/refs/heads/main/inspector-vc/src/test/resources/ob30/bit-string-list/testlist': { type: 'application/json', body: fixture('1edtech-validator', 'ob30', 'bit-string-list', 'testlist') },
};

describe('third-party fixtures whose DIDs and status lists live on the web, served locally', () => {
  let server: http.Server;
  let verification: VerificationService;
  const requested: string[] = [];

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      const target = decodeURIComponent((request.url ?? '/').slice(1));
      requested.push(target);
      const found = REMOTE[target];
      if (!found) return void response.writeHead(404).end('not found');
      response.writeHead(200, { 'content-type': found.type }).end(found.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    // The verifier still sees the real https URL (and applies its rules to it); only the socket is local.
    const localFetch: FetchFunction = (url, init) => fetch(`http://127.0.0.1:${port}/${encodeURIComponent(url)}`, init);
    verification = createVerificationService({
      documentLoader: createDocumentLoader(),
      publicUrl: 'https://tessera.example',
      clock: () => new Date('2026-06-01T00:00:00Z'),
      isTrustedIssuer: async () => false,
      fetch: localFetch,
    });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const failing = async (...path: string[]) =>
    (await verification.verify(fixture(...path))).checks.filter((c) => c.outcome === 'fail').map((c) => c.id).sort();

  it.each(['v2_didWeb_v2didWebWithValidStatus.json', 'v2_didWeb_v2didWebMultikeyWithValidStatus.json', 'v2_v2WithValidStatus.json'])('VERIFY: %s', async (file) => {
    expect(await failing('dcc-verifier-core', file)).toEqual([]);
  });

  it('NOT verify: v2_v2Revoked.json (index 8 set in the fetched list)', async () => {
    expect(await failing('dcc-verifier-core', 'v2_v2Revoked.json')).toEqual(['status']);
  });

  it('NOT verify: v2_didWeb_v2WithBadDidWeb.json (the did:web document is not there)', async () => {
    expect(await failing('dcc-verifier-core', 'v2_didWeb_v2WithBadDidWeb.json')).toContain('issuer_resolution');
  });

  it('INVALID: 1EdTech bit-string-list/credential-status-revoked.json (index 23 set)', async () => {
    expect(await failing('1edtech-validator', 'ob30', 'bit-string-list', 'credential-status-revoked.json')).toContain('status');
  });

  it('fetched the documents from the local server, by their real https addresses', () => {
    expect(requested).toContain('https://digitalcredentials.github.io/dcc-did-web/did.json');
    expect(requested.some((url) => url.startsWith('https://raw.githubusercontent.com/'))).toBe(true);
  });
});
