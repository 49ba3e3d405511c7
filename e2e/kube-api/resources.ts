// The resource types the test server serves: every kind the renderer emits, plus Pods/Endpoints the
// controller and status code read. Discovery, routing and kubectl's short names all come from here.

export interface ResourceType {
  group: string; // "" for the core group
  version: string;
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  verbs: string[];
  categories?: string[];
  /** SelfSubjectAccessReview et al.: create-only virtual resources, never stored. */
  virtual?: boolean;
  /** Status is owned by the controller; writes to the main resource keep it. */
  hasStatus?: boolean;
  /** Has metadata.generation (workloads, PDBs, custom resources); ConfigMaps, Services and the like do not. */
  generation?: boolean;
}

const CRUD = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

export const RESOURCES: ResourceType[] = [
  {
    group: "",
    version: "v1",
    kind: "Namespace",
    plural: "namespaces",
    singular: "namespace",
    namespaced: false,
    shortNames: ["ns"],
    verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
    hasStatus: true,
  },
  {
    group: "",
    version: "v1",
    kind: "ConfigMap",
    plural: "configmaps",
    singular: "configmap",
    namespaced: true,
    shortNames: ["cm"],
    verbs: CRUD,
  },
  { group: "", version: "v1", kind: "Secret", plural: "secrets", singular: "secret", namespaced: true, verbs: CRUD },
  {
    group: "",
    version: "v1",
    kind: "Service",
    plural: "services",
    singular: "service",
    namespaced: true,
    shortNames: ["svc"],
    verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
    categories: ["all"],
    hasStatus: true,
  },
  {
    group: "",
    version: "v1",
    kind: "ServiceAccount",
    plural: "serviceaccounts",
    singular: "serviceaccount",
    namespaced: true,
    shortNames: ["sa"],
    verbs: CRUD,
  },
  {
    group: "",
    version: "v1",
    kind: "Pod",
    plural: "pods",
    singular: "pod",
    namespaced: true,
    shortNames: ["po"],
    verbs: CRUD,
    categories: ["all"],
    hasStatus: true,
  },
  {
    group: "",
    version: "v1",
    kind: "PersistentVolumeClaim",
    plural: "persistentvolumeclaims",
    singular: "persistentvolumeclaim",
    namespaced: true,
    shortNames: ["pvc"],
    verbs: CRUD,
    hasStatus: true,
  },
  // Never written by the server; listed empty so `kubectl describe` works.
  {
    group: "",
    version: "v1",
    kind: "Event",
    plural: "events",
    singular: "event",
    namespaced: true,
    shortNames: ["ev"],
    verbs: CRUD,
  },
  {
    group: "",
    version: "v1",
    kind: "Endpoints",
    plural: "endpoints",
    singular: "endpoints",
    namespaced: true,
    shortNames: ["ep"],
    verbs: CRUD,
  },
  {
    group: "apps",
    version: "v1",
    kind: "StatefulSet",
    plural: "statefulsets",
    singular: "statefulset",
    namespaced: true,
    shortNames: ["sts"],
    verbs: CRUD,
    categories: ["all"],
    hasStatus: true,
    generation: true,
  },
  {
    group: "apps",
    version: "v1",
    kind: "Deployment",
    plural: "deployments",
    singular: "deployment",
    namespaced: true,
    shortNames: ["deploy"],
    verbs: CRUD,
    categories: ["all"],
    hasStatus: true,
    generation: true,
  },
  {
    group: "rbac.authorization.k8s.io",
    version: "v1",
    kind: "Role",
    plural: "roles",
    singular: "role",
    namespaced: true,
    verbs: CRUD,
  },
  {
    group: "rbac.authorization.k8s.io",
    version: "v1",
    kind: "RoleBinding",
    plural: "rolebindings",
    singular: "rolebinding",
    namespaced: true,
    verbs: CRUD,
  },
  {
    group: "rbac.authorization.k8s.io",
    version: "v1",
    kind: "ClusterRole",
    plural: "clusterroles",
    singular: "clusterrole",
    namespaced: false,
    verbs: CRUD,
  },
  {
    group: "rbac.authorization.k8s.io",
    version: "v1",
    kind: "ClusterRoleBinding",
    plural: "clusterrolebindings",
    singular: "clusterrolebinding",
    namespaced: false,
    verbs: CRUD,
  },
  {
    group: "policy",
    version: "v1",
    kind: "PodDisruptionBudget",
    plural: "poddisruptionbudgets",
    singular: "poddisruptionbudget",
    namespaced: true,
    shortNames: ["pdb"],
    verbs: CRUD,
    hasStatus: true,
    generation: true,
  },
  {
    group: "networking.k8s.io",
    version: "v1",
    kind: "Ingress",
    plural: "ingresses",
    singular: "ingress",
    namespaced: true,
    shortNames: ["ing"],
    verbs: CRUD,
    hasStatus: true,
    generation: true,
  },
  {
    group: "monitoring.coreos.com",
    version: "v1",
    kind: "ServiceMonitor",
    plural: "servicemonitors",
    singular: "servicemonitor",
    namespaced: true,
    shortNames: ["smon"],
    verbs: CRUD,
    categories: ["prometheus-operator"],
    generation: true,
  },
  {
    group: "monitoring.coreos.com",
    version: "v1",
    kind: "PodMonitor",
    plural: "podmonitors",
    singular: "podmonitor",
    namespaced: true,
    shortNames: ["pmon"],
    verbs: CRUD,
    categories: ["prometheus-operator"],
    generation: true,
  },
  {
    group: "monitoring.coreos.com",
    version: "v1",
    kind: "Prometheus",
    plural: "prometheuses",
    singular: "prometheus",
    namespaced: true,
    shortNames: ["prom"],
    verbs: CRUD,
    categories: ["prometheus-operator"],
    hasStatus: true,
    generation: true,
  },
  {
    group: "monitoring.coreos.com",
    version: "v1",
    kind: "PrometheusRule",
    plural: "prometheusrules",
    singular: "prometheusrule",
    namespaced: true,
    shortNames: ["promrule"],
    verbs: CRUD,
    categories: ["prometheus-operator"],
    generation: true,
  },
  {
    group: "authorization.k8s.io",
    version: "v1",
    kind: "SelfSubjectAccessReview",
    plural: "selfsubjectaccessreviews",
    singular: "selfsubjectaccessreview",
    namespaced: false,
    verbs: ["create"],
    virtual: true,
  },
];

export function groupVersion(r: { group: string; version: string }): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

export function findByPlural(group: string, version: string, plural: string): ResourceType | undefined {
  return RESOURCES.find((r) => r.group === group && r.version === version && r.plural === plural);
}

export function findByKind(apiVersion: string, kind: string): ResourceType | undefined {
  return RESOURCES.find((r) => groupVersion(r) === apiVersion && r.kind === kind);
}

/** Groups in discovery order; the core group is served under /api, the rest under /apis. */
export function apiGroups(): { name: string; versions: string[] }[] {
  const out = new Map<string, Set<string>>();
  for (const r of RESOURCES) {
    if (!r.group) continue;
    if (!out.has(r.group)) out.set(r.group, new Set());
    out.get(r.group)!.add(r.version);
  }
  return [...out].map(([name, v]) => ({ name, versions: [...v] }));
}
