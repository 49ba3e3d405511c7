/**
 * The order Kubernetes objects are applied in: what others refer to goes first (prune runs it backwards).
 * Render emits objects in this order and deploy applies one step at a time, so the manifests a user reads
 * are in the order they are applied. Objects of one step do not depend on each other.
 */
export const APPLY_STEPS: readonly (readonly string[])[] = [
  ["Namespace"],
  ["CustomResourceDefinition"],
  ["ServiceAccount"],
  ["ClusterRole"],
  ["ClusterRoleBinding"],
  ["Role"],
  ["RoleBinding"],
  // Configuration the workloads mount or the operator selects (PrometheusRule needs only its CRD).
  ["Secret", "ConfigMap", "PrometheusRule"],
  ["PersistentVolumeClaim"],
  ["Service", "Endpoints", "Ingress", "NetworkPolicy"],
  ["PodDisruptionBudget"],
  ["StatefulSet", "Deployment", "DaemonSet", "Job"],
  // Operator resources: the workloads they make, and monitors that select Services already there.
  ["Prometheus", "Alertmanager", "ServiceMonitor", "PodMonitor"],
];

const FLAT = APPLY_STEPS.flat();

/** Step index of a kind; unknown kinds go last. */
export function applyStep(kind: string): number {
  const i = APPLY_STEPS.findIndex((s) => s.includes(kind));
  return i === -1 ? APPLY_STEPS.length : i;
}

/** Position of a kind in the flattened order (a total order inside each step too); unknown kinds go last. */
export function applyRank(kind: string): number {
  const i = FLAT.indexOf(kind);
  return i === -1 ? FLAT.length : i;
}

/** Objects sorted by `applyRank`; stable, so objects of one kind keep their order. */
export function sortForApply<T extends { kind: string }>(objects: readonly T[]): T[] {
  return objects
    .map((o, i) => [o, i] as const)
    .sort((a, b) => applyRank(a[0].kind) - applyRank(b[0].kind) || a[1] - b[1])
    .map(([o]) => o);
}
