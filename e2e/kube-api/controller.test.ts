import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startKubeApi, type KubeApiServer } from "./index";
import { apply, call, waitFor, workloadYaml } from "./test-client";

let server: KubeApiServer;
beforeAll(async () => {
  server = await startKubeApi({ readyDelayMs: 150 });
});
afterAll(() => server.stop());
beforeEach(async () => {
  server.store.clear();
  await apply(server, "/api/v1/namespaces/team", "apiVersion: v1\nkind: Namespace\nmetadata: {name: team}\n");
});

const workload = (kind: "StatefulSet" | "Deployment", name: string, replicas: number, image = "img:1") =>
  workloadYaml(kind, name, "team", replicas, image);
const STS = "/apis/apps/v1/namespaces/team/statefulsets/db";
const DEPLOY = "/apis/apps/v1/namespaces/team/deployments/api";
const podNames = async (sel: string) =>
  (
    (await call(server, "GET", `/api/v1/namespaces/team/pods?labelSelector=${encodeURIComponent(sel)}`)).body.items as {
      metadata: { name: string };
    }[]
  )
    .map((p) => p.metadata.name)
    .sort();

describe("workload controller", () => {
  it("creates ordinal pods for a StatefulSet and reports them ready after the delay", async () => {
    server.controller.options.readyDelayMs = 1500;
    await apply(server, STS, workload("StatefulSet", "db", 3));
    expect(
      await waitFor(async () => ((await podNames("app=db")).length === 3 ? podNames("app=db") : undefined)),
    ).toEqual(["db-0", "db-1", "db-2"]);
    const notYet = (await call(server, "GET", STS)).body.status;
    expect(notYet.readyReplicas ?? 0).toBeLessThan(3);
    const ready = await waitFor(async () => {
      const s = (await call(server, "GET", STS)).body;
      return s.status?.readyReplicas === 3 ? s : undefined;
    }, 10_000);
    expect(ready.status).toMatchObject({
      replicas: 3,
      readyReplicas: 3,
      updatedReplicas: 3,
      availableReplicas: 3,
      observedGeneration: 1,
    });
    expect(ready.status.currentRevision).toBe(ready.status.updateRevision);
    const pod = (await call(server, "GET", "/api/v1/namespaces/team/pods/db-0")).body;
    expect(pod.status.phase).toBe("Running");
    expect(pod.status.conditions).toContainEqual(expect.objectContaining({ type: "Ready", status: "True" }));
    server.controller.options.readyDelayMs = 150;
  });

  it("rolls a template change to a new revision and follows observedGeneration", async () => {
    await apply(server, STS, workload("StatefulSet", "db", 2));
    const first = await waitFor(async () => {
      const s = (await call(server, "GET", STS)).body;
      return s.status?.readyReplicas === 2 ? s : undefined;
    });
    await apply(server, STS, workload("StatefulSet", "db", 2, "img:2"));
    const rolled = await waitFor(async () => {
      const s = (await call(server, "GET", STS)).body;
      return s.status?.observedGeneration === 2 && s.status.readyReplicas === 2 && s.status.updatedReplicas === 2
        ? s
        : undefined;
    });
    expect(rolled.status.updateRevision).not.toBe(first.status.updateRevision);
    expect(rolled.status.currentRevision).toBe(rolled.status.updateRevision);
  });

  it("scales down by deleting the highest ordinals", async () => {
    await apply(server, STS, workload("StatefulSet", "db", 3));
    await waitFor(async () => (await podNames("app=db")).length === 3);
    await apply(server, STS, workload("StatefulSet", "db", 1));
    expect(
      await waitFor(async () => ((await podNames("app=db")).length === 1 ? podNames("app=db") : undefined)),
    ).toEqual(["db-0"]);
  });

  it("names Deployment pods <name>-<template hash>-<suffix> and becomes available", async () => {
    await apply(server, DEPLOY, workload("Deployment", "api", 2));
    const ready = await waitFor(async () => {
      const d = (await call(server, "GET", DEPLOY)).body;
      return d.status?.availableReplicas === 2 ? d : undefined;
    });
    expect(ready.status.conditions).toContainEqual(expect.objectContaining({ type: "Available", status: "True" }));
    for (const n of await podNames("app=api")) expect(n).toMatch(/^api-[0-9a-f]{10}-[0-9a-f]{5}$/);
  });

  it("deleting a workload deletes its pods", async () => {
    await apply(server, DEPLOY, workload("Deployment", "api", 2));
    await waitFor(async () => (await podNames("app=api")).length === 2);
    await call(server, "DELETE", DEPLOY);
    expect(await podNames("app=api")).toEqual([]);
  });
});
