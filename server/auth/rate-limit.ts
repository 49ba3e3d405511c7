// Fixed-window counters in the RateLimit table, so a limit holds across all app replicas.
// `hit` counts first and decides after, so a parallel burst cannot slip past the check.
import { authRepository } from "./repository";

export interface RateLimitResult {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

export async function hit(key: string, limit: number, windowMs: number, now = new Date()): Promise<RateLimitResult> {
  const repo = authRepository();
  const row = await repo.countAttempt(key, now);
  let { count, windowStart } = row;
  if (now.getTime() - windowStart.getTime() >= windowMs) {
    // The window is over: start a new one. The windowStart guard lets exactly one racing caller reset it.
    if (await repo.restartWindow(key, windowStart, now)) {
      count = 1;
      windowStart = now;
    } else {
      const fresh = await repo.findRateLimit(key);
      count = fresh?.count ?? 1;
      windowStart = fresh?.windowStart ?? now;
    }
  }
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
  return { allowed: count <= limit, count, retryAfterSeconds };
}

/** Takes back one counted attempt (e.g. a successful sign-in should not use up an address's budget). */
export async function refund(key: string): Promise<void> {
  await authRepository().refundAttempt(key);
}

export async function clear(key: string): Promise<void> {
  await authRepository().clearRateLimit(key);
}

/** The count of the current window without adding to it (0 when the window is over or never started). */
export async function peek(key: string, windowMs: number, now = new Date()): Promise<number> {
  const row = await authRepository().findRateLimit(key);
  if (!row || now.getTime() - row.windowStart.getTime() >= windowMs) return 0;
  return row.count;
}
