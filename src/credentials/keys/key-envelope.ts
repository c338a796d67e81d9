import { createCipheriv, createDecipheriv } from 'node:crypto';
import { keyDecryptionFailed } from './key-errors.js';
import type { RandomBytes } from './issuer-key.js';
import type { MasterKey } from './master-key.js';
import { decodeBase64UrlStrict, encodeBase64Url } from './multibase.js';

/**
 * Envelope encryption of issuer secret keys at rest. Each key is encrypted with its own random 256-bit data
 * key (DEK); the DEK is encrypted ("wrapped") with the master key. Both layers are AES-256-GCM, so a wrong
 * master key or any altered byte fails the authentication tag instead of yielding a wrong key. Rotating
 * the master key only re-wraps DEKs (`rewrapSecretKey`); secret keys are never re-encrypted.
 *
 * Stored form (version 1), a JSON string with base64url fields:
 * `{"v":1,"dek":{"alg":"A256GCM","iv":…,"tag":…,"ct":…},"key":{"alg":"A256GCM","iv":…,"tag":…,"ct":…}}`
 */
export const KEY_ENVELOPE_VERSION = 1;
const CIPHER = 'aes-256-gcm';
const ALGORITHM_ID = 'A256GCM'; // the JOSE name of AES-256-GCM (RFC 7518)
const IV_BYTES = 12; // the GCM nonce size NIST SP 800-38D recommends
const TAG_BYTES = 16;
const DEK_BYTES = 32;

interface SealedPart {
  alg: typeof ALGORITHM_ID;
  iv: string;
  tag: string;
  ct: string;
}
interface KeyEnvelopeV1 {
  v: typeof KEY_ENVELOPE_VERSION;
  dek: SealedPart;
  key: SealedPart;
}

// Additional authenticated data: binds each layer to its role, the format version and the caller's
// context (e.g. the key's id), so a DEK can't be presented as a key and one key's envelope can't be
// copied into another key's row.
const aad = (layer: 'dek' | 'key', associatedData: string): Buffer =>
  Buffer.from(`tessera-key-envelope/v${KEY_ENVELOPE_VERSION}/${layer}/${associatedData}`, 'utf8');

const seal = (key: Uint8Array, plaintext: Uint8Array, additionalData: Buffer, randomBytes: RandomBytes): SealedPart => {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(CIPHER, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { alg: ALGORITHM_ID, iv: encodeBase64Url(iv), tag: encodeBase64Url(cipher.getAuthTag()), ct: encodeBase64Url(ct) };
};

const open = (key: Uint8Array, part: SealedPart, additionalData: Buffer, what: string): Uint8Array => {
  const iv = decodeBase64UrlStrict(part.iv);
  const tag = decodeBase64UrlStrict(part.tag);
  const ct = decodeBase64UrlStrict(part.ct);
  if (!iv || iv.length !== IV_BYTES || !tag || tag.length !== TAG_BYTES || !ct) {
    throw keyDecryptionFailed(`The sealed ${what} is malformed.`);
  }
  try {
    const decipher = createDecipheriv(CIPHER, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData);
    decipher.setAuthTag(tag);
    return new Uint8Array(Buffer.concat([decipher.update(ct), decipher.final()]));
  } catch (error) {
    throw keyDecryptionFailed(`The ${what} failed authentication: wrong master key, or the stored key was altered.`, error);
  }
};

const isSealedPart = (value: unknown): value is SealedPart => {
  if (typeof value !== 'object' || value === null) return false;
  const part = value as Record<string, unknown>;
  return part.alg === ALGORITHM_ID && typeof part.iv === 'string' && typeof part.tag === 'string' && typeof part.ct === 'string';
};

const parseEnvelope = (stored: string): KeyEnvelopeV1 => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch (error) {
    throw keyDecryptionFailed('The stored key is not a key envelope.', error);
  }
  const envelope = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  if (envelope.v !== KEY_ENVELOPE_VERSION) throw keyDecryptionFailed('The key envelope has an unknown version.');
  if (!isSealedPart(envelope.dek) || !isSealedPart(envelope.key)) {
    throw keyDecryptionFailed('The key envelope names an unknown algorithm or lacks a field.');
  }
  return { v: KEY_ENVELOPE_VERSION, dek: envelope.dek, key: envelope.key };
};

export interface SealOptions {
  masterKey: MasterKey;
  randomBytes: RandomBytes;
  /** Context the envelope is bound to, e.g. the key's id; the same text is needed to open it. */
  associatedData?: string;
}

/** Seals a secret key for storage; the result is the versioned envelope string. */
export const sealSecretKey = (secretKey: Uint8Array, options: SealOptions): string => {
  const context = options.associatedData ?? '';
  const dataKey = options.randomBytes(DEK_BYTES);
  const envelope: KeyEnvelopeV1 = {
    v: KEY_ENVELOPE_VERSION,
    dek: seal(options.masterKey, dataKey, aad('dek', context), options.randomBytes),
    key: seal(dataKey, secretKey, aad('key', context), options.randomBytes),
  };
  dataKey.fill(0);
  return JSON.stringify(envelope);
};

/**
 * Opens an envelope made by `sealSecretKey`.
 * @throws AppError `credentials.key_decryption_failed` for a wrong master key or associated data, or any
 * alteration of the stored text.
 */
export const openSecretKey = (
  stored: string,
  options: { masterKey: MasterKey; associatedData?: string },
): Uint8Array => {
  const context = options.associatedData ?? '';
  const envelope = parseEnvelope(stored);
  const dataKey = open(options.masterKey, envelope.dek, aad('dek', context), 'data key');
  if (dataKey.length !== DEK_BYTES) throw keyDecryptionFailed('The data key has the wrong length.');
  const secretKey = open(dataKey, envelope.key, aad('key', context), 'secret key');
  dataKey.fill(0);
  return secretKey;
};

/** Re-wraps an envelope's data key under a new master key (master key rotation); the key layer is kept. */
export const rewrapSecretKey = (
  stored: string,
  options: { from: MasterKey; to: MasterKey; randomBytes: RandomBytes; associatedData?: string },
): string => {
  const context = options.associatedData ?? '';
  const envelope = parseEnvelope(stored);
  const dataKey = open(options.from, envelope.dek, aad('dek', context), 'data key');
  const rewrapped: KeyEnvelopeV1 = { ...envelope, dek: seal(options.to, dataKey, aad('dek', context), options.randomBytes) };
  dataKey.fill(0);
  return JSON.stringify(rewrapped);
};
