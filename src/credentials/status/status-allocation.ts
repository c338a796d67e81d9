import type { RandomBytes } from '../keys/issuer-key.js';

/**
 * Picks the list position of a new credential. Positions are random rather than sequential (spec §6.1
 * and §6.5, herd privacy): a sequential index would tell anyone holding two credentials their order of
 * issue and let them estimate how many were issued. An index is never handed out twice, since a reused
 * index would tie two credentials' status together.
 */
export type StatusAllocation = { statusListIndex: number } | { full: true };

export interface AllocationOptions {
  /** Entries in the list (bits, with statusSize 1). */
  length: number;
  /** How many indices are already allocated in this list. */
  allocatedCount: number;
  isAllocated: (index: number) => boolean;
  randomBytes: RandomBytes;
}

// Enough tries that a list under 90% full almost never falls back to counting (0.9^32 ≈ 3%).
const RANDOM_TRIES = 32;
const UINT32_RANGE = 2 ** 32;

/** A uniform integer in [0, bound), by rejection sampling so no value is more likely than another. */
const randomBelow = (bound: number, randomBytes: RandomBytes): number => {
  if (!Number.isSafeInteger(bound) || bound <= 0 || bound > UINT32_RANGE) throw new RangeError('bound must be in 1..2^32.');
  const limit = UINT32_RANGE - (UINT32_RANGE % bound);
  for (;;) {
    const bytes = randomBytes(4);
    const value = (((bytes[0] ?? 0) << 24) >>> 0) + ((bytes[1] ?? 0) << 16) + ((bytes[2] ?? 0) << 8) + (bytes[3] ?? 0);
    if (value < limit) return value % bound;
  }
};

/**
 * A random free index, or `{ full: true }` when every index is taken: the caller then opens a new list.
 * Random tries first; when they keep hitting taken indices (a nearly full list), it picks the n-th free
 * index for a random n, which is just as uniform and always ends.
 */
export const allocateStatusIndex = (options: AllocationOptions): StatusAllocation => {
  const { length, allocatedCount, isAllocated, randomBytes } = options;
  const free = length - allocatedCount;
  if (free <= 0) return { full: true };
  for (let attempt = 0; attempt < RANDOM_TRIES; attempt += 1) {
    const index = randomBelow(length, randomBytes);
    if (!isAllocated(index)) return { statusListIndex: index };
  }
  let remaining = randomBelow(free, randomBytes);
  for (let index = 0; index < length; index += 1) {
    if (isAllocated(index)) continue;
    if (remaining === 0) return { statusListIndex: index };
    remaining -= 1;
  }
  // More indices are taken than allocatedCount says: the caller's bookkeeping is off; a new list is safe.
  return { full: true };
};
