// What the far level of a large design draws on its one <canvas>: the top-level boxes (clusters with
// their counts and worst finding, components outside clusters) and the connections between them,
// aggregated per pair of boxes and kind. Pure: the drawing (far-layer.tsx) and the tests share it.
import type { ComponentKind, ConnectionKind } from "@/lib/topology/catalog";
import type { Component, Design } from "@/lib/topology/design";
import { nodeSize } from "../placement";
import { connectionPath } from "./edge-layer";
import { aggregateEdges, type ClusterSummary } from "./level-of-detail";

export interface FarBox {
  id: string;
  name: string;
  kind: ComponentKind;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Clusters only: what the box says about its hidden children. */
  summary?: ClusterSummary;
}

export interface FarLink {
  kind: ConnectionKind;
  count: number;
  /** SVG path data in flow coordinates: the same orthogonal route the edges draw (no arrowhead: at far
   * zoom it would be under a pixel). */
  line: string;
}

export interface FarScene {
  boxes: FarBox[];
  links: FarLink[];
}

/** The boxes and links of the far level: every cluster's children are folded into their cluster. */
export function farScene(design: Design, summaries: ReadonlyMap<string, ClusterSummary>): FarScene {
  const byId = new Map(design.components.map((c) => [c.id, c]));
  const isCluster = (id: string | undefined) => !!id && byId.get(id)?.kind === "cluster";
  const boxes: FarBox[] = [];
  const boxOf = new Map<string, FarBox>();
  for (const c of design.components) {
    if (c.cluster && isCluster(c.cluster)) continue;
    const box: FarBox = { id: c.id, name: c.name, kind: c.kind, ...c.position, ...nodeSize(c) };
    const summary = summaries.get(c.id);
    if (summary) box.summary = summary;
    boxes.push(box);
    boxOf.set(c.id, box);
  }
  const hiddenIn = (c: Component) => (c.cluster && isCluster(c.cluster) ? c.cluster : undefined);
  const links: FarLink[] = [];
  for (const a of aggregateEdges(design.connections, byId, hiddenIn, "")) {
    const from = boxOf.get(a.from);
    const to = boxOf.get(a.to);
    if (!from || !to) continue;
    links.push({ kind: a.kind, count: a.count, line: linkPath(from, to) });
  }
  // Connections between two top-level components (neither in a cluster) are not aggregated above.
  for (const e of design.connections) {
    const from = boxOf.get(e.from);
    const to = boxOf.get(e.to);
    if (!from || !to || from.summary || to.summary) continue;
    links.push({ kind: e.kind, count: 1, line: linkPath(from, to) });
  }
  return { boxes, links };
}

/** From the middle of one box's right side to the middle of the other's left side. */
const linkPath = (from: FarBox, to: FarBox) =>
  connectionPath({ x: from.x + from.width, y: from.y + from.height / 2 }, { x: to.x, y: to.y + to.height / 2 }).line;

/** The top-level box under a point in flow coordinates (the last drawn wins, as on screen). */
export function boxAt(scene: FarScene, x: number, y: number): FarBox | undefined {
  for (let i = scene.boxes.length - 1; i >= 0; i--) {
    const b = scene.boxes[i];
    if (x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height) return b;
  }
  return undefined;
}
