import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedDataPath } from '../../../test/support/shared-data.js';
import { createBitstring, setBitIndices, withBits } from './bitstring.js';
import { decodeEncodedList } from './encoded-list.js';
import { buildBitstringStatusListCredential, buildBitstringStatusListEntry } from './status-list-credential.js';

const readJson = (...segments: string[]) => JSON.parse(readFileSync(sharedDataPath(...segments), 'utf8')) as Record<string, unknown>;

describe('status list builders', () => {
  it('builds the specification example BitstringStatusListCredential (example 3)', () => {
    const example = readJson('w3c/bitstring-status-list/example-bitstring-status-list-credential.json') as {
      credentialSubject: { encodedList: string };
    };
    const built = buildBitstringStatusListCredential({
      id: 'https://example.com/credentials/status/3',
      subjectId: 'https://example.com/status/3#list',
      issuer: 'did:example:12345',
      statusPurpose: 'revocation',
      bitstring: createBitstring(),
      validFrom: new Date('2021-04-05T14:27:40Z'),
    });
    // GZIP output varies between compressors, so the lists are compared expanded.
    const { encodedList, ...subject } = built.credentialSubject;
    const { encodedList: exampleList, ...exampleSubject } = example.credentialSubject;
    expect({ ...built, validFrom: '2021-04-05T14:27:40Z', credentialSubject: subject }).toEqual({ ...example, credentialSubject: exampleSubject });
    expect(decodeEncodedList(encodedList)).toEqual(decodeEncodedList(exampleList));
  });

  it('carries the bits, purpose, validity and ttl it is given', () => {
    const built = buildBitstringStatusListCredential({
      id: 'https://tessera.example/status/7',
      issuer: 'did:web:tessera.example:orgs:nb',
      statusPurpose: 'suspension',
      bitstring: withBits(createBitstring(), [3, 99_999], true),
      validUntil: new Date('2030-01-01T00:00:00Z'),
      ttl: 300_000,
    });
    expect(built.credentialSubject).toMatchObject({ id: 'https://tessera.example/status/7#list', statusPurpose: 'suspension', ttl: 300_000 });
    expect(built.validUntil).toBe('2030-01-01T00:00:00.000Z');
    expect(setBitIndices(decodeEncodedList(built.credentialSubject.encodedList))).toEqual([3, 99_999]);
  });

  it('builds the specification example BitstringStatusListEntry', () => {
    const example = readJson('w3c/bitstring-status-list/example-revocable-credential.json');
    expect(buildBitstringStatusListEntry({ statusListCredential: 'https://example.com/credentials/status/3', statusListIndex: 94567, statusPurpose: 'revocation' }))
      .toEqual(example.credentialStatus);
    expect(() => buildBitstringStatusListEntry({ statusListCredential: 'https://x.example/1', statusListIndex: -1, statusPurpose: 'revocation' })).toThrow(RangeError);
    expect(() => buildBitstringStatusListEntry({ statusListCredential: 'https://x.example/1', statusListIndex: 1.5, statusPurpose: 'revocation' })).toThrow(RangeError);
  });
});
