import type { Component, Connection, Design } from "./design";
import { BoxIndex, drawnPath, handlePoint, type XY } from "./drawn-edges";
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

/** Connections whose drawn line (see drawn-edges.ts) passes under a component box other than its own two ends. */
export function edgesUnderNodes(
  design: Pick<Design, "components" | "connections">,
): { connection: string; under: string }[] {
  const boxes = componentBoxes(design);
  const byId = new Map(design.components.map((c) => [c.id, c]));
  const index = new BoxIndex(
    new Map(design.components.filter((c) => c.kind !== "cluster").map((c) => [c.id, boxes.get(c.id)!])),
  );
  const out: { connection: string; under: string }[] = [];
  for (const e of design.connections) {
    const path = connectionPath(e, byId, boxes);
    const under = path && index.firstUnder(path, [e.from, e.to]);
    if (under) out.push({ connection: e.id, under });
  }
  return out;
}

/** The corners of a connection's drawn line, from the boxes its ends occupy. */
export function connectionPath(
  e: Pick<Connection, "kind" | "from" | "to">,
  byId: ReadonlyMap<string, Component>,
  boxes: ReadonlyMap<string, Box>,
): XY[] | undefined {
  const [from, to] = [byId.get(e.from), byId.get(e.to)];
  const [fromBox, toBox] = [boxes.get(e.from), boxes.get(e.to)];
  if (!from || !to || !fromBox || !toBox) return undefined;
  return drawnPath(handlePoint(fromBox, from.kind, e.kind, "source"), handlePoint(toBox, to.kind, e.kind, "target"));
}
