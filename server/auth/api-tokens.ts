// Personal API tokens for scripts: `Authorization: Bearer tsk_<secret>`. Shown once at creation,
// stored as sha256, revocable, optionally expiring; they act with the owner's current role. A password
// change or reset revokes them all (users.ts), and a token cannot mint another (app/api/tokens).
import { authRepository } from "./repository";
import { isRole } from "./roles";
import type { SessionUser } from "./sessions";
import { randomSecret, sha256Hex } from "./tokens-crypto";

export const API_TOKEN_PREFIX = "tsk_";
const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiTokenInfo {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date | null;
}

export async function createApiToken(
  userId: string,
  name: string,
  expiresAt: Date | null = null,
): Promise<{ token: string; info: ApiTokenInfo }> {
  const token = API_TOKEN_PREFIX + randomSecret();
  const info = await authRepository().createApiToken({
    userId,
    name,
    prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
    tokenHash: sha256Hex(token),
    expiresAt,
  });
  return { token, info };
}

/** Every token of every user, for admins (never the secret). */
export async function listAllApiTokens(): Promise<Array<ApiTokenInfo & { user: { id: string; email: string } }>> {
  return authRepository().listAllApiTokens();
}

/** Revokes any live token (admin); returns the owner's id, or null when there is no such live token. */
export async function revokeAnyApiToken(tokenId: string): Promise<string | null> {
  const token = await authRepository().findApiTokenOwner(tokenId);
  if (!token || token.revokedAt) return null;
  return (await revokeApiToken(token.userId, tokenId)) ? token.userId : null;
}

/** Revokes every live token of a user (password change, admin reset, disabled account); returns how many. */
export async function revokeUserApiTokens(userId: string): Promise<number> {
  return authRepository().revokeTokensOf(userId, new Date());
}

export function listApiTokens(userId: string): Promise<ApiTokenInfo[]> {
  return authRepository().listApiTokensOf(userId);
}

/** Revokes one of the user's own tokens; false when there is no such live token. */
export async function revokeApiToken(userId: string, tokenId: string): Promise<boolean> {
  return authRepository().revokeTokenOf(userId, tokenId, new Date());
}

export async function userFromApiToken(token: string | undefined | null): Promise<SessionUser | null> {
  if (!token || !token.startsWith(API_TOKEN_PREFIX)) return null;
  const repo = authRepository();
  const record = await repo.findApiTokenByHash(sha256Hex(token));
  if (!record || record.revokedAt) return null;
  if (record.expiresAt && record.expiresAt.getTime() <= Date.now()) return null;
  const { user } = record;
  if (user.disabledAt || !isRole(user.role)) return null;
  const now = Date.now();
  if (!record.lastUsedAt || now - record.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await repo.touchApiToken(record.id, new Date(now));
  }
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export function bearerToken(authorization: string | null | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return m?.[1];
}
