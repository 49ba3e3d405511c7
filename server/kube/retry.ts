// Exponential backoff with full jitter for calls to the API server.
import { KubeApiError, isRetryable } from "./errors";

export interface RetryOptions {
  /** Total attempts including the first (default 5). */
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  signal?: AbortSignal;
  /** Called before each retry, e.g. to emit a progress event. */
  onRetry?: (attempt: number, error: unknown, delayMs: number) => void;
}

export async function withRetry<T>(fn: () => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const attempts = opts.attempts ?? 5;
  const base = opts.baseDelayMs ?? 200;
  const max = opts.maxDelayMs ?? 5_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt >= attempts || !isRetryable(e) || opts.signal?.aborted) throw e;
      const backoff = Math.round(Math.min(max, base * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2));
      // The server's Retry-After wins over our guess, within the same ceiling.
      const asked = e instanceof KubeApiError && e.retryAfterMs ? Math.min(max, e.retryAfterMs) : 0;
      const delay = Math.max(backoff, asked);
      opts.onRetry?.(attempt, e, delay);
      await sleep(delay, opts.signal);
    }
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });
}

// One bounded-concurrency map for the server (also used by status); re-exported under the name kube uses.
export { mapBounded as mapLimit } from "../status/bounded";
