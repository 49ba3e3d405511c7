// npm run bench:render — render time of a generated design, and how it grows with the number of clusters.
// Each cluster: Prometheus 4 shards × 2 replicas (sidecar) + Query + Store Gateway + Compactor, all on one bucket.
import { parseDesign, type Design, type DesignInput } from "@/lib/topology";
import { renderAll, toYaml } from "@/server/render";

export function generatedDesign(clusters: number): Design {
  const components: DesignInput["components"] = [
    {
      id: "bucket",
      kind: "objectStore",
      name: "bucket",
      settings: { provider: "s3", bucket: "thanos", endpoint: "s3.example.com" },
    },
  ];
  const connections: NonNullable<DesignInput["connections"]> = [];
  for (let i = 0; i < clusters; i++) {
    const c = `c${i}`;
    components.push(
      {
        id: c,
        kind: "cluster",
        name: `cluster-${i}`,
        settings: { namespace: "monitoring", externalLabels: { cluster: `cluster-${i}` } },
      },
      {
        id: `${c}-prom`,
        kind: "prometheus",
        name: "prometheus",
        cluster: c,
        settings: {
          shards: 4,
          replicas: 2,
          scrapeJobs: [
            { name: "pods", kubernetesSd: { role: "pod" } },
            { name: "nodes", kubernetesSd: { role: "node" } },
          ],
        },
      },
      {
        id: `${c}-query`,
        kind: "query",
        name: "thanos-query",
        cluster: c,
        settings: { replicaLabels: ["prometheus_replica"] },
      },
      { id: `${c}-store`, kind: "storeGateway", name: "thanos-store", cluster: c, settings: {} },
      { id: `${c}-compact`, kind: "compactor", name: "thanos-compact", cluster: c, settings: {} },
    );
    connections.push(
      { id: `${c}-q-p`, kind: "storeApi", from: `${c}-query`, to: `${c}-prom` },
      { id: `${c}-q-s`, kind: "storeApi", from: `${c}-query`, to: `${c}-store` },
      { id: `${c}-p-b`, kind: "uploadsTo", from: `${c}-prom`, to: "bucket" },
      { id: `${c}-s-b`, kind: "uploadsTo", from: `${c}-store`, to: "bucket" },
      { id: `${c}-c-b`, kind: "uploadsTo", from: `${c}-compact`, to: "bucket" },
    );
  }
  return parseDesign({ name: `bench ${clusters} clusters`, components, connections });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function measure(clusters: number, runs: number) {
  const design = generatedDesign(clusters);
  let objects = 0;
  for (let i = 0; i < 3; i++) renderAll(design); // warm-up: JIT and module caches
  const times: number[] = [];
  const yamlTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = renderAll(design);
    const t1 = performance.now();
    for (const c of r) toYaml(c.objects);
    const t2 = performance.now();
    times.push(t1 - t0);
    yamlTimes.push(t2 - t1);
    objects = r.reduce((n, c) => n + c.objects.length, 0);
  }
  const ms = median(times);
  return {
    clusters,
    components: design.components.length,
    objects,
    ms,
    yamlMs: median(yamlTimes),
    objectsPerSec: Math.round((objects / ms) * 1000),
  };
}

const runs = Number(process.env.RUNS ?? 15);
console.log(
  `render benchmark: renderAll(design) median of ${runs} runs (objects only; YAML serialisation timed separately)`,
);
console.log("clusters  components  objects  median ms  ms/cluster  objects/s  +toYaml ms");
const rows = [25, 50, 100, 200].map((n) => measure(n, runs));
for (const r of rows) {
  console.log(
    `${String(r.clusters).padStart(8)}  ${String(r.components).padStart(10)}  ${String(r.objects).padStart(7)}  ${r.ms.toFixed(1).padStart(9)}  ${(r.ms / r.clusters).toFixed(3).padStart(10)}  ${String(r.objectsPerSec).padStart(9)}  ${r.yamlMs.toFixed(1).padStart(10)}`,
  );
}
const hundred = rows.find((r) => r.clusters === 100)!;
console.log(`100 clusters: ${hundred.ms.toFixed(1)} ms (target < 250 ms): ${hundred.ms < 250 ? "OK" : "OVER TARGET"}`);
const growth = rows[rows.length - 1].ms / rows[rows.length - 1].clusters / (rows[0].ms / rows[0].clusters);
console.log(`per-cluster time at 200 vs 25 clusters: ×${growth.toFixed(2)} (1.0 = perfectly linear)`);
