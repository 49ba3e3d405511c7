// The absolute session lifetime (admin setting sessionMaxAgeHours): however active, a session ends this
// long after sign-in. Read on every request, so the setting is kept for a few seconds per process.
import { getSettings } from "@/server/db/settings";

const KEEP_MS = 5000;
let cached: { at: number; maxAgeMs: number } | undefined;

/** Milliseconds a session may live from its creation; 0 = no absolute limit. */
export async function sessionMaxAgeMs(now = Date.now()): Promise<number> {
  if (!cached || now - cached.at > KEEP_MS) {
    const { sessionMaxAgeHours } = await getSettings();
    cached = { at: now, maxAgeMs: sessionMaxAgeHours * 3600_000 };
  }
  return cached.maxAgeMs;
}

/** Forgets the kept value (tests, and right after an admin changes the setting). */
export function forgetSessionMaxAge(): void {
  cached = undefined;
}

/** The later of the two limits wins never: a session ends at whichever comes first. */
export function cappedExpiry(createdAt: number, slidingExpiry: number, maxAgeMs: number): number {
  return maxAgeMs > 0 ? Math.min(slidingExpiry, createdAt + maxAgeMs) : slidingExpiry;
}
