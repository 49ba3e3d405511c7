import { KINDS } from "../catalog";
import type { Component, ComponentOf } from "../design";
import type { DesignGraph } from "../graph";

/** `Query "thanos-query"`: how every message names a component. */
export function named(c: Component): string {
  return `${KINDS[c.kind].label} "${c.name}"`;
}

export { plural } from "../../text/plural";

/** Replicas of a component, or undefined for kinds without a replicas setting (cluster, objectStore). */
export function replicasOf(c: Component): number | undefined {
  const r = (c.settings as { replicas?: unknown }).replicas;
  return typeof r === "number" ? r : undefined;
}

/**
 * Identity of the physical bucket behind an object-store node: two nodes with the same provider, endpoint and
 * bucket are one bucket (a compactor on each still corrupts it).
 */
export function bucketKey(os: ComponentOf<"objectStore">): string {
  const s = os.settings;
  if (s.provider === "filesystem") return `filesystem|${os.id}|${s.directory ?? ""}`;
  return `${s.provider}|${(s.endpoint ?? "").toLowerCase()}|${s.bucket}`;
}

/** Object stores this component has an uploadsTo connection to. */
export function bucketsOf(g: DesignGraph, c: Component): ComponentOf<"objectStore">[] {
  return g.targets(c, "uploadsTo").filter((t): t is ComponentOf<"objectStore"> => t.kind === "objectStore");
}

/** The connection (id) of a given kind from one component to another, for findings that concern an edge. */
export function connectionId(g: DesignGraph, from: Component, to: Component, kind: string): string | undefined {
  return g.outgoing(from).find((e) => e.kind === kind && e.to === to.id)?.id;
}

/** Whether a Prometheus group writes blocks through its sidecar. */
export function isSidecar(p: ComponentOf<"prometheus">): boolean {
  return p.settings.thanos.mode === "sidecar";
}

export function hasAlertingRules(groups: { rules: ({ alert: string } | { record: string })[] }[]): boolean {
  return groups.some((g) => g.rules.some((r) => "alert" in r));
}
