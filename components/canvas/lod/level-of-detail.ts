// What the canvas draws at a zoom, and the aggregated edges that stand in for hidden components.
// Pure: no React, no React Flow, so the thresholds and the aggregation are tested on their own.
import type { ConnectionKind } from "@/lib/topology/catalog";
import type { Component, Connection } from "@/lib/topology/design";

/**
 * far: clusters as boxes with counts, no component nodes in the DOM; mid: a component is its icon and name;
 * near: full nodes with summary, badges and handles. At 0.3 a 13 px name is 4 px on screen (unreadable, so
 * it is not drawn); at 0.6 it is 8 px, readable as a label but too small to aim at a 12 px handle.
 */
export type Lod = "far" | "mid" | "near";
export const FAR_BELOW = 0.3;
export const NEAR_FROM = 0.6;

export function lodFor(zoom: number): Lod {
  return zoom < FAR_BELOW ? "far" : zoom < NEAR_FROM ? "mid" : "near";
}

/** Designs above this many components cull off-screen nodes and edges (React Flow's visible-elements mode). */
export const LARGE_DESIGN = 150;

export interface AggregateEdge {
  id: string;
  /** The visible ends: a cluster id where the component is hidden inside it. */
  from: string;
  to: string;
  kind: ConnectionKind;
  /** How many connections it stands for. */
  count: number;
  /** True when `from` / `to` is a cluster standing in for hidden children. */
  fromCluster: boolean;
  toCluster: boolean;
}

/**
 * Connections with an end hidden inside a cluster, drawn once per pair of visible ends and kind.
 * `hiddenIn(c)` names the cluster that stands in for `c`, or undefined when `c` is drawn itself. Connections
 * inside one hidden cluster disappear (the box's count covers them); dangling ones are skipped.
 */
export function aggregateEdges(
  connections: readonly Connection[],
  byId: ReadonlyMap<string, Component>,
  hiddenIn: (c: Component) => string | undefined,
  idPrefix: string,
): AggregateEdge[] {
  const out = new Map<string, AggregateEdge>();
  for (const e of connections) {
    const a = byId.get(e.from);
    const b = byId.get(e.to);
    if (!a || !b) continue;
    const ra = hiddenIn(a);
    const rb = hiddenIn(b);
    if (!ra && !rb) continue;
    const from = ra ?? a.id;
    const to = rb ?? b.id;
    if (from === to) continue;
    const key = `${from}>${to}>${e.kind}`;
    const hit = out.get(key);
    if (hit) hit.count++;
    else
      out.set(key, {
        id: `${idPrefix}${key}`,
        from,
        to,
        kind: e.kind,
        count: 1,
        fromCluster: !!ra,
        toCluster: !!rb,
      });
  }
  return [...out.values()];
}

export type ClusterTone = "error" | "warning" | "down" | "degraded" | "ok";

export interface ClusterSummary {
  /** Components inside the cluster. */
  count: number;
  errors: number;
  warnings: number;
  tone: ClusterTone;
}

/**
 * What a cluster box says when its children are not drawn: how many components it holds and the worst
 * of their lint findings and live states (a lint error outranks a component that is down).
 */
export function clusterSummaries(
  components: readonly Component[],
  lint: (id: string) => { errors: number; warnings: number } | undefined,
  health: (id: string) => string | undefined,
): Map<string, ClusterSummary> {
  const rank: Record<ClusterTone, number> = { ok: 0, degraded: 1, warning: 2, down: 3, error: 4 };
  const out = new Map<string, ClusterSummary>();
  for (const c of components) if (c.kind === "cluster") out.set(c.id, { count: 0, errors: 0, warnings: 0, tone: "ok" });
  for (const c of components) {
    const s = c.cluster ? out.get(c.cluster) : undefined;
    if (!s) continue;
    s.count++;
    const l = lint(c.id);
    s.errors += l?.errors ?? 0;
    s.warnings += l?.warnings ?? 0;
    const h = health(c.id);
    const tone: ClusterTone = l?.errors
      ? "error"
      : h === "down"
        ? "down"
        : l?.warnings
          ? "warning"
          : h === "degraded"
            ? "degraded"
            : "ok";
    if (rank[tone] > rank[s.tone]) s.tone = tone;
  }
  return out;
}
