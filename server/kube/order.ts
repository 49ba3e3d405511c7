// Dependency order for apply (and, reversed, for prune): what others refer to goes first.
import type { KubeObject } from "./kinds";

const STEPS: string[][] = [
  ["Namespace"],
  ["CustomResourceDefinition"],
  ["ClusterRole"],
  ["ClusterRoleBinding"],
  ["ServiceAccount"],
  ["Role"],
  ["RoleBinding"],
  ["ConfigMap", "Secret"],
  ["PersistentVolumeClaim"],
  ["Service", "Endpoints"],
  ["PodDisruptionBudget", "Ingress"],
  ["StatefulSet", "Deployment", "DaemonSet", "Job"],
  ["Prometheus", "PrometheusRule", "ServiceMonitor", "PodMonitor", "Alertmanager"],
];

/** Step index of a kind; unknown kinds go last. */
export function orderOf(kind: string): number {
  const i = STEPS.findIndex((s) => s.includes(kind));
  return i === -1 ? STEPS.length : i;
}

/** Objects grouped into steps, in apply order; each step may run concurrently. Stable within a step. */
export function applySteps<T extends Pick<KubeObject, "kind">>(objects: readonly T[]): T[][] {
  const steps = new Map<number, T[]>();
  for (const o of objects) {
    const i = orderOf(o.kind);
    if (!steps.has(i)) steps.set(i, []);
    steps.get(i)!.push(o);
  }
  return [...steps.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

/** Prune order: dependents before what they depend on (workloads before their config, namespaces last). */
export function pruneSteps<T extends Pick<KubeObject, "kind">>(objects: readonly T[]): T[][] {
  return applySteps(objects).reverse();
}
