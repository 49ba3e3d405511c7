// One deploy run = apply → prune → rollout. The outcome is "succeeded" only when every object was
// applied, every prune target deleted and every workload became ready: never a false success.
import type { KubeConnection } from "./connection";
import type { OnDeployEvent } from "./events";
import { applyAll } from "./apply";
import { hasRollout } from "./health";
import type { KubeObject } from "./kinds";
import { type KeptObject, type OwnerLabel, bundleErrors, findPrunable, withOwnerLabel } from "./plan";
import { pruneAll } from "./prune";
import type { RetryOptions } from "./retry";
import { waitForRollout } from "./rollout";

export interface DeployOptions {
  ownerLabel: OwnerLabel;
  fieldManager?: string;
  concurrency?: number;
  /** Per-call timeout (ms). */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Delete owned objects that are no longer rendered (default true). */
  prune?: boolean;
  pruneNamespaces?: string[];
  /** Deadline for workloads to become ready (default 5 min). */
  rolloutTimeoutMs?: number;
  rolloutIntervalMs?: number;
  signal?: AbortSignal;
}

export interface DeployObjectResult {
  object: string;
  action: "create" | "apply" | "prune";
  status: "succeeded" | "failed" | "skipped";
  message?: string;
}

export interface DeployOutcome {
  status: "succeeded" | "failed";
  results: DeployObjectResult[];
  /** Owned, no longer rendered, deliberately not pruned (see Plan.kept). */
  kept: KeptObject[];
  durationMs: number;
}

export async function runDeploy(
  conn: KubeConnection,
  objects: readonly KubeObject[],
  opts: DeployOptions,
  onEvent: OnDeployEvent = () => {},
): Promise<DeployOutcome> {
  const t0 = Date.now();
  let kept: KeptObject[] = [];
  const finish = (results: DeployObjectResult[]): DeployOutcome => ({
    status: results.length > 0 && results.every((r) => r.status === "succeeded") ? "succeeded" : "failed",
    results,
    kept,
    durationMs: Date.now() - t0,
  });
  const invalid = bundleErrors(objects);
  if (invalid.length)
    return finish(
      invalid.map((e) => ({ object: e.object ?? "bundle", action: "apply", status: "failed", message: e.message })),
    );

  const labeled = withOwnerLabel(objects, opts.ownerLabel);
  const common = { timeoutMs: opts.timeoutMs, retry: opts.retry, signal: opts.signal, concurrency: opts.concurrency };
  const applied = await applyAll(conn, labeled, { ...common, fieldManager: opts.fieldManager }, onEvent);
  const results: DeployObjectResult[] = applied.map((r) => ({
    object: r.object,
    action: r.created ? "create" : "apply",
    status: r.status === "applied" ? "succeeded" : r.status,
    ...(r.message ? { message: r.message } : { message: r.created ? "created" : "applied" }),
  }));
  if (applied.some((r) => r.status !== "applied")) return finish(results);

  if (opts.prune ?? true) {
    const found = await findPrunable(conn, labeled, {
      ...common,
      ownerLabel: opts.ownerLabel,
      pruneNamespaces: opts.pruneNamespaces,
      fieldManager: opts.fieldManager,
    });
    kept = found.kept;
    // Without a complete view of what is live, pruning part of it would be a guess: report instead.
    if (found.errors.length) {
      results.push(
        ...found.errors.map((e) => ({
          object: e.object ?? "prune",
          action: "prune" as const,
          status: "failed" as const,
          message: e.message,
        })),
      );
    } else {
      for (const r of await pruneAll(conn, found.prune, common, onEvent))
        results.push({
          object: r.object,
          action: "prune",
          status: r.status === "pruned" ? "succeeded" : "failed",
          message: r.message,
        });
    }
  }

  const workloads = labeled.filter((o) => hasRollout(o.kind));
  const rollouts = await waitForRollout(
    conn,
    workloads,
    {
      timeoutMs: opts.rolloutTimeoutMs,
      intervalMs: opts.rolloutIntervalMs,
      requestTimeoutMs: opts.timeoutMs,
      signal: opts.signal,
      concurrency: opts.concurrency,
    },
    onEvent,
  );
  for (const r of rollouts) {
    const entry = results.find((x) => x.object === r.object && x.action !== "prune");
    if (!entry) continue;
    entry.status = r.status === "ready" ? "succeeded" : "failed";
    entry.message = `${entry.message}; ${r.status === "ready" ? `ready (${r.message})` : r.message}`;
  }
  return finish(results);
}
