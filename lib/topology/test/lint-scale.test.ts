import { describe, expect, it } from "vitest";
import { parseDesign, type DesignInput } from "../design";
import { lintDesign } from "../lint";

/** `clusters` × (cluster, bucket, sidecar Prometheus, query, store, compactor, ruler, frontend, receiver, alertmanager) = 10 each. */
export function generatedDesign(clusters: number): DesignInput {
  const components: DesignInput["components"] = [];
  const connections: NonNullable<DesignInput["connections"]> = [];
  const link = (kind: (typeof connections)[number]["kind"], from: string, to: string) =>
    connections.push({ id: `${from}-${kind}-${to}`, kind, from, to });
  for (let i = 0; i < clusters; i++) {
    const id = (s: string) => `${s}${i}`;
    components.push(
      { id: id("c"), kind: "cluster", name: `cluster-${i}`, settings: { namespace: `ns-${i}` } },
      {
        id: id("b"),
        kind: "objectStore",
        name: `bucket-${i}`,
        cluster: id("c"),
        settings: { endpoint: "s3.example.com", bucket: `b${i}` },
      },
      { id: id("p"), kind: "prometheus", name: "prometheus", cluster: id("c"), settings: { shards: 4, replicas: 2 } },
      {
        id: id("q"),
        kind: "query",
        name: "query",
        cluster: id("c"),
        settings: { replicaLabels: ["prometheus_replica", "rule_replica"] },
      },
      { id: id("s"), kind: "storeGateway", name: "store", cluster: id("c") },
      {
        id: id("k"),
        kind: "compactor",
        name: "compact",
        cluster: id("c"),
        settings: { retentionRaw: i % 2 ? "1y" : "30d" },
      },
      { id: id("r"), kind: "ruler", name: "rule", cluster: id("c"), settings: { alertLabelDrop: [] } },
      { id: id("f"), kind: "queryFrontend", name: "frontend", cluster: id("c") },
      { id: id("rv"), kind: "receiver", name: "receive", cluster: id("c"), settings: { replicationFactor: 2 } },
      { id: id("am"), kind: "alertmanager", name: "alertmanager", cluster: id("c") },
    );
    for (const w of ["p", "s", "k", "r", "rv"]) link("uploadsTo", id(w), id("b"));
    for (const t of ["p", "s", "r", "rv"]) link("storeApi", id("q"), id(t));
    link("downstream", id("f"), id("q"));
    link("queries", id("r"), id("f"));
    link("alerts", id("p"), id("am"));
    link("alerts", id("r"), id("am"));
  }
  return { name: `generated-${clusters}`, components, connections };
}

describe("lint at scale", () => {
  it("lints a generated 1,000-component design (time printed, not asserted)", () => {
    const d = parseDesign(generatedDesign(100));
    expect(d.components).toHaveLength(1000);
    const c0 = performance.now();
    let findings = lintDesign(d); // cold: the first lint after page load
    const cold = performance.now() - c0;
    for (let i = 0; i < 5; i++) lintDesign(d); // the canvas re-lints on every edit, so the JIT is warm soon
    const runs: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t0 = performance.now();
      const u0 = process.cpuUsage();
      findings = lintDesign(d);
      const u = process.cpuUsage(u0);
      runs.push(performance.now() - t0);
      cpu.push((u.user + u.system) / 1000);
    }
    runs.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    console.log(
      `lintDesign: 1,000 components, ${d.connections.length} connections, ${findings.length} findings — cold ${cold.toFixed(1)} ms, then median ${runs[7].toFixed(2)} ms wall / ${cpu[7].toFixed(2)} ms CPU, max ${runs[14].toFixed(2)} ms wall over 15 runs (wall time includes other processes on a shared machine)`,
    );
    // Every cluster carries the same planted problems: receive_replica missing, ruler label drop, odd compactors' retention.
    const count = (rule: string) => findings.filter((f) => f.rule === rule).length;
    expect(count("query-replica-labels")).toBe(100);
    expect(count("ruler-alert-label-drop")).toBe(100);
    expect(count("compactor-retention-order")).toBe(50);
  });
});
