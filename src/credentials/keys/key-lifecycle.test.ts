import { describe, expect, it } from 'vitest';
import { activeKey, isKeyValidAt, markCompromised, rotate, type IssuerKey } from './key-lifecycle.js';

const at = (iso: string) => new Date(iso);
const first: IssuerKey = { id: 'k1', publicKeyMultibase: 'z6Mk1', createdAt: at('2025-01-01T00:00:00Z'), status: 'active' };
const second = { id: 'k2', publicKeyMultibase: 'z6Mk2', createdAt: at('2025-06-01T00:00:00Z') };

describe('key lifecycle', () => {
  it('rotation retires the active key and activates the new one', () => {
    const keys = rotate([first], second, at('2025-06-01T00:00:00Z'));
    expect(keys).toEqual([
      { ...first, status: 'retired', retiredAt: at('2025-06-01T00:00:00Z') },
      { ...second, status: 'active' },
    ]);
    expect(activeKey(keys)?.id).toBe('k2');
    expect(keys.filter((key) => key.status === 'active')).toHaveLength(1);
  });

  it('rotation does not change its input and refuses a key already present', () => {
    const input = [first];
    rotate(input, second, at('2025-06-01T00:00:00Z'));
    expect(input).toEqual([first]);
    expect(() => rotate([first], { ...second, id: 'k1' }, at('2025-06-01T00:00:00Z'))).toThrow(TypeError);
    expect(() => rotate([first], { ...second, publicKeyMultibase: 'z6Mk1' }, at('2025-06-01T00:00:00Z'))).toThrow(TypeError);
  });

  it('a compromised active key leaves no key to sign with until the next rotation', () => {
    const keys = markCompromised([first], 'k1', at('2025-03-01T00:00:00Z'));
    expect(keys[0]).toMatchObject({ status: 'compromised', compromisedAt: at('2025-03-01T00:00:00Z') });
    expect(activeKey(keys)).toBeUndefined();
    expect(activeKey(rotate(keys, second, at('2025-03-02T00:00:00Z')))?.id).toBe('k2');
  });

  it('a second report of compromise keeps the earlier date', () => {
    const once = markCompromised([first], 'k1', at('2025-03-01T00:00:00Z'));
    expect(markCompromised(once, 'k1', at('2025-04-01T00:00:00Z'))[0]).toMatchObject({ compromisedAt: at('2025-03-01T00:00:00Z') });
    expect(markCompromised(once, 'k1', at('2025-02-01T00:00:00Z'))[0]).toMatchObject({ compromisedAt: at('2025-02-01T00:00:00Z') });
    expect(() => markCompromised(once, 'nope', at('2025-02-01T00:00:00Z'))).toThrow(TypeError);
  });

  it('a retired key that is then compromised keeps its retirement date', () => {
    const keys = markCompromised(rotate([first], second, at('2025-06-01T00:00:00Z')), 'k1', at('2025-07-01T00:00:00Z'));
    expect(keys[0]).toMatchObject({ status: 'compromised', retiredAt: at('2025-06-01T00:00:00Z'), compromisedAt: at('2025-07-01T00:00:00Z') });
  });

  it('accepts proofs of active and retired keys, and of compromised keys only from before compromisedAt', () => {
    const compromisedAt = at('2025-03-01T00:00:00Z');
    expect(isKeyValidAt({ status: 'active' }, at('2030-01-01T00:00:00Z'))).toBe(true);
    expect(isKeyValidAt({ status: 'retired' }, at('2024-01-01T00:00:00Z'))).toBe(true);
    expect(isKeyValidAt({ status: 'active' }, undefined)).toBe(true);
    expect(isKeyValidAt({ status: 'compromised', compromisedAt }, at('2025-02-28T23:59:59Z'))).toBe(true);
    expect(isKeyValidAt({ status: 'compromised', compromisedAt }, compromisedAt)).toBe(false);
    expect(isKeyValidAt({ status: 'compromised', compromisedAt }, at('2025-03-01T00:00:01Z'))).toBe(false);
    expect(isKeyValidAt({ status: 'compromised', compromisedAt }, undefined)).toBe(false);
    expect(isKeyValidAt({ status: 'compromised', compromisedAt }, new Date('not a date'))).toBe(false);
  });
});
