// Sign-in: counters in the DB (so they hold across replicas), then an argon2id check. Every failure gets
// the same generic answer. Guessing is slowed three ways, none of which locks the owner out:
// - per account and address: one address that keeps failing on one account is refused (429);
// - per address: an address spraying many accounts is refused (429);
// - per account, from anywhere: each failure beyond a few adds a growing delay before the check, so a
//   distributed guesser slows down while the owner, with the right password, still gets in.
import { audit } from "@/server/audit/log";
import { loginFailures } from "@/server/metrics/studio";
import { burnPasswordCheck, verifyPassword } from "./passwords";
import { clear, hit, peek, refund } from "./rate-limit";
import { isRole } from "./roles";
import { createSession, type SessionUser } from "./sessions";
import { findUserByEmail, normalizeEmail } from "./users";

export function loginLimits() {
  const num = (name: string, fallback: number, min = 1) => {
    const v = Number(process.env[name]);
    return Number.isFinite(v) && v >= min ? v : fallback;
  };
  return {
    perAccount: num("LOGIN_LIMIT_PER_ACCOUNT", 10),
    perAddress: num("LOGIN_LIMIT_PER_ADDRESS", 50),
    windowMs: num("LOGIN_LIMIT_WINDOW_SECONDS", 900) * 1000,
    /** Failures on one account (any address) before the delay starts. */
    freeFailures: num("LOGIN_DELAY_AFTER_FAILURES", 3, 0),
    delayBaseMs: num("LOGIN_DELAY_BASE_MS", 250, 0),
    delayMaxMs: num("LOGIN_DELAY_MAX_MS", 10_000, 0),
  };
}

/** Delay before checking a password for an account that failed `failures` times in the window. */
export function loginDelayMs(failures: number, limits = loginLimits()): number {
  const over = failures - limits.freeFailures;
  if (over <= 0) return 0;
  return Math.min(limits.delayMaxMs, limits.delayBaseMs * 2 ** Math.min(over - 1, 20));
}

export type LoginResult =
  | { ok: true; user: SessionUser; token: string; expiresAt: Date }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function login(email: string, password: string, address: string): Promise<LoginResult> {
  const limits = loginLimits();
  const account = normalizeEmail(email);
  const pairKey = `login:pair:${account}|${address}`;
  const addressKey = `login:address:${address}`;
  const accountKey = `login:account:${account}`;
  const [pair, addr, accountFailures] = await Promise.all([
    hit(pairKey, limits.perAccount, limits.windowMs),
    hit(addressKey, limits.perAddress, limits.windowMs),
    peek(accountKey, limits.windowMs),
  ]);
  if (!pair.allowed || !addr.allowed) {
    loginFailures.inc({ reason: "rate-limited" });
    await audit({ action: "auth.login_failed", actorLabel: account, address, details: { reason: "rate-limited" } });
    return {
      ok: false,
      reason: "rate-limited",
      retryAfterSeconds: Math.max(pair.allowed ? 0 : pair.retryAfterSeconds, addr.allowed ? 0 : addr.retryAfterSeconds),
    };
  }
  await sleep(loginDelayMs(accountFailures, limits));
  const user = await findUserByEmail(email);
  const valid = user ? await verifyPassword(user.passwordHash, password) : await burnPasswordCheck(password);
  if (!user || !valid || user.disabledAt || !isRole(user.role)) {
    await hit(accountKey, Number.MAX_SAFE_INTEGER, limits.windowMs);
    loginFailures.inc({ reason: "invalid" });
    await audit({
      action: "auth.login_failed",
      actor: null,
      actorLabel: account,
      address,
      target: user ? `user:${user.id}` : undefined,
      details: { reason: !user ? "unknown account" : user.disabledAt ? "disabled" : "wrong password" },
    });
    return { ok: false, reason: "invalid" };
  }
  // Successful sign-ins should not eat into the budget that protects against guessing.
  await Promise.all([clear(pairKey), clear(accountKey), refund(addressKey)]);
  const session = await createSession(user.id);
  await audit({ action: "auth.login", actor: user, address, target: `user:${user.id}` });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role }, ...session };
}
