// collectStatus end to end on loopback: workloads from the Kubernetes API test server (objects applied
// from render, pods made Ready by its controller), probes answered by a real Prometheus and the Thanos
// fixture through `directServiceProxy`, Query's stores from the fixture, blocks from s3rver.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Design } from "@/lib/topology";
import type { KubeApiServer } from "@/e2e/kube-api";
import { findByKind } from "@/e2e/kube-api/resources";
import { call } from "@/e2e/kube-api/test-client";
import { directServiceProxy } from "@/e2e/thanos-fixture/direct-proxy";
import { startAppliedStack, type StatusStack } from "@/e2e/status-stack";
import { collectStatus, UnboundClusterError, type ClusterAccess, type ConnectCluster } from "../live";
import type { LiveObject } from "../workloads";

const DESIGN_ID = "design-live-test";
let kube: KubeApiServer;
let stack: StatusStack;
let design: Design;

/** Reads lists over HTTPS from the test server with its own test client (the app's kube client is wired elsewhere). */
function kubeAccess(server: KubeApiServer, proxy = directServiceProxy(stack.backends)): ClusterAccess {
  return {
    fetchThroughProxy: proxy,
    registeredCluster: { id: "reg-1", name: "sandbox" },
    async listObjects(q, init) {
      const rt = findByKind(q.apiVersion, q.kind);
      if (!rt) throw new Error(`unknown kind ${q.kind}`);
      const base = rt.group ? `/apis/${rt.group}/${rt.version}` : `/api/${rt.version}`;
      const res = await Promise.race([
        call(
          server,
          "GET",
          `${base}/namespaces/${q.namespace}/${rt.plural}?labelSelector=${encodeURIComponent(q.labelSelector)}`,
        ),
        new Promise<never>((_, reject) =>
          init.signal.addEventListener("abort", () => reject(new Error("aborted")), { once: true }),
        ),
      ]);
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${JSON.stringify(res.body).slice(0, 200)}`);
      return (res.body as { items: LiveObject[] }).items.map((o) => ({ ...o, kind: q.kind }));
    },
  };
}

const connectTo =
  (server: KubeApiServer): ConnectCluster =>
  async () =>
    kubeAccess(server);

let stop: () => Promise<void> = async () => undefined;
beforeAll(async () => {
  ({ kube, stack, stop } = await startAppliedStack(DESIGN_ID));
  design = stack.design;
});
afterAll(() => stop());

const input = (over: Partial<Parameters<typeof collectStatus>[0]> = {}) => ({
  designId: DESIGN_ID,
  design,
  revision: 3,
  revisionSource: "deployed" as const,
  connect: connectTo(kube),
  ...over,
});

describe("collectStatus against a deployed design", () => {
  it("shows every checked component healthy, each designed store up and the fixture blocks per label set", async () => {
    const report = await collectStatus(input());
    expect(report.clusters).toEqual([
      expect.objectContaining({
        name: "prometheus-ha",
        state: "connected",
        registeredCluster: { id: "reg-1", name: "sandbox" },
      }),
    ]);
    const prom = report.components.prometheus;
    expect(prom.details.workloads?.map((w) => `${w.name} ${w.ready}/${w.desired}`)).toEqual([
      "prometheus-k8s-shard-0 2/2",
      "prometheus-k8s-shard-1 2/2",
    ]);
    expect(prom.details.probes?.map((p) => `${p.role} ${p.ready.ok}`).sort()).toEqual([
      "prometheus true",
      "sidecar true",
    ]);
    // Only the status code: the probe's body is the Service's text.
    expect(prom.details.probes?.find((p) => p.role === "prometheus")?.ready.detail).toBe("HTTP 200");
    for (const id of ["query", "frontend", "store", "ruler", "compactor", "alertmanager"]) {
      expect({ id, state: report.components[id].state, reason: report.components[id].reason }).toEqual({
        id,
        state: "Healthy",
        reason: expect.any(String),
      });
    }
    const stores = report.stores[0];
    expect(stores.queryName).toBe("thanos-query");
    expect(stores.rows.every((r) => r.state === "up")).toBe(true);
    // 2 shards × 2 replicas of sidecars, 2 store gateways, 2 rulers.
    expect(stores.rows.filter((r) => r.type === "sidecar")).toHaveLength(4);
    expect(stores.expected).toBe(8);
    const bucket = report.uploads.buckets[0];
    expect(bucket.groups).toHaveLength(4);
    expect(bucket.groups.reduce((n, g) => n + g.blocks.length, 0)).toBe(
      stack.bucket.blocks.filter((b) => b.state === "live").length,
    );
    // Shard 1 replica 1 stopped uploading 5 h ago in the fixture: a warning on the Prometheus node.
    expect(bucket.warnings).toEqual([
      expect.objectContaining({
        componentId: "prometheus",
        labels: expect.objectContaining({ prometheus_replica: "prometheus-k8s-shard-1-1" }),
      }),
    ]);
    expect(prom.state).toBe("Degraded");
    expect(prom.reason).toMatch(/no block with .*prometheus-k8s-shard-1-1.* arrived for 5h/);
    expect(report.uploads.metrics.map((m) => `${m.componentName} ${m.state}`).sort()).toEqual([
      "prometheus-k8s Healthy",
      "thanos-rule Healthy",
    ]);
  });

  it("marks the Prometheus node down in Query's view when its sidecar endpoints stop answering, with Thanos's error", async () => {
    const names = stack.storeNames.get("prometheus")!;
    for (const n of names) stack.thanos.setStore(n, { up: false });
    try {
      const report = await collectStatus(input());
      const prom = report.components.prometheus;
      expect(prom.state).toBe("Degraded");
      expect(prom.reason).toContain("0/4 StoreAPI endpoints up in Query thanos-query");
      expect(prom.reason).toContain("connection refused");
      expect(report.components.query.state).toBe("Degraded");
      expect(report.components.query.reason).toContain("not up: prometheus-k8s");
      expect(report.stores[0].rows.filter((r) => r.state === "down")).toHaveLength(4);
    } finally {
      for (const n of names) stack.thanos.setStore(n, { up: true });
    }
  });

  it("warns on failing uploads from the sidecar's shipper counters", async () => {
    const sidecar = stack.fixtureNames.get("prometheus")!;
    stack.thanos.setUploads(sidecar, { uploads: 12, failures: 7, lastSuccess: new Date(Date.now() - 5 * 3600_000) });
    try {
      const report = await collectStatus(input());
      const view = report.uploads.metrics.find((m) => m.componentId === "prometheus")!;
      expect(view.state).toBe("Degraded");
      expect(view.reason).toMatch(/7 failed block uploads; last success 5h/);
      expect(report.components.prometheus.reason).toContain("uploads: 7 failed block uploads");
    } finally {
      stack.thanos.setUploads(sidecar, { uploads: 12, failures: 0, lastSuccess: new Date() });
    }
  });

  it("leaves an unreachable cluster unknown with its error after one timeout, without delaying the answer", async () => {
    const twoClusters: Design = {
      ...design,
      components: [
        ...design.components,
        {
          id: "far",
          kind: "cluster",
          name: "far-away",
          position: { x: 2000, y: 0 },
          settings: { ...(design.components[0].settings as object), namespace: "far" },
        },
        { ...design.components.find((c) => c.id === "compactor")!, id: "far-compactor", cluster: "far" },
      ],
    } as Design;
    const connect: ConnectCluster = async (node, init) => {
      if (node.node.id !== "far") return kubeAccess(kube);
      return new Promise((_, reject) => init.signal.addEventListener("abort", () => reject(new Error("aborted")))); // never answers
    };
    const started = performance.now();
    const report = await collectStatus(input({ design: twoClusters, connect }), { timeoutMs: 800 });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(2500);
    expect(report.clusters.find((c) => c.name === "far-away")).toMatchObject({
      state: "unreachable",
      error: expect.stringContaining("timeout after 800 ms"),
    });
    expect(report.components["far-compactor"]).toMatchObject({
      state: "Unknown",
      reason: expect.stringContaining("timeout after 800 ms"),
    });
    expect(report.components.query.state).toBe("Healthy");
  });

  it("shows components of an unbound cluster as unknown and says why", async () => {
    const connect: ConnectCluster = async (node) => {
      throw new UnboundClusterError(`cluster "${node.node.name}" is not bound to a registered cluster`);
    };
    const report = await collectStatus(input({ connect }));
    expect(report.clusters[0]).toMatchObject({
      state: "unbound",
      error: 'cluster "prometheus-ha" is not bound to a registered cluster',
    });
    expect(report.components.store).toMatchObject({ state: "Unknown", reason: expect.stringContaining("not bound") });
    // The bucket is read from the studio itself, so it is still listed.
    expect(report.uploads.buckets[0].groups).toHaveLength(4);
  });

  it("reports workloads as Missing when nothing was deployed", async () => {
    const report = await collectStatus(input({ designId: "never-deployed" }));
    expect(report.components.compactor).toMatchObject({
      state: "Missing",
      reason: expect.stringContaining("not deployed: StatefulSet thanos/thanos-compact not found"),
    });
  });

  describe("probes only what the design deployed", () => {
    it("refuses a Service without the design's owner label, so its answer never reaches the report", async () => {
      let asked = 0;
      const peer = http.createServer((_req, res) => {
        asked++;
        res.writeHead(500).end("internal-secret-answer");
      });
      await new Promise<void>((resolve) => peer.listen(0, "127.0.0.1", resolve));
      const peerUrl = `http://127.0.0.1:${(peer.address() as AddressInfo).port}`;
      try {
        const namespace = (design.components.find((c) => c.kind === "cluster")!.settings as { namespace: string })
          .namespace;
        const created = await call(kube, "POST", `/api/v1/namespaces/${namespace}/services`, {
          body: {
            apiVersion: "v1",
            kind: "Service",
            metadata: { name: "intruder", namespace },
            spec: { ports: [{ name: "http", port: 9090 }] },
          },
        });
        expect(created.status).toBe(201);
        const queryId = design.components.find((c) => c.kind === "query")!.id;
        const renamed = {
          ...design,
          components: design.components.map((c) => (c.id === queryId ? { ...c, name: "intruder" } : c)),
        } as Design;
        const direct = directServiceProxy(stack.backends);
        const proxy: typeof direct = (ns, svc, port, path, init) =>
          svc === "intruder" ? fetch(`${peerUrl}${path}`, { signal: init?.signal }) : direct(ns, svc, port, path, init);
        const report = await collectStatus(input({ design: renamed, connect: async () => kubeAccess(kube, proxy) }));
        expect(asked).toBe(0);
        expect(report.stores.find((t) => t.queryId === queryId)?.error).toContain(
          `service ${namespace}/intruder was not deployed by this design`,
        );
        expect(JSON.stringify(report)).not.toContain("internal-secret-answer");
        // The design's own Services are still read.
        expect(report.components.store.state).not.toBe("Unknown");
      } finally {
        peer.close();
      }
    });

    it("reads nothing in namespaces the registered cluster does not allow", async () => {
      let proxied = 0;
      const direct = directServiceProxy(stack.backends);
      const counting: typeof direct = (...args) => {
        proxied++;
        return direct(...args);
      };
      const connect: ConnectCluster = async () => ({ ...kubeAccess(kube, counting), allowedNamespaces: ["elsewhere"] });
      const report = await collectStatus(input({ connect }));
      expect(proxied).toBe(0);
      expect(report.clusters[0]).toMatchObject({
        state: "unreachable",
        error: expect.stringMatching(/not allowed on registered cluster "sandbox"/),
      });
      expect(report.components.query.state).toBe("Unknown");
    });
  });
});

describe("a bucket the studio did not list", () => {
  it("says why (no access keys) instead of looking like an empty bucket", async () => {
    const keyless = structuredClone(design);
    const store = keyless.components.find((c) => c.kind === "objectStore")!;
    const s = store.settings as Record<string, unknown>;
    delete s.accessKey;
    delete s.secretKey;
    const report = await collectStatus(input({ design: keyless }));
    const bucket = report.uploads.buckets.find((b) => b.componentId === store.id)!;
    expect(bucket).toMatchObject({
      state: "Unknown",
      notListed: true,
      reason: "not listed: the object store has no access keys",
      groups: [],
    });
  });
});
