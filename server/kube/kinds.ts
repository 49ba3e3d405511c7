// Where each kind we deploy lives in the Kubernetes API. Static on purpose: a deploy must not
// depend on discovery answering, and the set of kinds the renderer emits is known.
import { formatKey, keyOf } from "../../lib/deploy/resource-key";

export interface KindInfo {
  apiVersion: string;
  kind: string;
  /** URL segment, e.g. "statefulsets". */
  resource: string;
  /** API group ("" for core), as SelfSubjectAccessReview spells it. */
  group: string;
  namespaced: boolean;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

const k = (apiVersion: string, kind: string, resource: string, namespaced: boolean): KindInfo => ({
  apiVersion,
  kind,
  resource,
  namespaced,
  group: apiVersion.includes("/") ? apiVersion.split("/")[0]! : "",
});

/** Kinds a design may own: checked for permissions, listed for prune. */
export const OWNED_KINDS: readonly KindInfo[] = [
  k("v1", "Namespace", "namespaces", false),
  k("rbac.authorization.k8s.io/v1", "ClusterRole", "clusterroles", false),
  k("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "clusterrolebindings", false),
  k("v1", "ServiceAccount", "serviceaccounts", true),
  k("rbac.authorization.k8s.io/v1", "Role", "roles", true),
  k("rbac.authorization.k8s.io/v1", "RoleBinding", "rolebindings", true),
  k("v1", "ConfigMap", "configmaps", true),
  k("v1", "Secret", "secrets", true),
  k("v1", "PersistentVolumeClaim", "persistentvolumeclaims", true),
  k("v1", "Service", "services", true),
  k("v1", "Endpoints", "endpoints", true),
  k("policy/v1", "PodDisruptionBudget", "poddisruptionbudgets", true),
  k("networking.k8s.io/v1", "Ingress", "ingresses", true),
  k("apps/v1", "StatefulSet", "statefulsets", true),
  k("apps/v1", "Deployment", "deployments", true),
  k("monitoring.coreos.com/v1", "Prometheus", "prometheuses", true),
  k("monitoring.coreos.com/v1", "PrometheusRule", "prometheusrules", true),
  k("monitoring.coreos.com/v1", "PodMonitor", "podmonitors", true),
];

const EXTRA: KindInfo[] = [
  k("apiextensions.k8s.io/v1", "CustomResourceDefinition", "customresourcedefinitions", false),
];

export function kindInfo(o: Pick<KubeObject, "apiVersion" | "kind" | "metadata">): KindInfo {
  const known = [...OWNED_KINDS, ...EXTRA].find((x) => x.apiVersion === o.apiVersion && x.kind === o.kind);
  if (known) return known;
  // Unknown kinds: Kubernetes' own pluralization covers the regular cases; scope follows the object.
  const lower = o.kind.toLowerCase();
  const plural = /(s|x|z|ch|sh)$/.test(lower)
    ? `${lower}es`
    : /[^aeiou]y$/.test(lower)
      ? `${lower.slice(0, -1)}ies`
      : `${lower}s`;
  return k(o.apiVersion, o.kind, plural, !!o.metadata.namespace);
}

function base(info: KindInfo): string {
  return info.group ? `/apis/${info.apiVersion}` : `/api/${info.apiVersion}`;
}

/** Collection URL path: all namespaces when `namespace` is undefined for a namespaced kind. */
export function collectionPath(info: KindInfo, namespace?: string): string {
  return `${base(info)}${info.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : ""}/${info.resource}`;
}

export function objectPath(o: Pick<KubeObject, "apiVersion" | "kind" | "metadata">): string {
  const info = kindInfo(o);
  return `${collectionPath(info, info.namespaced ? (o.metadata.namespace ?? "default") : undefined)}/${encodeURIComponent(o.metadata.name)}`;
}

/** The object as events and results name it: "apps/v1/StatefulSet ns/name" or "v1/Namespace name". */
export function objectRef(o: Pick<KubeObject, "apiVersion" | "kind" | "metadata">): string {
  return formatKey(keyOf(o));
}

/** The resource as RBAC names it, for permission messages: "statefulsets.apps". */
export function qualifiedResource(info: Pick<KindInfo, "resource" | "group">): string {
  return info.group ? `${info.resource}.${info.group}` : info.resource;
}
