"use client";
// The design as React Flow nodes and edges. React Flow re-renders a node whenever its object changes, so
// unchanged components keep their node object: each element is memoized on the values it is made from.
import { useMemo, useState } from "react";
import { MarkerType } from "@xyflow/react";
import { CONNECTIONS } from "@/lib/topology/catalog";
import type { Component, Connection, Design } from "@/lib/topology/design";
import type { ConnectionEdge } from "./edges";
import { trySizeDesign, undersized } from "@/lib/topology/sizing";
import { EDGE_STYLE } from "./kind-style";
import {
  NODE_HEIGHT,
  NODE_WIDTH,
  nodeAriaLabel,
  type ClusterNode,
  type ComponentNode,
  type LintBadge,
  type OverlayBadge,
} from "./nodes";
import { clusterSize } from "./placement";

export type FlowNode = ComponentNode | ClusterNode;

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

/** React Flow needs parents before children. */
export function useFlowNodes(
  design: Design,
  selected: ReadonlySet<string>,
  badges: Map<string, LintBadge> | undefined,
  overlay: Record<string, OverlayBadge> | undefined,
  dropTarget: string | null,
  readOnly: boolean,
): FlowNode[] {
  const [memo] = useState(() => new ElementMemo<Component, FlowNode>());
  return useMemo(() => {
    const clusterIds = new Set(design.components.filter((c) => c.kind === "cluster").map((c) => c.id));
    // Configured resources below the sizing estimate earn a badge (undefined where not sized).
    const short = new Map((trySizeDesign(design)?.components ?? []).map((s) => [s.id, undersized(s)]));
    const make = (c: Component): FlowNode => {
      const isSel = selected.has(c.id);
      const badge = badges?.get(c.id);
      const ov = overlay?.[c.id];
      const drop = dropTarget === c.id;
      const sizing = short.get(c.id);
      const parent = c.cluster && clusterIds.has(c.cluster) ? c.cluster : undefined;
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
      ];
      return memo.get(c, deps, () => {
        const isCluster = c.kind === "cluster";
        const size = isCluster ? clusterSize(c) : { width: NODE_WIDTH, height: NODE_HEIGHT };
        return {
          id: c.id,
          type: isCluster ? "cluster" : "component",
          position: c.position,
          ...(parent ? { parentId: parent } : {}),
          data: { component: c, lint: badge, overlay: ov, sizing, dropTarget: drop, readOnly },
          width: size.width,
          height: size.height,
          // Sizes are fixed by us, so we can state them: without `measured` React Flow drops the node's
          // handle bounds whenever the node object changes, and edges to it vanish until it is re-measured.
          measured: { width: size.width, height: size.height },
          selected: isSel,
          ariaLabel: nodeAriaLabel(c),
          draggable: !readOnly,
          connectable: !readOnly,
          deletable: !readOnly,
          ...(isCluster ? { style: { width: size.width, height: size.height }, className: "tc-cluster-node" } : {}),
        } as FlowNode;
      });
    };
    const out: FlowNode[] = [];
    for (const c of design.components) if (c.kind === "cluster") out.push(make(c));
    for (const c of design.components) if (c.kind !== "cluster") out.push(make(c));
    return out;
  }, [memo, design, selected, badges, overlay, dropTarget, readOnly]);
}

export function useFlowEdges(
  connections: readonly Connection[],
  byId: Map<string, Component>,
  selected: ReadonlySet<string>,
  edgeErrors: Set<string> | undefined,
  readOnly: boolean,
): ConnectionEdge[] {
  const [memo] = useState(() => new ElementMemo<Connection, ConnectionEdge>());
  return useMemo(() => {
    const out: ConnectionEdge[] = [];
    for (const e of connections) {
      const from = byId.get(e.from);
      const to = byId.get(e.to);
      if (!from || !to) continue;
      const isSel = selected.has(e.id);
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
        markerEnd: {
          type: MarkerType.ArrowClosed,
          color: err ? "#dc2626" : EDGE_STYLE[e.kind].color,
          width: 16,
          height: 16,
        },
      }));
      out.push(edge);
    }
    return out;
  }, [memo, connections, byId, selected, edgeErrors, readOnly]);
}
