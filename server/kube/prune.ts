// Prune: delete what the design owned and no longer renders, dependents first.
import type { KubeConnection } from "./connection";
import { errorMessage } from "./errors";
import type { OnDeployEvent } from "./events";
import { type KubeObject, objectRef } from "./kinds";
import { deleteObject } from "./objects";
import { pruneSteps } from "./order";
import { type RetryOptions, mapLimit, withRetry } from "./retry";

export interface PruneOptions {
  concurrency?: number;
  timeoutMs?: number;
  retry?: RetryOptions;
  signal?: AbortSignal;
}

export interface PruneResult {
  object: string;
  status: "pruned" | "failed";
  message?: string;
}

export async function pruneAll(
  conn: KubeConnection,
  objects: readonly Pick<KubeObject, "apiVersion" | "kind" | "metadata">[],
  opts: PruneOptions = {},
  onEvent: OnDeployEvent = () => {},
): Promise<PruneResult[]> {
  const results: PruneResult[] = [];
  for (const step of pruneSteps(objects)) {
    results.push(
      ...(await mapLimit(step, opts.concurrency ?? 8, async (o): Promise<PruneResult> => {
        const ref = objectRef(o);
        try {
          const r = await withRetry(() => deleteObject(conn, o, { timeoutMs: opts.timeoutMs, signal: opts.signal }), {
            ...opts.retry,
            signal: opts.signal,
          });
          const message = r === "absent" ? "already gone" : "deleted";
          onEvent({ object: ref, phase: "pruned", message });
          return { object: ref, status: "pruned", message };
        } catch (e) {
          const message = `prune failed: ${errorMessage(e)}`;
          onEvent({ object: ref, phase: "failed", message });
          return { object: ref, status: "failed", message };
        }
      })),
    );
  }
  return results;
}
