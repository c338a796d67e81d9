import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentLoader } from '../contexts/document-loader.js';
import { buildDidDocument, verificationMethodId } from '../dids/did-document.js';
import { createDidResolver } from '../dids/did-resolver.js';
import { organisationDid } from '../dids/did-web.js';
import { createIssuerSigner, generateIssuerKeyPair, type IssuerKeyPair } from '../keys/issuer-key.js';
import { markCompromised, rotate } from '../keys/key-lifecycle.js';
import { signProof } from '../proof/sign-proof.js';
import { verifyCredential } from '../verify/verify-credential.js';
import { createBitstring, withBits } from './bitstring.js';
import { createStatusChecker } from './status-checker.js';
import { buildBitstringStatusListCredential, buildBitstringStatusListEntry } from './status-list-credential.js';

// The contract with part A's verifier: keys, DID document, resolver and status checker of this part,
// plugged into `signProof` and `verifyCredential`, with the organisation's web server on 127.0.0.1.
let server: Server;
let base = '';
let did = '';
let current: IssuerKeyPair;
let leaked: IssuerKeyPair;
const bodies = new Map<string, string>();
const documentLoader = createDocumentLoader();
const clock = () => new Date('2025-06-01T00:00:00Z');

const signerOf = (keyPair: IssuerKeyPair) =>
  createIssuerSigner({ secretKey: keyPair.secretKey, verificationMethod: verificationMethodId(did, keyPair.publicKeyMultibase) });

beforeAll(async () => {
  server = createServer((request, response) => {
    const body = bodies.get(request.url ?? '');
    if (body === undefined) response.writeHead(404).end();
    else response.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  did = organisationDid({ publicUrl: base, slug: 'northbridge' });
  [leaked, current] = [await generateIssuerKeyPair({ randomBytes }), await generateIssuerKeyPair({ randomBytes })];
  let keys = rotate([], { id: 'k1', publicKeyMultibase: leaked.publicKeyMultibase, createdAt: new Date('2024-01-01T00:00:00Z') }, new Date('2024-01-01T00:00:00Z'));
  keys = rotate(keys, { id: 'k2', publicKeyMultibase: current.publicKeyMultibase, createdAt: new Date('2025-01-01T00:00:00Z') }, new Date('2025-01-01T00:00:00Z'));
  keys = markCompromised(keys, 'k1', new Date('2024-06-01T00:00:00Z'));
  bodies.set('/orgs/northbridge/did.json', JSON.stringify(buildDidDocument({ did, keys })));

  const list = buildBitstringStatusListCredential({
    id: `${base}/status/1`,
    issuer: did,
    statusPurpose: 'revocation',
    bitstring: withBits(createBitstring(), [5], true),
    validFrom: new Date('2025-01-01T00:00:00Z'),
  });
  bodies.set('/status/1', JSON.stringify(await signProof({ document: list, signer: await signerOf(current), documentLoader, created: new Date('2025-01-02T00:00:00Z') })));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const verify = async (statusListIndex: number, signer: IssuerKeyPair, created: string) => {
  const resolveDid = createDidResolver({ fetch: globalThis.fetch, timeoutMs: 5_000, maxBytes: 100_000, allowHttpFor: ['127.0.0.1'] });
  const checkStatus = createStatusChecker({
    fetchStatusList: async (url) => {
      const response = await fetch(url);
      return response.status === 404 ? undefined : response.json();
    },
    verifyStatusListCredential: async (list) => (await verifyCredential({ credential: list, documentLoader, clock, resolveDid })).verified,
  });
  const credential = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: `urn:uuid:credential-${statusListIndex}`,
    type: ['VerifiableCredential'],
    issuer: did,
    validFrom: '2024-01-02T00:00:00Z',
    credentialSubject: { id: 'did:example:learner' },
    credentialStatus: buildBitstringStatusListEntry({ statusListCredential: `${base}/status/1`, statusListIndex, statusPurpose: 'revocation' }),
  };
  const signed = await signProof({ document: credential, signer: await signerOf(signer), documentLoader, created: new Date(created) });
  const report = await verifyCredential({ credential: signed, documentLoader, clock, resolveDid, checkStatus });
  return { verified: report.verified, failed: report.checks.filter((c) => c.outcome === 'fail').map((c) => c.id) };
};

describe('issuer keys, did:web and status lists under the credential verifier', () => {
  it('verifies a credential whose status bit is clear and refuses one whose bit is set', async () => {
    expect(await verify(6, current, '2025-01-02T00:00:00Z')).toEqual({ verified: true, failed: [] });
    expect(await verify(5, current, '2025-01-02T00:00:00Z')).toEqual({ verified: false, failed: ['status'] });
  });

  it('accepts a compromised key\'s proofs from before the compromise only', async () => {
    expect(await verify(6, leaked, '2024-03-01T00:00:00Z')).toEqual({ verified: true, failed: [] });
    expect(await verify(6, leaked, '2024-07-01T00:00:00Z')).toEqual({ verified: false, failed: ['key_valid_at_issue'] });
  });
});
