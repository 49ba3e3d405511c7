// Personal API tokens for scripts: `Authorization: Bearer tsk_<secret>`. Shown once at creation,
// stored as sha256, revocable, optionally expiring; they act with the owner's current role. A password
// change or reset revokes them all (users.ts), and a token cannot mint another (app/api/tokens).
import { db } from "@/server/db/client";
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

const infoSelect = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  expiresAt: true,
} as const;

export async function createApiToken(
  userId: string,
  name: string,
  expiresAt: Date | null = null,
): Promise<{ token: string; info: ApiTokenInfo }> {
  const token = API_TOKEN_PREFIX + randomSecret();
  const info = await db().apiToken.create({
    data: {
      userId,
      name,
      prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
      tokenHash: sha256Hex(token),
      expiresAt,
    },
    select: infoSelect,
  });
  return { token, info };
}

/** Every token of every user, for admins (never the secret). */
export async function listAllApiTokens(): Promise<Array<ApiTokenInfo & { user: { id: string; email: string } }>> {
  return db().apiToken.findMany({
    select: { ...infoSelect, user: { select: { id: true, email: true } } },
    orderBy: { createdAt: "desc" },
  });
}

/** Revokes any live token (admin); returns the owner's id, or null when there is no such live token. */
export async function revokeAnyApiToken(tokenId: string): Promise<string | null> {
  const token = await db().apiToken.findUnique({ where: { id: tokenId }, select: { userId: true, revokedAt: true } });
  if (!token || token.revokedAt) return null;
  return (await revokeApiToken(token.userId, tokenId)) ? token.userId : null;
}

/** Revokes every live token of a user (password change, admin reset, disabled account); returns how many. */
export async function revokeUserApiTokens(userId: string): Promise<number> {
  const res = await db().apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return res.count;
}

export function listApiTokens(userId: string): Promise<ApiTokenInfo[]> {
  return db().apiToken.findMany({ where: { userId }, select: infoSelect, orderBy: { createdAt: "desc" } });
}

/** Revokes one of the user's own tokens; false when there is no such live token. */
export async function revokeApiToken(userId: string, tokenId: string): Promise<boolean> {
  const res = await db().apiToken.updateMany({
    where: { id: tokenId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return res.count === 1;
}

export async function userFromApiToken(token: string | undefined | null): Promise<SessionUser | null> {
  if (!token || !token.startsWith(API_TOKEN_PREFIX)) return null;
  const record = await db().apiToken.findUnique({ where: { tokenHash: sha256Hex(token) }, include: { user: true } });
  if (!record || record.revokedAt) return null;
  if (record.expiresAt && record.expiresAt.getTime() <= Date.now()) return null;
  const { user } = record;
  if (user.disabledAt || !isRole(user.role)) return null;
  const now = Date.now();
  if (!record.lastUsedAt || now - record.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db().apiToken.update({ where: { id: record.id }, data: { lastUsedAt: new Date(now) } });
  }
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export function bearerToken(authorization: string | null | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return m?.[1];
}
