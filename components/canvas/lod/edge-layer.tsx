"use client";
// At scale the connections nobody is working on are drawn as one SVG with a path per connection kind and
// tile of the design, not as a React Flow edge each: a thousand edge components each run store selectors
// on every pan frame and fan-in edges (everything to one bucket) all cross the view. Edges of selected
// components stay React Flow edges, so they can still be selected, highlighted and followed while dragging.
import { memo, useMemo, useState } from "react";
import { Position, ViewportPortal, getSmoothStepPath } from "@xyflow/react";
import type { ConnectionKind } from "@/lib/topology/catalog";
import type { Component, Connection } from "@/lib/topology/design";
import { nodeBox } from "@/lib/topology/node-box";
import { EDGE_ERROR, EDGE_STYLE } from "../kind-style";
import { handleOffsetY, handlePoint as handleEnd } from "@/lib/topology/drawn-edges";

type XY = { x: number; y: number };
const ARROW = 7;

/** Where a connection leaves and enters, in flow coordinates, from the stated handle positions. */
export function connectionEnds(e: Connection, from: Component, to: Component, fromAt: XY, toAt: XY) {
  const out = handlePoint(from, e.kind, "source", fromAt);
  const inn = handlePoint(to, e.kind, "target", toAt);
  return out && inn ? { source: out, target: inn } : null;
}

/** The drawn end of a connection on a component placed at `at`: the model's handle point, or null
 *  when the kind has no handle for it (such a connection is not drawn). */
function handlePoint(c: Component, kind: ConnectionKind, type: "source" | "target", at: XY): XY | null {
  const box = { ...at, ...nodeBox(c) };
  if (handleOffsetY(c.kind, kind, type, box.height) === undefined) return null;
  return handleEnd(box, c.kind, kind, type);
}

/** The same orthogonal path the React Flow edges draw, plus its arrowhead entering the target from the left. */
export function connectionPath(source: XY, target: XY): { line: string; arrow: string } {
  const [line] = getSmoothStepPath({
    sourceX: source.x,
    sourceY: source.y,
    sourcePosition: Position.Right,
    targetX: target.x,
    targetY: target.y,
    targetPosition: Position.Left,
    offset: 24,
    borderRadius: 10,
  });
  const { x, y } = target;
  return { line, arrow: `M${x - ARROW * 1.6} ${y - ARROW}L${x} ${y}L${x - ARROW * 1.6} ${y + ARROW}Z` };
}

/**
 * Paths are grouped per tile of this many flow px (by where the connection starts): the rasterizer skips
 * a path whose bounds miss the tile it draws, and a path of the whole design's edges never does (mid-zoom
 * pans spent 10-30 ms a frame rastering them).
 */
export const BULK_TILE = 2048;

export interface BulkGroup {
  key: string;
  kind: ConnectionKind;
  error: boolean;
  lines: string;
  arrows: string;
}

/** Caches each connection's path while its two components (and their clusters) are the same objects. */
class PathCache {
  private readonly entries = new WeakMap<
    Connection,
    { deps: unknown[]; path: { line: string; arrow: string; from: XY } | null }
  >();
  get(e: Connection, byId: ReadonlyMap<string, Component>) {
    const from = byId.get(e.from);
    const to = byId.get(e.to);
    if (!from || !to) return null;
    const fp = from.cluster ? byId.get(from.cluster) : undefined;
    const tp = to.cluster ? byId.get(to.cluster) : undefined;
    const deps = [from, to, fp, tp];
    const hit = this.entries.get(e);
    if (hit && hit.deps.every((d, i) => d === deps[i])) return hit.path;
    const abs = (c: Component, p?: Component) =>
      p ? { x: p.position.x + c.position.x, y: p.position.y + c.position.y } : c.position;
    const ends = connectionEnds(e, from, to, abs(from, fp), abs(to, tp));
    const path = ends ? { ...connectionPath(ends.source, ends.target), from: ends.source } : null;
    this.entries.set(e, { deps, path });
    return path;
  }
}

/** The layer's paths: one line path and one arrow path per connection kind (and lint error). */
export function bulkGroups(
  connections: readonly Connection[],
  byId: ReadonlyMap<string, Component>,
  errors: ReadonlySet<string> | undefined,
  cache: { get: PathCache["get"] } = new PathCache(),
): BulkGroup[] {
  const groups = new Map<string, { kind: ConnectionKind; error: boolean; lines: string[]; arrows: string[] }>();
  for (const e of connections) {
    const p = cache.get(e, byId);
    if (!p) continue;
    const error = errors?.has(e.id) ?? false;
    const key = `${e.kind}${error ? ":error" : ""}@${Math.floor(p.from.x / BULK_TILE)},${Math.floor(p.from.y / BULK_TILE)}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { kind: e.kind, error, lines: [], arrows: [] }));
    g.lines.push(p.line);
    g.arrows.push(p.arrow);
  }
  return [...groups].map(([key, g]) => ({
    key,
    kind: g.kind,
    error: g.error,
    lines: g.lines.join(""),
    arrows: g.arrows.join(""),
  }));
}

export const BulkEdges = memo(function BulkEdges({
  connections,
  byId,
  errors,
}: {
  connections: readonly Connection[];
  byId: ReadonlyMap<string, Component>;
  errors?: ReadonlySet<string>;
}) {
  const [cache] = useState(() => new PathCache());
  const groups = useMemo(() => bulkGroups(connections, byId, errors, cache), [connections, byId, errors, cache]);
  return (
    <ViewportPortal>
      <svg className="tc-bulk-edges" aria-hidden data-testid="bulk-edges" data-count={connections.length}>
        {groups.map((g) => {
          const color = g.error ? EDGE_ERROR.stroke : EDGE_STYLE[g.kind].stroke;
          // Paths are strings: while a drag moves only edges outside this layer they compare equal and
          // React leaves the SVG alone.
          return (
            <g key={g.key} data-kind={g.kind}>
              <path d={g.lines} fill="none" style={{ stroke: color }} strokeWidth={EDGE_STYLE[g.kind].width} />
              <path d={g.arrows} style={{ fill: color }} />
            </g>
          );
        })}
      </svg>
    </ViewportPortal>
  );
});
