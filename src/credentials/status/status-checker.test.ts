import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDataPath } from '../../../test/support/shared-data.js';
import { createBitstring, withBits } from './bitstring.js';
import { encodeBitstring } from './encoded-list.js';
import { STATUS_ERRORS } from './status-check-result.js';
import { createStatusChecker, type StatusCheckerOptions } from './status-checker.js';
import { buildBitstringStatusListCredential } from './status-list-credential.js';

type Json = Record<string, unknown>;
const readText = (...segments: string[]) => readFileSync(sharedDataPath(...segments), 'utf8');
const readJson = (...segments: string[]) => JSON.parse(readText(...segments)) as Json;

// The status lists are served over real HTTP from 127.0.0.1, at the path of the URL the credentials name;
// the injected fetch swaps only the origin, as a test double for the internet.
let server: Server;
let origin = '';
const bodies = new Map<string, string>();
const hits = new Map<string, number>();

const DCC_LIST = '/digitalcredentials/verifier-core/refs/heads/main/src/test-fixtures/status/e5WK8CbZ1GjycuPombrj';
const ONE_EDTECH_LIST = '/1EdTech/digital-credentials-public-validator/refs/heads/main/inspector-vc/src/test/resources/ob30/bit-string-list/testlist';
const SUSPENSION_INDEX = 23452;

beforeAll(async () => {
  bodies.set(DCC_LIST, readText('credentials/dcc-verifier-core/status-list_e5WK8CbZ1GjycuPombrj.json'));
  bodies.set(ONE_EDTECH_LIST, readText('credentials/1edtech-validator/ob30/bit-string-list/testlist'));
  bodies.set('/credentials/status/3', readText('w3c/bitstring-status-list/example-bitstring-status-list-credential.json'));
  const suspension = buildBitstringStatusListCredential({
    id: 'https://example.com/credentials/status/4',
    issuer: 'did:example:12345',
    statusPurpose: 'suspension',
    bitstring: withBits(createBitstring(), [SUSPENSION_INDEX], true),
  });
  bodies.set('/credentials/status/4', JSON.stringify(suspension));
  server = createServer((request, response) => {
    const path = request.url ?? '';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const body = bodies.get(path);
    if (body === undefined) response.writeHead(404).end();
    else response.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const fetchStatusList = async (url: string): Promise<unknown> => {
  const response = await fetch(origin + new URL(url).pathname);
  return response.status === 404 ? undefined : response.json();
};
const checker = (options: Partial<StatusCheckerOptions> = {}) => createStatusChecker({ fetchStatusList, ...options });
const dcc = (name: string) => readJson('credentials/dcc-verifier-core', name);
/** DCC lists have 100,000 entries, below the spec's default minimum. */
const dccChecker = (options: Partial<StatusCheckerOptions> = {}) => checker({ minimumNumberOfEntries: 100_000, ...options });

describe('status checker: Bitstring Status List fixtures', () => {
  it('reports the DCC revoked credentials revoked (index 8 for v2, 6 for v1) and the valid ones ok', async () => {
    expect(await dccChecker()(dcc('v2_v2Revoked.json'))).toMatchObject([{ status: 'revoked', statusPurpose: 'revocation', statusListIndex: 8, value: 1 }]);
    expect(await dccChecker()(dcc('v1_v1Revoked.json'))).toMatchObject([{ status: 'revoked', statusListIndex: 6 }]);
    expect(await dccChecker()(dcc('v2_v2WithValidStatus.json'))).toMatchObject([{ status: 'ok', statusListIndex: 9, value: 0 }]);
    expect(await dccChecker()(dcc('v1_v1WithValidStatus.json'))).toMatchObject([{ status: 'ok', statusListIndex: 7 }]);
  });

  it('holds DCC lists to the spec minimum of 131,072 entries unless told otherwise', async () => {
    expect(await checker()(dcc('v2_v2Revoked.json'))).toMatchObject([{ status: 'error', code: STATUS_ERRORS.listLength }]);
  });

  it('reports "status list not found" for a list URL that answers 404', async () => {
    const [result] = await dccChecker()(dcc('eddsaAndEd25519_v2_v2DoubleSigWithBadStatusUrl.json'));
    expect(result).toMatchObject({ status: 'error', code: STATUS_ERRORS.retrieval });
    expect(result?.message).toContain('status list not found');
  });

  it('reports the 1EdTech bit-string-list credentials revoked at index 23', async () => {
    for (const name of ['credential-status-revoked.json', 'credential-status-revoked-blank-nodes.json']) {
      const credential = readJson('credentials/1edtech-validator/ob30/bit-string-list', name);
      expect(await checker()(credential)).toMatchObject([{ status: 'revoked', statusListIndex: 23 }]);
    }
  });

  it('checks each entry of a credential with a revocation and a suspension entry (spec example)', async () => {
    const credential = readJson('w3c/bitstring-status-list/example-credential-with-revocation-and-suspension-entries.json');
    expect(await checker()(credential)).toMatchObject([
      { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', status: 'ok', statusListIndex: 94567 },
      { type: 'BitstringStatusListEntry', statusPurpose: 'suspension', status: 'suspended', statusListIndex: SUSPENSION_INDEX },
    ]);
  });
});

const entry = (overrides: Json): Json => ({
  id: 'https://example.com/credentials/status/3#1',
  type: 'BitstringStatusListEntry',
  statusPurpose: 'revocation',
  statusListIndex: '1',
  statusListCredential: 'https://example.com/credentials/status/3',
  ...overrides,
});
const check = async (status: unknown, options: Partial<StatusCheckerOptions> = {}, credentialId = 'urn:uuid:1') =>
  checker(options)({ id: credentialId, credentialStatus: status });

describe('status checker: failures are results', () => {
  it('refuses a list whose purpose differs from the entry', async () => {
    expect(await check(entry({ statusPurpose: 'suspension' }))).toMatchObject([{ status: 'error', code: STATUS_ERRORS.verification }]);
  });

  it('refuses an index outside the list', async () => {
    expect(await check(entry({ statusListIndex: '131072' }))).toMatchObject([{ status: 'error', code: STATUS_ERRORS.range }]);
  });

  it('refuses malformed entries', async () => {
    for (const bad of [entry({ statusListIndex: '-1' }), entry({ statusListIndex: '01' }), entry({ statusListCredential: 'not a url' }), entry({ statusPurpose: undefined }), 'a string']) {
      expect(await check(bad)).toMatchObject([{ status: 'error', code: STATUS_ERRORS.malformedValue }]);
    }
  });

  it('passes the fetched list to the injected verifier and refuses what it rejects', async () => {
    const seen: Json[] = [];
    const verifyStatusListCredential = async (list: Json) => {
      seen.push(list);
      return { verified: false, message: 'bad signature' };
    };
    const [result] = await check(entry({}), { verifyStatusListCredential });
    expect(result).toMatchObject({ status: 'error', code: STATUS_ERRORS.verification });
    expect(result?.message).toContain('bad signature');
    expect(seen.map((list) => list.id)).toEqual(['https://example.com/credentials/status/3']);
    expect(await check(entry({}), { verifyStatusListCredential: async () => true })).toMatchObject([{ status: 'ok' }]);
  });

  it('refuses a list outside its validity period when given a clock', async () => {
    const before = () => new Date('2020-01-01T00:00:00Z'); // the example list is valid from 2021-04-05
    expect(await check(entry({}), { now: before })).toMatchObject([{ status: 'error', code: STATUS_ERRORS.verification }]);
    expect(await check(entry({}), { now: () => new Date('2025-01-01T00:00:00Z') })).toMatchObject([{ status: 'ok' }]);
  });

  it('fetches a list once for several entries on it', async () => {
    const path = '/credentials/status/3';
    const before = hits.get(path) ?? 0;
    const results = await check([entry({ statusListIndex: '1' }), entry({ statusListIndex: '2' })]);
    expect(results.map((r) => r.status)).toEqual(['ok', 'ok']);
    expect((hits.get(path) ?? 0) - before).toBe(1);
  });

  it('reports a network failure as a retrieval error, not an exception', async () => {
    const failing = createStatusChecker({ fetchStatusList: () => Promise.reject(new Error('connection refused')) });
    expect(await failing({ credentialStatus: entry({}) })).toMatchObject([{ status: 'error', code: STATUS_ERRORS.retrieval }]);
  });

  it('names status types it does not know', async () => {
    expect(await check({ id: 'https://x.example/1', type: 'RevocationList2020Status' })).toMatchObject([{ status: 'error', code: STATUS_ERRORS.unsupportedType, type: 'RevocationList2020Status' }]);
    expect(await check(undefined)).toEqual([]);
  });
});

describe('status checker: multi-bit message lists', () => {
  it('reads a statusSize 2 entry and reports the matching statusMessage', async () => {
    // Entry 3 of size 2 spans bits 6 and 7; setting bit 7 only gives status 0x1.
    const list = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'https://example.com/status/messages',
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'message', encodedList: encodeBitstring(withBits(createBitstring(2 * 131_072), [7], true)) },
    };
    bodies.set('/status/messages', JSON.stringify(list));
    const statusMessage = [{ status: '0x0', message: 'pending' }, { status: '0x1', message: 'accepted' }, { status: '0x2', message: 'rejected' }];
    const messageEntry = (index: string) => entry({ statusPurpose: 'message', statusSize: 2, statusMessage, statusListIndex: index, statusListCredential: 'https://example.com/status/messages' });
    expect(await check([messageEntry('3'), messageEntry('4')])).toMatchObject([
      { status: 'ok', value: 1, message: 'accepted' },
      { status: 'ok', value: 0, message: 'pending' },
    ]);
  });
});

describe('status checker: older status methods', () => {
  it('reads StatusList2021 lists, whose encodedList has no multibase prefix', async () => {
    const list = {
      '@context': ['https://www.w3.org/2018/credentials/v1', 'https://w3id.org/vc/status-list/2021/v1'],
      id: 'https://example.com/status/2021',
      type: ['VerifiableCredential', 'StatusList2021Credential'],
      credentialSubject: { id: 'https://example.com/status/2021#list', type: 'StatusList2021', statusPurpose: 'revocation', encodedList: encodeBitstring(withBits(createBitstring(), [40], true)).slice(1) },
    };
    bodies.set('/status/2021', JSON.stringify(list));
    const entry2021 = (index: string) => ({ id: `https://example.com/status/2021#${index}`, type: 'StatusList2021Entry', statusPurpose: 'revocation', statusListIndex: index, statusListCredential: 'https://example.com/status/2021' });
    expect(await check([entry2021('40'), entry2021('41')])).toMatchObject([{ type: 'StatusList2021Entry', status: 'revoked' }, { status: 'ok' }]);
    // The DCC fixture's StatusList2021Entry lacks statusListCredential.
    expect(await check(dcc('eddsa_v2_safeModeBreaker.json').credentialStatus)).toMatchObject([{ status: 'error', code: STATUS_ERRORS.malformedValue }]);
  });

  it('reads a 1EdTechRevocationList for the credential in the OB 3.0 validator fixture', async () => {
    const credential = readJson('credentials/1edtech-validator/ob30/credential-status-revoked.json');
    const listUrl = (credential.credentialStatus as Json).id as string;
    const listPath = new URL(listUrl).pathname;
    bodies.set(listPath, JSON.stringify({ id: listUrl, revokedCredentials: [{ id: credential.id, revocationReason: 'Issued in error' }] }));
    const [revoked] = await checker()(credential);
    expect(revoked).toMatchObject({ type: '1EdTechRevocationList', statusPurpose: 'revocation', status: 'revoked' });
    expect(revoked?.message).toContain('Issued in error');

    bodies.set(listPath, JSON.stringify({ id: listUrl, revokedCredentials: [{ id: 'urn:uuid:someone-else' }] }));
    expect(await checker()(credential)).toMatchObject([{ status: 'ok' }]);
    bodies.delete(listPath);
    expect(await checker()(credential)).toMatchObject([{ status: 'error', code: STATUS_ERRORS.retrieval }]);
    expect(await checker()({ ...credential, id: undefined })).toMatchObject([{ status: 'error', code: STATUS_ERRORS.malformedValue }]);
  });
});
