// Apply: server-side apply under one field manager, step by step in dependency order, bounded
// concurrency within a step, retries with backoff. A failed step stops the run: later steps
// depend on it, and applying workloads without their config would be worse than stopping.
import type { KubeConnection } from "./connection";
import { type LiveVersion, driftOf } from "./drift";
import { KubeApiError, errorMessage } from "./errors";
import type { OnDeployEvent } from "./events";
import { type KubeObject, objectRef } from "./kinds";
import { FIELD_MANAGER, applyObject, getObject } from "./objects";
import { applySteps } from "./order";
import { type RetryOptions, mapLimit, withRetry } from "./retry";

export interface ApplyOptions {
  fieldManager?: string;
  /** Objects applied at once within one order step (default 8). */
  concurrency?: number;
  /** Per-call timeout (default: the connection's). */
  timeoutMs?: number;
  retry?: RetryOptions;
  signal?: AbortSignal;
  /**
   * The live version each object was planned against: sent as the apply's resourceVersion precondition,
   * so a change made after the drift check fails the apply (409) instead of being overwritten.
   */
  planned?: (o: KubeObject) => LiveVersion | null | undefined;
}

/** Conflicts that were only a controller writing status are retried this many times with the new version. */
const STATUS_ONLY_CONFLICTS = 3;

export interface ApplyResult {
  object: string;
  status: "applied" | "failed" | "skipped";
  /** The server answered 201 Created (else 200: updated or unchanged). */
  created?: boolean;
  attempts: number;
  message?: string;
  /** The object as the server stored it. */
  live?: KubeObject;
}

export async function applyAll(
  conn: KubeConnection,
  objects: readonly KubeObject[],
  opts: ApplyOptions = {},
  onEvent: OnDeployEvent = () => {},
): Promise<ApplyResult[]> {
  const results: ApplyResult[] = [];
  let stopped: string | undefined;
  for (const step of applySteps(objects)) {
    if (stopped || opts.signal?.aborted) {
      const why = stopped ?? "cancelled";
      for (const o of step)
        results.push({ object: objectRef(o), status: "skipped", attempts: 0, message: `not applied: ${why}` });
      continue;
    }
    const stepResults = await mapLimit(step, opts.concurrency ?? 8, async (o): Promise<ApplyResult> => {
      const ref = objectRef(o);
      let attempts = 0;
      onEvent({ object: ref, phase: "applying" });
      const planned = opts.planned?.(o) ?? null;
      let version = planned?.resourceVersion;
      const call = { timeoutMs: opts.timeoutMs, signal: opts.signal };
      const once = async () => {
        for (let conflicts = 0; ; conflicts++) {
          attempts++;
          const body = version ? { ...o, metadata: { ...o.metadata, resourceVersion: version } } : o;
          try {
            return await applyObject(conn, body, {
              ...call,
              fieldManager: opts.fieldManager ?? FIELD_MANAGER,
              force: true,
            });
          } catch (e) {
            if (!(planned && e instanceof KubeApiError && e.status === 409) || conflicts >= STATUS_ONLY_CONFLICTS)
              throw e;
            const now = await getObject(conn, o, call);
            const drift = driftOf(planned, now);
            if (drift) throw new Error(`${drift}; nothing of it was overwritten — re-plan`, { cause: e });
            version = String(now!.metadata.resourceVersion);
          }
        }
      };
      try {
        const r = await withRetry(once, {
          ...opts.retry,
          signal: opts.signal,
          onRetry: (attempt, e, delay) =>
            onEvent({
              object: ref,
              phase: "applying",
              message: `attempt ${attempt} failed (${errorMessage(e)}); retrying in ${delay} ms`,
            }),
        });
        onEvent({ object: ref, phase: "applied", message: r.created ? "created" : "applied" });
        return { object: ref, status: "applied", created: r.created, attempts, live: r.object };
      } catch (e) {
        const message = `${errorMessage(e)}${attempts > 1 ? ` (after ${attempts} attempts)` : ""}`;
        onEvent({ object: ref, phase: "failed", message });
        return { object: ref, status: "failed", attempts, message };
      }
    });
    results.push(...stepResults);
    const failed = stepResults.filter((r) => r.status === "failed");
    if (failed.length)
      stopped = `${failed.length === 1 ? failed[0]!.object : `${failed.length} objects`} failed to apply in an earlier step`;
  }
  return results;
}
