// Who runs a deployment, and how the app finds runs that nobody runs any more.
//
// Every running Deployment row records its runner (host name + a random id of this process) and a
// heartbeat the runner refreshes while it works. A run is "orphaned" when its runner is a previous
// process on this same host (we restarted: it cannot still be running) or when its heartbeat is older
// than STALE_AFTER_MS (a replica that died for good). Orphans are marked "interrupted" and their
// DeploymentLock released, so they never stay "running" and never block the next deploy.
import { randomUUID } from "node:crypto";
import os from "node:os";
import type { DeployObject } from "@/lib/deploy/plan";
import { recordDeployResult } from "@/server/audit/deploys";
import { db, type Db } from "@/server/db/client";
import { deploymentRepository } from "./repository";

export interface Runner {
  host: string;
  instance: string;
}

const holder = globalThis as unknown as { __studioRunner?: Runner };

/** This process's identity; one per process (kept on globalThis so dev reloads keep it). */
export function thisRunner(): Runner {
  holder.__studioRunner ??= { host: os.hostname(), instance: randomUUID() };
  return holder.__studioRunner;
}

export const HEARTBEAT_MS = 5_000;
export const STALE_AFTER_MS = 60_000;

/** What a Deployment row's `results` column holds while and after it runs (JSON). */
export interface StoredProgress {
  runner: Runner;
  heartbeatAt: string;
  /** The design's cluster node this run deploys (the row itself only names the registered cluster). */
  clusterNode?: string;
  objects: StoredObject[];
}

export type StoredObject = DeployObject;

export function parseProgress(json: string | null): StoredProgress | null {
  if (!json) return null;
  try {
    const p = JSON.parse(json) as StoredProgress;
    return p && Array.isArray(p.objects) ? p : null;
  } catch {
    return null;
  }
}

export function isOrphaned(
  progress: StoredProgress | null,
  startedAt: Date,
  now: Date,
  me: Runner = thisRunner(),
): boolean {
  const beat = progress ? Date.parse(progress.heartbeatAt) : startedAt.getTime();
  if (now.getTime() - beat > STALE_AFTER_MS) return true;
  return !!progress && progress.runner.host === me.host && progress.runner.instance !== me.instance;
}

/**
 * Marks orphaned "running" deployments interrupted and releases their locks. Called on app start
 * (instrumentation) and before taking a lock, so a dead run never blocks a deploy. Returns their ids.
 */
export async function markInterruptedRuns(
  client: Db = db(),
  where: { designId?: string; clusterId?: string } = {},
): Promise<string[]> {
  const now = new Date();
  const repo = deploymentRepository(client);
  const running = await repo.running(where);
  const orphans = running.filter((r) => isOrphaned(parseProgress(r.results), r.startedAt, now)).map((r) => r.id);
  for (const id of orphans) {
    await repo.markInterrupted(
      id,
      now,
      "the app process running this deployment stopped before it finished; objects may be partly applied — deploy again",
    );
    await recordDeployResult(id, "interrupted");
  }
  return orphans;
}
