// Applies the committed migrations for the configured database with the Prisma CLI (`migrate deploy`),
// which records them in _prisma_migrations so later deploys only add what is new.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { databaseKind, databaseUrl, sqliteFilePath } from "./client";
import { mkdirSync } from "node:fs";

const root = path.resolve(import.meta.dirname, "..", "..");

export function migrateDeploy(url: string = databaseUrl(), opts: { quiet?: boolean } = {}): void {
  const kind = databaseKind(url);
  if (kind === "sqlite") {
    const file = sqliteFilePath(url);
    if (file) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }
  const schema = kind === "postgresql" ? "prisma/postgresql/schema.prisma" : "prisma/schema.prisma";
  const prismaBin = path.join(root, "node_modules", "prisma", "build", "index.js");
  const unrefTimers = path.join(root, "scripts", "prisma-unref-timers.cjs");
  const res = spawnSync(process.execPath, ["-r", unrefTimers, prismaBin, "migrate", "deploy", "--schema", schema], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
  });
  if (res.status !== 0) {
    throw new Error(`prisma migrate deploy failed (${kind}):\n${res.stdout}\n${res.stderr}`);
  }
  if (!opts.quiet) process.stdout.write(res.stdout);
}
