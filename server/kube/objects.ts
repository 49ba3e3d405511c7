// Object-level calls the plan/apply/prune/rollout modules share.
import type { KubeConnection } from "./connection";
import { KubeApiError } from "./errors";
import { type KindInfo, type KubeObject, collectionPath, objectPath } from "./kinds";

export const FIELD_MANAGER = "topology-studio";

export interface CallOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Server-side apply; `dryRun` returns the would-be object without storing it. */
export async function applyObject(
  conn: KubeConnection,
  obj: KubeObject,
  opts: CallOptions & { fieldManager?: string; force?: boolean; dryRun?: boolean } = {},
): Promise<{ created: boolean; object: KubeObject }> {
  const r = await conn.request<KubeObject>({
    method: "PATCH",
    path: objectPath(obj),
    query: {
      fieldManager: opts.fieldManager ?? FIELD_MANAGER,
      force: String(opts.force ?? true),
      ...(opts.dryRun ? { dryRun: "All" } : {}),
    },
    body: JSON.stringify(obj),
    contentType: "application/apply-patch+yaml",
    timeoutMs: opts.timeoutMs,
    signal: opts.signal,
  });
  return { created: r.status === 201, object: r.body };
}

/** The live object, or undefined when it does not exist. */
export async function getObject(
  conn: KubeConnection,
  obj: Pick<KubeObject, "apiVersion" | "kind" | "metadata">,
  opts: CallOptions = {},
): Promise<KubeObject | undefined> {
  try {
    return (
      await conn.request<KubeObject>({
        method: "GET",
        path: objectPath(obj),
        timeoutMs: opts.timeoutMs,
        signal: opts.signal,
      })
    ).body;
  } catch (e) {
    if (e instanceof KubeApiError && e.status === 404) return undefined;
    throw e;
  }
}

/** Objects of one kind matching a label selector; a kind the server does not serve lists as empty. */
export async function listObjects(
  conn: KubeConnection,
  info: KindInfo,
  namespace: string | undefined,
  labelSelector: string,
  opts: CallOptions = {},
): Promise<KubeObject[]> {
  try {
    const r = await conn.request<{ items?: KubeObject[] }>({
      method: "GET",
      path: collectionPath(info, namespace),
      query: { labelSelector },
      timeoutMs: opts.timeoutMs,
      signal: opts.signal,
    });
    // Lists may omit apiVersion/kind on items.
    return (r.body.items ?? []).map((o) => ({ ...o, apiVersion: info.apiVersion, kind: info.kind }));
  } catch (e) {
    if (e instanceof KubeApiError && e.status === 404) return [];
    throw e;
  }
}

/** Delete; an object that is already gone counts as deleted. */
export async function deleteObject(
  conn: KubeConnection,
  obj: Pick<KubeObject, "apiVersion" | "kind" | "metadata">,
  opts: CallOptions = {},
): Promise<"deleted" | "absent"> {
  try {
    await conn.request({
      method: "DELETE",
      path: objectPath(obj),
      body: { apiVersion: "v1", kind: "DeleteOptions", propagationPolicy: "Background" },
      timeoutMs: opts.timeoutMs,
      signal: opts.signal,
    });
    return "deleted";
  } catch (e) {
    if (e instanceof KubeApiError && e.status === 404) return "absent";
    throw e;
  }
}
