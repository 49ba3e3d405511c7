// Every page and API route on disk needs a signed-in user, except the public allow-list.
// Routes are ENUMERATED from app/ at test time, so routes added later are covered automatically.
// Runs against a real production build (`next start`, NEXT_DIST_DIR=.next-test) on a temp SQLite DB.
import { readdirSync, readFileSync } from "node:fs";
import Database from "better-sqlite3";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAdmin, startAppServer, type AppServer } from "@/e2e/fixtures/app-server";

const root = path.resolve(import.meta.dirname, "../../..");
const appDir = path.join(root, "app");

/** Reachable without signing in. Keep this list short; each entry is a reviewed decision. */
const PUBLIC: RegExp[] = [
  /^\/login$/,
  /^\/api\/health$/,
  /^\/api\/auth\/login$/,
  /^\/share(\/|$)/,
  /^\/api\/share(\/|$)/,
  // Off by default (404); when on, only with the metrics token (tested below).
  /^\/metrics$/,
];
const isPublic = (url: string) => PUBLIC.some((re) => re.test(url));

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

/** app/(app)/designs/[id]/page.tsx → /designs/test-id ; [...p] → a/b ; [[...p]] → nothing ; (group), @slot dropped. */
function urlFor(file: string): { url: string; dynamic: boolean } {
  const segments = path.relative(appDir, path.dirname(file)).split(path.sep).filter(Boolean);
  let dynamic = false;
  const parts: string[] = [];
  for (const s of segments) {
    if (/^\(.*\)$/.test(s) || s.startsWith("@")) continue;
    if (/^\[\[\.\.\..+\]\]$/.test(s)) {
      dynamic = true;
      continue;
    }
    if (/^\[\.\.\..+\]$/.test(s)) {
      dynamic = true;
      parts.push("a", "b");
      continue;
    }
    const m = /^\[(.+)\]$/.exec(s);
    if (m) {
      dynamic = true;
      parts.push(`test-${m[1]}`);
      continue;
    }
    parts.push(s);
  }
  return { url: "/" + parts.join("/"), dynamic };
}

function methodsOf(file: string): string[] {
  const src = readFileSync(file, "utf8");
  const found = new Set<string>();
  for (const m of src.matchAll(/export\s+(?:const|let|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g))
    found.add(m[1]);
  for (const m of src.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const name of m[1].split(",").map((n) =>
      n
        .trim()
        .split(/\s+as\s+/)
        .pop()!
        .trim(),
    )) {
      if (/^(GET|POST|PUT|PATCH|DELETE)$/.test(name)) found.add(name);
    }
  }
  return [...found];
}

const files = walk(appDir);
const apiRoutes = files
  .filter((f) => path.basename(f) === "route.ts")
  .map((f) => ({ file: f, ...urlFor(f), methods: methodsOf(f) }));
const pages = files.filter((f) => path.basename(f) === "page.tsx").map((f) => ({ file: f, ...urlFor(f) }));
const rel = (f: string) => path.relative(root, f);

let app: AppServer;
let adminCookie = "";
/** Tokens that once worked: one revoked, one past its expiry. Neither may open anything. */
let revokedToken = "";
let expiredToken = "";
let adminToken = "";

beforeAll(async () => {
  app = await startAppServer();
  adminCookie = await signInAdmin(app);
  const mint = async (name: string) => {
    const made = await fetch(`${app.url}/api/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: adminCookie },
      body: JSON.stringify({ name, expiresInDays: 1 }),
    });
    expect(made.status).toBe(201);
    return (await made.json()) as { token: string; info: { id: string } };
  };
  const revoked = await mint("revoked");
  expect(
    (await fetch(`${app.url}/api/tokens/${revoked.info.id}`, { method: "DELETE", headers: { cookie: adminCookie } }))
      .status,
  ).toBe(200);
  revokedToken = revoked.token;
  const expired = await mint("expired");
  const conn = new Database(path.join(app.dataDir, "studio.db"));
  try {
    conn
      .prepare('UPDATE "ApiToken" SET "expiresAt" = ? WHERE "id" = ?')
      .run(new Date(Date.now() - 60_000).toISOString().replace("Z", "+00:00"), expired.info.id); // stored as text, as Prisma writes it
  } finally {
    conn.close();
  }
  expiredToken = expired.token;
  adminToken = (await mint("live")).token;
}, 900_000);

afterAll(async () => {
  await app?.stop();
});

async function finalRedirect(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; location: string | null }> {
  let target = `${app.url}${url}`;
  for (let hop = 0; hop < 4; hop++) {
    const res = await fetch(target, { redirect: "manual", headers });
    const location = res.headers.get("location");
    if (res.status < 300 || res.status >= 400 || !location) return { status: res.status, location: null };
    const next = new URL(location, target);
    if (next.pathname === "/login") return { status: res.status, location: next.pathname + next.search };
    target = next.toString();
  }
  return { status: 0, location: "too many redirects" };
}

describe("route protection", () => {
  it("finds the routes on disk (the enumeration works)", () => {
    const urls = apiRoutes.map((r) => r.url);
    for (const known of [
      "/api/health",
      "/api/auth/login",
      "/api/users",
      "/api/users/test-id",
      "/api/tokens",
      "/api/settings",
    ])
      expect(urls).toContain(known);
    expect(pages.map((p) => p.url)).toEqual(
      expect.arrayContaining(["/", "/login", "/designs", "/clusters", "/settings"]),
    );
    expect(
      apiRoutes.every((r) => r.methods.length > 0),
      "every route.ts exports at least one method",
    ).toBe(true);
  });

  describe.each(
    apiRoutes
      .filter((r) => !isPublic(r.url))
      .flatMap((r) => r.methods.map((m) => ({ ...r, method: m, name: `${m} ${r.url} (${rel(r.file)})` }))),
  )("$name", ({ url, method }) => {
    it("answers 401 JSON without credentials and with an unknown token", async () => {
      const variants: Array<Record<string, string>> = [
        {},
        { authorization: "Bearer tsk_not-a-real-token" },
        { cookie: "studio_session=forged" },
        { cookie: "studio_session=%E0%A4%A" }, // malformed: no session, never a 500
        { authorization: `Bearer ${revokedToken}` },
        { authorization: `Bearer ${expiredToken}` },
      ];
      for (const headers of variants) {
        const res = await fetch(`${app.url}${url}`, {
          method,
          headers: { "content-type": "application/json", ...headers },
          body: method === "GET" || method === "DELETE" ? undefined : "{}",
          redirect: "manual",
        });
        expect(res.status).toBe(401);
        expect(res.headers.get("content-type")).toMatch(/application\/json/);
        const body = await res.json();
        expect(body.error).toEqual(expect.any(String));
      }
    });
  });

  describe.each(pages.filter((p) => !isPublic(p.url)).map((p) => ({ ...p, name: `page ${p.url} (${rel(p.file)})` })))(
    "$name",
    ({ url, dynamic }) => {
      it("redirects a signed-out visitor to /login", async () => {
        const res = await finalRedirect(url);
        expect(res.location, `GET ${url} must end at /login`).toMatch(/^\/login(\?|$)/);
        if (url !== "/") expect(res.location).toContain(`next=${encodeURIComponent(url)}`);
      });
      if (!dynamic) {
        it("renders for a signed-in user", async () => {
          const res = await finalRedirect(url, { cookie: adminCookie });
          expect(res.location).toBeNull();
          expect(res.status).toBe(200);
        });
      }
    },
  );

  it("keeps the public allow-list public", async () => {
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
    expect((await fetch(`${app.url}/login`)).status).toBe(200);
    const bad = await fetch(`${app.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "x@y.z", password: "nope" }),
    });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ error: "invalid email or password" });
  });

  it("answers 403 to a signed-in user whose role is too small, and to cross-site writes", async () => {
    const created = await fetch(`${app.url}/api/users`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: adminCookie },
      body: JSON.stringify({ email: "viewer@test.local", name: "Viewer", role: "viewer", password: "viewer-password" }),
    });
    expect(created.status).toBe(201);
    const login = await fetch(`${app.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "viewer@test.local", password: "viewer-password" }),
    });
    const viewerCookie = login.headers.get("set-cookie")!.split(";")[0];
    expect((await fetch(`${app.url}/api/users`, { headers: { cookie: viewerCookie } })).status).toBe(403);
    expect((await fetch(`${app.url}/api/settings`, { headers: { cookie: viewerCookie } })).status).toBe(403);
    const cross = await fetch(`${app.url}/api/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: adminCookie, origin: "https://evil.example" },
      body: JSON.stringify({ name: "x" }),
    });
    expect(cross.status).toBe(403);
    const page = await finalRedirect("/settings", { cookie: viewerCookie });
    expect(page.status).toBe(200);
  });

  it("a live token works, but cannot mint tokens or reach what its role does not allow", async () => {
    const auth = { authorization: `Bearer ${adminToken}` };
    expect((await fetch(`${app.url}/api/audit`, { headers: auth })).status).toBe(200);
    const minted = await fetch(`${app.url}/api/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json", ...auth },
      body: JSON.stringify({ name: "child" }),
    });
    expect(minted.status).toBe(403);
  });

  it("keeps the audit log and everyone's tokens to admins, and records sign-ins with the socket's address", async () => {
    const made = await fetch(`${app.url}/api/users`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: adminCookie },
      body: JSON.stringify({ email: "viewer@test.local", name: "Viewer", role: "viewer", password: "viewer-password" }),
    });
    expect([201, 409]).toContain(made.status);
    const login = await fetch(`${app.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "viewer@test.local", password: "viewer-password" }),
    });
    const viewerCookie = login.headers.get("set-cookie")!.split(";")[0];
    for (const url of ["/api/audit", "/api/audit/export", "/api/tokens?all=1"])
      expect((await fetch(`${app.url}${url}`, { headers: { cookie: viewerCookie } })).status, url).toBe(403);
    // Pages follow the API's roles: the audit log is admin-only, the clusters list (server URLs) editor and up.
    // (The (app) segment streams a loading state first, so the redirect comes in the body, not as a 307.)
    for (const [url, content] of [
      ["/settings/audit", "audit-table"],
      ["/clusters", "cluster-row-"],
    ]) {
      const page = await fetch(`${app.url}${url}`, { headers: { cookie: viewerCookie }, redirect: "manual" });
      const sent = `${page.headers.get("location") ?? ""} ${await page.text()}`;
      expect(sent, url).toContain("/denied?need=");
      expect(sent, url).not.toContain(content);
    }

    // A client-sent X-Forwarded-For is not believed (no TRUSTED_PROXIES here): the entry has the peer.
    await fetch(`${app.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.66" },
      body: JSON.stringify({ email: "viewer@test.local", password: "wrong-password" }),
    });
    const res = await fetch(`${app.url}/api/audit?action=auth.login_failed`, { headers: { cookie: adminCookie } });
    const { entries } = (await res.json()) as { entries: Array<{ actor: string; address: string }> };
    const failed = entries.find((e) => e.actor === "viewer@test.local");
    expect(failed?.address).toBe("127.0.0.1");
  });

  it("answers /metrics with 404 while it is off", async () => {
    expect((await fetch(`${app.url}/metrics`)).status).toBe(404);
  });

  it("sends the security headers with pages and API answers", async () => {
    for (const url of ["/login", "/api/health"]) {
      const res = await fetch(`${app.url}${url}`);
      expect(res.headers.get("content-security-policy"), url).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options"), url).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), url).toBe("same-origin");
    }
  });
});
