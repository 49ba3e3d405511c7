/**
 * A short-lived, single-flight cache: while a refresh for a key runs, every caller awaits that same
 * refresh, and its answer is reused for `ttlMs`. Twenty viewers of one design cost one fan-out to the
 * user's clusters every few seconds, not twenty. Refreshes that throw are not kept.
 */
export class SingleFlightCache<T> {
  private readonly entries = new Map<string, { value: T; expires: number }>();
  private readonly inflight = new Map<string, Promise<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 500,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  /** `keep` decides whether an answer is reused (e.g. not a failed listing); default: always. */
  async get(key: string, load: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.expires > this.clock()) return hit.value;
    const running = this.inflight.get(key);
    if (running) return running;
    const promise = (async () => {
      try {
        const value = await load();
        this.entries.delete(key);
        if (keep(value)) {
          this.entries.set(key, { value, expires: this.clock() + this.ttlMs });
          this.evict();
        }
        return value;
      } finally {
        this.inflight.delete(key);
      }
    })();
    this.inflight.set(key, promise);
    return promise;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Oldest insertions go first once the map is full (Map keeps insertion order). */
  private evict(): void {
    const now = this.clock();
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && entry.expires > now) break;
      this.entries.delete(key);
    }
  }
}
