// collectStatus through the deploy engine's connection (server/kube) to the Kubernetes API test server:
// read-only credentials, workloads listed and every endpoint reached through services/proxy, as in
// production. Backends: real Prometheus, Thanos fixture, s3rver (e2e/status-stack.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Design } from "@/lib/topology";
import type { KubeApiServer } from "@/e2e/kube-api";
import { startAppliedStack, type StatusStack } from "@/e2e/status-stack";
import { connect as connectKube, validateKubeconfig, type KubeConnection } from "@/server/kube";
import { clusterAccessFromConnection } from "../kube-access";
import { collectStatus, type ConnectCluster } from "../live";

const DESIGN_ID = "design-kube-access";
let kube: KubeApiServer;
let stack: StatusStack;
let design: Design;

let stop: () => Promise<void> = async () => undefined;
beforeAll(async () => {
  ({ kube, stack, stop } = await startAppliedStack(DESIGN_ID));
  design = stack.design;
});
afterAll(() => stop());

const input = (connect: ConnectCluster) => ({
  designId: DESIGN_ID,
  design,
  revision: 1,
  revisionSource: "deployed" as const,
  connect,
});

describe("collectStatus through the deploy engine's connection (read-only credentials)", () => {
  let conns: KubeConnection[] = [];
  const viaEngine: ConnectCluster = async () => {
    const conn = await connectKube(validateKubeconfig(kube.kubeconfig("readonly")));
    conns.push(conn);
    return { ...clusterAccessFromConnection(conn), registeredCluster: { id: "reg-1", name: "sandbox" } };
  };
  beforeAll(() => stack.registerWith(kube));
  afterAll(() => {
    for (const c of conns) c.close();
    conns = [];
  });

  it("reads workloads, probes, stores and uploads only through the API server", async () => {
    const before = kube.requests.length;
    const report = await collectStatus(input(viaEngine));
    expect(report.clusters[0]).toMatchObject({ state: "connected" });
    expect(report.components.query).toMatchObject({
      state: "Healthy",
      reason: expect.stringContaining("all 8 designed stores up"),
    });
    // The probe's status only: the body is the Service's own text.
    expect(report.components.prometheus.details.probes?.find((p) => p.role === "prometheus")?.ready.detail).toBe(
      "HTTP 200",
    );
    expect(report.stores[0].rows.filter((r) => r.state === "up")).toHaveLength(8);
    const paths = kube.requests.slice(before).map((r) => r.path);
    expect(paths.some((p) => p === "/api/v1/namespaces/thanos/services/thanos-query:9090/proxy/api/v1/stores")).toBe(
      true,
    );
    expect(paths.some((p) => p.startsWith("/apis/apps/v1/namespaces/thanos/statefulsets"))).toBe(true);
  });

  it("shows a component whose service has no endpoints as down with the API server's Status reason", async () => {
    kube.unregisterServiceBackend("thanos", "thanos-compact", 10902);
    try {
      const report = await collectStatus(input(viaEngine));
      expect(report.components.compactor.state).toBe("Degraded");
      expect(report.components.compactor.reason).toContain(
        "HTTP 503 from service thanos/thanos-compact:10902 /-/healthy: ServiceUnavailable",
      );
    } finally {
      stack.registerWith(kube);
    }
  });
});
