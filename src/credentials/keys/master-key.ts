import { masterKeyInvalid } from './key-errors.js';
import type { RandomBytes } from './issuer-key.js';
import { decodeBase64UrlStrict, encodeBase64Url } from './multibase.js';

/** The AES-256 key-encryption key that wraps every issuer key's data key. 32 bytes. */
export type MasterKey = Uint8Array & { readonly __brand: 'MasterKey' };

export const MASTER_KEY_BYTES = 32;

/** A new master key as the base64url text that goes into `TESSERA_MASTER_KEY`. */
export const generateMasterKey = (options: { randomBytes: RandomBytes }): string => {
  const bytes = options.randomBytes(MASTER_KEY_BYTES);
  if (bytes.length !== MASTER_KEY_BYTES) throw new TypeError('The random source returned the wrong number of bytes.');
  return encodeBase64Url(bytes);
};

/**
 * Reads `TESSERA_MASTER_KEY`: exactly 32 bytes as unpadded base64url (what `generateMasterKey` prints).
 * Surrounding whitespace is forgiven (a newline from a secrets file); anything else is an error rather than a
 * guess, since a mis-read key would seal new keys that no one can open later.
 */
export const parseMasterKey = (text: string | undefined): MasterKey => {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') throw masterKeyInvalid('The master key is empty: set TESSERA_MASTER_KEY to 32 random bytes in base64url.');
  const bytes = decodeBase64UrlStrict(trimmed);
  if (!bytes) {
    throw masterKeyInvalid('The master key must be unpadded base64url (characters A-Z a-z 0-9 - _ only).');
  }
  if (bytes.length !== MASTER_KEY_BYTES) {
    throw masterKeyInvalid(`The master key must be ${MASTER_KEY_BYTES} bytes; this one has ${bytes.length}.`);
  }
  return bytes as MasterKey;
};
