// One deployment run, in the background of the app process: plan (stored with the run) → apply →
// prune → rollout through the engine, writing per-object progress to the Deployment row as it goes
// (throttled) and a heartbeat, then the final status; the DeploymentLock is released in the same
// transaction as the final status. The final status is the engine's: never a success it did not report.
import "server-only";
import {
  deployObjects,
  deployTuning,
  objectRef,
  planObjects,
  type Connection,
  type DeployEvent,
  type DeployResult,
  type EnginePlan,
} from "@/server/clusters/engine";
import { recordDeployResult } from "@/server/audit/deploys";
import type { Db } from "@/server/db/client";
import type { KubeObject } from "@/server/render";
import { HEARTBEAT_MS, thisRunner, type StoredObject, type StoredProgress } from "./runner";
import type { PlanView } from "./service";

/** The engine's object naming: "apps/v1/StatefulSet ns/name" ("v1/Namespace name" when cluster-scoped). */
export const objectKey = objectRef;

function kindOfKey(key: string): string {
  return key.split(" ")[0]!.split("/").pop() ?? "";
}

export interface RunInput {
  id: string;
  clusterNode: string;
  conn: Connection;
  objects: KubeObject[];
  ownerLabel: { key: string; value: string };
  planView: (plan: EnginePlan) => PlanView;
}

/** Minimum time between progress writes while events stream in (a row update per event would be wasteful). */
const FLUSH_MS = 300;

export async function executeDeployment(client: Db, input: RunInput): Promise<void> {
  const objects = new Map<string, StoredObject>();
  for (const o of input.objects) {
    const key = objectKey(o);
    objects.set(key, { object: key, kind: o.kind, action: "unknown", phase: "pending" });
  }
  let lastFlush = 0;
  let pending: Promise<unknown> = Promise.resolve();
  let dirty = false;

  const snapshot = (): StoredProgress => ({
    runner: thisRunner(),
    heartbeatAt: new Date().toISOString(),
    clusterNode: input.clusterNode,
    objects: [...objects.values()],
  });
  // Writes are chained so they land in order; a failed write is retried by the next one.
  const flush = () => {
    dirty = false;
    lastFlush = Date.now();
    const results = JSON.stringify(snapshot());
    pending = pending
      .then(() => client.deployment.updateMany({ where: { id: input.id, status: "running" }, data: { results } }))
      .catch((err) => {
        dirty = true;
        console.error(`[deploy ${input.id}] could not record progress: ${(err as Error).message}`);
      });
  };
  const heartbeat = setInterval(flush, HEARTBEAT_MS);
  heartbeat.unref?.();
  let timer: NodeJS.Timeout | undefined;
  const scheduleFlush = () => {
    dirty = true;
    if (timer) return;
    const wait = Math.max(0, FLUSH_MS - (Date.now() - lastFlush));
    timer = setTimeout(() => {
      timer = undefined;
      if (dirty) flush();
    }, wait);
  };

  const onEvent = (e: DeployEvent) => {
    const entry = objects.get(e.object) ?? {
      object: e.object,
      kind: kindOfKey(e.object),
      action: e.phase === "pruned" ? "prune" : "unknown",
      phase: "pending",
    };
    entry.phase = e.phase;
    entry.message = e.message;
    objects.set(e.object, entry);
    scheduleFlush();
  };

  let status: "succeeded" | "failed" = "failed";
  let error: string | null = null;
  let planJson: string | null = null;
  try {
    const plan = await planObjects(input.conn, input.objects, input.ownerLabel);
    planJson = JSON.stringify({ view: input.planView(plan) });
    for (const e of plan.entries) {
      const entry = objects.get(e.object) ?? {
        object: e.object,
        kind: kindOfKey(e.object),
        action: e.action,
        phase: "pending",
      };
      entry.action = e.action;
      objects.set(e.object, entry);
    }
    await client.deployment.updateMany({
      where: { id: input.id },
      data: { plan: planJson, results: JSON.stringify(snapshot()) },
    });
    if (plan.errors.length > 0) {
      error = `refused: the plan found problems, nothing was applied — ${plan.errors.join("; ")}`;
      for (const o of objects.values()) o.phase = "skipped";
    } else {
      const result = await deployObjects(
        input.conn,
        input.objects,
        { ownerLabel: input.ownerLabel, ...deployTuning() },
        onEvent,
      );
      for (const r of result.results) {
        const entry = objects.get(r.object) ?? {
          object: r.object,
          kind: kindOfKey(r.object),
          action: r.action === "prune" ? "prune" : "unknown",
          phase: "pending",
        };
        if (entry.action === "unknown" && r.action !== "apply") entry.action = r.action;
        entry.phase = finalPhase(r, entry);
        if (r.message) entry.message = r.message;
        objects.set(r.object, entry);
      }
      status = result.status === "succeeded" ? "succeeded" : "failed";
      if (status === "failed") {
        const failed = [...objects.values()].filter((o) => o.phase === "failed" || o.phase === "timeout");
        error = failed.length
          ? `${failed.length} object${failed.length === 1 ? "" : "s"} did not reach the desired state: ${failed
              .slice(0, 3)
              .map((o) => `${o.object} (${o.message ?? o.phase})`)
              .join("; ")}${failed.length > 3 ? "; …" : ""}`
          : "the deploy engine reported a failure";
      }
    }
  } catch (err) {
    status = "failed";
    error = `deploy failed: ${(err as Error).message}`;
  } finally {
    clearInterval(heartbeat);
    if (timer) clearTimeout(timer);
    input.conn.close();
  }
  if (status === "failed")
    for (const o of objects.values())
      if (o.phase === "pending" || o.phase === "applying" || o.phase === "waiting") o.phase = "skipped";

  await pending;
  const results = JSON.stringify(snapshot());
  // Final status + lock release together, retried: a lost write here would leave the lock held.
  for (let attempt = 0; ; attempt++) {
    try {
      await client.$transaction([
        client.deployment.update({
          where: { id: input.id },
          data: { status, error, results, finishedAt: new Date(), ...(planJson ? { plan: planJson } : {}) },
        }),
        client.deploymentLock.deleteMany({ where: { deploymentId: input.id } }),
      ]);
      await recordDeployResult(input.id, status);
      return;
    } catch (err) {
      if (attempt >= 5) {
        console.error(`[deploy ${input.id}] could not record the final status (${status}): ${(err as Error).message}`);
        return;
      }
      await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
    }
  }
}

const WORKLOADS = new Set(["StatefulSet", "Deployment", "DaemonSet"]);

/** The engine's final per-object verdict → our phase (events already moved most objects along). */
function finalPhase(r: DeployResult["results"][number], entry: StoredObject): StoredObject["phase"] {
  if (r.status === "skipped") return "skipped";
  if (r.status === "failed") return entry.phase === "timeout" ? "timeout" : "failed";
  if (r.action === "prune") return "pruned";
  if (WORKLOADS.has(entry.kind)) return "ready";
  return entry.phase === "ready" ? "ready" : "applied";
}
