import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBitstring, getBit, getStatus, setBitIndices, withBits } from './bitstring.js';

describe('bitstring', () => {
  it('has at least 131,072 entries by default, all clear', () => {
    const bitstring = createBitstring();
    expect(bitstring.length).toBe(131_072);
    expect(bitstring.bytes).toHaveLength(16_384);
    expect(setBitIndices(bitstring)).toEqual([]);
  });

  it('puts index 0 in the most significant bit of the first byte', () => {
    expect(withBits(createBitstring(16), [0], true).bytes).toEqual(Uint8Array.of(0x80, 0));
    expect(withBits(createBitstring(16), [9], true).bytes).toEqual(Uint8Array.of(0, 0x40));
  });

  it('reads back exactly the bits that were set', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 1023 }), { maxLength: 200 }), (indices) => {
      const bitstring = withBits(createBitstring(1024), indices, true);
      expect(setBitIndices(bitstring)).toEqual([...indices].sort((a, b) => a - b));
      const read = Array.from({ length: 1024 }, (_, index) => getBit(bitstring, index));
      expect(read).toEqual(Array.from({ length: 1024 }, (_, index) => indices.includes(index)));
    }));
  });

  it('clears bits and leaves its input unchanged', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 255 })), fc.uniqueArray(fc.integer({ min: 0, max: 255 })), (set, cleared) => {
      const original = withBits(createBitstring(256), set, true);
      const snapshot = Uint8Array.from(original.bytes);
      const result = withBits(original, cleared, false);
      expect(original.bytes).toEqual(snapshot);
      expect(setBitIndices(result)).toEqual(set.filter((index) => !cleared.includes(index)).sort((a, b) => a - b));
    }));
  });

  it('reads multi-bit statuses most significant bit first', () => {
    // Entry 1 of size 2 spans bits 2 and 3.
    expect(getStatus(withBits(createBitstring(8), [2], true), 1, 2)).toBe(2);
    expect(getStatus(withBits(createBitstring(8), [3], true), 1, 2)).toBe(1);
    expect(getStatus(withBits(createBitstring(8), [2, 3], true), 1, 2)).toBe(3);
  });

  it('refuses indices outside the bitstring and sizes that are not whole bytes', () => {
    expect(() => getBit(createBitstring(8), 8)).toThrow(RangeError);
    expect(() => withBits(createBitstring(8), [-1], true)).toThrow(RangeError);
    expect(() => createBitstring(12)).toThrow(RangeError);
  });
});
