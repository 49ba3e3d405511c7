// The one way server code reaches the database: `db()` returns a PrismaClient for DATABASE_URL.
// SQLite (default file:./data/studio.db) or PostgreSQL (postgres:// or postgresql://), both through
// Prisma driver adapters. The PostgreSQL client is generated from the same models, so its API is the
// same; it is typed as the SQLite client so callers have one type to code against.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client";
import { postgresAdapter } from "./pg-adapter";

export type Db = SqliteClient;
export type DbKind = "sqlite" | "postgresql";

export const DEFAULT_DATABASE_URL = "file:./data/studio.db";

export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

export function databaseKind(url: string = databaseUrl()): DbKind {
  return /^postgres(ql)?:\/\//i.test(url) ? "postgresql" : "sqlite";
}

/** File path of a SQLite URL (`file:./data/x.db` → `./data/x.db`), or null for `:memory:`. */
export function sqliteFilePath(url: string): string | null {
  const p = url.replace(/^file:/, "").replace(/\?.*$/, "");
  return p === ":memory:" || p === "" ? null : p;
}

/** A new client for `url`; most code wants the shared `db()` instead. Tests use this for extra "processes". */
export function createDb(url: string = databaseUrl()): Db {
  if (databaseKind(url) === "postgresql") {
    return new PostgresClient({ adapter: postgresAdapter(url) }) as unknown as Db;
  }
  const file = sqliteFilePath(url);
  if (file) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  // better-sqlite3 waits up to `timeout` ms for a lock held by another connection instead of failing at once.
  return new SqliteClient({ adapter: new PrismaBetterSQLite3({ url, timeout: 10_000 }) });
}

// One client per process (kept on globalThis so `next dev` reloads do not open a new pool each time).
const holder = globalThis as unknown as { __studioDb?: { url: string; client: Db } };

export function db(): Db {
  const url = databaseUrl();
  if (!holder.__studioDb || holder.__studioDb.url !== url) {
    holder.__studioDb = { url, client: createDb(url) };
  }
  return holder.__studioDb.client;
}

/** Test helper: forget the shared client (after changing DATABASE_URL). */
export async function resetDbForTests(): Promise<void> {
  const current = holder.__studioDb;
  holder.__studioDb = undefined;
  await current?.client.$disconnect().catch(() => {});
}
