import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isKeyValidAt } from '../keys/key-lifecycle.js';
import { encodeBase58btc } from '../keys/multibase.js';
import { buildDidDocument } from './did-document.js';
import { createDidResolver } from './did-resolver.js';
import { VERIFICATION_METHOD_ERRORS, resolveVerificationMethod } from './verification-method.js';

// The 1EdTech OB 3.0 vector key, in both publicKeyMultibase forms.
const MULTIKEY = 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi';
const PUBLIC_HEX = '4bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b20b71337ca04cc5a5';
const BARE = `z${encodeBase58btc(Buffer.from(PUBLIC_HEX, 'hex'))}`;

let server: Server;
let did = '';
const documents = new Map<string, unknown>();

beforeAll(async () => {
  server = createServer((request, response) => {
    const document = documents.get(request.url ?? '');
    if (document) response.writeHead(200, { 'content-type': 'application/did+json' }).end(JSON.stringify(document));
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  did = `did:web:127.0.0.1%3A${(server.address() as AddressInfo).port}:orgs:northbridge`;
  documents.set('/orgs/northbridge/did.json', {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/ed25519-2020/v1'],
    id: did,
    verificationMethod: [
      { id: `${did}#z-multikey`, type: 'Ed25519VerificationKey2020', controller: did, publicKeyMultibase: MULTIKEY },
      { id: '#bare', type: 'Ed25519VerificationKey2020', controller: did, publicKeyMultibase: BARE },
      { id: `${did}#leaked`, type: 'Multikey', controller: did, publicKeyMultibase: MULTIKEY, compromisedAt: '2025-03-01T00:00:00Z' },
      { id: `${did}#revoked`, type: 'Multikey', controller: did, publicKeyMultibase: MULTIKEY, compromisedAt: '2025-03-01T00:00:00Z', revoked: '2025-02-01T00:00:00Z' },
      { id: `${did}#garbled-date`, type: 'Multikey', controller: did, publicKeyMultibase: MULTIKEY, revoked: 'last Tuesday' },
      { id: `${did}#foreign`, type: 'Multikey', controller: 'did:web:evil.example', publicKeyMultibase: MULTIKEY },
      { id: `${did}#p256`, type: 'Multikey', controller: did, publicKeyMultibase: 'zDnaekGZTbQBerwcehBSXLqAg6s55hVEBms1zFy89VHXtJSa9' },
      { id: `${did}#jwk`, type: 'JsonWebKey2020', controller: did, publicKeyJwk: { kty: 'OKP' } },
    ],
    assertionMethod: [`${did}#z-multikey`, '#bare'],
    authentication: [{ id: `${did}#embedded`, type: 'Multikey', controller: did, publicKeyMultibase: MULTIKEY }],
  });
  const built = did.replace('northbridge', 'built');
  documents.set('/orgs/built/did.json', buildDidDocument({
    did: built,
    keys: [{ id: 'k1', publicKeyMultibase: MULTIKEY, createdAt: new Date('2025-01-01T00:00:00Z'), status: 'compromised', compromisedAt: new Date('2025-03-01T00:00:00Z') }],
  }));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const resolver = () => createDidResolver({ fetch: globalThis.fetch, timeoutMs: 5_000, maxBytes: 100_000, allowHttpFor: ['127.0.0.1'] });
const resolve = async (vmUrl: string) => resolveVerificationMethod(resolver(), vmUrl);
const codeOf = async (vmUrl: string) => {
  const result = await resolve(vmUrl);
  return 'error' in result ? result.error.code : 'resolved';
};

describe('resolveVerificationMethod', () => {
  it('reads an Ed25519VerificationKey2020 with a Multikey-form publicKeyMultibase', async () => {
    const result = await resolve(`${did}#z-multikey`);
    if (!('verificationMethod' in result)) throw new Error(result.error.message);
    expect(result.verificationMethod).toMatchObject({ type: 'Ed25519VerificationKey2020', controller: did, publicKeyMultibase: MULTIKEY, relationships: ['assertionMethod'] });
    expect(Buffer.from(result.verificationMethod.publicKey).toString('hex')).toBe(PUBLIC_HEX);
    expect(result.verificationMethod.compromisedAt).toBeUndefined();
  });

  it('reads the bare-key publicKeyMultibase form and relative ids as the same key', async () => {
    const result = await resolve(`${did}#bare`);
    if (!('verificationMethod' in result)) throw new Error(result.error.message);
    expect(result.verificationMethod).toMatchObject({ id: `${did}#bare`, publicKeyMultibase: MULTIKEY, relationships: ['assertionMethod'] });
    expect(Buffer.from(result.verificationMethod.publicKey).toString('hex')).toBe(PUBLIC_HEX);
  });

  it('reports compromisedAt and that a key is not authorised for assertions', async () => {
    const result = await resolve(`${did}#leaked`);
    if (!('verificationMethod' in result)) throw new Error(result.error.message);
    expect(result.verificationMethod.compromisedAt).toEqual(new Date('2025-03-01T00:00:00Z'));
    expect(result.verificationMethod.relationships).toEqual([]);
    const revoked = await resolve(`${did}#revoked`);
    expect('verificationMethod' in revoked && revoked.verificationMethod.compromisedAt).toEqual(new Date('2025-02-01T00:00:00Z'));
    expect(await codeOf(`${did}#garbled-date`)).toBe(VERIFICATION_METHOD_ERRORS.unsupportedVerificationMethod);
  });

  it('reads a compromised key from a document Tessera built, for the lifecycle rule to judge', async () => {
    const built = did.replace('northbridge', 'built');
    const result = await resolve(`${built}#${MULTIKEY}`);
    if (!('verificationMethod' in result)) throw new Error(result.error.message);
    const key = { status: 'compromised' as const, compromisedAt: result.verificationMethod.compromisedAt ?? new Date(0) };
    expect(result.verificationMethod.relationships).toEqual(['assertionMethod']);
    expect(isKeyValidAt(key, new Date('2025-02-01T00:00:00Z'))).toBe(true);
    expect(isKeyValidAt(key, new Date('2025-04-01T00:00:00Z'))).toBe(false);
  });

  it('finds methods embedded in a relationship', async () => {
    const result = await resolve(`${did}#embedded`);
    expect('verificationMethod' in result && result.verificationMethod.relationships).toEqual(['authentication']);
  });

  it('refuses foreign controllers, other key types and unknown ids', async () => {
    expect(await codeOf(`${did}#foreign`)).toBe(VERIFICATION_METHOD_ERRORS.unsupportedVerificationMethod);
    expect(await codeOf(`${did}#p256`)).toBe(VERIFICATION_METHOD_ERRORS.unsupportedVerificationMethod);
    expect(await codeOf(`${did}#jwk`)).toBe(VERIFICATION_METHOD_ERRORS.unsupportedVerificationMethod);
    expect(await codeOf(`${did}#missing`)).toBe(VERIFICATION_METHOD_ERRORS.verificationMethodNotFound);
    expect(await codeOf(`${did.replace('northbridge', 'nobody')}#key`)).toBe(VERIFICATION_METHOD_ERRORS.notFound);
  });

  it('resolves did:key methods with and without fragment', async () => {
    for (const vmUrl of [`did:key:${MULTIKEY}#${MULTIKEY}`, `did:key:${MULTIKEY}`]) {
      const result = await resolve(vmUrl);
      if (!('verificationMethod' in result)) throw new Error(result.error.message);
      expect(result.verificationMethod).toMatchObject({ id: `did:key:${MULTIKEY}#${MULTIKEY}`, type: 'Multikey' });
      expect(result.verificationMethod.relationships).toContain('assertionMethod');
    }
  });
});
