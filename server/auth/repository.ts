// The accounts aggregate in the database: users, browser sessions, API tokens and sign-in rate-limit
// counters. Only this module talks to Prisma for them; the rules (expiry, sliding, revocation on a
// password change) stay in users.ts, sessions.ts, api-tokens.ts and rate-limit.ts.
import { LruCache } from "@/server/cache/lru";
import { db, type Db } from "@/server/db/client";
import type { Role } from "./roles";

const userInfoSelect = { id: true, email: true, name: true, role: true, createdAt: true, disabledAt: true } as const;

const tokenInfoSelect = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  expiresAt: true,
} as const;

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
}

export interface UserPatch {
  name?: string;
  role?: Role;
  disabledAt?: Date | null;
  passwordHash?: string;
}

export interface NewApiToken {
  userId: string;
  name: string;
  prefix: string;
  tokenHash: string;
  expiresAt: Date | null;
}

type SessionRow = NonNullable<Awaited<ReturnType<Db["session"]["findUnique"]>>> & {
  user: NonNullable<Awaited<ReturnType<Db["user"]["findUnique"]>>>;
};

/**
 * How long a session row (with its user) read for one request is reused by the next ones: a signed-in
 * page polling live status would otherwise pay a query per poll. Writes through this repository (sign-out,
 * sliding, a user's role or state changing) drop it at once; changes made by another replica show within
 * this bound. Kept per client, so tests' extra "processes" each keep their own.
 */
export const SESSION_RECHECK_MS = Number(process.env.STUDIO_SESSION_RECHECK_MS ?? 2000);
const keptSessions = new WeakMap<Db, LruCache<SessionRow>>();

function sessionsKeptFor(client: Db): LruCache<SessionRow> {
  let kept = keptSessions.get(client);
  if (!kept) keptSessions.set(client, (kept = new LruCache<SessionRow>(10_000, SESSION_RECHECK_MS)));
  return kept;
}

export function authRepository(client: Db = db()) {
  const sessions = sessionsKeptFor(client);
  const forgetUser = (userId: string) => sessions.deleteWhere((s) => s.userId === userId);
  return {
    // Users
    countUsers(): Promise<number> {
      return client.user.count();
    },
    countActiveAdmins(): Promise<number> {
      return client.user.count({ where: { role: "admin", disabledAt: null } });
    },
    listUsers() {
      return client.user.findMany({ select: userInfoSelect, orderBy: { createdAt: "asc" } });
    },
    findUser(id: string) {
      return client.user.findUnique({ where: { id }, select: userInfoSelect });
    },
    /** The whole row, password hash included, for the sign-in check. */
    findUserByEmail(email: string) {
      return client.user.findUnique({ where: { email } });
    },
    createUser(data: NewUser) {
      return client.user.create({ data, select: userInfoSelect });
    },
    async updateUser(id: string, data: UserPatch) {
      const user = await client.user.update({ where: { id }, data, select: userInfoSelect });
      forgetUser(id);
      return user;
    },

    // Sessions (id = sha256 of the cookie token)
    async createSession(data: { id: string; userId: string; expiresAt: Date }): Promise<void> {
      await client.session.create({ data });
    },
    async findSessionByHash(id: string): Promise<SessionRow | null> {
      const kept = sessions.get(id);
      if (kept) return kept;
      const row = await client.session.findUnique({ where: { id }, include: { user: true } });
      return row ? sessions.set(id, row) : null;
    },
    async slideSession(id: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
      await client.session.updateMany({ where: { id }, data: { lastSeenAt, expiresAt } });
      sessions.delete(id);
    },
    async deleteSessionByHash(id: string): Promise<void> {
      await client.session.deleteMany({ where: { id } });
      sessions.delete(id);
    },
    async deleteSessionsOf(userId: string): Promise<void> {
      await client.session.deleteMany({ where: { userId } });
      forgetUser(userId);
    },

    // API tokens (stored as sha256; views never carry the hash)
    createApiToken(data: NewApiToken) {
      return client.apiToken.create({ data, select: tokenInfoSelect });
    },
    listAllApiTokens() {
      return client.apiToken.findMany({
        select: { ...tokenInfoSelect, user: { select: { id: true, email: true } } },
        orderBy: { createdAt: "desc" },
      });
    },
    listApiTokensOf(userId: string) {
      return client.apiToken.findMany({ where: { userId }, select: tokenInfoSelect, orderBy: { createdAt: "desc" } });
    },
    findApiTokenOwner(tokenId: string) {
      return client.apiToken.findUnique({ where: { id: tokenId }, select: { userId: true, revokedAt: true } });
    },
    findApiTokenByHash(tokenHash: string) {
      return client.apiToken.findUnique({ where: { tokenHash }, include: { user: true } });
    },
    /** Whether exactly one live token of the user was revoked. */
    async revokeTokenOf(userId: string, tokenId: string, at: Date): Promise<boolean> {
      const res = await client.apiToken.updateMany({
        where: { id: tokenId, userId, revokedAt: null },
        data: { revokedAt: at },
      });
      return res.count === 1;
    },
    /** How many live tokens of the user were revoked. */
    async revokeTokensOf(userId: string, at: Date): Promise<number> {
      const res = await client.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: at } });
      return res.count;
    },
    async touchApiToken(id: string, lastUsedAt: Date): Promise<void> {
      await client.apiToken.update({ where: { id }, data: { lastUsedAt } });
    },

    // Fixed-window rate-limit counters
    countAttempt(key: string, now: Date) {
      return client.rateLimit.upsert({
        where: { key },
        create: { key, count: 1, windowStart: now },
        update: { count: { increment: 1 } },
      });
    },
    /** Restarts the window only if it still starts at `windowStart`; whether this caller reset it. */
    async restartWindow(key: string, windowStart: Date, now: Date): Promise<boolean> {
      const res = await client.rateLimit.updateMany({
        where: { key, windowStart },
        data: { count: 1, windowStart: now },
      });
      return res.count === 1;
    },
    findRateLimit(key: string) {
      return client.rateLimit.findUnique({ where: { key } });
    },
    async refundAttempt(key: string): Promise<void> {
      await client.rateLimit.updateMany({ where: { key, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
    },
    async clearRateLimit(key: string): Promise<void> {
      await client.rateLimit.deleteMany({ where: { key } });
    },
  };
}
