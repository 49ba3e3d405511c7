// Drift: has the cluster moved since a plan was computed? A plan records, per object, the live
// resourceVersion and a fingerprint of what the diff compares (spec and metadata, not status). A
// changed resourceVersion with the same fingerprint is a controller writing status: not drift.
import { createHash } from "node:crypto";
import type { PlanDrift } from "../../lib/deploy/plan";
import { type ResourceKey, apiVersionOf, formatKey, keyOf } from "../../lib/deploy/resource-key";
import type { KubeConnection } from "./connection";
import { normalizeForDiff } from "./diff";
import type { KubeObject } from "./kinds";
import { getObject } from "./objects";
import { type RetryOptions, mapLimit, withRetry } from "./retry";

export interface LiveVersion {
  resourceVersion: string;
  /** sha256 of the object as the diff sees it. */
  fingerprint: string;
}

/** JSON with sorted keys: the same content always hashes the same, whatever order the server wrote. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v);
}

export function liveVersion(o: KubeObject): LiveVersion {
  return {
    resourceVersion: String(o.metadata.resourceVersion ?? ""),
    fingerprint: createHash("sha256")
      .update(canonical(normalizeForDiff(o)))
      .digest("hex"),
  };
}

/** A stored plan reduced to what a deploy needs: objects to apply and prune, each with its planned live version. */
export interface PlannedDeploy {
  apply: { object: KubeObject; live: LiveVersion | null }[];
  prune: { key: ResourceKey; live: LiveVersion }[];
}

export function pruneTarget(key: ResourceKey): Pick<KubeObject, "apiVersion" | "kind" | "metadata"> {
  return {
    apiVersion: apiVersionOf(key),
    kind: key.kind,
    metadata: { name: key.name, ...(key.namespace ? { namespace: key.namespace } : {}) },
  };
}

/** The reason an object no longer matches its plan, or null. */
export function driftOf(planned: LiveVersion | null, now: KubeObject | undefined, pruning = false): string | null {
  if (!planned) return now ? "exists now but did not when planned" : null;
  if (!now) return pruning ? null : "was deleted since the plan";
  if (String(now.metadata.resourceVersion ?? "") === planned.resourceVersion) return null;
  return liveVersion(now).fingerprint === planned.fingerprint
    ? null
    : `changed since the plan (resourceVersion ${planned.resourceVersion} → ${String(now.metadata.resourceVersion)})`;
}

export interface DriftOptions {
  concurrency?: number;
  timeoutMs?: number;
  retry?: RetryOptions;
  signal?: AbortSignal;
}

/**
 * Reads every planned object again. Returns what drifted, and the plan with the versions just read
 * (status-only moves folded in), which the apply sends as its optimistic-lock precondition.
 * Transport and server errors are thrown: without a complete view the plan cannot be vouched for.
 */
export async function checkDrift(
  conn: KubeConnection,
  planned: PlannedDeploy,
  opts: DriftOptions = {},
): Promise<{ drift: PlanDrift[]; current: PlannedDeploy }> {
  const read = (o: Pick<KubeObject, "apiVersion" | "kind" | "metadata">) =>
    withRetry(() => getObject(conn, o, { timeoutMs: opts.timeoutMs, signal: opts.signal }), {
      ...opts.retry,
      signal: opts.signal,
    });
  const drift: PlanDrift[] = [];
  const apply = await mapLimit(planned.apply, opts.concurrency ?? 8, async (p) => {
    const now = await read(p.object);
    const reason = driftOf(p.live, now);
    if (reason) drift.push({ key: keyOf(p.object), object: formatKey(keyOf(p.object)), reason });
    return { object: p.object, live: p.live && now ? liveVersion(now) : p.live };
  });
  const prune = await mapLimit(planned.prune, opts.concurrency ?? 8, async (p) => {
    const now = await read(pruneTarget(p.key));
    const reason = driftOf(p.live, now, true);
    if (reason) drift.push({ key: p.key, object: formatKey(p.key), reason: `(to prune) ${reason}` });
    return { key: p.key, live: now ? liveVersion(now) : p.live };
  });
  drift.sort((a, b) => a.object.localeCompare(b.object));
  return { drift, current: { apply, prune } };
}
