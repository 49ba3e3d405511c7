// Prisma CLI configuration. One config serves both databases: DATABASE_URL picks the schema
// (prisma/schema.prisma for SQLite, the generated prisma/postgresql/schema.prisma for PostgreSQL)
// and the driver adapter the CLI uses for `migrate deploy`.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { postgresAdapter } from "./server/db/pg-adapter";

// The client and the JS schema engine are WASM; point the unused native engine paths at an existing
// file so the CLI never tries to download them (these machines cannot reach Prisma's binary host).
const self = typeof __filename === "string" ? __filename : fileURLToPath(import.meta.url);
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= self;
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= self;

const url = process.env.DATABASE_URL || "file:./data/studio.db";
const postgres = /^postgres(ql)?:\/\//i.test(url);
// better-sqlite3 cannot create a database file inside a missing folder.
if (!postgres && !url.includes(":memory:"))
  mkdirSync(path.dirname(path.resolve(url.replace(/^file:/, "").replace(/\?.*$/, ""))), { recursive: true });

export default defineConfig({
  experimental: { adapter: true },
  schema: postgres ? path.join("prisma", "postgresql", "schema.prisma") : path.join("prisma", "schema.prisma"),
  engine: "js",
  // Each database keeps its own migrations next to its schema.
  migrations: { path: postgres ? path.join("prisma", "postgresql", "migrations") : path.join("prisma", "migrations") },
  async adapter() {
    return postgres ? postgresAdapter(url) : new PrismaBetterSQLite3({ url });
  },
});
