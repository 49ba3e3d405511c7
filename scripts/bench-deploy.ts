// Benchmark: deploy 300 objects (ConfigMaps, Services, StatefulSets in 3 namespaces) to the
// Kubernetes API test server with 5 ms added latency per request, with the deploy engine and then
// with `kubectl apply --server-side`, in one run. Prints figures; asserts nothing.
//   npm run bench:deploy [-- --latency-ms 5 --concurrency 8]
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import https from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs, promisify } from "node:util";
import YAML from "yaml";
import { connect } from "../server/kube/connection";
import { runDeploy } from "../server/kube/deploy";
import type { KubeObject } from "../server/kube/kinds";
import { validateKubeconfig } from "../server/kube/kubeconfig";
import { plan } from "../server/kube/plan";

const { values } = parseArgs({
  options: { "latency-ms": { type: "string", default: "5" }, concurrency: { type: "string", default: "8" } },
});
const latencyMs = Number(values["latency-ms"]);
const concurrency = Number(values.concurrency);
const owner = { key: "topology-studio.dev/design", value: "bench" };

function bundle(): KubeObject[] {
  const out: KubeObject[] = [];
  for (let n = 0; n < 3; n++) {
    const ns = `bench-${n}`;
    out.push({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
    for (let i = 0; i < 33; i++) {
      const name = `shard-${i}`;
      const labels = { "app.kubernetes.io/name": "prometheus", "app.kubernetes.io/instance": name };
      out.push({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: `${name}-config`, namespace: ns, labels },
        data: { "prometheus.yml": `global:\n  external_labels: {shard: "${i}"}\n` },
      });
      out.push({
        apiVersion: "v1",
        kind: "Service",
        metadata: { name, namespace: ns, labels },
        spec: { clusterIP: "None", selector: labels, ports: [{ name: "web", port: 9090 }] },
      });
      out.push({
        apiVersion: "apps/v1",
        kind: "StatefulSet",
        metadata: { name, namespace: ns, labels },
        spec: {
          replicas: 2,
          serviceName: name,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: { containers: [{ name: "prometheus", image: "quay.io/prometheus/prometheus:v2.53.0" }] },
          },
        },
      });
    }
  }
  return out;
}

const objects = bundle();
// The test server runs in its own process, as kubectl does: the engine's figures must not include
// the server's CPU time on the same event loop.
const dir = mkdtempSync(join(tmpdir(), "bench-deploy-"));
const kubeconfigPath = join(dir, "kubeconfig");
// BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server side.
const serverNodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
const child = spawn(
  process.execPath,
  [
    ...serverNodeArgs,
    "--import",
    "tsx",
    join(import.meta.dirname, "sandbox-kube.ts"),
    "--port",
    "0",
    "--kubeconfig",
    kubeconfigPath,
    "--latency-ms",
    String(latencyMs),
    "--ready-delay-ms",
    "50",
  ],
  { stdio: ["ignore", "pipe", "inherit"] },
);
await new Promise<void>((resolve, reject) => {
  child.stdout!.on("data", (c: Buffer) => c.toString().includes("written to") && resolve());
  child.on("exit", (code) => reject(new Error(`sandbox exited with ${code}`)));
});
const kubeconfig = readFileSync(kubeconfigPath, "utf8");
const server = (
  YAML.parse(kubeconfig) as { clusters: { cluster: { server: string; "certificate-authority-data": string } }[] }
).clusters[0]!.cluster;
const control = (method: string, path: string) =>
  new Promise<{ requests?: number }>((resolve, reject) => {
    const req = https.request(
      `${server.server}${path}`,
      { method, ca: Buffer.from(server["certificate-authority-data"], "base64") },
      (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve(JSON.parse(text)));
      },
    );
    req.on("error", reject);
    req.end();
  });
const requestCount = async () => (await control("GET", "/_sandbox/stats")).requests ?? 0;
const conn = await connect(validateKubeconfig(kubeconfig), { maxSockets: concurrency * 2 });
const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;
const rows: [string, string, string][] = [];
// Minus one: the stats request itself.
const requestsSince = async (start: number) => String((await requestCount()) - start - 1);

console.log(
  `bench:deploy — ${objects.length} objects, ${latencyMs} ms latency per request, engine concurrency ${concurrency}`,
);

let start = await requestCount();
let t0 = performance.now();
const p = await plan(conn, objects, { ownerLabel: owner, concurrency });
rows.push(["engine plan (empty cluster)", ms(t0), await requestsSince(start)]);
if (p.errors.length) throw new Error(`plan errors: ${p.errors.map((e) => e.message).join("; ")}`);

start = await requestCount();
t0 = performance.now();
let appliedAt = 0;
const out = await runDeploy(conn, objects, { ownerLabel: owner, concurrency, rolloutIntervalMs: 100 }, (e) => {
  if (e.phase === "applied") appliedAt = performance.now();
});
rows.push(["engine deploy: apply phase", `${(appliedAt - t0).toFixed(0)} ms`, "-"]);
rows.push([`engine deploy: apply+prune+rollout (${out.status})`, ms(t0), await requestsSince(start)]);

start = await requestCount();
t0 = performance.now();
const again = await runDeploy(conn, objects, { ownerLabel: owner, concurrency, rolloutIntervalMs: 100 });
rows.push([`engine re-deploy, nothing changed (${again.status})`, ms(t0), await requestsSince(start)]);

const kubectl = ["/usr/bin/kubectl", "/usr/local/bin/kubectl"].find((x) => existsSync(x));
if (kubectl) {
  await control("DELETE", "/_sandbox/store");
  writeFileSync(join(dir, "bundle.yaml"), objects.map((o) => YAML.stringify(o)).join("---\n"));
  for (const label of [
    "kubectl apply --server-side (empty cluster)",
    "kubectl apply --server-side (again, unchanged)",
  ]) {
    start = await requestCount();
    t0 = performance.now();
    await promisify(execFile)(
      kubectl,
      ["--kubeconfig", kubeconfigPath, "apply", "--server-side", "-f", join(dir, "bundle.yaml")],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    rows.push([label, ms(t0), await requestsSince(start)]);
  }
} else rows.push(["kubectl not installed: comparison skipped", "-", "-"]);

const w = Math.max(...rows.map((r) => r[0].length));
console.log(`${"step".padEnd(w)}  ${"wall".padStart(9)}  ${"requests".padStart(8)}`);
for (const [a, b, c] of rows) console.log(`${a.padEnd(w)}  ${b.padStart(9)}  ${c.padStart(8)}`);
conn.close();
child.kill("SIGTERM");
rmSync(dir, { recursive: true, force: true });
