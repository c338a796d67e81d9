/**
 * Multibase and multicodec encodings of Ed25519 keys, as used by Multikey and did:key.
 * @see https://www.w3.org/TR/cid-1.0/#multibase-0
 * @see https://w3c-ccg.github.io/did-key-spec/#ed25519-x25519
 */

const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BASE58_INDEX = new Map([...BASE58_ALPHABET].map((character, index) => [character, index]));

/** Multibase prefix of base58-btc. */
export const MULTIBASE_BASE58BTC = 'z';
/** Multibase prefix of base64url without padding (status lists). */
export const MULTIBASE_BASE64URL = 'u';
/** Multicodec `ed25519-pub` (0xed) as an unsigned varint. */
export const ED25519_PUB_MULTICODEC = Uint8Array.of(0xed, 0x01);
/** Multicodec `ed25519-priv` (0x1300) as an unsigned varint. */
export const ED25519_PRIV_MULTICODEC = Uint8Array.of(0x80, 0x26);
export const ED25519_KEY_BYTES = 32;

export const encodeBase58btc = (bytes: Uint8Array): string => {
  let leadingZeros = 0;
  while (leadingZeros < bytes.length && bytes[leadingZeros] === 0) leadingZeros += 1;
  // Repeated division of a big-endian number by 58; digits come out least significant first.
  const digits: number[] = [];
  for (const byte of bytes) {
    let carry = byte;
    for (let i = 0; i < digits.length; i += 1) {
      carry += (digits[i] ?? 0) << 8;
      digits[i] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = Math.floor(carry / 58);
    }
  }
  const body = digits.reverse().map((digit) => BASE58_ALPHABET[digit]).join('');
  return '1'.repeat(leadingZeros) + body;
};

/** Decodes base58-btc; `undefined` for any character outside the alphabet. */
export const decodeBase58btc = (text: string): Uint8Array | undefined => {
  let leadingZeros = 0;
  while (leadingZeros < text.length && text[leadingZeros] === '1') leadingZeros += 1;
  const bytes: number[] = [];
  for (const character of text) {
    const value = BASE58_INDEX.get(character);
    if (value === undefined) return undefined;
    let carry = value;
    for (let i = 0; i < bytes.length; i += 1) {
      carry += (bytes[i] ?? 0) * 58;
      bytes[i] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  const result = new Uint8Array(leadingZeros + bytes.length);
  result.set(bytes.reverse(), leadingZeros);
  return result;
};

/**
 * Decodes base64url without padding and only in its canonical form. Node's decoder skips unknown
 * characters and ignores the spare low bits of the last character, so two different strings can decode to
 * the same bytes; for sealed data (key envelopes, master keys) every change of the text must be noticed.
 */
export const decodeBase64UrlStrict = (text: string): Uint8Array | undefined => {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? new Uint8Array(bytes) : undefined;
};

export const encodeBase64Url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

const startsWith = (bytes: Uint8Array, prefix: Uint8Array): boolean =>
  prefix.every((byte, index) => bytes[index] === byte);

/** `z6Mk…`: multibase base58-btc of the `ed25519-pub` multicodec and the 32 key bytes. */
export const encodeEd25519PublicKeyMultibase = (publicKey: Uint8Array): string => {
  if (publicKey.length !== ED25519_KEY_BYTES) throw new TypeError('An Ed25519 public key has 32 bytes.');
  const prefixed = new Uint8Array(ED25519_PUB_MULTICODEC.length + publicKey.length);
  prefixed.set(ED25519_PUB_MULTICODEC);
  prefixed.set(publicKey, ED25519_PUB_MULTICODEC.length);
  return MULTIBASE_BASE58BTC + encodeBase58btc(prefixed);
};

/**
 * The 32 public key bytes of an Ed25519 `publicKeyMultibase`, or `undefined` when it is not one.
 * Accepts both forms found in the wild: the Multikey form with the `ed25519-pub` multicodec header (what
 * Multikey and Ed25519VerificationKey2020 specify) and the bare 32 key bytes that early
 * Ed25519VerificationKey2020 implementations wrote.
 */
export const decodeEd25519PublicKeyMultibase = (multibase: string): Uint8Array | undefined => {
  if (!multibase.startsWith(MULTIBASE_BASE58BTC)) return undefined;
  const bytes = decodeBase58btc(multibase.slice(1));
  if (!bytes) return undefined;
  if (bytes.length === ED25519_KEY_BYTES) return bytes;
  if (bytes.length === ED25519_PUB_MULTICODEC.length + ED25519_KEY_BYTES && startsWith(bytes, ED25519_PUB_MULTICODEC)) {
    return bytes.slice(ED25519_PUB_MULTICODEC.length);
  }
  return undefined;
};

/** True for the Multikey form only (`z6Mk…`: header and 32 bytes), which did:key and Multikey require. */
export const isEd25519Multikey = (multibase: string): boolean => {
  const bytes = multibase.startsWith(MULTIBASE_BASE58BTC) ? decodeBase58btc(multibase.slice(1)) : undefined;
  return bytes?.length === ED25519_PUB_MULTICODEC.length + ED25519_KEY_BYTES && startsWith(bytes, ED25519_PUB_MULTICODEC);
};

/**
 * The 32-byte seed of an Ed25519 `secretKeyMultibase` (`ed25519-priv` multicodec), or `undefined`.
 * Older tools (the 1EdTech test vectors among them) encode seed and public key together, 64 bytes; the seed
 * is the first half.
 */
export const decodeEd25519SecretKeyMultibase = (multibase: string): Uint8Array | undefined => {
  if (!multibase.startsWith(MULTIBASE_BASE58BTC)) return undefined;
  const bytes = decodeBase58btc(multibase.slice(1));
  if (!bytes || !startsWith(bytes, ED25519_PRIV_MULTICODEC)) return undefined;
  const key = bytes.slice(ED25519_PRIV_MULTICODEC.length);
  if (key.length === ED25519_KEY_BYTES || key.length === 2 * ED25519_KEY_BYTES) return key.slice(0, ED25519_KEY_BYTES);
  return undefined;
};
