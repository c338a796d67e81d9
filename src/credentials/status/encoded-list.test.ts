import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedDataPath } from '../../../test/support/shared-data.js';
import { isAppError } from '../../errors.js';
import { createBitstring, setBitIndices, withBits } from './bitstring.js';
import { STATUS_LIST_MALFORMED, decodeEncodedList, encodeBitstring } from './encoded-list.js';

const encodedListOf = (...segments: string[]): string =>
  (JSON.parse(readFileSync(sharedDataPath(...segments), 'utf8')) as { credentialSubject: { encodedList: string } }).credentialSubject.encodedList;

const codeOf = (action: () => unknown) => {
  try {
    action();
    return 'no error';
  } catch (error) {
    return isAppError(error) ? error.code : 'not an AppError';
  }
};

describe('encodedList', () => {
  it('decodes the specification examples to 131,072 clear bits', () => {
    const examples = readdirSync(sharedDataPath('w3c/bitstring-status-list')).filter((name) => name.startsWith('example-bitstring-status-list-credential'));
    expect(examples.length).toBeGreaterThan(0);
    for (const name of examples) {
      const bitstring = decodeEncodedList(encodedListOf('w3c/bitstring-status-list', name));
      expect(bitstring.length).toBe(131_072);
      expect(setBitIndices(bitstring)).toEqual([]);
    }
  });

  it('reads the revoked entries of the fixture lists', () => {
    // Expected bits from credentials/EXPECTED.md and an independent decoder (Python gzip + base64).
    const dcc = decodeEncodedList(encodedListOf('credentials/dcc-verifier-core/status-list_e5WK8CbZ1GjycuPombrj.json'));
    expect(dcc.length).toBe(100_000);
    expect(setBitIndices(dcc)).toEqual([2, 6, 8]);
    const oneEdTech = decodeEncodedList(encodedListOf('credentials/1edtech-validator/ob30/bit-string-list/testlist'));
    expect(oneEdTech.length).toBe(131_072);
    expect(setBitIndices(oneEdTech)).toEqual([23]);
  });

  it('round-trips any set of bits through GZIP and multibase base64url', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 131_071 }), { maxLength: 300 }), (indices) => {
      const bitstring = withBits(createBitstring(), indices, true);
      const encoded = encodeBitstring(bitstring);
      expect(encoded).toMatch(/^uH4sI[A-Za-z0-9_-]+$/); // "u" + base64url of the GZIP magic 1f 8b 08, unpadded
      expect(decodeEncodedList(encoded)).toEqual(bitstring);
    }), { numRuns: 30 });
  });

  it('compresses a mostly clear list to a few hundred bytes', () => {
    expect(encodeBitstring(withBits(createBitstring(), [5, 500, 50_000], true)).length).toBeLessThan(300);
  });

  it('refuses lists that are not prefixed, not base64url, not GZIP, empty, or expand too far', () => {
    const bare = encodeBitstring(createBitstring()).slice(1);
    expect(codeOf(() => decodeEncodedList(bare))).toBe(STATUS_LIST_MALFORMED);
    expect(decodeEncodedList(bare, { multibase: 'optional' }).length).toBe(131_072);
    expect(codeOf(() => decodeEncodedList('u!!!'))).toBe(STATUS_LIST_MALFORMED);
    expect(codeOf(() => decodeEncodedList(`u${Buffer.from('plain text').toString('base64url')}`))).toBe(STATUS_LIST_MALFORMED);
    expect(codeOf(() => decodeEncodedList(`u${gzipSync(new Uint8Array()).toString('base64url')}`))).toBe(STATUS_LIST_MALFORMED);
    const bomb = `u${gzipSync(new Uint8Array(4 * 1024 * 1024)).toString('base64url')}`;
    expect(codeOf(() => decodeEncodedList(bomb, { maxBytes: 1024 * 1024 }))).toBe(STATUS_LIST_MALFORMED);
  });
});
