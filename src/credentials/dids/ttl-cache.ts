/** A small cache whose entries expire after a fixed time; the clock is injected so tests can move it. */
export interface Cache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
}

export const createTtlCache = <V>(options: {
  ttlMs: number;
  /** Milliseconds since the epoch, e.g. `Date.now`. */
  now: () => number;
  /** Oldest entries are dropped beyond this, so a flood of distinct DIDs cannot grow memory without end. */
  maxEntries?: number;
}): Cache<V> => {
  const maxEntries = options.maxEntries ?? 1000;
  // A Map iterates in insertion order, so its first key is the oldest entry.
  const entries = new Map<string, { value: V; expiresAt: number }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (options.now() >= entry.expiresAt) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, { value, expiresAt: options.now() + options.ttlMs });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
      }
    },
  };
};
