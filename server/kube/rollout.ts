// Rollout: poll workloads until assessHealth calls them Healthy, or the deadline passes.
import type { KubeConnection } from "./connection";
import { KubeApiError, errorMessage, isRetryable } from "./errors";
import type { OnDeployEvent } from "./events";
import { assessHealth, hasRollout } from "./health";
import { type KubeObject, objectRef } from "./kinds";
import { getObject } from "./objects";
import { mapLimit, sleep } from "./retry";

export interface RolloutOptions {
  /** Overall deadline for all workloads (default 5 min). */
  timeoutMs?: number;
  /** Poll interval (default 1 s). */
  intervalMs?: number;
  /** Per-call timeout. */
  requestTimeoutMs?: number;
  concurrency?: number;
  signal?: AbortSignal;
}

export interface RolloutResult {
  object: string;
  status: "ready" | "timeout" | "failed";
  message: string;
}

export async function waitForRollout(
  conn: KubeConnection,
  objects: readonly KubeObject[],
  opts: RolloutOptions = {},
  onEvent: OnDeployEvent = () => {},
): Promise<RolloutResult[]> {
  const deadline = Date.now() + (opts.timeoutMs ?? 300_000);
  const pending = new Map(
    objects.filter((o) => hasRollout(o.kind)).map((o) => [objectRef(o), { o, last: "not observed yet" }]),
  );
  const done = new Map<string, RolloutResult>();
  for (const ref of pending.keys()) onEvent({ object: ref, phase: "waiting" });
  while (pending.size) {
    await mapLimit([...pending.entries()], opts.concurrency ?? 8, async ([ref, p]) => {
      try {
        const live = await getObject(conn, p.o, { timeoutMs: opts.requestTimeoutMs, signal: opts.signal });
        const h = assessHealth(live);
        const changed = p.last !== h.message;
        p.last = h.message;
        // Suspended (paused, scaled to zero) is what was asked for: nothing more to wait for.
        if (h.status === "Healthy" || h.status === "Suspended") {
          done.set(ref, { object: ref, status: "ready", message: h.message });
          pending.delete(ref);
          onEvent({ object: ref, phase: "ready", message: h.message, health: h.status });
        } else if (h.status === "Degraded" || h.status === "Missing") {
          done.set(ref, { object: ref, status: "failed", message: h.message });
          pending.delete(ref);
          onEvent({ object: ref, phase: "failed", message: h.message, health: h.status });
        } else if (changed) onEvent({ object: ref, phase: "waiting", message: h.message, health: h.status });
      } catch (e) {
        // Transient errors just cost one poll; anything else ends the wait for this workload.
        p.last = `last poll failed: ${errorMessage(e)}`;
        if (!isRetryable(e) && !(e instanceof KubeApiError && e.status === 404)) {
          done.set(ref, { object: ref, status: "failed", message: p.last });
          pending.delete(ref);
          onEvent({ object: ref, phase: "failed", message: p.last });
        }
      }
    });
    if (!pending.size) break;
    if (Date.now() >= deadline || opts.signal?.aborted) {
      const why = opts.signal?.aborted
        ? "cancelled"
        : `not ready after ${Math.round((opts.timeoutMs ?? 300_000) / 1000)} s`;
      for (const [ref, p] of pending) {
        const message = `${why}: ${p.last}`;
        done.set(ref, { object: ref, status: "timeout", message });
        onEvent({ object: ref, phase: "timeout", message });
      }
      break;
    }
    await sleep(Math.min(opts.intervalMs ?? 1000, Math.max(0, deadline - Date.now())), opts.signal);
  }
  return objects.filter((o) => hasRollout(o.kind)).map((o) => done.get(objectRef(o))!);
}
