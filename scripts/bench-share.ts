// `npm run bench:share`: 50 concurrent readers of one share page for 20 s against the production build.
// Builds into NEXT_DIST_DIR=.next-bench-share (only when missing or older than the sources), starts it
// on a temp SQLite database with scripts/start.mjs, creates a design from a template and a "latest" share
// link through the API, then runs autocannon on GET /share/<token> and prints req/s, p50 and p99.
// Env: BENCH_PORT (default: a free port), BENCH_CONNECTIONS (50), BENCH_SECONDS (20), BENCH_TEMPLATE.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";

const root = path.resolve(import.meta.dirname, "..");
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const template = process.env.BENCH_TEMPLATE ?? "multi-cluster-receivers";
const admin = { email: "bench@localhost", password: "bench-share-password-1" };

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

async function main() {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-share-"));
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    NEXT_DIST_DIR: ".next-bench-share",
    STUDIO_REBUILD: "auto",
    DATABASE_URL: `file:${path.join(dir, "studio.db")}`,
    STUDIO_SECRET_KEY: "bench-share-secret-key",
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    NODE_ENV: "production" as const,
  };
  console.log(`▸ starting the production build on ${base} (builds .next-bench-share first when needed)`);
  const server = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], {
    cwd: root,
    env,
    stdio: ["ignore", "inherit", "inherit"] as const,
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  };
  process.on("SIGINT", () => {
    stop();
    process.exit(130);
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
    console.log(`▸ design from template "${template}", share page ${html.length} bytes of HTML`);

    await run({ url: page, connections: 10, duration: 3 }); // warm-up: JIT, caches, connection pool
    console.log(`▸ ${connections} concurrent readers of /share/<token> for ${seconds} s`);
    const r = await run({ url: page, connections, duration: seconds });
    const apiRun = await run({ url: `${base}/api/share/${share.token}`, connections, duration: Math.min(10, seconds) });
    // The floor on this machine right now: a route that does almost nothing (helps read the numbers on a busy host).
    const floor = await run({ url: `${base}/api/health`, connections, duration: 5 });

    const line = (label: string, x: autocannon.Result) =>
      `${label.padEnd(24)} ${x.requests.average.toFixed(1).padStart(8)} req/s   p50 ${String(x.latency.p50).padStart(5)} ms   p99 ${String(x.latency.p99).padStart(5)} ms   ` +
      `${x.requests.total} requests, ${x.non2xx} non-2xx, ${x.errors} errors, ${x.timeouts} timeouts`;
    console.log(
      `\nbench:share results (2xx only count as served; machine: ${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" / ")})`,
    );
    console.log(line("GET /share/<token>", r));
    console.log(line("GET /api/share/<token>", apiRun));
    console.log(line("GET /api/health (floor)", floor));
    if (r.non2xx > 0 || r.errors > 0) process.exitCode = 1;
  } finally {
    stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
