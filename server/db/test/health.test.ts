// GET /api/health: 200 when the database answers, 503 naming the failure when it does not.
import Database from "better-sqlite3";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/health/route";
import { freePort } from "@/e2e/fixtures/free-port";
import { resetDbForTests, sqliteFilePath } from "@/server/db/client";
import { HEALTH_CHECK_KEEP_MS } from "@/server/db/health";
import { useTestDatabase } from "@/server/db/testing";

const saved = process.env.DATABASE_URL;
afterAll(async () => {
  process.env.DATABASE_URL = saved;
  if (saved === undefined) delete process.env.DATABASE_URL;
  await resetDbForTests();
});

afterEach(() => vi.restoreAllMocks());

async function health() {
  const res = await GET(new Request("http://studio.test/api/health"), { params: Promise.resolve({}) });
  return { status: res.status, body: await res.json() };
}

describe("GET /api/health", () => {
  it("answers 200 {status:ok, db:ok} with a migrated database", async () => {
    await useTestDatabase();
    expect(await health()).toEqual({ status: 200, body: { status: "ok", db: "ok" } });
  });

  it("answers 503 naming the failure when PostgreSQL is unreachable", async () => {
    const port = await freePort(); // nothing listens there
    process.env.DATABASE_URL = `postgresql://studio:pw@127.0.0.1:${port}/studio`;
    await resetDbForTests();
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body.status).toBe("error");
    expect(body.db).toMatch(/^postgresql: /);
    expect(body.db).toMatch(/can.t reach database server|ECONNREFUSED/i);
  });

  it("answers 503 when the SQLite database has no schema (migrations not applied)", async () => {
    const { mkdtempSync } = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    process.env.DATABASE_URL = `file:${path.join(mkdtempSync(path.join(os.tmpdir(), "studio-empty-")), "empty.db")}`;
    await resetDbForTests();
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body.db).toMatch(/^sqlite: .*(Setting|table)/i);
  });

  it("asks the database at most once per HEALTH_CHECK_KEEP_MS, and reports a failure once that has passed", async () => {
    const url = await useTestDatabase();
    expect((await health()).status).toBe(200);
    // Break the database behind the app's back: the kept answer holds until the bound, then the next check sees it.
    const conn = new Database(sqliteFilePath(url)!);
    conn.exec("DROP TABLE Setting");
    conn.close();
    const calls = await Promise.all(Array.from({ length: 50 }, () => health()));
    expect(calls.every((c) => c.status === 200)).toBe(true);
    const later = Date.now() + HEALTH_CHECK_KEEP_MS;
    vi.spyOn(Date, "now").mockImplementation(() => later);
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body.db).toMatch(/^sqlite: .*Setting/i);
  });
});
