/**
 * The uncompressed status bitstring of Bitstring Status List v1.0. Index 0 is the left-most bit: the most
 * significant bit of the first byte (spec §2.1, "the first index, with a value of zero, is located at the
 * left-most bit in the bitstring"). Values are immutable: changes return a new bitstring.
 * @see https://www.w3.org/TR/vc-bitstring-status-list/#bitstringstatuslistcredential
 */
export interface Bitstring {
  /** Number of bits. */
  readonly length: number;
  readonly bytes: Uint8Array;
}

/** The spec's minimum number of entries (16 KB of single bits), for group privacy. */
export const MINIMUM_STATUS_LIST_ENTRIES = 131_072;

export const createBitstring = (length: number = MINIMUM_STATUS_LIST_ENTRIES): Bitstring => {
  if (!Number.isSafeInteger(length) || length <= 0 || length % 8 !== 0) {
    throw new RangeError('A bitstring has a positive whole number of bytes.');
  }
  return { length, bytes: new Uint8Array(length / 8) };
};

export const bitstringFromBytes = (bytes: Uint8Array): Bitstring => ({ length: bytes.length * 8, bytes: Uint8Array.from(bytes) });

const assertIndex = (bitstring: Bitstring, index: number): void => {
  if (!Number.isSafeInteger(index) || index < 0 || index >= bitstring.length) {
    throw new RangeError(`Index ${index} is outside the bitstring of ${bitstring.length} bits.`);
  }
};

const MSB = 0x80;

export const getBit = (bitstring: Bitstring, index: number): boolean => {
  assertIndex(bitstring, index);
  return ((bitstring.bytes[index >> 3] ?? 0) & (MSB >> (index & 7))) !== 0;
};

/**
 * The status value of entry `statusListIndex` when each entry is `statusSize` bits (spec: the position is
 * the index times the size), read most significant bit first.
 */
export const getStatus = (bitstring: Bitstring, statusListIndex: number, statusSize = 1): number => {
  let value = 0;
  for (let bit = 0; bit < statusSize; bit += 1) {
    value = (value << 1) | (getBit(bitstring, statusListIndex * statusSize + bit) ? 1 : 0);
  }
  return value;
};

/** A copy with the given bits set (`true`) or cleared (`false`). */
export const withBits = (bitstring: Bitstring, indices: Iterable<number>, value: boolean): Bitstring => {
  const bytes = Uint8Array.from(bitstring.bytes);
  for (const index of indices) {
    assertIndex(bitstring, index);
    const byteIndex = index >> 3;
    const mask = MSB >> (index & 7);
    bytes[byteIndex] = value ? (bytes[byteIndex] ?? 0) | mask : (bytes[byteIndex] ?? 0) & ~mask;
  }
  return { length: bitstring.length, bytes };
};

/** Indices of the set bits, in order. */
export const setBitIndices = (bitstring: Bitstring): number[] => {
  const indices: number[] = [];
  bitstring.bytes.forEach((byte, byteIndex) => {
    for (let bit = 0; byte !== 0 && bit < 8; bit += 1) {
      if (byte & (MSB >> bit)) indices.push(byteIndex * 8 + bit);
    }
  });
  return indices;
};
