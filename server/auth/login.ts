// Sign-in: rate limits (per account and per address, in the DB so they hold across replicas),
// then an argon2id check. Every failure gets the same generic answer.
import { burnPasswordCheck, verifyPassword } from "./passwords";
import { clear, hit, refund } from "./rate-limit";
import { isRole } from "./roles";
import { createSession, type SessionUser } from "./sessions";
import { findUserByEmail, normalizeEmail } from "./users";

export function loginLimits() {
  const num = (name: string, fallback: number) => {
    const v = Number(process.env[name]);
    return Number.isFinite(v) && v > 0 ? v : fallback;
  };
  return {
    perAccount: num("LOGIN_LIMIT_PER_ACCOUNT", 10),
    perAddress: num("LOGIN_LIMIT_PER_ADDRESS", 50),
    windowMs: num("LOGIN_LIMIT_WINDOW_SECONDS", 900) * 1000,
  };
}

export type LoginResult =
  | { ok: true; user: SessionUser; token: string; expiresAt: Date }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

export async function login(email: string, password: string, address: string): Promise<LoginResult> {
  const limits = loginLimits();
  const accountKey = `login:account:${normalizeEmail(email)}`;
  const addressKey = `login:address:${address}`;
  const [account, addr] = await Promise.all([
    hit(accountKey, limits.perAccount, limits.windowMs),
    hit(addressKey, limits.perAddress, limits.windowMs),
  ]);
  if (!account.allowed || !addr.allowed) {
    return {
      ok: false,
      reason: "rate-limited",
      retryAfterSeconds: Math.max(
        account.allowed ? 0 : account.retryAfterSeconds,
        addr.allowed ? 0 : addr.retryAfterSeconds,
      ),
    };
  }
  const user = await findUserByEmail(email);
  if (!user) {
    await burnPasswordCheck(password);
    return { ok: false, reason: "invalid" };
  }
  const valid = await verifyPassword(user.passwordHash, password);
  if (!valid || user.disabledAt || !isRole(user.role)) return { ok: false, reason: "invalid" };
  // Successful sign-ins should not eat into the budget that protects against guessing.
  await Promise.all([clear(accountKey), refund(addressKey)]);
  const session = await createSession(user.id);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role }, ...session };
}
