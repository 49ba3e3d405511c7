/**
 * npm run bench:status — live status at scale, through the real code paths:
 *   50 clusters (Kubernetes API test servers, 100 ms latency on every request) + 2 clusters that
 *   accept connections and never answer; per cluster ~20 calls (3 lists, 7 components × /-/ready +
 *   /-/healthy, Query /api/v1/stores, 2 × /metrics) through the services/proxy subresource to the
 *   Thanos fixture; one s3rver bucket with seeded blocks.
 * 1. One full refresh (collectStatus via the deploy engine's connections): wall time vs the sum of
 *    the latencies it paid.
 * 2. p50/p99 of GET /api/designs/:id/status on the production build with one viewer, then 20 concurrent
 *    viewers (autocannon), the 52 clusters registered through the API and bound in the design, and the
 *    clusters the last report had connected after each; once on SQLite and once on PostgreSQL.
 * Flags: --clusters N (default 50) --dead N (2) --latency MS (100) --timeout MS (3000) --seconds S (20) --skip-http
 *        --databases sqlite,postgresql
 */
import { spawn } from "node:child_process";
import os from "node:os";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { validateDesign, type Design, type DesignInput } from "@/lib/topology";
import { startKubeApi, type KubeApiServer } from "@/e2e/kube-api";
import { startBucketFixture } from "@/e2e/bucket-fixture";
import { startThanosFixture } from "@/e2e/thanos-fixture";
import { startAppServer } from "@/e2e/fixtures/app-server";
import { startTestPostgres, type TestPostgres } from "@/server/db/testing-postgres";
import { connect, validateKubeconfig, type KubeConnection } from "@/server/kube";
import { clusterAccessFromConnection } from "@/server/status/kube-access";
import { cachedBucketLister } from "@/server/status/bucket-cache";
import { collectStatus, type ConnectCluster } from "@/server/status/live";
import { statusTargets } from "@/server/status/targets";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CLUSTERS = arg("clusters", 50);
const DEAD = arg("dead", 2);
const LATENCY = arg("latency", 100);
const TIMEOUT = arg("timeout", 3000);
const SECONDS = arg("seconds", 20);
const SKIP_HTTP = process.argv.includes("--skip-http");
const DATABASES = (
  process.argv.includes("--databases") ? process.argv[process.argv.indexOf("--databases") + 1] : "sqlite,postgresql"
).split(",");

/** One cluster node per API server, each with a Prometheus pair, Query, Frontend, Store, Ruler, Alertmanager. */
function benchDesign(n: number, bucketEndpoint: string, registered: (i: number) => string | undefined): Design {
  const components: DesignInput["components"] = [];
  const connections: NonNullable<DesignInput["connections"]> = [];
  const url = new URL(bucketEndpoint);
  components.push({
    id: "bucket",
    kind: "objectStore",
    name: "thanos",
    position: { x: 0, y: -300 },
    settings: {
      provider: "s3",
      bucket: "thanos",
      endpoint: url.host,
      insecure: true,
      accessKey: "S3RVER",
      secretKey: "S3RVER",
    },
  });
  for (let i = 0; i < n; i++) {
    const c = `c${i}`;
    const at = (k: number) => ({ x: 20 + (k % 4) * 220, y: 60 + Math.floor(k / 4) * 100 });
    components.push({
      id: c,
      kind: "cluster",
      name: `cluster-${i}`,
      position: { x: (i % 8) * 1000, y: Math.floor(i / 8) * 400 },
      settings: {
        namespace: `ns-${i}`,
        externalLabels: { cluster: `c${i}` },
        registeredClusterId: registered(i),
        width: 920,
        height: 300,
      },
    });
    const add = (id: string, kind: string, name: string, k: number, settings: Record<string, unknown> = {}) =>
      components.push({
        id: `${id}${i}`,
        kind,
        name: `${name}-${i}`,
        cluster: c,
        position: at(k),
        settings,
      } as DesignInput["components"][number]);
    add("p", "prometheus", "prometheus", 0, { shards: 1, replicas: 2 });
    add("q", "query", "query", 1, { replicas: 1 });
    add("f", "queryFrontend", "frontend", 2, { replicas: 1 });
    add("s", "storeGateway", "store", 3, { replicas: 1 });
    add("r", "ruler", "ruler", 4, { replicas: 1 });
    add("a", "alertmanager", "alertmanager", 5, { replicas: 1 });
    const link = (kind: string, from: string, to: string) =>
      connections.push({ id: `${kind}-${from}-${to}`, kind, from, to } as (typeof connections)[number]);
    link("uploadsTo", `p${i}`, "bucket");
    link("uploadsTo", `r${i}`, "bucket");
    link("uploadsTo", `s${i}`, "bucket");
    link("storeApi", `q${i}`, `p${i}`);
    link("storeApi", `q${i}`, `s${i}`);
    link("storeApi", `q${i}`, `r${i}`);
    link("downstream", `f${i}`, `q${i}`);
    link("queries", `r${i}`, `q${i}`);
    link("alerts", `p${i}`, `a${i}`);
  }
  const v = validateDesign({ name: "Status bench", components, connections });
  if (!v.ok) throw new Error(`bench design invalid: ${JSON.stringify(v.issues.slice(0, 3))}`);
  return v.design;
}

/** Child process: the "remote" side (API servers, Thanos fixture, bucket), so its TLS and HTTP work does not share the client's event loop. */
async function serveClusters() {
  const [thanos, bucket] = await Promise.all([startThanosFixture(), startBucketFixture({ now: new Date() })]);
  const components = await Promise.all(
    (["sidecar", "store", "rule", "compact"] as const).map((kind) =>
      thanos.addComponent(`bench-${kind}`, kind, { bucket: bucket.bucket }),
    ),
  );
  const byKind = Object.fromEntries(components.map((c) => [c.kind, c.url]));
  const servers: KubeApiServer[] = [];
  for (let i = 0; i < CLUSTERS + DEAD; i++) {
    const server = await startKubeApi({ latencyMs: i < CLUSTERS ? LATENCY : 0, readyDelayMs: 50 });
    if (i >= CLUSTERS) server.faults.set({ timeoutNext: Number.MAX_SAFE_INTEGER }); // accepts, never answers
    servers.push(server);
  }
  const design = benchDesign(CLUSTERS + DEAD, bucket.endpoint, () => undefined);
  statusTargets(design, "bench").clusters.forEach((cluster, i) => {
    const register = (ns: string, svc: string, port: string | number, url: string) =>
      servers[i].registerServiceBackend(ns, svc, port, url);
    for (const p of cluster.probes) {
      const kind = design.components.find((c) => c.id === p.componentId)!.kind;
      const url =
        kind === "query"
          ? thanos.query.url
          : kind === "prometheus"
            ? byKind.sidecar
            : kind === "ruler"
              ? byKind.rule
              : kind === "storeGateway"
                ? byKind.store
                : byKind.compact;
      register(p.namespace, p.service, p.port, url);
    }
    for (const u of cluster.uploaders)
      register(u.namespace, u.service, u.port, u.role === "ruler" ? byKind.rule : byKind.sidecar);
    for (const q of cluster.queries) register(q.ref.namespace, q.ref.service, q.ref.port, thanos.query.url);
  });
  process.stdout.write(
    `${JSON.stringify({ bucketEndpoint: bucket.endpoint, blocks: bucket.blocks.length, kubeconfigs: servers.map((s) => s.kubeconfig("readonly")) })}\n`,
  );
  process.stdin.resume();
  // "cpu" on stdin: answer this process's CPU time so far, so the bench can tell whose time a refresh spent.
  process.stdin.on("data", (d: Buffer) => {
    if (d.toString().includes("cpu")) {
      const u = process.cpuUsage();
      process.stdout.write(`${JSON.stringify({ cpuMs: Math.round((u.user + u.system) / 1000) })}\n`);
    }
  });
  process.stdin.on("end", async () => {
    await Promise.all([...servers.map((s) => s.stop()), thanos.stop(), bucket.stop()]);
    process.exit(0);
  });
}

async function startRemote(): Promise<{
  bucketEndpoint: string;
  blocks: number;
  kubeconfigs: string[];
  cpuMs(): Promise<number>;
  stop(): void;
}> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(import.meta.url), "--serve", ...process.argv.slice(2)],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  let buffer = "";
  const waiting: Array<(line: string) => void> = [];
  child.stdout!.on("data", (d: Buffer) => {
    buffer += d.toString();
    for (let nl = buffer.indexOf("\n"); nl >= 0; nl = buffer.indexOf("\n")) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      waiting.shift()?.(line);
    }
  });
  const nextLine = () => new Promise<string>((resolve) => waiting.push(resolve));
  const exited = new Promise<never>((_, reject) =>
    child.on("exit", (code) => reject(new Error(`cluster host exited (${code})`))),
  );
  const first = await Promise.race([nextLine(), exited]);
  return {
    ...JSON.parse(first),
    cpuMs: async () => {
      const line = nextLine();
      child.stdin!.write("cpu\n");
      return (JSON.parse(await line) as { cpuMs: number }).cpuMs;
    },
    stop: () => child.stdin!.end(),
  };
}

const machine = () =>
  `${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`;

/** 2. The HTTP route on the production build: one viewer, then 20 concurrent viewers, on one database. */
async function benchHttp(
  kind: string,
  env: Record<string, string>,
  remote: { bucketEndpoint: string; kubeconfigs: string[] },
  n: number,
) {
  console.log(`\n== GET /api/designs/:id/status on ${kind}, production build: 1 viewer, then 20 concurrent viewers`);
  // The same build as bench:share: one production build serves both benches.
  const app = await startAppServer({ distDir: ".next-bench-share", env });
  try {
    const login = await fetch(`${app.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: app.url },
      body: JSON.stringify(app.admin),
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
    const api = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${app.url}${path}`, {
        method,
        headers: { cookie, origin: app.url, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
      return JSON.parse(text) as Record<string, unknown>;
    };
    // The bench's bucket listens on loopback: the admin allows exactly that address first.
    await api("PUT", "/api/settings", { objectStoreEndpoints: [new URL(remote.bucketEndpoint).hostname] });
    const ids: string[] = [];
    for (let i = 0; i < n; i++)
      ids.push(
        (await api("POST", "/api/clusters", { name: `bench-${i}`, kubeconfig: remote.kubeconfigs[i] })).id as string,
      );
    const design = benchDesign(n, remote.bucketEndpoint, (i) => ids[i]);
    const created = await api("POST", "/api/designs", { name: "Status bench", design });
    const path = `/api/designs/${created.id}/status`;
    const connectedIn = (report: Record<string, unknown>) =>
      (report.clusters as Array<{ state: string }>).filter((c) => c.state === "connected").length;
    const first = performance.now();
    const cold = await api("GET", path);
    console.log(
      `first (cold) request: ${Math.round(performance.now() - first)} ms; answer ${Math.round(JSON.stringify(cold).length / 1024)} KiB; clusters connected: ${connectedIn(cold)}/${n}`,
    );
    const viewers = async (connections: number, seconds: number, headers: Record<string, string> = {}) => {
      const result = await autocannon({
        url: `${app.url}${path}`,
        connections,
        duration: seconds,
        headers: { cookie, ...headers },
      });
      const after = await api("GET", path);
      return { result, after, load: machine() };
    };
    // One viewer as long as the others, so its last report comes from a background refresh, not the cold one.
    const one = await viewers(1, SECONDS);
    const many = await viewers(20, SECONDS);
    // As browsers ask: gzip accepted (Next compresses every answer; the gap to the row above is that cost).
    const gzip = await viewers(20, Math.max(5, Math.round(SECONDS / 2)), { "accept-encoding": "gzip" });
    for (const [label, { result, after, load }] of [
      ["1 viewer", one],
      ["20 viewers", many],
      ["20 gzip", gzip],
    ] as const) {
      const lat = result.latency;
      console.log(
        `${label.padEnd(10)} ${Math.round(result.requests.average)} req/s, p50 ${lat.p50} ms, p99 ${lat.p99} ms, max ${lat.max} ms; ` +
          `non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}; last report ${Math.round((Date.now() - Date.parse(after.checkedAt as string)) / 1000)} s old, ` +
          `refresh took ${after.durationMs} ms, clusters connected ${connectedIn(after)}/${n} (${load})`,
      );
    }
    const p99 = many.result.latency.p99;
    const same = connectedIn(many.after) >= connectedIn(one.after);
    console.log(
      `goals on ${kind}: ${p99 < 100 ? "met" : "NOT met"}: 20 viewers p99 < 100 ms (${p99} ms); ${same ? "met" : "NOT met"}: as many clusters connected with 20 viewers as with one (${connectedIn(many.after)} vs ${connectedIn(one.after)})`,
    );
  } finally {
    await app.stop();
  }
}

async function main() {
  const t0 = performance.now();
  const remote = await startRemote();
  const n = remote.kubeconfigs.length;
  const design = benchDesign(n, remote.bucketEndpoint, () => undefined);
  const targets = statusTargets(design, "bench");
  // Calls one refresh makes per live cluster: lists (workload kinds + pods), two probes per target, stores, metrics.
  const perCluster = targets.clusters[0];
  const callsPerCluster =
    new Set(perCluster.workloads.map((w) => w.kind)).size +
    1 +
    perCluster.probes.length * 2 +
    perCluster.queries.length +
    perCluster.uploaders.length;
  console.log(
    `setup: ${CLUSTERS} clusters with ${LATENCY} ms latency per API call + ${DEAD} that never answer (separate process), ${remote.blocks} blocks in the bucket (${Math.round(performance.now() - t0)} ms)`,
  );

  // 1. Full refreshes, in-process, connections kept between refreshes as the app keeps them.
  const conns = new Map<number, Promise<KubeConnection>>();
  const connectByIndex: ConnectCluster = async (node) => {
    const i = targets.clusters.findIndex((c) => c.node.id === node.node.id);
    if (!conns.has(i)) conns.set(i, connect(validateKubeconfig(remote.kubeconfigs[i])));
    const { close: _keep, ...access } = clusterAccessFromConnection(await conns.get(i)!);
    return { ...access, registeredCluster: { id: `k${i}`, name: `sandbox-${i}` } };
  };
  // As the app does: one bucket listing shared for 30 s (the first refresh pays for it).
  const listBucket = cachedBucketLister();
  const runs: number[] = [];
  const cpuMs: number[] = [];
  const remoteCpuMs: number[] = [];
  let report;
  for (let run = 0; run < 4; run++) {
    const remoteBefore = await remote.cpuMs();
    const started = performance.now();
    const cpu = process.cpuUsage();
    report = await collectStatus(
      { designId: "bench", design, revision: 1, revisionSource: "deployed", connect: connectByIndex },
      { timeoutMs: TIMEOUT, listBucket },
    );
    runs.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpuMs.push(Math.round((used.user + used.system) / 1000));
    remoteCpuMs.push((await remote.cpuMs()) - remoteBefore);
  }
  const states = Object.values(report!.components).reduce<Record<string, number>>(
    (m, c) => ((m[c.state] = (m[c.state] ?? 0) + 1), m),
    {},
  );
  const unreachable = report!.clusters.filter((c) => c.state !== "connected");
  console.log("\n== one full refresh (collectStatus through the deploy engine's connections)");
  console.log(
    `refresh wall time: first ${Math.round(runs[0])} ms (TLS handshakes, bucket listing), then ${runs
      .slice(1)
      .map((r) => `${Math.round(r)} ms`)
      .join(
        ", ",
      )}; per-call timeout ${TIMEOUT} ms; client CPU per refresh ${cpuMs.join(", ")} ms, simulated clusters' CPU ${remoteCpuMs.join(", ")} ms`,
  );
  console.log(
    `calls per refresh: ${callsPerCluster} per cluster × ${CLUSTERS} live clusters = ${callsPerCluster * CLUSTERS}; their latencies summed: ${((callsPerCluster * CLUSTERS * LATENCY) / 1000).toFixed(0)} s`,
  );
  console.log(
    `machine: ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} (other work on the machine stretches wall times)`,
  );
  console.log(`components by state: ${JSON.stringify(states)}; clusters not connected: ${unreachable.length}`);
  for (const u of unreachable.slice(0, 4)) console.log(`  ${u.name}: ${u.state}: ${u.error}`);
  for (const c of await Promise.all(conns.values())) c.close();

  if (!SKIP_HTTP) {
    for (const kind of DATABASES) {
      let pg: TestPostgres | undefined;
      try {
        const env: Record<string, string> = { STUDIO_STATUS_TIMEOUT_MS: String(TIMEOUT) };
        if (kind === "postgresql") {
          pg = await startTestPostgres();
          env.DATABASE_URL = await pg.createDatabase("bench_status");
        } else if (kind !== "sqlite") throw new Error(`--databases: unknown database "${kind}" (sqlite, postgresql)`);
        await benchHttp(kind, env, remote, n);
      } finally {
        await pg?.stop();
      }
    }
  }
  remote.stop();
}

if (process.argv.includes("--serve")) void serveClusters();
else
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
