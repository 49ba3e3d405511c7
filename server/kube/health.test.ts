import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HEALTH_STATUSES, worstHealth } from "../../lib/health";
import { assessHealth } from "./health";
import type { KubeObject } from "./kinds";

// Recorded from the Kubernetes API test server by testdata/record-health.ts.
const recorded = (name: string): KubeObject =>
  JSON.parse(readFileSync(join(import.meta.dirname, "testdata", "health", `${name}.json`), "utf8"));

describe("StatefulSet health", () => {
  it("is Progressing until the controller observed the generation", () => {
    expect(assessHealth(recorded("sts-unobserved"))).toMatchObject({
      status: "Progressing",
      message: expect.stringContaining("generation 1"),
    });
  });
  it("is Progressing while pods start", () => {
    expect(assessHealth(recorded("sts-pods-starting"))).toMatchObject({
      status: "Progressing",
      message: expect.stringMatching(/\/2 replicas ready/),
    });
  });
  it("is Healthy when all replicas are ready and updated", () => {
    expect(assessHealth(recorded("sts-ready"))).toEqual({ status: "Healthy", message: "2/2 replicas ready" });
    expect(assessHealth(recorded("sts-rolled")).status).toBe("Healthy");
  });
  it("is Progressing during a template rollout", () => {
    expect(assessHealth(recorded("sts-rolling")).status).toBe("Progressing");
  });
  it("is Progressing when ready pods still run the old revision", () => {
    const o = recorded("sts-ready") as KubeObject & { status: Record<string, unknown> };
    o.status.updateRevision = "sts-new";
    expect(assessHealth(o)).toMatchObject({ status: "Progressing", message: "rolling out revision sts-new" });
  });
});

describe("Deployment health", () => {
  it("follows observedGeneration, updated and available replicas", () => {
    expect(assessHealth(recorded("deploy-unobserved")).status).toBe("Progressing");
    expect(assessHealth(recorded("deploy-pods-starting")).status).toBe("Progressing");
    expect(assessHealth(recorded("deploy-rolling"))).toMatchObject({
      status: "Progressing",
      message: "0/2 replicas available",
    });
    expect(assessHealth(recorded("deploy-ready"))).toEqual({ status: "Healthy", message: "2/2 replicas available" });
    expect(assessHealth(recorded("deploy-rolled")).status).toBe("Healthy");
  });
  it("is Progressing while old replicas remain", () => {
    const o = recorded("deploy-ready") as KubeObject & { status: Record<string, unknown> };
    o.status.replicas = 3;
    expect(assessHealth(o).message).toBe("1 old replicas pending termination");
  });
  it("is Degraded when the progress deadline was exceeded", () => {
    // Edited from a recording: the test server's controller never gives up.
    const o = recorded("deploy-rolling") as KubeObject & { status: { conditions: Record<string, string>[] } };
    o.status.conditions[1] = {
      type: "Progressing",
      status: "False",
      reason: "ProgressDeadlineExceeded",
      message: 'ReplicaSet "deploy-x" has timed out progressing.',
    };
    expect(assessHealth(o)).toEqual({
      status: "Degraded",
      message: 'ReplicaSet "deploy-x" has timed out progressing.',
    });
  });
});

describe("other objects", () => {
  it("a missing object is Missing, a ConfigMap is Healthy once it exists", () => {
    expect(assessHealth(undefined).status).toBe("Missing");
    expect(assessHealth({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } }).status).toBe("Healthy");
  });
});

describe("pods, suspended workloads and the shared vocabulary", () => {
  it("a starting pod is Progressing, a ready one Healthy", () => {
    expect(assessHealth(recorded("pod-starting"))).toEqual({ status: "Progressing", message: "phase Pending" });
    expect(assessHealth(recorded("pod-ready"))).toEqual({ status: "Healthy", message: "running and ready" });
  });
  it("a crash-looping container makes its pod Degraded, naming the container and its restarts", () => {
    const o = recorded("pod-ready") as KubeObject & { status: Record<string, unknown> };
    const [c] = o.status.containerStatuses as Record<string, unknown>[];
    o.status.containerStatuses = [
      { ...c, ready: false, restartCount: 7, state: { waiting: { reason: "CrashLoopBackOff" } } },
    ];
    expect(assessHealth(o)).toEqual({ status: "Degraded", message: `${c!.name}: CrashLoopBackOff (7 restarts)` });
  });
  it("a StatefulSet scaled to zero and a paused Deployment are Suspended, not Progressing", () => {
    expect(assessHealth(recorded("sts-scaled-to-zero"))).toEqual({
      status: "Suspended",
      message: "scaled to 0 replicas",
    });
    expect(assessHealth(recorded("deploy-paused"))).toEqual({ status: "Suspended", message: "rollout is paused" });
  });
  it("the worst status wins, in the documented order", () => {
    expect(HEALTH_STATUSES).toEqual(["Healthy", "Suspended", "Unknown", "Progressing", "Missing", "Degraded"]);
    expect(
      worstHealth([
        { status: "Healthy", message: "a" },
        { status: "Progressing", message: "b" },
        { status: "Progressing", message: "c" },
      ]),
    ).toEqual({ status: "Progressing", message: "b; c" });
    expect(
      worstHealth([
        { status: "Missing", message: "m" },
        { status: "Degraded", message: "d" },
      ]).status,
    ).toBe("Degraded");
  });
});
