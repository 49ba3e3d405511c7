// Test databases for Vitest: a fresh SQLite file per call, with the committed migrations applied
// directly (fast: no CLI spawn). Point the shared `db()` at it with `useTestDatabase()`.
//
//   beforeAll(async () => { await useTestDatabase(); });
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { resetDbForTests } from "./client";

const root = path.resolve(import.meta.dirname, "..", "..");

export function migrationSql(dir = path.join(root, "prisma", "migrations")): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
}

/** Creates a migrated SQLite database in a new temp folder and returns its `file:` URL. */
export function createTestSqliteDatabase(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "studio-test-db-"));
  const file = path.join(dir, "studio.db");
  const conn = new Database(file);
  try {
    conn.pragma("journal_mode = WAL");
    for (const sql of migrationSql()) conn.exec(sql);
  } finally {
    conn.close();
  }
  return `file:${file}`;
}

/** Points DATABASE_URL (and so `db()`) at a fresh migrated SQLite database; returns the URL. */
export async function useTestDatabase(): Promise<string> {
  const url = createTestSqliteDatabase();
  process.env.DATABASE_URL = url;
  await resetDbForTests();
  return url;
}
