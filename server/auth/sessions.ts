// Browser sessions: a random token in the `studio_session` cookie, stored as sha256(token) in Session.id.
// Sessions slide: each use more than SLIDE_AFTER_MS after the last one pushes expiry SESSION_TTL_MS ahead,
// but never past the absolute lifetime from sign-in (session-lifetime.ts).
import { authRepository } from "./repository";
import { isRole, type Role } from "./roles";
import { cappedExpiry, sessionMaxAgeMs } from "./session-lifetime";
import { randomSecret, sha256Hex } from "./tokens-crypto";

export const SESSION_COOKIE = "studio_session";
export const SESSION_TTL_MS = 7 * 24 * 3600_000;
const SLIDE_AFTER_MS = 10 * 60_000;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export async function createSession(userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomSecret();
  const now = Date.now();
  const expiresAt = new Date(cappedExpiry(now, now + SESSION_TTL_MS, await sessionMaxAgeMs()));
  await authRepository().createSession({ id: sha256Hex(token), userId, expiresAt });
  return { token, expiresAt };
}

/** The signed-in user for a cookie token, or null when unknown, expired or the user is disabled. */
export async function userFromSessionToken(token: string | undefined | null): Promise<SessionUser | null> {
  if (!token) return null;
  const id = sha256Hex(token);
  const repo = authRepository();
  const session = await repo.findSessionByHash(id);
  if (!session) return null;
  const now = Date.now();
  const maxAgeMs = await sessionMaxAgeMs(now);
  if (session.expiresAt.getTime() <= now || (maxAgeMs > 0 && now - session.createdAt.getTime() >= maxAgeMs)) {
    await repo.deleteSessionByHash(id);
    return null;
  }
  const { user } = session;
  if (user.disabledAt || !isRole(user.role)) return null;
  if (now - session.lastSeenAt.getTime() > SLIDE_AFTER_MS) {
    await repo.slideSession(
      id,
      new Date(now),
      new Date(cappedExpiry(session.createdAt.getTime(), now + SESSION_TTL_MS, maxAgeMs)),
    );
  }
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export async function destroySession(token: string | undefined | null): Promise<void> {
  if (!token) return;
  await authRepository().deleteSessionByHash(sha256Hex(token));
}

export async function destroyUserSessions(userId: string): Promise<void> {
  await authRepository().deleteSessionsOf(userId);
}

/** Set-Cookie value; `secure` only when the request came over https (so plain-http local use still works). */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const parts = [
    `${SESSION_COOKIE}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Expires=${expiresAt.toUTCString()}`,
    `Max-Age=${Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000))}`,
  ];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0${secure ? "; Secure" : ""}`;
}

export function readCookie(cookieHeader: string | null | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    // A cookie that is not ours to decode (bad %-escapes, foreign bytes) is simply no session.
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}
