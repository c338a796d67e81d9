import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateStatusIndex } from './status-allocation.js';

/** Allocates until the list reports full, as the issuing service would, and returns the indices in order. */
const fillList = (length: number, source: (size: number) => Uint8Array): { indices: number[]; fullAfter: number } => {
  const taken = new Set<number>();
  const indices: number[] = [];
  for (;;) {
    const allocation = allocateStatusIndex({ length, allocatedCount: taken.size, isAllocated: (index) => taken.has(index), randomBytes: source });
    if ('full' in allocation) return { indices, fullAfter: taken.size };
    expect(taken.has(allocation.statusListIndex)).toBe(false);
    taken.add(allocation.statusListIndex);
    indices.push(allocation.statusListIndex);
  }
};

describe('status index allocation', () => {
  it('never repeats an index and reports full exactly when every index is taken', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 300 }), fc.infiniteStream(fc.uint8Array({ minLength: 4, maxLength: 4 })), (length, stream) => {
      const iterator = stream[Symbol.iterator]();
      const { indices, fullAfter } = fillList(length, () => iterator.next().value ?? new Uint8Array(4));
      expect(fullAfter).toBe(length);
      expect(new Set(indices).size).toBe(length);
      expect(indices.every((index) => index >= 0 && index < length)).toBe(true);
    }), { numRuns: 50 });
  });

  it('still finds the last free indices when the random source keeps hitting taken ones', () => {
    // A source stuck on zero always proposes index 0; the fallback must still hand out the others.
    const { indices } = fillList(16, () => new Uint8Array(4));
    expect([...indices].sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, index) => index));
  });

  it('spreads indices over the whole list instead of handing them out in order', () => {
    const taken = new Set<number>();
    const first = Array.from({ length: 20 }, () => {
      const allocation = allocateStatusIndex({ length: 131_072, allocatedCount: taken.size, isAllocated: (index) => taken.has(index), randomBytes });
      if ('full' in allocation) throw new Error('a fresh list is not full');
      taken.add(allocation.statusListIndex);
      return allocation.statusListIndex;
    });
    const sorted = [...first].sort((a, b) => a - b);
    // A sequential allocator would give 0..19 in order; twenty random picks are in order with odds 1 in 20!.
    expect(first).not.toEqual(sorted);
    expect((sorted[19] ?? 0) - (sorted[0] ?? 0)).toBeGreaterThan(20);
  });

  it('reports a full list without asking the random source', () => {
    expect(allocateStatusIndex({ length: 8, allocatedCount: 8, isAllocated: () => true, randomBytes: () => { throw new Error('not needed'); } })).toEqual({ full: true });
  });
});
