import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../errors.js';
import { KEY_ERROR_CODES } from './key-errors.js';
import { generateMasterKey, parseMasterKey } from './master-key.js';

const codeOf = (action: () => unknown): string | undefined => {
  try {
    action();
  } catch (error) {
    return isAppError(error) ? error.code : 'not an AppError';
  }
  return undefined;
};

describe('master key', () => {
  it('generates 32 bytes as unpadded base64url that parse back', () => {
    const text = generateMasterKey({ randomBytes });
    expect(text).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(parseMasterKey(text)).toString('base64url')).toBe(text);
    expect(parseMasterKey(`${text}\n`)).toHaveLength(32);
  });

  it('rejects missing, malformed and wrongly sized keys with a clear typed error', () => {
    const valid = Buffer.alloc(32, 1).toString('base64url');
    for (const bad of [undefined, '', '   ', 'not base64!', `${valid}=`, Buffer.alloc(32, 1).toString('base64'), Buffer.alloc(31).toString('base64url'), Buffer.alloc(33).toString('base64url')]) {
      expect(codeOf(() => parseMasterKey(bad)), String(bad)).toBe(KEY_ERROR_CODES.masterKeyInvalid);
    }
    expect(codeOf(() => parseMasterKey(valid))).toBeUndefined();
  });
});
