import type { Component, Design } from "./design";
import { CLUSTER_HEADER, nodeBox } from "./node-box";

/** An axis-aligned box in flow coordinates (absolute: children are offset by their cluster). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The schema's defaults, for documents read before defaults were applied (template inputs). */
const CLUSTER_DEFAULT = { width: 760, height: 480 };

/** The box a cluster draws: its stored size. */
export function clusterBox(c: Component): { width: number; height: number } {
  const s = c.settings as { width?: number; height?: number };
  return { width: s.width ?? CLUSTER_DEFAULT.width, height: s.height ?? CLUSTER_DEFAULT.height };
}

/** Every component's absolute box, keyed by id (a child's position is relative to its cluster). */
export function componentBoxes(design: Pick<Design, "components">): Map<string, Box> {
  const byId = new Map(design.components.map((c) => [c.id, c]));
  const out = new Map<string, Box>();
  for (const c of design.components) {
    const parent = c.cluster ? byId.get(c.cluster) : undefined;
    const size = c.kind === "cluster" ? clusterBox(c) : nodeBox(c);
    out.set(c.id, {
      x: (parent?.position.x ?? 0) + c.position.x,
      y: (parent?.position.y ?? 0) + c.position.y,
      ...size,
    });
  }
  return out;
}

/** Strict overlap: boxes that only touch along an edge do not overlap. */
export function boxesOverlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

export interface LayoutProblem {
  /** The component(s) concerned. */
  ids: string[];
  message: string;
}

/**
 * What makes a design unreadable as drawn: two boxes on top of each other (siblings in a cluster, or top-level
 * clusters and free components), or a child that sticks out of its cluster's body (below the title band).
 * Components left without a position all sit at 0,0, so they show up here as overlaps.
 */
export function layoutProblems(design: Pick<Design, "components">, limit = Infinity): LayoutProblem[] {
  const boxes = componentBoxes(design);
  const byId = new Map(design.components.map((c) => [c.id, c]));
  const problems: LayoutProblem[] = [];
  // Siblings share a scope: the top level, or one cluster. Boxes in different scopes are kept apart by
  // their clusters not overlapping and every child staying inside its own.
  const scopes = new Map<string, Component[]>();
  for (const c of design.components) {
    const scope = c.kind !== "cluster" && c.cluster && byId.has(c.cluster) ? c.cluster : "";
    const list = scopes.get(scope) ?? [];
    list.push(c);
    scopes.set(scope, list);
  }
  for (const [scope, members] of scopes) {
    for (const [a, b] of overlappingPairs(members.map((c) => ({ id: c.id, box: boxes.get(c.id)! })))) {
      problems.push({ ids: [a, b], message: `"${byId.get(a)!.name}" and "${byId.get(b)!.name}" overlap` });
      if (problems.length >= limit) return problems;
    }
    if (!scope) continue;
    const cluster = boxes.get(scope)!;
    for (const c of members) {
      const b = boxes.get(c.id)!;
      const inside =
        b.x >= cluster.x &&
        b.y >= cluster.y + CLUSTER_HEADER &&
        b.x + b.width <= cluster.x + cluster.width &&
        b.y + b.height <= cluster.y + cluster.height;
      if (inside) continue;
      problems.push({ ids: [c.id, scope], message: `"${c.name}" is outside cluster "${byId.get(scope)!.name}"` });
      if (problems.length >= limit) return problems;
    }
  }
  return problems;
}

/** Whether the server should lay a design out before storing it; a design that is fine keeps its positions. */
export function needsLayout(design: Pick<Design, "components">): boolean {
  return layoutProblems(design, 1).length > 0;
}

/** Pairs of overlapping boxes, by a sweep along x (2,000 components must not cost 2 million comparisons). */
function* overlappingPairs(items: { id: string; box: Box }[]): Generator<[string, string]> {
  const sorted = [...items].sort((a, b) => a.box.x - b.box.x);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i];
    for (let j = i + 1; j < sorted.length && sorted[j].box.x < a.box.x + a.box.width; j++)
      if (boxesOverlap(a.box, sorted[j].box)) yield [a.id, sorted[j].id];
  }
}

/**
 * The canvas draws a connection as React Flow's bezier from the source's right side to the target's left
 * side (curvature 0.25); this samples that curve into segments.
 */
function bezierSegments(from: Box, to: Box, samples = 48): [number, number][] {
  const sx = from.x + from.width;
  const sy = from.y + from.height / 2;
  const tx = to.x;
  const ty = to.y + to.height / 2;
  const offset = (d: number) => (d >= 0 ? 0.5 * d : 0.25 * 25 * Math.sqrt(-d));
  const c1x = sx + offset(tx - sx);
  const c2x = tx - offset(tx - sx);
  const pts: [number, number][] = [];
  for (let i = 0; i <= samples; i++) {
    const t = i / samples;
    const u = 1 - t;
    pts.push([
      u * u * u * sx + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * tx,
      u * u * u * sy + 3 * u * u * t * sy + 3 * u * t * t * ty + t * t * t * ty,
    ]);
  }
  return pts;
}

/** Whether segment a→b enters the box (Liang–Barsky clipping). */
function segmentHitsBox([ax, ay]: [number, number], [bx, by]: [number, number], r: Box): boolean {
  const dx = bx - ax;
  const dy = by - ay;
  let t0 = 0;
  let t1 = 1;
  const clip = (p: number, q: number) => {
    if (p === 0) return q >= 0;
    const t = q / p;
    if (p < 0) {
      if (t > t1) return false;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return false;
      if (t < t1) t1 = t;
    }
    return true;
  };
  return clip(-dx, ax - r.x) && clip(dx, r.x + r.width - ax) && clip(-dy, ay - r.y) && clip(dy, r.y + r.height - ay);
}

/** Connections whose drawn curve passes under a component box other than its own two ends. */
export function edgesUnderNodes(
  design: Pick<Design, "components" | "connections">,
): { connection: string; under: string }[] {
  const boxes = componentBoxes(design);
  const nodes = design.components.filter((c) => c.kind !== "cluster");
  const out: { connection: string; under: string }[] = [];
  for (const e of design.connections) {
    const from = boxes.get(e.from);
    const to = boxes.get(e.to);
    if (!from || !to) continue;
    const pts = bezierSegments(from, to);
    for (const n of nodes) {
      if (n.id === e.from || n.id === e.to) continue;
      const b = boxes.get(n.id)!;
      // A curve grazing a corner by a pixel is not "under" the node.
      const inner = { x: b.x + 2, y: b.y + 2, width: b.width - 4, height: b.height - 4 };
      if (pts.some((p, i) => i > 0 && segmentHitsBox(pts[i - 1], p, inner))) {
        out.push({ connection: e.id, under: n.id });
        break;
      }
    }
  }
  return out;
}
