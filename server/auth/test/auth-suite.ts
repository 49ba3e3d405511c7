// Repository-level auth tests, run against SQLite (auth.test.ts) and a real PostgreSQL
// (server/db/test/postgres.test.ts). `fresh()` must give an empty, migrated database behind db().
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { createApiToken, listApiTokens, revokeApiToken, userFromApiToken } from "../api-tokens";
import { ensureAdmin } from "../bootstrap";
import { login } from "../login";
import { clear, hit } from "../rate-limit";
import { createSession, destroySession, readCookie, sessionCookie, userFromSessionToken } from "../sessions";
import { sha256Hex } from "../tokens-crypto";
import { createUser, updateUser } from "../users";

export function authRepositoryTests(fresh: () => Promise<void>) {
  beforeAll(async () => {
    await fresh();
  });

  describe("sessions", () => {
    it("stores only the sha256 of the token and resolves the user from the cookie token", async () => {
      const user = await createUser({ email: "Sess@Example.com", name: "Sam", role: "editor", password: "password-1" });
      expect(user.email).toBe("sess@example.com");
      const { token } = await createSession(user.id);
      const stored = await db().session.findMany({ where: { userId: user.id } });
      expect(stored.map((s) => s.id)).toEqual([sha256Hex(token)]);
      expect(JSON.stringify(stored)).not.toContain(token);
      expect(await userFromSessionToken(token)).toMatchObject({
        id: user.id,
        role: "editor",
        email: "sess@example.com",
      });
      expect(await userFromSessionToken(token + "x")).toBeNull();
      await destroySession(token);
      expect(await userFromSessionToken(token)).toBeNull();
    });

    it("rejects expired sessions and sessions of disabled users; disabling signs the user out", async () => {
      const user = await createUser({ email: "exp@example.com", name: "Exp", role: "viewer", password: "password-1" });
      const { token } = await createSession(user.id);
      await db().session.update({ where: { id: sha256Hex(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
      expect(await userFromSessionToken(token)).toBeNull();
      const live = await createSession(user.id);
      expect(await userFromSessionToken(live.token)).not.toBeNull();
      await updateUser(user.id, { disabled: true });
      expect(await userFromSessionToken(live.token)).toBeNull();
      expect(await db().session.count({ where: { userId: user.id } })).toBe(0);
    });

    it("builds an httpOnly SameSite=Lax cookie, Secure only over https", () => {
      const exp = new Date(Date.now() + 3600_000);
      const plain = sessionCookie("tok", exp, false);
      expect(plain).toMatch(/^studio_session=tok; Path=\/; HttpOnly; SameSite=Lax/);
      expect(plain).not.toMatch(/Secure/);
      expect(sessionCookie("tok", exp, true)).toMatch(/; Secure$/);
      expect(readCookie("a=1; studio_session=abc; b=2", "studio_session")).toBe("abc");
    });
  });

  describe("API tokens", () => {
    it("shows the token once, stores its hash, authenticates with it, and stops after revocation", async () => {
      const user = await createUser({
        email: "tok@example.com",
        name: "Tok",
        role: "deployer",
        password: "password-1",
      });
      const { token, info } = await createApiToken(user.id, "ci");
      expect(token).toMatch(/^tsk_[A-Za-z0-9_-]{43}$/);
      expect(info.prefix).toBe(token.slice(0, 10));
      const row = await db().apiToken.findUniqueOrThrow({ where: { id: info.id } });
      expect(row.tokenHash).toBe(sha256Hex(token));
      expect(JSON.stringify(await listApiTokens(user.id))).not.toContain(token);
      expect(await userFromApiToken(token)).toMatchObject({ id: user.id, role: "deployer" });
      expect((await db().apiToken.findUniqueOrThrow({ where: { id: info.id } })).lastUsedAt).not.toBeNull();
      // Another user cannot revoke it.
      const other = await createUser({ email: "other@example.com", name: "O", role: "admin", password: "password-1" });
      expect(await revokeApiToken(other.id, info.id)).toBe(false);
      expect(await revokeApiToken(user.id, info.id)).toBe(true);
      expect(await userFromApiToken(token)).toBeNull();
      expect(await userFromApiToken("tsk_unknown")).toBeNull();
    });
  });

  describe("rate limits", () => {
    beforeEach(async () => {
      await clear("t:key");
    });

    it("allows `limit` hits per window, then refuses with a retry time, and starts a new window after it", async () => {
      const t0 = new Date("2026-01-01T00:00:00Z");
      for (let i = 1; i <= 3; i++) expect((await hit("t:key", 3, 60_000, t0)).allowed).toBe(true);
      const over = await hit("t:key", 3, 60_000, new Date(t0.getTime() + 10_000));
      expect(over).toMatchObject({ allowed: false, count: 4, retryAfterSeconds: 50 });
      const later = await hit("t:key", 3, 60_000, new Date(t0.getTime() + 61_000));
      expect(later).toMatchObject({ allowed: true, count: 1 });
    });

    it("counts a parallel burst exactly (no lost updates)", async () => {
      const results = await Promise.all(Array.from({ length: 20 }, () => hit("t:key", 5, 60_000)));
      expect(results.filter((r) => r.allowed)).toHaveLength(5);
      expect(Math.max(...results.map((r) => r.count))).toBe(20);
    });
  });

  describe("login", () => {
    it("signs in with the right password (email case-insensitive) and gives one generic failure otherwise", async () => {
      await createUser({ email: "li@example.com", name: "Li", role: "viewer", password: "password-1" });
      const ok = await login("LI@example.com", "password-1", "10.0.0.1");
      expect(ok.ok).toBe(true);
      if (ok.ok) expect(await userFromSessionToken(ok.token)).toMatchObject({ email: "li@example.com" });
      expect(await login("li@example.com", "wrong", "10.0.0.1")).toEqual({ ok: false, reason: "invalid" });
      expect(await login("nobody@example.com", "wrong", "10.0.0.1")).toEqual({ ok: false, reason: "invalid" });
    });

    it("never locks the owner out: wrong passwords from everywhere slow the account, the right one still signs in", async () => {
      process.env.LOGIN_DELAY_BASE_MS = "20";
      process.env.LOGIN_DELAY_MAX_MS = "40";
      try {
        await createUser({ email: "burst@example.com", name: "B", role: "viewer", password: "password-1" });
        for (let i = 0; i < 12; i++)
          expect(await login("burst@example.com", `guess-${i}`, `10.1.0.${i}`)).toEqual({
            ok: false,
            reason: "invalid",
          });
        const started = performance.now();
        const owner = await login("burst@example.com", "password-1", "10.1.0.99");
        expect(owner.ok).toBe(true);
        // The delay is there (progressive per account), and capped.
        expect(performance.now() - started).toBeGreaterThanOrEqual(35);
      } finally {
        delete process.env.LOGIN_DELAY_BASE_MS;
        delete process.env.LOGIN_DELAY_MAX_MS;
      }
    });

    it("refuses one address that keeps failing on one account, even with the right password, but not others", async () => {
      await createUser({ email: "pair@example.com", name: "P", role: "viewer", password: "password-1" });
      process.env.LOGIN_DELAY_MAX_MS = "0";
      try {
        for (let i = 0; i < 10; i++) expect((await login("pair@example.com", `guess-${i}`, "10.4.0.1")).ok).toBe(false);
        const blocked = await login("pair@example.com", "password-1", "10.4.0.1");
        expect(blocked).toMatchObject({ ok: false, reason: "rate-limited" });
        if (!blocked.ok && blocked.reason === "rate-limited") expect(blocked.retryAfterSeconds).toBeGreaterThan(0);
        expect((await login("pair@example.com", "password-1", "10.4.0.2")).ok).toBe(true);
      } finally {
        delete process.env.LOGIN_DELAY_MAX_MS;
      }
    });

    it("answers rate-limited after a burst from one address across many accounts", async () => {
      const address = "10.2.0.1";
      for (let i = 0; i < 50; i++) await login(`spray-${i}@example.com`, "password", address);
      expect(await login("li@example.com", "password-1", address)).toMatchObject({ ok: false, reason: "rate-limited" });
      expect((await login("li@example.com", "password-1", "10.2.0.2")).ok).toBe(true);
    });

    it("successful sign-ins do not use up the address budget", async () => {
      // More successful sign-ins from one address than its failure budget (50) allows.
      for (let i = 0; i < 55; i++) expect((await login("li@example.com", "password-1", "10.3.0.1")).ok).toBe(true);
    });
  });

  describe("first admin", () => {
    it("creates the admin from ADMIN_EMAIL/ADMIN_PASSWORD only when there are no users", async () => {
      await fresh();
      const saved = { e: process.env.ADMIN_EMAIL, p: process.env.ADMIN_PASSWORD };
      process.env.ADMIN_EMAIL = "root@example.com";
      process.env.ADMIN_PASSWORD = "root-password-1";
      const out: string[] = [];
      try {
        expect(await ensureAdmin((t) => out.push(t))).toBe("created");
        expect(await ensureAdmin((t) => out.push(t))).toBe("exists");
        expect(out.join("")).not.toContain("root-password-1");
        expect((await login("root@example.com", "root-password-1", "1.1.1.1")).ok).toBe(true);
      } finally {
        process.env.ADMIN_EMAIL = saved.e;
        process.env.ADMIN_PASSWORD = saved.p;
        if (saved.e === undefined) delete process.env.ADMIN_EMAIL;
        if (saved.p === undefined) delete process.env.ADMIN_PASSWORD;
      }
    });

    it("prints a generated password once, in a box, that signs in", async () => {
      await fresh();
      const saved = { e: process.env.ADMIN_EMAIL, p: process.env.ADMIN_PASSWORD };
      delete process.env.ADMIN_EMAIL;
      delete process.env.ADMIN_PASSWORD;
      const out: string[] = [];
      try {
        await ensureAdmin((t) => out.push(t));
        const text = out.join("");
        expect(text).toContain("┌");
        expect(text).toContain("admin@localhost");
        const password = /password: (\S+)/.exec(text)![1];
        expect((await login("admin@localhost", password, "1.1.1.2")).ok).toBe(true);
      } finally {
        if (saved.e !== undefined) process.env.ADMIN_EMAIL = saved.e;
        if (saved.p !== undefined) process.env.ADMIN_PASSWORD = saved.p;
      }
    });
  });
}
