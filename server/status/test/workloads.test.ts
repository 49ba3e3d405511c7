import { describe, expect, it } from "vitest";
import { assessWorkloads, podView, workloadViews, type LiveObject } from "../workloads";
import type { WorkloadTarget } from "../targets";

const target: WorkloadTarget = {
  componentId: "p",
  kind: "StatefulSet",
  apiVersion: "apps/v1",
  namespace: "mon",
  name: "prom",
  desired: 2,
  selector: { app: "prom" },
};
const sts = (ready: number): LiveObject => ({
  kind: "StatefulSet",
  metadata: { name: "prom", namespace: "mon" },
  spec: { replicas: 2 },
  status: { readyReplicas: ready, updatedReplicas: 2 },
});
const pod = (name: string, ready: boolean, extra: Record<string, unknown> = {}): LiveObject => ({
  metadata: { name, namespace: "mon", labels: { app: "prom" } },
  status: { phase: "Running", conditions: [{ type: "Ready", status: ready ? "True" : "False" }], ...extra },
});

describe("workload health", () => {
  it("is healthy when every replica is ready", () => {
    const views = workloadViews(
      [target],
      [sts(2)],
      [
        pod("prom-0", true),
        pod("prom-1", true),
        { metadata: { name: "other", namespace: "mon", labels: { app: "x" } } },
      ],
    );
    expect(views[0]).toMatchObject({ found: true, ready: 2, desired: 2 });
    expect(views[0].pods.map((p) => p.name)).toEqual(["prom-0", "prom-1"]);
    expect(assessWorkloads(views)).toEqual({
      source: "workload",
      state: "Healthy",
      reason: "2/2 replicas ready (StatefulSet prom)",
    });
  });

  it("is degraded with the unready pod's container reason when some replicas are not ready", () => {
    const crashing = pod("prom-1", false, {
      containerStatuses: [
        { name: "prometheus", ready: false, restartCount: 4, state: { waiting: { reason: "CrashLoopBackOff" } } },
      ],
    });
    const signal = assessWorkloads(workloadViews([target], [sts(1)], [pod("prom-0", true), crashing]));
    expect(signal).toEqual({
      source: "workload",
      state: "Degraded",
      reason: "1/2 replicas ready (StatefulSet prom); prom-1 CrashLoopBackOff (4 restarts)",
    });
  });

  it("is Progressing (as deploy progress calls it) while a rollout is under way, even with every pod ready", () => {
    const rolling = { ...sts(2), status: { readyReplicas: 2, updatedReplicas: 1 } };
    expect(assessWorkloads(workloadViews([target], [rolling], [pod("prom-0", true), pod("prom-1", true)]))).toEqual({
      source: "workload",
      state: "Progressing",
      reason: "2/2 replicas ready (StatefulSet prom) — 1/2 replicas updated",
    });
    expect(assessWorkloads(workloadViews([target], [sts(0)], []))?.state).toBe("Progressing");
  });

  it("is Missing, naming the object, when it is not deployed", () => {
    expect(assessWorkloads(workloadViews([target], [], []))).toEqual({
      source: "workload",
      state: "Missing",
      reason: "not deployed: StatefulSet mon/prom not found in the cluster",
    });
  });

  it("shows terminating pods as such", () => {
    expect(
      podView({ metadata: { name: "x", deletionTimestamp: "2026-01-01T00:00:00Z" }, status: { phase: "Running" } })
        .phase,
    ).toBe("Terminating");
  });
});
