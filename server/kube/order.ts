// Dependency order for apply (and, reversed, for prune): the one order render also emits objects in.
import { applyStep } from "@/lib/kubernetes/apply-order";
import type { KubeObject } from "./kinds";

/** Step index of a kind; unknown kinds go last. */
export const orderOf = applyStep;

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
