import { describe, expect, it } from "vitest";
import { validateDesign, type Design } from "@/lib/topology";
import { getTemplate } from "@/lib/topology/templates";
import { statusTargets } from "../targets";

function template(name: string): Design {
  const v = validateDesign(getTemplate(name)!.design);
  if (!v.ok) throw new Error(`${name} invalid`);
  return v.design;
}

describe("statusTargets", () => {
  it("expects one StoreAPI endpoint per designed pod behind Query, with the labels render gives them", () => {
    const t = statusTargets(template("hashmod-shards"), "d1");
    const [cluster] = t.clusters;
    expect(cluster.ownerSelector).toBe("topology-studio.dev/design=d1");
    const query = cluster.queries[0];
    expect(query.ref).toEqual({ namespace: "thanos", service: "thanos-query", port: 9090 });
    const sidecars = query.expected.filter((e) => e.type === "sidecar");
    // 3 shards × 2 replicas, each with cluster + own external labels, shard and pod name.
    expect(sidecars).toHaveLength(6);
    expect(sidecars[3].externalLabels).toEqual({
      cluster: "prometheus-ha",
      monitor: "thanos",
      shard: "1",
      prometheus_replica: "prometheus-shard-1-1",
    });
    expect(query.expected.filter((e) => e.type === "store")).toHaveLength(2);
    expect(query.expected.filter((e) => e.type === "rule").map((e) => e.externalLabels)).toEqual([
      { cluster: "prometheus-ha", rule_replica: "thanos-rule-0" },
      { cluster: "prometheus-ha", rule_replica: "thanos-rule-1" },
    ]);
  });

  it("probes Prometheus on its web port and the sidecar on its HTTP port, Thanos components on http, never Grafana", () => {
    const t = statusTargets(template("sidecar-ha"), "d1");
    const probes = t.clusters[0].probes.map((p) => `${p.componentId} ${p.role} ${p.service}:${p.port}`);
    expect(probes).toContain("prometheus prometheus prometheus:9090");
    expect(probes).toContain("prometheus sidecar prometheus:10902");
    expect(probes).toContain("query http thanos-querier:9090");
    expect(probes).toContain("alertmanager http alertmanager:9093");
    expect(probes.some((p) => p.startsWith("grafana"))).toBe(false);
  });

  it("lists every rendered StatefulSet and Deployment with its desired replicas and pod selector", () => {
    const t = statusTargets(template("hashmod-shards"), "d1");
    const w = t.clusters[0].workloads.map((x) => `${x.kind} ${x.name} ${x.desired}`);
    expect(w).toEqual(
      expect.arrayContaining([
        "StatefulSet prometheus-shard-0 2",
        "StatefulSet prometheus-shard-2 2",
        "Deployment thanos-query 2",
        "StatefulSet thanos-compact 1",
      ]),
    );
    const shard = t.clusters[0].workloads.find((x) => x.name === "prometheus-shard-1")!;
    expect(shard.selector["topology-studio.dev/shard"]).toBe("1");
  });

  it("reads the operator's Prometheus resource and its thanos-discovery service", () => {
    const t = statusTargets(template("operator-sidecar"), "d1");
    expect(t.clusters[0].workloads.find((w) => w.kind === "Prometheus")).toMatchObject({
      apiVersion: "monitoring.coreos.com/v1",
      desired: 2,
    });
    expect(t.clusters[0].uploaders.find((u) => u.componentId === "prometheus")).toMatchObject({
      role: "sidecar",
      service: "kube-prometheus-stack-thanos-discovery",
    });
  });

  it("expects ingesting receivers as receive endpoints and knows which components upload blocks", () => {
    const t = statusTargets(template("full-stack-receiver"), "d1");
    const cluster = t.clusters[0];
    expect(cluster.queries[0].expected.filter((e) => e.type === "receive")).toHaveLength(3);
    expect(cluster.uploaders.map((u) => `${u.componentId} ${u.role}`).sort()).toEqual(
      ["prometheus sidecar", "receiver receiver", "ruler ruler"].sort(),
    );
    expect(t.buckets[0].uploaders.map((u) => u.componentId)).toEqual(["prometheus", "prometheus"]);
  });

  it("expects one static endpoint per cross-cluster target, named by the target cluster's external host pattern", () => {
    const base = template("sidecar-ha");
    const cluster = base.components.find((c) => c.kind === "cluster")!;
    const edge = {
      ...cluster,
      id: "edge",
      name: "edge",
      position: { x: 1600, y: 0 },
      settings: {
        ...cluster.settings,
        externalHostPattern: "{service}.{cluster}.example.com",
        externalLabels: { cluster: "edge" },
      },
    };
    const design = {
      ...base,
      components: [...base.components.map((c) => (c.kind === "prometheus" ? { ...c, cluster: "edge" } : c)), edge],
    } as Design;
    const t = statusTargets(design, "d1");
    const sidecars = t.clusters
      .find((c) => c.node.id === cluster.id)!
      .queries[0].expected.filter((e) => e.type === "sidecar");
    // One endpoint through the external host; only labels every replica shares can be expected there.
    expect(sidecars).toEqual([
      {
        componentId: "prometheus",
        type: "sidecar",
        name: "prometheus.edge.example.com:10901",
        externalLabels: { cluster: "edge" },
      },
    ]);
  });
});
