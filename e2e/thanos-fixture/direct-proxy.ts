/**
 * A `FetchThroughProxy` that goes straight to registered backends, for tests that run before the
 * Kubernetes API test server (e2e/kube-api) is wired in. Unknown services get the answer the real
 * API server gives: a 503 `Status` object saying no endpoints are available.
 */
import type { FetchThroughProxy } from "@/server/status/readers";

export function directServiceProxy(backends: Map<string, string> | Record<string, string>): FetchThroughProxy {
  const routes = backends instanceof Map ? backends : new Map(Object.entries(backends));
  return async (namespace, service, port, path, init) => {
    const base = routes.get(serviceKey(namespace, service, port));
    if (!base) {
      const status = {
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Failure",
        message: `no endpoints available for service "${service}:${port}"`,
        reason: "ServiceUnavailable",
        code: 503,
      };
      return new Response(JSON.stringify(status), { status: 503, headers: { "Content-Type": "application/json" } });
    }
    return fetch(`${base}${path}`, { signal: init?.signal });
  };
}

/** `namespace/service:port`, the key backends are registered under. */
export function serviceKey(namespace: string, service: string, port: string | number): string {
  return `${namespace}/${service}:${port}`;
}
