import { KINDS, withKindDefaults, type ComponentKind } from "@/lib/topology/catalog";
import type { Component, Design } from "@/lib/topology/design";
import { CLUSTER_HEADER, NODE_HEIGHT, NODE_MIN_WIDTH, nodeBox } from "@/lib/topology/node-box";

type XY = { x: number; y: number };

export function clusterSize(c: Component): { width: number; height: number } {
  // Settings mid-edit may lack a field; the schema's default is what the document will hold.
  const s = withKindDefaults("cluster", c.settings) as { width: number; height: number };
  return { width: s.width, height: s.height };
}

/** A collapsed cluster: a compact box with its name and component count, wherever the full box was. */
export const COLLAPSED_CLUSTER = { width: 280, height: 96 };

export function nodeSize(c: Component) {
  return c.kind === "cluster" ? clusterSize(c) : nodeBox(c);
}

/** Absolute (flow) position: clusters are top level, children are relative to their cluster. */
export function absolutePosition(c: Component, byId: Map<string, Component>): XY {
  const parent = c.cluster ? byId.get(c.cluster) : undefined;
  return parent ? { x: parent.position.x + c.position.x, y: parent.position.y + c.position.y } : c.position;
}

/** The cluster whose body contains a flow point; the last drawn (top-most) wins. */
export function clusterAt(design: Design, p: XY, except?: string): Component | undefined {
  let hit: Component | undefined;
  for (const c of design.components) {
    if (c.kind !== "cluster" || c.id === except) continue;
    const { width, height } = clusterSize(c);
    if (p.x >= c.position.x && p.x <= c.position.x + width && p.y >= c.position.y && p.y <= c.position.y + height)
      hit = c;
  }
  return hit;
}

/** Keep a child (of `box` size, the narrowest node by default) inside its cluster's body, below the header. */
export function clampIntoCluster(pos: XY, cluster: Component, box = { width: NODE_MIN_WIDTH }): XY {
  const { width, height } = clusterSize(cluster);
  return {
    x: Math.min(Math.max(pos.x, 12), Math.max(12, width - box.width - 12)),
    y: Math.min(Math.max(pos.y, CLUSTER_HEADER + 8), Math.max(CLUSTER_HEADER + 8, height - NODE_HEIGHT - 12)),
  };
}

/** A free slot inside a cluster for a component added without a drop point (palette click / keyboard). */
export function freeSlotIn(design: Design, cluster: Component): XY {
  const { width } = clusterSize(cluster);
  const taken = design.components
    .filter((c) => c.cluster === cluster.id)
    .map((c) => ({ ...c.position, ...nodeBox(c) }));
  const cols = Math.max(1, Math.floor((width - 24) / (NODE_MIN_WIDTH + 24)));
  for (let i = 0; i < 400; i++) {
    const p = {
      x: 24 + (i % cols) * (NODE_MIN_WIDTH + 24),
      y: CLUSTER_HEADER + 16 + Math.floor(i / cols) * (NODE_HEIGHT + 28),
    };
    const clear = taken.every(
      (t) =>
        p.x + NODE_MIN_WIDTH + 8 <= t.x ||
        t.x + t.width + 8 <= p.x ||
        p.y + NODE_HEIGHT + 8 <= t.y ||
        t.y + t.height + 8 <= p.y,
    );
    if (clear) return p;
  }
  return { x: 24, y: CLUSTER_HEADER + 16 };
}

export type Placement = { ok: true; position: XY; cluster?: string } | { ok: false; reason: string };

/** Where a component dropped at flow point `p` goes, or why it cannot go there. */
export function placeAt(design: Design, kind: ComponentKind, p: XY): Placement {
  if (kind === "cluster") return { ok: true, position: { x: p.x - 40, y: p.y - CLUSTER_HEADER / 2 } };
  const cluster = clusterAt(design, p);
  const topLeft = { x: p.x - NODE_MIN_WIDTH / 2, y: p.y - NODE_HEIGHT / 2 };
  if (cluster)
    return {
      ok: true,
      cluster: cluster.id,
      position: clampIntoCluster({ x: topLeft.x - cluster.position.x, y: topLeft.y - cluster.position.y }, cluster),
    };
  if (KINDS[kind].needsCluster)
    return { ok: false, reason: `${KINDS[kind].label} runs in a Kubernetes cluster: drop it onto a cluster.` };
  return { ok: true, position: topLeft };
}

/** Placement for a palette click: into the selected (or only / first) cluster, or free space for top-level kinds. */
export function placeByKeyboard(
  design: Design,
  kind: ComponentKind,
  selected: ReadonlySet<string>,
  viewCenter: XY,
): Placement {
  if (kind === "cluster") {
    const right = design.components
      .filter((c) => c.kind === "cluster")
      .reduce((m, c) => Math.max(m, c.position.x + clusterSize(c).width), -Infinity);
    return {
      ok: true,
      position: Number.isFinite(right) ? { x: right + 80, y: 0 } : { x: viewCenter.x - 380, y: viewCenter.y - 240 },
    };
  }
  const byId = new Map(design.components.map((c) => [c.id, c]));
  let cluster: Component | undefined;
  for (const id of selected) {
    const c = byId.get(id);
    if (c?.kind === "cluster") cluster = c;
    else if (c?.cluster) cluster = byId.get(c.cluster);
    if (cluster) break;
  }
  cluster ??= clusterAt(design, viewCenter) ?? design.components.find((c) => c.kind === "cluster");
  if (!KINDS[kind].needsCluster && !selected.size)
    return { ok: true, position: { x: viewCenter.x - NODE_MIN_WIDTH / 2, y: viewCenter.y - NODE_HEIGHT / 2 } };
  if (!cluster)
    return KINDS[kind].needsCluster
      ? { ok: false, reason: `Add a cluster first: ${KINDS[kind].label} runs inside one.` }
      : { ok: true, position: viewCenter };
  return { ok: true, cluster: cluster.id, position: freeSlotIn(design, cluster) };
}
