/**
 * The last few results of an expensive read, each kept under a key that names the data it was computed
 * from (the rollups' watermark and the like): a key is never reused for other data, so nothing kept goes
 * stale; it only stops being asked for. The oldest goes first once `size` are kept.
 */
export function recentResults<V>(size: number) {
  const kept = new Map<string, V>();
  return {
    get: (key: string): V | undefined => kept.get(key),
    keep(key: string, value: V): V {
      if (kept.size >= size) kept.delete(kept.keys().next().value!);
      kept.set(key, value);
      return value;
    },
  };
}
