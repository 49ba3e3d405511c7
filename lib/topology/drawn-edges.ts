// The line the canvas draws for a connection, as geometry the layout can test: it leaves the source's
// handle for that connection kind on the right side, enters the target's on the left, and runs as React
// Flow's smoothstep path between them (components/canvas/edges.tsx and lod/edge-layer.tsx draw exactly
// this; lod/handles.ts places the handles). ELK's own routes are never drawn.
import { acceptsConnections, startsConnections, type ComponentKind, type ConnectionKind } from "./catalog";
import type { Box } from "./geometry";

export type XY = { x: number; y: number };

/** Visual size of a handle; it straddles its node's side by half of it (components/canvas/lod/handles.ts). */
export const HANDLE_SIZE = 12;
const HANDLE_HALF = HANDLE_SIZE / 2;
/** The smoothstep's straight run out of the source and into the target before its first bend. */
const STEP_OFFSET = 24;

/** Height fraction of the i-th of n handles on a side; the canvas places its handles with it. */
export const handleFraction = (i: number, n: number) => (i + 1) / (n + 1);

/**
 * The y offset (from the box top) of a component kind's handle for a connection kind: sources on the right,
 * targets on the left, one handle per kind in catalog order. Undefined when the kind has no such handle.
 */
export function handleOffsetY(
  kind: ComponentKind,
  connection: ConnectionKind,
  type: "source" | "target",
  height: number,
): number | undefined {
  const kinds = type === "source" ? startsConnections(kind) : acceptsConnections(kind);
  const i = kinds.indexOf(connection);
  return i < 0 ? undefined : Math.round(handleFraction(i, kinds.length) * height);
}

/** The point a connection leaves from (source) or arrives at (target) on a box; the middle of the side without a handle. */
export function handlePoint(box: Box, kind: ComponentKind, connection: ConnectionKind, type: "source" | "target"): XY {
  const dy = handleOffsetY(kind, connection, type, box.height) ?? box.height / 2;
  return { x: type === "source" ? box.x + box.width + HANDLE_HALF : box.x - HANDLE_HALF, y: box.y + dy };
}

/**
 * The corners of React Flow's smoothstep path from a right-side source to a left-side target (its rounded
 * bends are within 10 px of these). Forward, it steps once, halfway; backward, it loops out, runs back
 * along the vertical middle, and in.
 */
export function drawnPath(s: XY, t: XY): XY[] {
  if (s.x + STEP_OFFSET < t.x - STEP_OFFSET) {
    if (s.y === t.y) return [s, t];
    const cx = (s.x + t.x) / 2;
    return [s, { x: cx, y: s.y }, { x: cx, y: t.y }, t];
  }
  const cy = (s.y + t.y) / 2;
  const out = s.x + STEP_OFFSET;
  const back = t.x - STEP_OFFSET;
  return [s, { x: out, y: s.y }, { x: out, y: cy }, { x: back, y: cy }, { x: back, y: t.y }, t];
}

/** Whether an axis-aligned segment passes through a box's inside (a box shrunk by `inset` on every side). */
export function segmentCrossesBox(a: XY, b: XY, box: Box, inset = 2): boolean {
  const left = box.x + inset;
  const right = box.x + box.width - inset;
  const top = box.y + inset;
  const bottom = box.y + box.height - inset;
  if (a.y === b.y) return a.y > top && a.y < bottom && Math.max(a.x, b.x) > left && Math.min(a.x, b.x) < right;
  if (a.x === b.x) return a.x > left && a.x < right && Math.max(a.y, b.y) > top && Math.min(a.y, b.y) < bottom;
  throw new Error("drawn edges are axis-aligned");
}

/** Whether a drawn path passes under a box. */
export function pathCrossesBox(path: readonly XY[], box: Box): boolean {
  for (let i = 1; i < path.length; i++) if (segmentCrossesBox(path[i - 1], path[i], box)) return true;
  return false;
}

const CELL = 256;

/**
 * Node boxes bucketed into a coarse grid, so testing a path visits only the cells it runs through
 * (2,000 nodes and 4,000 connections must not cost 8 million box tests).
 */
export class BoxIndex {
  private readonly cells = new Map<number, string[]>();
  constructor(private readonly boxes: ReadonlyMap<string, Box>) {
    for (const [id, b] of boxes)
      for (let cx = cell(b.x); cx <= cell(b.x + b.width); cx++)
        for (let cy = cell(b.y); cy <= cell(b.y + b.height); cy++) {
          const key = cellKey(cx, cy);
          const list = this.cells.get(key);
          if (list) list.push(id);
          else this.cells.set(key, [id]);
        }
  }

  /** The first box (other than `skip`) the path passes under, if any. */
  firstUnder(path: readonly XY[], skip: readonly string[]): string | undefined {
    for (let i = 1; i < path.length; i++) {
      const [a, b] = [path[i - 1], path[i]];
      for (let cx = cell(Math.min(a.x, b.x)); cx <= cell(Math.max(a.x, b.x)); cx++)
        for (let cy = cell(Math.min(a.y, b.y)); cy <= cell(Math.max(a.y, b.y)); cy++)
          for (const id of this.cells.get(cellKey(cx, cy)) ?? []) {
            if (!skip.includes(id) && segmentCrossesBox(a, b, this.boxes.get(id)!)) return id;
          }
    }
    return undefined;
  }
}

const cell = (v: number) => Math.floor(v / CELL);
// Cells are packed into one number: designs stay within ±2^20 cells of the origin.
const cellKey = (cx: number, cy: number) => cx * 2 ** 21 + cy;
