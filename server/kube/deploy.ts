// One deploy run = apply → prune → rollout of ONE reconcile result (a stored plan, or for `runDeploy`
// one computed on the spot). The outcome is "succeeded" only when every object was applied, every
// prune target deleted and every workload became ready: never a false success.
import { identityOf, keyOf } from "../../lib/deploy/resource-key";
import type { KubeConnection } from "./connection";
import { type PlannedDeploy, liveVersion, pruneTarget } from "./drift";
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

/**
 * Reconciles `objects` once (owner label added, prune set listed) and deploys that result. Without a
 * dry-run diff: the app deploys stored plans with `deployPlanned`; this is for callers with a bundle.
 */
export async function runDeploy(
  conn: KubeConnection,
  objects: readonly KubeObject[],
  opts: DeployOptions,
  onEvent: OnDeployEvent = () => {},
): Promise<DeployOutcome> {
  const t0 = Date.now();
  const invalid = bundleErrors(objects);
  if (invalid.length)
    return outcome(
      t0,
      invalid.map((e) => ({ object: e.object ?? "bundle", action: "apply", status: "failed", message: e.message })),
      [],
    );
  const labeled = withOwnerLabel(objects, opts.ownerLabel);
  const planned: PlannedWithErrors = { apply: labeled.map((object) => ({ object, live: null })), prune: [] };
  if (opts.prune ?? true) {
    const found = await findPrunable(conn, labeled, {
      timeoutMs: opts.timeoutMs,
      retry: opts.retry,
      signal: opts.signal,
      concurrency: opts.concurrency,
      ownerLabel: opts.ownerLabel,
      pruneNamespaces: opts.pruneNamespaces,
      fieldManager: opts.fieldManager,
    });
    // Without a complete view of what is live, pruning part of it would be a guess: report instead.
    if (found.errors.length)
      planned.pruneErrors = found.errors.map((e) => ({ object: e.object ?? "prune", message: e.message }));
    planned.prune = found.prune.map((o) => ({ key: keyOf(o), live: liveVersion(o) }));
    return { ...(await deployPlanned(conn, planned, opts, onEvent)), kept: found.kept };
  }
  return deployPlanned(conn, planned, opts, onEvent);
}

/** Listing failures found while reconciling: prune is then reported failed, never guessed. */
type PlannedWithErrors = PlannedDeploy & { pruneErrors?: { object: string; message: string }[] };

function outcome(t0: number, results: DeployObjectResult[], kept: KeptObject[]): DeployOutcome {
  return {
    status: results.length > 0 && results.every((r) => r.status === "succeeded") ? "succeeded" : "failed",
    results,
    kept,
    durationMs: Date.now() - t0,
  };
}

/** Applies exactly `planned.apply` (each guarded by its planned version), prunes exactly `planned.prune`, waits for rollout. */
export async function deployPlanned(
  conn: KubeConnection,
  planned: PlannedWithErrors,
  opts: DeployOptions,
  onEvent: OnDeployEvent = () => {},
): Promise<DeployOutcome> {
  const t0 = Date.now();
  const finish = (results: DeployObjectResult[]) => outcome(t0, results, []);
  const objects = planned.apply.map((p) => p.object);
  if (objects.length === 0)
    return finish([{ object: "bundle", action: "apply", status: "failed", message: "the plan has nothing to apply" }]);
  const versions = new Map(planned.apply.map((p) => [identityOf(keyOf(p.object)), p.live]));
  const common = { timeoutMs: opts.timeoutMs, retry: opts.retry, signal: opts.signal, concurrency: opts.concurrency };
  const applied = await applyAll(
    conn,
    objects,
    { ...common, fieldManager: opts.fieldManager, planned: (o) => versions.get(identityOf(keyOf(o))) },
    onEvent,
  );
  const results: DeployObjectResult[] = applied.map((r) => ({
    object: r.object,
    action: r.created ? "create" : "apply",
    status: r.status === "applied" ? "succeeded" : r.status,
    ...(r.message ? { message: r.message } : { message: r.created ? "created" : "applied" }),
  }));
  if (applied.some((r) => r.status !== "applied")) return finish(results);

  if (planned.pruneErrors?.length) {
    results.push(...planned.pruneErrors.map((e) => ({ ...e, action: "prune" as const, status: "failed" as const })));
  } else {
    const targets = planned.prune.map((p) => pruneTarget(p.key));
    for (const r of await pruneAll(conn, targets, common, onEvent))
      results.push({
        object: r.object,
        action: "prune",
        status: r.status === "pruned" ? "succeeded" : "failed",
        message: r.message,
      });
  }

  const workloads = objects.filter((o) => hasRollout(o.kind));
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
