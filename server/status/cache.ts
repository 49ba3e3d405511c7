/**
 * A short-lived, single-flight cache: while a refresh for a key runs, every caller awaits that same
 * refresh, and its answer is reused for `ttlMs`. Twenty viewers of one design cost one fan-out to the
 * user's clusters every few seconds, not twenty. With `staleMs`, an answer past its TTL (but younger
 * than TTL + stale) is served at once while one refresh runs in the background, so a refresh bounded
 * by a slow cluster's timeout never sits in front of a viewer's request. Refreshes that throw (or that
 * `keep` rejects) are not kept.
 */
export class SingleFlightCache<T> {
  private readonly entries = new Map<string, { value: T; expires: number }>();
  private readonly inflight = new Map<string, Promise<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 500,
    private readonly clock: () => number = () => Date.now(),
    private readonly staleMs = 0,
  ) {}

  /** `keep` decides whether an answer is reused (e.g. not a failed listing); default: always. */
  async get(key: string, load: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
    const hit = this.entries.get(key);
    const now = this.clock();
    if (hit && hit.expires > now) return hit.value;
    if (hit && hit.expires + this.staleMs > now) {
      this.refresh(key, load, keep).catch(() => undefined); // the next caller sees the outcome
      return hit.value;
    }
    return this.refresh(key, load, keep);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  private refresh(key: string, load: () => Promise<T>, keep: (value: T) => boolean): Promise<T> {
    const running = this.inflight.get(key);
    if (running) return running;
    const promise = (async () => {
      try {
        const value = await load();
        if (keep(value)) {
          this.entries.delete(key);
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

  /** Oldest insertions go first once the map is full (Map keeps insertion order). */
  private evict(): void {
    const now = this.clock();
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && entry.expires + this.staleMs > now) break;
      this.entries.delete(key);
    }
  }
}
