import "server-only";
import type { KubeObject } from "@/lib/topology/import";
import type { KubeConnection } from "@/server/kube/connection";
import { KubeApiError } from "@/server/kube/errors";

/** What the importer understands, as namespaced list paths (apiVersion, kind, resource). Nothing else is read. */
export const DISCOVERED_KINDS = [
  ["v1", "ConfigMap", "configmaps"],
  ["v1", "Secret", "secrets"],
  ["v1", "Service", "services"],
  ["v1", "ServiceAccount", "serviceaccounts"],
  ["apps/v1", "Deployment", "deployments"],
  ["apps/v1", "StatefulSet", "statefulsets"],
  ["policy/v1", "PodDisruptionBudget", "poddisruptionbudgets"],
  ["networking.k8s.io/v1", "Ingress", "ingresses"],
  ["networking.k8s.io/v1", "NetworkPolicy", "networkpolicies"],
  ["autoscaling/v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers"],
  ["rbac.authorization.k8s.io/v1", "Role", "roles"],
  ["rbac.authorization.k8s.io/v1", "RoleBinding", "rolebindings"],
  ["monitoring.coreos.com/v1", "Prometheus", "prometheuses"],
  ["monitoring.coreos.com/v1", "ThanosRuler", "thanosrulers"],
  ["monitoring.coreos.com/v1", "Alertmanager", "alertmanagers"],
  ["monitoring.coreos.com/v1", "PrometheusRule", "prometheusrules"],
  ["monitoring.coreos.com/v1", "ServiceMonitor", "servicemonitors"],
  ["monitoring.coreos.com/v1", "PodMonitor", "podmonitors"],
] as const;

interface ListBody {
  items?: { metadata?: Record<string, unknown>; [k: string]: unknown }[];
}

/**
 * The objects the importer understands in these namespaces, read through the cluster's API server with its
 * stored credentials. A kind the cluster does not serve (no prometheus-operator CRDs) or may not list is skipped
 * and named in `skipped`; server-side fields (status, managedFields, uid) are dropped.
 */
export async function discoverObjects(
  conn: KubeConnection,
  namespaces: string[],
): Promise<{ objects: KubeObject[]; skipped: string[] }> {
  const objects: KubeObject[] = [];
  const skipped: string[] = [];
  for (const ns of namespaces) {
    objects.push(await namespaceObject(conn, ns));
    for (const [apiVersion, kind, resource] of DISCOVERED_KINDS) {
      const base = apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
      let body: ListBody;
      try {
        body = (
          await conn.request<ListBody>({
            method: "GET",
            path: `${base}/namespaces/${encodeURIComponent(ns)}/${resource}`,
          })
        ).body;
      } catch (e) {
        if (e instanceof KubeApiError && [403, 404].includes(e.status)) {
          skipped.push(`${kind} in ${ns} (${e.status === 404 ? "not served by this cluster" : "not allowed"})`);
          continue;
        }
        throw e;
      }
      for (const item of body.items ?? []) {
        // Kubernetes creates these in every namespace; they belong to no topology.
        const name = item.metadata?.name;
        if ((kind === "ServiceAccount" && name === "default") || (kind === "ConfigMap" && name === "kube-root-ca.crt"))
          continue;
        const { status: _status, ...rest } = item;
        const {
          managedFields: _m,
          uid: _u,
          resourceVersion: _r,
          creationTimestamp: _c,
          generation: _g,
          ...metadata
        } = item.metadata ?? {};
        objects.push({ ...rest, apiVersion, kind, metadata: metadata as KubeObject["metadata"] });
      }
    }
  }
  return { objects, skipped };
}

/** The Namespace itself: its annotations carry the cluster component id of a design that deployed it. */
async function namespaceObject(conn: KubeConnection, ns: string): Promise<KubeObject> {
  try {
    const { body } = await conn.request<{ metadata?: KubeObject["metadata"] }>({
      method: "GET",
      path: `/api/v1/namespaces/${encodeURIComponent(ns)}`,
    });
    const m = body.metadata;
    return {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: {
        name: ns,
        ...(m?.labels ? { labels: m.labels } : {}),
        ...(m?.annotations ? { annotations: m.annotations } : {}),
      },
    };
  } catch (e) {
    if (e instanceof KubeApiError && [403, 404].includes(e.status))
      return { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } };
    throw e;
  }
}
