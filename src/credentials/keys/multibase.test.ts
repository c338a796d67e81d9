import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeBase58btc,
  decodeBase64UrlStrict,
  decodeEd25519PublicKeyMultibase,
  encodeBase58btc,
  encodeEd25519PublicKeyMultibase,
} from './multibase.js';

describe('multibase', () => {
  it('base58-btc matches the draft-msporny-base58 examples', () => {
    expect(encodeBase58btc(new TextEncoder().encode('Hello World!'))).toBe('2NEpo7TZRRrLZSi2U');
    expect(encodeBase58btc(Uint8Array.of(0, 0, 0x28, 0x7f, 0xb4, 0xcd))).toBe('11233QC4');
    expect(decodeBase58btc('11233QC4')).toEqual(Uint8Array.of(0, 0, 0x28, 0x7f, 0xb4, 0xcd));
    expect(decodeBase58btc('0OIl')).toBeUndefined();
  });

  it('base58-btc round-trips any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
      expect(decodeBase58btc(encodeBase58btc(bytes))).toEqual(bytes);
    }));
  });

  it('reads Ed25519 public keys with and without the multicodec header', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (key) => {
      const multikey = encodeEd25519PublicKeyMultibase(key);
      expect(multikey.startsWith('z6Mk')).toBe(true);
      expect(decodeEd25519PublicKeyMultibase(multikey)).toEqual(key);
      expect(decodeEd25519PublicKeyMultibase(`z${encodeBase58btc(key)}`)).toEqual(key);
    }));
    expect(decodeEd25519PublicKeyMultibase('zDnaekGZTbQBerwcehBSXLqAg6s55hVEBms1zFy89VHXtJSa9')).toBeUndefined();
    expect(decodeEd25519PublicKeyMultibase('u6Mk')).toBeUndefined();
  });

  it('strict base64url refuses padding, foreign characters and non-canonical last characters', () => {
    expect(decodeBase64UrlStrict('AQ')).toEqual(Uint8Array.of(1));
    expect(decodeBase64UrlStrict('AR')).toBeUndefined();
    expect(decodeBase64UrlStrict('AQ==')).toBeUndefined();
    expect(decodeBase64UrlStrict('A+Q')).toBeUndefined();
  });
});
