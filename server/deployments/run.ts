// One deployment run, in the background of the app process: apply → prune → rollout of ONE stored plan
// through the engine (nothing is planned here), writing per-object progress to the Deployment row as it
// goes (throttled) and a heartbeat, then the final status; the DeploymentLock is released in the same
// transaction as the final status. The final status is the engine's: never a success it did not report.
import "server-only";
import type { PlanEntry } from "@/lib/deploy/plan";
import {
  deployPlan,
  deployTuning,
  type Connection,
  type DeployEvent,
  type DeployResult,
  type PlannedDeploy,
} from "@/server/clusters/engine";
import { recordDeployResult } from "@/server/audit/deploys";
import type { Db } from "@/server/db/client";
import { forgetDesignStatus } from "@/server/status/service";
import { deploymentRepository } from "./repository";
import { HEARTBEAT_MS, thisRunner, type StoredObject, type StoredProgress } from "./runner";

export interface RunInput {
  id: string;
  clusterNode: string;
  conn: Connection;
  /** The stored plan's objects, with the versions the drift check just confirmed. */
  planned: PlannedDeploy;
  /** The plan's entries as the user read them: every object the run will touch, with its action. */
  entries: PlanEntry[];
  ownerLabel: { key: string; value: string };
}

/** The rows a run starts with: every planned object pending, with the action the plan gave it. */
export function initialObjects(entries: readonly PlanEntry[]): StoredObject[] {
  return entries.map((e) => ({ key: e.key, object: e.object, kind: e.key.kind, action: e.action, phase: "pending" }));
}

/** Minimum time between progress writes while events stream in (a row update per event would be wasteful). */
const FLUSH_MS = 300;

export async function executeDeployment(client: Db, input: RunInput): Promise<void> {
  const repo = deploymentRepository(client);
  const objects = new Map<string, StoredObject>(initialObjects(input.entries).map((o) => [o.object, o]));
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
      .then(() => repo.recordProgress(input.id, results))
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
    const entry = objects.get(e.object);
    if (!entry) return; // the engine only touches planned objects
    entry.phase = e.phase;
    entry.message = e.message;
    if (e.health) entry.health = e.health;
    scheduleFlush();
  };

  let status: "succeeded" | "failed";
  let error: string | null = null;
  try {
    const result = await deployPlan(
      input.conn,
      input.planned,
      { ownerLabel: input.ownerLabel, ...deployTuning() },
      onEvent,
    );
    for (const r of result.results) {
      const entry = objects.get(r.object);
      if (!entry) continue;
      entry.phase = finalPhase(r, entry);
      if (r.message) entry.message = r.message;
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
      await repo.finish(input.id, { status, error, results });
      await recordDeployResult(input.id, status);
      // The Live tab compares with the deployed revision: its next read must not show the one before.
      forgetDesignStatus(input.ownerLabel.value);
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
