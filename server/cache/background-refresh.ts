/**
 * Values refreshed in the background on their own schedule while someone reads them: the first read of a
 * key loads it (every concurrent first reader awaits that one load), later reads get the last value at
 * once and never wait for, start or speed up a refresh. Each watched key is reloaded `intervalMs` after
 * its previous load ended; a key nobody read for `idleMs` stops being refreshed and is forgotten. At most
 * `concurrency` loads run at once across keys, the others queue in order, so many watched keys cannot
 * pile up work faster than it finishes. A load that throws drops the key: its next reader loads again and
 * sees the error (a deleted design says so instead of showing its last report forever).
 */
export interface BackgroundRefreshOptions {
  intervalMs: number;
  idleMs: number;
  concurrency: number;
  clock?: () => number;
}

interface Watched<T> {
  load: () => Promise<T>;
  value?: { value: T; loadedAt: number };
  first?: Promise<T>;
  lastRead: number;
  timer?: NodeJS.Timeout;
  queued: boolean;
}

export class BackgroundRefresh<T> {
  private readonly watched = new Map<string, Watched<T>>();
  private readonly queue: Array<() => void> = [];
  private running = 0;
  private readonly clock: () => number;

  constructor(private readonly opts: BackgroundRefreshOptions) {
    this.clock = opts.clock ?? Date.now;
  }

  /** The last value of `key` (loading it first when nobody watches it yet); `load` becomes its refresh. */
  get(key: string, load: () => Promise<T>): Promise<T> {
    let entry = this.watched.get(key);
    if (!entry) {
      entry = { load, lastRead: this.clock(), queued: false };
      this.watched.set(key, entry);
    }
    entry.load = load;
    entry.lastRead = this.clock();
    if (entry.value) return Promise.resolve(entry.value.value);
    return (entry.first ??= this.runLoad(key, entry));
  }

  /** When the value a reader gets was loaded, or undefined when none is kept. */
  loadedAt(key: string): number | undefined {
    return this.watched.get(key)?.value?.loadedAt;
  }

  /** Keys refreshed in the background right now. */
  keys(): string[] {
    return [...this.watched.keys()];
  }

  /** Stops refreshing `key` and forgets its value. */
  delete(key: string): void {
    const entry = this.watched.get(key);
    if (entry?.timer) clearTimeout(entry.timer);
    this.watched.delete(key);
  }

  /** Stops every refresh loop (tests, shutdown). */
  clear(): void {
    for (const key of [...this.watched.keys()]) this.delete(key);
  }

  private runLoad(key: string, entry: Watched<T>): Promise<T> {
    entry.queued = true;
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.running++;
        // The entry may have been dropped while queued; its load still answers whoever awaited it.
        entry
          .load()
          .then(
            (value) => {
              if (this.watched.get(key) === entry) entry.value = { value, loadedAt: this.clock() };
              resolve(value);
              this.schedule(key, entry);
            },
            (err: unknown) => {
              if (this.watched.get(key) === entry) this.watched.delete(key);
              reject(err);
            },
          )
          .finally(() => {
            entry.queued = false;
            entry.first = undefined;
            this.running--;
            this.queue.shift()?.();
          });
      };
      if (this.running < this.opts.concurrency) start();
      else this.queue.push(start);
    });
  }

  private schedule(key: string, entry: Watched<T>): void {
    if (this.watched.get(key) !== entry) return;
    if (this.clock() - entry.lastRead >= this.opts.idleMs) {
      this.watched.delete(key);
      return;
    }
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      if (this.watched.get(key) !== entry || entry.queued) return;
      if (this.clock() - entry.lastRead >= this.opts.idleMs) {
        this.watched.delete(key);
        return;
      }
      // Failures of background loads drop the key (runLoad); nobody awaits this one.
      this.runLoad(key, entry).catch(() => undefined);
    }, this.opts.intervalMs);
    entry.timer.unref?.();
  }
}
