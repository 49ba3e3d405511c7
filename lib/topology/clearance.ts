// After ELK, nodes are nudged up or down their column until the connections, as the canvas draws them
// (drawn-edges.ts, not ELK's routes), no longer pass under other nodes. Each try recounts only what the
// move can change, so a thousand small clusters each get this in well under a second in all.
import type { Component, Design } from "./design";
import { drawnPath, pathCrossesBox, handlePoint, type XY } from "./drawn-edges";
import { boxesOverlap, clusterBox, type Box } from "./geometry";
import { nodeBox } from "./node-box";

/** Where a layout puts things (layout.ts returns it; nudging here takes one and gives one back). */
export interface LayoutResult {
  /** Clusters and free components absolute; children relative to their cluster (React Flow's parentId). */
  positions: Map<string, XY>;
  /** Cluster sizes that hold their laid-out children. */
  sizes: Map<string, { width: number; height: number }>;
}

export interface ClearanceOptions {
  passes: number;
  /** Tried offsets: every `step` px up to `range` px up and down. */
  step: number;
  range: number;
  /** The highest a child may sit in its cluster (below the title band), and the room kept under it. */
  childTop: number;
  childBottom: number;
}

interface Item {
  c: Component;
  box: Box;
  /** Index of the cluster it sits in. */
  parent?: number;
}

interface Edge {
  from: number;
  to: number;
  /** Handle points relative to the end boxes' corners. */
  out: XY;
  in: XY;
}

/**
 * Moves one node at a time, the move that clears the most connections and of those the shortest, so the
 * layout stays recognisable; a child's cluster grows when the child moves past its bottom.
 */
export function clearEdges(
  design: Pick<Design, "components" | "connections">,
  laid: LayoutResult,
  options: ClearanceOptions,
): LayoutResult {
  const index = new Map(design.components.map((c, i) => [c.id, i]));
  const items: Item[] = design.components.map((c) => {
    const p = laid.positions.get(c.id) ?? c.position;
    const size = c.kind === "cluster" ? (laid.sizes.get(c.id) ?? clusterBox(c)) : nodeBox(c);
    const parent = c.kind !== "cluster" && c.cluster ? index.get(c.cluster) : undefined;
    return { c, box: { x: Math.round(p.x), y: Math.round(p.y), ...size }, parent };
  });
  for (const it of items)
    if (it.parent !== undefined)
      it.box = { ...it.box, x: it.box.x + items[it.parent].box.x, y: it.box.y + items[it.parent].box.y };
  const nodes = items.flatMap((it, i) => (it.c.kind === "cluster" ? [] : [i]));
  const edges: Edge[] = design.connections.flatMap((e) => {
    const [from, to] = [index.get(e.from), index.get(e.to)];
    if (from === undefined || to === undefined || from === to) return [];
    const at = (i: number, type: "source" | "target") =>
      handlePoint({ ...items[i].box, x: 0, y: 0 }, items[i].c.kind, e.kind, type);
    return [{ from, to, out: at(from, "source"), in: at(to, "target") }];
  });
  const incident = items.map(() => [] as number[]);
  edges.forEach((e, k) => (incident[e.from].push(k), incident[e.to].push(k)));
  const pathOf = (e: Edge, moved = -1, box?: Box) => {
    const a = e.from === moved ? box! : items[e.from].box;
    const b = e.to === moved ? box! : items[e.to].box;
    return drawnPath({ x: a.x + e.out.x, y: a.y + e.out.y }, { x: b.x + e.in.x, y: b.y + e.in.y });
  };
  const blockersOf = (e: Edge, moved = -1, box?: Box) => {
    const path = pathOf(e, moved, box);
    return nodes.filter((n) => n !== e.from && n !== e.to && pathCrossesBox(path, n === moved ? box! : items[n].box));
  };
  const siblings = (i: number) => items.flatMap((it, j) => (j !== i && it.parent === items[i].parent ? [j] : []));

  for (let pass = 0; pass < options.passes; pass++) {
    const blockers = edges.map((e) => blockersOf(e));
    const count = blockers.filter((b) => b.length).length;
    if (count === 0) break;
    const movable = new Set(blockers.flatMap((b, k) => (b.length ? [...b, edges[k].from, edges[k].to] : [])));
    let move: { i: number; box: Box; grow?: number; n: number; distance: number } | undefined;
    for (const i of movable) {
      const it = items[i];
      const parent = it.parent === undefined ? undefined : items[it.parent];
      const near = siblings(i);
      for (let dy = -options.range; dy <= options.range; dy += options.step) {
        if (dy === 0) continue;
        const box = { ...it.box, y: it.box.y + dy };
        let grow: number | undefined;
        if (parent) {
          if (box.y < parent.box.y + options.childTop) continue;
          const bottom = box.y + box.height + options.childBottom - parent.box.y;
          if (bottom > parent.box.height) {
            grow = bottom;
            const grown = { ...parent.box, height: bottom };
            const outer = siblings(it.parent!);
            if (outer.some((j) => boxesOverlap(grown, items[j].box))) continue;
          }
        }
        if (near.some((j) => boxesOverlap(box, items[j].box))) continue;
        let n = 0;
        for (let k = 0; k < edges.length; k++) {
          const e = edges[k];
          if (e.from === i || e.to === i) n += blockersOf(e, i, box).length ? 1 : 0;
          else if (blockers[k].some((b) => b !== i) || pathCrossesBox(pathOf(e), box)) n++;
        }
        if (n < (move?.n ?? count) || (n === move?.n && Math.abs(dy) < move.distance))
          move = { i, box, grow, n, distance: Math.abs(dy) };
      }
    }
    if (!move) break;
    items[move.i].box = move.box;
    const parent = items[move.i].parent;
    if (move.grow !== undefined && parent !== undefined)
      items[parent].box = { ...items[parent].box, height: move.grow };
  }

  const positions = new Map<string, XY>();
  const sizes = new Map<string, { width: number; height: number }>();
  for (const it of items) {
    const p = it.parent === undefined ? undefined : items[it.parent].box;
    positions.set(it.c.id, { x: it.box.x - (p?.x ?? 0), y: it.box.y - (p?.y ?? 0) });
    if (it.c.kind === "cluster") sizes.set(it.c.id, { width: it.box.width, height: it.box.height });
  }
  return { positions, sizes };
}
