"use client";
// The design as React Flow nodes and edges. React Flow re-renders a node whenever its object changes, so
// unchanged components keep their node object: each element is memoized on the values it is made from.
import { useMemo, useState } from "react";
import { MarkerType } from "@xyflow/react";
import { HEALTH_TONE } from "@/lib/health";
import { CONNECTIONS } from "@/lib/topology/catalog";
import type { Component, Connection, Design } from "@/lib/topology/design";
import { nodeBox } from "@/lib/topology/node-box";
import type { ConnectionEdge } from "./edges";
import { undersized } from "@/lib/topology/sizing";
import { EDGE_ERROR, EDGE_STYLE } from "./kind-style";
import { CLUSTER_IN, CLUSTER_OUT, clusterHandles, componentHandles } from "./lod/handles";
import { designSizing } from "./lod/geometry-only";
import { aggregateEdges, clusterSummaries, type AggregateEdge, type ClusterSummary } from "./lod/level-of-detail";
import { nodeAriaLabel, type ClusterNode, type ComponentNode, type LintBadge, type OverlayBadge } from "./nodes";
import { COLLAPSED_CLUSTER, clusterSize } from "./placement";

export type FlowNode = ComponentNode | ClusterNode;

/** What the canvas hides: every cluster's children at far zoom, and the clusters the user collapsed. */
export interface CanvasView {
  far: boolean;
  collapsed: ReadonlySet<string>;
  /** Far zoom of a large design: the far layer (lod/far-layer.tsx) draws it all, React Flow draws nothing. */
  overview?: boolean;
}

/**
 * Per-object memo: `get(obj, deps, make)` returns the value last made for `obj` while `deps` are equal.
 * Components and connections are immutable (every edit replaces the object), so they key it; a WeakMap
 * forgets deleted ones. Like useMemo, it only skips work: any result is the one `make` would give.
 */
class ElementMemo<K extends object, V> {
  private readonly entries = new WeakMap<K, { deps: unknown[]; value: V }>();
  get(obj: K, deps: unknown[], make: () => V): V {
    const hit = this.entries.get(obj);
    if (hit && hit.deps.length === deps.length && hit.deps.every((d, i) => d === deps[i])) return hit.value;
    const value = make();
    this.entries.set(obj, { deps, value });
    return value;
  }
}

/** The cluster that stands in for a hidden component, or undefined when it is drawn. */
export function hiddenInCluster(c: Component, view: CanvasView, clusterIds: ReadonlySet<string>): string | undefined {
  if (!c.cluster || !clusterIds.has(c.cluster)) return undefined;
  return view.far || view.collapsed.has(c.cluster) ? c.cluster : undefined;
}

/** What each cluster box says (count, worst lint finding or live state) from the badges shown on its children. */
export function designSummaries(
  design: Design,
  badges: Map<string, LintBadge> | undefined,
  overlay: Record<string, OverlayBadge> | undefined,
): Map<string, ClusterSummary> {
  return clusterSummaries(
    design.components,
    (id) => badges?.get(id),
    (id) => {
      const st = overlay?.[id]?.state;
      return st ? HEALTH_TONE[st] : undefined;
    },
  );
}

/** React Flow needs parents before children. */
export function useFlowNodes(
  design: Design,
  selected: ReadonlySet<string>,
  badges: Map<string, LintBadge> | undefined,
  overlay: Record<string, OverlayBadge> | undefined,
  dropTarget: string | null,
  readOnly: boolean,
  view: CanvasView,
): FlowNode[] {
  const [memo] = useState(() => new ElementMemo<Component, FlowNode>());
  // The same report object while a drag only moves components, so this map is not rebuilt per frame.
  const report = designSizing(design);
  const short = useMemo(
    () => new Map<string, string | undefined>((report?.components ?? []).map((s) => [s.id, undersized(s)])),
    [report],
  );
  const summaries = useMemo(() => designSummaries(design, badges, overlay), [design, badges, overlay]);
  return useMemo(() => {
    const clusterIds = new Set(summaries.keys());
    const make = (c: Component): FlowNode => {
      const isSel = selected.has(c.id);
      const badge = badges?.get(c.id);
      const ov = overlay?.[c.id];
      const drop = dropTarget === c.id;
      const sizing = short.get(c.id);
      const parent = c.cluster && clusterIds.has(c.cluster) ? c.cluster : undefined;
      const hidden = !!view.overview || !!hiddenInCluster(c, view, clusterIds);
      const summary = summaries.get(c.id);
      const collapsed = view.collapsed.has(c.id);
      const deps = [
        isSel,
        badge?.errors,
        badge?.warnings,
        badge?.message,
        ov?.state,
        ov?.reason,
        drop,
        readOnly,
        parent,
        sizing,
        hidden,
        collapsed,
        summary?.count,
        summary?.tone,
        summary?.errors,
        summary?.warnings,
      ];
      return memo.get(c, deps, () => {
        const isCluster = c.kind === "cluster";
        const size = isCluster ? (collapsed ? COLLAPSED_CLUSTER : clusterSize(c)) : nodeBox(c);
        return {
          id: c.id,
          type: isCluster ? "cluster" : "component",
          position: c.position,
          ...(parent ? { parentId: parent } : {}),
          data: {
            component: c,
            lint: badge,
            overlay: ov,
            sizing,
            dropTarget: drop,
            readOnly,
            ...(summary ? { summary, collapsed } : {}),
          },
          width: size.width,
          height: size.height,
          // Sizes are fixed by us, so we can state them: without `measured` React Flow drops the node's
          // handle bounds whenever the node object changes, and edges to it vanish until it is re-measured.
          measured: { width: size.width, height: size.height },
          handles: isCluster
            ? clusterHandles(size.width, size.height)
            : componentHandles(c.kind, size.width, size.height),
          hidden,
          selected: isSel,
          ariaLabel: isCluster && summary ? clusterAriaLabel(c, summary, collapsed) : nodeAriaLabel(c),
          draggable: !readOnly,
          connectable: !readOnly,
          deletable: !readOnly,
          ...(isCluster
            ? {
                style: { width: size.width, height: size.height },
                className: collapsed ? "tc-cluster-node is-collapsed" : "tc-cluster-node",
              }
            : {}),
        } as FlowNode;
      });
    };
    const out: FlowNode[] = [];
    for (const c of design.components) if (c.kind === "cluster") out.push(make(c));
    for (const c of design.components) if (c.kind !== "cluster") out.push(make(c));
    return out;
  }, [memo, design, selected, badges, overlay, dropTarget, readOnly, view, short, summaries]);
}

function clusterAriaLabel(c: Component, s: ClusterSummary, collapsed: boolean): string {
  const findings = s.errors ? `, ${s.errors} lint error${s.errors === 1 ? "" : "s"}` : "";
  return `Cluster ${c.name}, ${s.count} component${s.count === 1 ? "" : "s"}${findings}${collapsed ? ", collapsed" : ""}`;
}

/**
 * The connections as React Flow edges, plus the aggregated edges of hidden children. With `bulk` (large
 * designs), only the edges someone is working on (selected, or of a selected component) are React Flow
 * edges; the rest come back in `bulk` for the one-layer drawing (lod/edge-layer.tsx).
 */
export function useFlowEdges(
  connections: readonly Connection[],
  byId: Map<string, Component>,
  selected: ReadonlySet<string>,
  edgeErrors: Set<string> | undefined,
  readOnly: boolean,
  view: CanvasView,
  bulkDraw: { on: boolean; selectedNodes: ReadonlySet<string> },
): { edges: ConnectionEdge[]; bulk: Connection[] } {
  const [memo] = useState(() => new ElementMemo<Connection, ConnectionEdge>());
  const [aggMemo] = useState(() => new Map<string, { count: number; edge: ConnectionEdge }>());
  return useMemo(() => {
    if (view.overview) return { edges: [], bulk: [] };
    const clusterIds = new Set<string>();
    for (const c of byId.values()) if (c.kind === "cluster") clusterIds.add(c.id);
    const hiddenIn = (c: Component) => hiddenInCluster(c, view, clusterIds);
    const out: ConnectionEdge[] = [];
    const bulk: Connection[] = [];
    // A hub (a Query over 1,000 stores) has too many edges to make each a React Flow edge while it is
    // dragged; past WORKING_EDGES they stay in the layer, which redraws only the paths that moved.
    const touches = (e: Connection) => bulkDraw.selectedNodes.has(e.from) || bulkDraw.selectedNodes.has(e.to);
    let working = 0;
    if (bulkDraw.on) for (const e of connections) if (touches(e) && ++working > WORKING_EDGES) break;
    const keepTouching = working <= WORKING_EDGES;
    for (const e of connections) {
      const from = byId.get(e.from);
      const to = byId.get(e.to);
      if (!from || !to || hiddenIn(from) || hiddenIn(to)) continue;
      const isSel = selected.has(e.id);
      if (bulkDraw.on && !isSel && !(keepTouching && touches(e))) {
        bulk.push(e);
        continue;
      }
      const err = edgeErrors?.has(e.id) ?? false;
      const edge = memo.get(e, [isSel, err, from.name, to.name, readOnly], () => ({
        id: e.id,
        source: e.from,
        target: e.to,
        sourceHandle: e.kind,
        targetHandle: e.kind,
        type: "connection",
        data: { kind: e.kind, lintError: err },
        selected: isSel,
        deletable: !readOnly,
        ariaLabel: `${CONNECTIONS[e.kind].label}: ${from.name} to ${to.name}`,
        markerEnd: marker(err ? EDGE_ERROR.stroke : EDGE_STYLE[e.kind].stroke),
      }));
      out.push(edge);
    }
    for (const a of aggregateEdges(connections, byId, hiddenIn, "agg:")) {
      const hit = aggMemo.get(a.id);
      if (hit && hit.count === a.count) out.push(hit.edge);
      else {
        const edge = aggregateEdge(a, byId);
        aggMemo.set(a.id, { count: a.count, edge });
        out.push(edge);
      }
    }
    return { edges: out, bulk };
  }, [memo, aggMemo, connections, byId, selected, edgeErrors, readOnly, view, bulkDraw]);
}

/** At most this many edges of selected components are drawn as React Flow edges (see useFlowEdges). */
export const WORKING_EDGES = 150;

const marker = (color: string) => ({ type: MarkerType.ArrowClosed, color, width: 16, height: 16 });

/** An edge standing in for `count` connections to or from components hidden in a cluster box. */
function aggregateEdge(a: AggregateEdge, byId: Map<string, Component>): ConnectionEdge {
  const name = (id: string) => byId.get(id)?.name ?? id;
  return {
    id: a.id,
    source: a.from,
    target: a.to,
    sourceHandle: a.fromCluster ? CLUSTER_OUT : a.kind,
    targetHandle: a.toCluster ? CLUSTER_IN : a.kind,
    type: "connection",
    data: { kind: a.kind, count: a.count },
    selectable: false,
    deletable: false,
    focusable: false,
    className: "tc-edge-aggregate",
    ariaLabel: `${a.count} ${CONNECTIONS[a.kind].label} connection${a.count === 1 ? "" : "s"}: ${name(a.from)} to ${name(a.to)}`,
    markerEnd: marker(EDGE_STYLE[a.kind].stroke),
  };
}
