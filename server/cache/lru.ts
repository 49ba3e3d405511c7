/**
 * A bounded in-process map that forgets its least recently used entry first, and (with `ttlMs`) any
 * entry older than that. For values derived from immutable rows (a revision's payload) or for a short
 * bound on how stale a verified credential may be (a share token), never for anything that must be
 * exclusive across replicas.
 */
export class LruCache<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs = Infinity,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    return this.getEntry(key)?.value;
  }

  /** Like get, with the time the value was set (to refresh it ahead of its expiry). */
  getEntry(key: string): { value: V; at: number } | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (this.clock() - hit.at >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    // Map keeps insertion order: re-inserting moves the entry to the young end.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit;
  }

  set(key: string, value: V): V {
    this.entries.delete(key);
    this.entries.set(key, { value, at: this.clock() });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  /** The cached value, or `load()`'s (kept unless it throws). Concurrent misses each load. */
  async getOr(key: string, load: () => V | Promise<V>): Promise<V> {
    const hit = this.get(key);
    return hit !== undefined ? hit : this.set(key, await load());
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Drops every entry whose value matches (e.g. all cached lookups of one revoked share). */
  deleteWhere(match: (value: V, key: string) => boolean): void {
    for (const [key, { value }] of this.entries) if (match(value, key)) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
