import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../errors.js';
import { KEY_ERROR_CODES } from './key-errors.js';
import { openSecretKey, rewrapSecretKey, sealSecretKey } from './key-envelope.js';
import { generateMasterKey, parseMasterKey } from './master-key.js';

const newMasterKey = () => parseMasterKey(generateMasterKey({ randomBytes }));

const expectDecryptionFailure = (action: () => unknown): void => {
  let thrown: unknown;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  expect(isAppError(thrown) && thrown.code).toBe(KEY_ERROR_CODES.keyDecryptionFailed);
};

describe('key envelope', () => {
  const secretKey = Uint8Array.from(randomBytes(32));

  it('round-trips a secret key and never stores it in the clear', () => {
    const masterKey = newMasterKey();
    const stored = sealSecretKey(secretKey, { masterKey, randomBytes, associatedData: 'key-1' });
    expect(JSON.parse(stored)).toMatchObject({ v: 1, dek: { alg: 'A256GCM' }, key: { alg: 'A256GCM' } });
    expect(stored).not.toContain(Buffer.from(secretKey).toString('base64url'));
    expect(openSecretKey(stored, { masterKey, associatedData: 'key-1' })).toEqual(secretKey);
  });

  it('seals the same key differently each time (fresh data key and nonces)', () => {
    const masterKey = newMasterKey();
    expect(sealSecretKey(secretKey, { masterKey, randomBytes })).not.toBe(sealSecretKey(secretKey, { masterKey, randomBytes }));
  });

  it('fails with a typed error for a wrong master key', () => {
    const stored = sealSecretKey(secretKey, { masterKey: newMasterKey(), randomBytes });
    expectDecryptionFailure(() => openSecretKey(stored, { masterKey: newMasterKey() }));
  });

  it('fails when the envelope is opened in another context (copied to another key)', () => {
    const masterKey = newMasterKey();
    const stored = sealSecretKey(secretKey, { masterKey, randomBytes, associatedData: 'key-1' });
    expectDecryptionFailure(() => openSecretKey(stored, { masterKey, associatedData: 'key-2' }));
  });

  it('fails for every single changed character of the stored envelope', () => {
    const masterKey = newMasterKey();
    const stored = sealSecretKey(secretKey, { masterKey, randomBytes });
    const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 0; i < stored.length; i += 1) {
      const character = stored.charAt(i);
      // Two changes per character: its ASCII code off by one bit, and (inside base64url) the next digit,
      // which flips the lowest bit of the 6 it encodes, the spare bits at the end of a field included.
      const position = BASE64URL.indexOf(character);
      const replacements = [String.fromCharCode(character.charCodeAt(0) ^ 1), ...(position < 0 ? [] : [BASE64URL.charAt(position ^ 1)])];
      for (const replacement of replacements) {
        expectDecryptionFailure(() => openSecretKey(stored.slice(0, i) + replacement + stored.slice(i + 1), { masterKey }));
      }
    }
    expectDecryptionFailure(() => openSecretKey(stored.slice(0, -1), { masterKey }));
    expectDecryptionFailure(() => openSecretKey('', { masterKey }));
  });

  it('re-wraps under a new master key without changing the secret key', () => {
    const from = newMasterKey();
    const to = newMasterKey();
    const stored = sealSecretKey(secretKey, { masterKey: from, randomBytes });
    const rewrapped = rewrapSecretKey(stored, { from, to, randomBytes });
    expect(openSecretKey(rewrapped, { masterKey: to })).toEqual(secretKey);
    expectDecryptionFailure(() => openSecretKey(rewrapped, { masterKey: from }));
  });
});
