// The design_description migration on rows written before it. SQLite fills the new column from each design's
// latest revision in SQL: its description, "" when it has none, NULL (left to the first list) when the
// document is not JSON. PostgreSQL (a real embedded server) only adds the column, applied the way Prisma
// applies it (the pg adapter's executeScript), and the first designs list fills every row.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/server/db/client";
import { startTestPostgres, type TestPostgres } from "@/server/db/testing-postgres";
import { designService } from "../service";

const MIGRATION = "20261202100000_design_description";

/** The migrations before this one, then this one, as SQL text. */
function migrations(dir: string): { before: string[]; this: string } {
  const names = readdirSync(path.join(process.cwd(), dir), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  expect(names).toContain(MIGRATION);
  const sql = (name: string) => readFileSync(path.join(process.cwd(), dir, name, "migration.sql"), "utf8");
  return { before: names.filter((n) => n < MIGRATION).map(sql), this: sql(MIGRATION) };
}

/** Three designs whose latest revision (2) differs from revision 1, so the backfill must pick the latest. */
const ROWS = [
  { id: "described", latest: JSON.stringify({ name: "a", description: "EU edge, latest" }) },
  { id: "undescribed", latest: JSON.stringify({ name: "b" }) },
  { id: "unreadable", latest: "not json {" },
];
const EXPECTED = { described: "EU edge, latest", undescribed: "", unreadable: null };

function seedStatements(quote: (v: string) => string): string[] {
  const out = [
    `INSERT INTO "User" ("id", "email", "name", "role", "passwordHash") VALUES ('u1', 'm@example.com', 'M', 'editor', 'x')`,
  ];
  for (const r of ROWS) {
    out.push(
      `INSERT INTO "Design" ("id", "name", "ownerId", "latestRevision", "updatedAt") VALUES ('${r.id}', '${r.id}', 'u1', 2, CURRENT_TIMESTAMP)`,
      `INSERT INTO "Revision" ("id", "designId", "number", "document", "authorId") VALUES ('${r.id}-1', '${r.id}', 1, ${quote(JSON.stringify({ name: r.id, description: "revision one" }))}, 'u1')`,
      `INSERT INTO "Revision" ("id", "designId", "number", "document", "authorId") VALUES ('${r.id}-2', '${r.id}', 2, ${quote(r.latest)}, 'u1')`,
    );
  }
  return out;
}

const quote = (v: string) => `'${v.replaceAll("'", "''")}'`;

describe(`migration ${MIGRATION}`, () => {
  it("SQLite: backfills each design's description from its latest revision", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "studio-desc-mig-"));
    const conn = new Database(path.join(dir, "studio.db"));
    try {
      const { before, this: mine } = migrations("prisma/migrations");
      for (const sql of before) conn.exec(sql);
      for (const s of seedStatements(quote)) conn.exec(s);
      conn.exec(mine);
      const rows = conn.prepare(`SELECT "id", "description" FROM "Design"`).all() as {
        id: string;
        description: string | null;
      }[];
      expect(Object.fromEntries(rows.map((r) => [r.id, r.description]))).toEqual(EXPECTED);
    } finally {
      conn.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  let server: TestPostgres | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it("PostgreSQL: applies as Prisma runs it, and the first designs list fills every row from its latest revision", async () => {
    server = await startTestPostgres();
    const url = await server.createDatabase("descmig");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const described = async () => {
      const { rows } = await client.query<{ id: string; description: string | null }>(
        `SELECT "id", "description" FROM "Design"`,
      );
      return Object.fromEntries(rows.map((r) => [r.id, r.description]));
    };
    try {
      const { before, this: mine } = migrations("prisma/postgresql/migrations");
      for (const sql of before) await client.query(sql);
      for (const s of seedStatements(quote)) await client.query(s);
      // Exactly how `prisma migrate deploy` runs a script through the driver adapter (it splits at ";").
      const adapter = await new PrismaPg({ connectionString: url }).connect();
      await adapter.executeScript(mine);
      await adapter.dispose();
      expect(await described()).toEqual({ described: null, undescribed: null, unreadable: null });

      const db = createDb(url);
      try {
        const listed = await designService(db).list();
        expect(Object.fromEntries(listed.map((d) => [d.id, d.description]))).toEqual({
          ...EXPECTED,
          unreadable: "",
        });
      } finally {
        await db.$disconnect();
      }
      expect(await described()).toEqual({ ...EXPECTED, unreadable: "" });
    } finally {
      await client.end();
    }
  }, 180_000);
});
