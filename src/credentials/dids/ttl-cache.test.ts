import { describe, expect, it } from 'vitest';
import { createTtlCache } from './ttl-cache.js';

describe('TTL cache', () => {
  it('forgets entries once their time is up', () => {
    let now = 0;
    const cache = createTtlCache<string>({ ttlMs: 100, now: () => now });
    cache.set('a', 'A');
    now = 99;
    expect(cache.get('a')).toBe('A');
    now = 100;
    expect(cache.get('a')).toBeUndefined();
  });

  it('drops the oldest entries beyond its size', () => {
    const cache = createTtlCache<number>({ ttlMs: 1_000, now: () => 0, maxEntries: 2 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 3); // refreshed, so now the newest
    cache.set('c', 4);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([3, undefined, 4]);
  });
});
