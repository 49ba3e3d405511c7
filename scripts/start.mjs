#!/usr/bin/env node
// `npm start`: generate the Prisma clients if missing, build if there is no build, apply migrations
// to the configured database, then run `next start` on ${PORT:-3000} and print the URL once it answers.
// Env: PORT, HOST (default 0.0.0.0), DATABASE_URL, NEXT_DIST_DIR (build folder, default .next),
// STUDIO_REBUILD=1 (always build) or =auto (build when a source file is newer than the build; used by tests).
// `node scripts/start.mjs --build-only` stops after the build step (tests build under a lock, then start);
// `--build-check` only answers: exit 0 when the build is usable as is, 3 when it would be (re)built.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);
const port = process.env.PORT || "3000";
const host = process.env.HOST || "0.0.0.0";
const distDir = process.env.NEXT_DIST_DIR || ".next";
const databaseUrl = process.env.DATABASE_URL || "file:./data/studio.db";
const postgres = /^postgres(ql)?:\/\//i.test(databaseUrl);
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const prismaBin = path.join(root, "node_modules", "prisma", "build", "index.js");

function step(title, cmd, args, env = {}) {
  console.log(`▸ ${title}`);
  const res = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (res.status !== 0) {
    console.error(`✗ ${title} failed (exit ${res.status ?? res.signal})`);
    process.exit(res.status || 1);
  }
}

if (!existsSync("server/db/generated/sqlite/client.ts") || !existsSync("server/db/generated/postgresql/client.ts")) {
  step("Generating Prisma clients", "bash", ["scripts/prisma-generate.sh"]);
}
// Newest modification time among the files that end up in the build.
function newestSourceMtime() {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p))
        if (name !== "node_modules" && !name.startsWith(".")) visit(path.join(p, name));
    } else if (!/\.(test|spec)\.tsx?$/.test(p)) newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of [
    "app",
    "components",
    "server",
    "lib",
    "public",
    "proxy.ts",
    "instrumentation.ts",
    "next.config.js",
    "package.json",
    "tsconfig.json",
  ])
    visit(p);
  return newest;
}

const buildId = path.join(distDir, "BUILD_ID");
const rebuild = process.env.STUDIO_REBUILD;
const stale = rebuild === "auto" && existsSync(buildId) && newestSourceMtime() > statSync(buildId).mtimeMs;
const needsBuild = rebuild === "1" || stale || !existsSync(buildId);
if (process.argv.includes("--build-check")) process.exit(needsBuild ? 3 : 0);
if (needsBuild) {
  step(
    `Building the app into ${distDir} (first start only; takes a few minutes)`,
    process.execPath,
    [nextBin, "build"],
    {
      NEXT_TELEMETRY_DISABLED: "1",
    },
  );
}
if (process.argv.includes("--build-only")) process.exit(0);

if (!postgres) {
  const file = databaseUrl.replace(/^file:/, "").replace(/\?.*$/, "");
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
}
step(
  `Applying database migrations (${postgres ? "PostgreSQL" : "SQLite " + databaseUrl.replace(/^file:/, "")})`,
  process.execPath,
  [
    "-r",
    "./scripts/prisma-unref-timers.cjs",
    prismaBin,
    "migrate",
    "deploy",
    "--schema",
    postgres ? "prisma/postgresql/schema.prisma" : "prisma/schema.prisma",
  ],
  { DATABASE_URL: databaseUrl },
);

const server = spawn(process.execPath, [nextBin, "start", "-p", port, "-H", host], {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1" },
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

// Print the URL once the app really answers (the admin password box, if any, appears above it).
const url = `http://localhost:${port}`;
const started = Date.now();
(async function announce() {
  while (Date.now() - started < 120_000) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) {
        console.log(`\n  Topology Studio is running at ${url}\n`);
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
})();
