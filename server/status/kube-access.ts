/**
 * Adapts a deploy-engine connection (server/kube) to what status reads: object lists by label and
 * GETs through the `services/<name>:<port>/proxy` subresource. The engine's request helper answers
 * parsed JSON and throws on non-2xx; status readers want the HTTP answer as it came, so both are
 * turned back into a `Response` (a Kubernetes `Status` body for API-server errors).
 */
import { KubeApiError, type KubeConnection } from "@/server/kube";
import { collectionPath, kindInfo } from "@/server/kube/kinds";
import type { ClusterAccess } from "./live";
import type { FetchThroughProxy } from "./readers";
import type { LiveObject } from "./workloads";

export function proxyThrough(conn: KubeConnection, timeoutMs?: number): FetchThroughProxy {
  return async (namespace, service, port, path, init) => {
    const where = `/api/v1/namespaces/${encodeURIComponent(namespace)}/services/${encodeURIComponent(service)}:${encodeURIComponent(String(port))}/proxy${path}`;
    try {
      const answer = await conn.request<unknown>({ method: "GET", path: where, signal: init?.signal, timeoutMs });
      const text =
        typeof answer.body === "string" ? answer.body : answer.body === undefined ? "" : JSON.stringify(answer.body);
      return new Response(text, { status: answer.status });
    } catch (err) {
      if (!(err instanceof KubeApiError)) throw err;
      const status = {
        kind: "Status",
        apiVersion: "v1",
        status: "Failure",
        message: err.message,
        reason: err.reason,
        code: err.status,
      };
      return new Response(JSON.stringify(status), {
        status: err.status,
        headers: { "Content-Type": "application/json" },
      });
    }
  };
}

export function clusterAccessFromConnection(
  conn: KubeConnection,
  timeoutMs?: number,
): Omit<ClusterAccess, "registeredCluster"> {
  return {
    fetchThroughProxy: proxyThrough(conn, timeoutMs),
    async listObjects(q, init) {
      const info = kindInfo({ apiVersion: q.apiVersion, kind: q.kind, metadata: { name: "", namespace: q.namespace } });
      const answer = await conn.request<{ items?: LiveObject[] }>({
        method: "GET",
        path: collectionPath(info, q.namespace),
        query: { labelSelector: q.labelSelector },
        signal: init.signal,
        timeoutMs,
      });
      return (answer.body.items ?? []).map((o) => ({ ...o, kind: q.kind }));
    },
    close: () => conn.close(),
  };
}
