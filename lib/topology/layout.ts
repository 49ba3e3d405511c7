import type { ELK, ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api";
import type { Component, Design } from "./design";
import { edgesUnderNodes, layoutProblems, needsLayout } from "./geometry";
import { CLUSTER_HEADER, nodeBox } from "./node-box";

export interface LayoutResult {
  /** Clusters and free components absolute; children relative to their cluster (React Flow's parentId). */
  positions: Map<string, { x: number; y: number }>;
  /** Cluster sizes that hold their laid-out children. */
  sizes: Map<string, { width: number; height: number }>;
}

type XY = { x: number; y: number };
type Size = { width: number; height: number };
/** A scope's boxes laid out at the origin, and the extent they cover. */
type Placed = { positions: Map<string, XY>; width: number; height: number };

/** Room inside a cluster box around its children: the title band on top, a margin on the other sides. */
export const CLUSTER_PADDING = { top: CLUSTER_HEADER + 24, left: 28, right: 28, bottom: 28 };
/** The schema's and the resize handle's smallest cluster. */
const CLUSTER_MIN: Size = { width: 240, height: 160 };
const CLUSTER_MAX = 20_000;
/** Gap between top-level boxes (clusters, free components). */
const TOP_GAP = 96;
/** Wider than tall, like the screen the design is read on. */
const ASPECT = 1.6;
/** Up to this many top-level boxes are placed by ELK along the connections; more are packed in rows. */
const LAYERED_TOP_LEVEL_MAX = 12;
/** Keeps the document's order where ELK is free to choose (templates read as written); costly on large groups. */
const MODEL_ORDER = { "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES" };
const MODEL_ORDER_MAX = 100;
/** Designs up to this size are laid out as one graph, cross-cluster connections included. */
const HIERARCHICAL_MAX = 100;
/** Designs up to this size get nodes nudged off the curves the canvas draws (each try recounts every edge). */
const CLEARANCE_MAX = 24;
/** Up to this size, each small cluster's interior gets the same nudging (at scale it would cost seconds). */
const GROUP_CLEARANCE_MAX = 300;

/**
 * Left to right (readers → Query → stores → bucket) with orthogonal routing: wide gaps between layers so
 * edges run between columns, not under nodes; disconnected groups are packed towards the screen's aspect.
 */
const LAYERED = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.edgeRouting": "ORTHOGONAL",
  "elk.layered.spacing.nodeNodeBetweenLayers": "96",
  "elk.layered.spacing.edgeNodeBetweenLayers": "32",
  "elk.spacing.nodeNode": "36",
  "elk.spacing.edgeNode": "24",
  "elk.spacing.edgeEdge": "12",
  "elk.spacing.componentComponent": "72",
  "elk.separateConnectedComponents": "true",
  "elk.aspectRatio": String(ASPECT),
  "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
  "elk.padding": "[top=0,left=0,bottom=0,right=0]",
};

/** ELK's typings narrow the result to the input's literal type; the layout reads it as a plain node. */
const run = (engine: ELK, graph: ElkNode): Promise<ElkNode> => engine.layout(graph);

let elkInstance: Promise<ELK> | undefined;
/** ELK is loaded on demand (the editor only needs it for the `L` shortcut); one instance serves every call. */
function elk(): Promise<ELK> {
  elkInstance ??= import("elkjs/lib/elk.bundled.js").then(({ default: Elk }) => new Elk());
  return elkInstance;
}

/**
 * Lays a design out: each cluster's components layered left to right inside it (sized with `nodeBox`, the
 * box the canvas draws), then the clusters and free components placed along their connections when there
 * are few of them, or packed in rows near the screen's aspect when there are many (100 clusters must not
 * make one column). Pure and isomorphic: the server, the CLI and the editor's `L` all call it.
 */
export async function autoLayout(design: Pick<Design, "components" | "connections">): Promise<LayoutResult> {
  const engine = await elk();
  const clusters = design.components.filter((c) => c.kind === "cluster");
  const clusterIds = new Set(clusters.map((c) => c.id));
  const scopeOf = (c: Component) => (c.kind !== "cluster" && c.cluster && clusterIds.has(c.cluster) ? c.cluster : "");
  const byId = new Map(design.components.map((c) => [c.id, c]));
  const members = new Map<string, Component[]>(clusters.map((c) => [c.id, []]));
  for (const c of design.components) if (scopeOf(c)) members.get(scopeOf(c))!.push(c);

  const top = design.components.filter((c) => !scopeOf(c));
  if (top.length <= LAYERED_TOP_LEVEL_MAX && design.components.length <= HIERARCHICAL_MAX) {
    const whole = await layoutHierarchy(engine, design, clusters, members);
    if (whole) return design.components.length <= CLEARANCE_MAX ? clearEdges(design, whole) : whole;
  }

  const positions = new Map<string, XY>();
  const sizes = new Map<string, Size>();
  for (const cluster of clusters) {
    const inside = members.get(cluster.id)!;
    const ids = new Set(inside.map((c) => c.id));
    const edges = design.connections.filter((e) => ids.has(e.from) && ids.has(e.to));
    const laid = await layoutGroup(engine, inside, edges);
    const clear = inside.length <= CLEARANCE_MAX && design.components.length <= GROUP_CLEARANCE_MAX;
    const placed = clear ? clearGroup(inside, edges, laid) : laid;
    for (const [id, p] of placed.positions)
      positions.set(id, { x: p.x + CLUSTER_PADDING.left, y: p.y + CLUSTER_PADDING.top });
    sizes.set(cluster.id, {
      width: clamp(placed.width + CLUSTER_PADDING.left + CLUSTER_PADDING.right, CLUSTER_MIN.width),
      height: clamp(placed.height + CLUSTER_PADDING.top + CLUSTER_PADDING.bottom, CLUSTER_MIN.height),
    });
  }

  // The top level: clusters as the boxes just sized, free components as node boxes, connections lifted
  // to the boxes their ends sit in.
  const topSize = (c: Component): Size => sizes.get(c.id) ?? nodeBox(c);
  const lift = (id: string) => {
    const c = byId.get(id);
    return c ? scopeOf(c) || c.id : undefined;
  };
  const links = new Map<string, { from: string; to: string }>();
  for (const e of design.connections) {
    const from = lift(e.from);
    const to = lift(e.to);
    if (from && to && from !== to) links.set(`${from}\u0000${to}`, { from, to });
  }
  const placed = await placeTopLevel(engine, top, topSize, [...links.values()]);
  for (const [id, p] of placed) positions.set(id, p);
  return { positions, sizes };
}

/**
 * A small design laid out as one graph (clusters as compound nodes), so a connection that leaves a cluster
 * pulls its end towards that side: the Compactor sits next to the bucket it uploads to. Undefined when
 * the result is too tall or too wide to read on a screen.
 */
async function layoutHierarchy(
  engine: ELK,
  design: Pick<Design, "components" | "connections">,
  clusters: Component[],
  members: Map<string, Component[]>,
): Promise<LayoutResult | undefined> {
  const clusterIds = new Set(clusters.map((c) => c.id));
  const children: ElkNode[] = clusters.map((c) => ({
    id: c.id,
    layoutOptions: {
      "elk.padding": `[top=${CLUSTER_PADDING.top},left=${CLUSTER_PADDING.left},bottom=${CLUSTER_PADDING.bottom},right=${CLUSTER_PADDING.right}]`,
      "elk.nodeSize.constraints": "MINIMUM_SIZE",
      "elk.nodeSize.minimum": `(${CLUSTER_MIN.width},${CLUSTER_MIN.height})`,
    },
    children: members.get(c.id)!.map((x) => ({ id: x.id, ...nodeBox(x) })),
  }));
  for (const c of design.components)
    if (c.kind !== "cluster" && !(c.cluster && clusterIds.has(c.cluster))) children.push({ id: c.id, ...nodeBox(c) });
  const graph = await run(engine, {
    id: "root",
    layoutOptions: {
      ...LAYERED,
      ...MODEL_ORDER,
      "elk.hierarchyHandling": "INCLUDE_CHILDREN",
      "elk.spacing.componentComponent": String(TOP_GAP),
    },
    children,
    edges: design.connections.map((e): ElkExtendedEdge => ({ id: e.id, sources: [e.from], targets: [e.to] })),
  });
  const aspect = (graph.width ?? 1) / Math.max(1, graph.height ?? 1);
  if (aspect < 1 / 3 || aspect > 5) return undefined;
  const positions = new Map<string, XY>();
  const sizes = new Map<string, Size>();
  for (const n of graph.children ?? []) {
    positions.set(n.id, { x: n.x ?? 0, y: n.y ?? 0 });
    if (!clusterIds.has(n.id)) continue;
    sizes.set(n.id, {
      width: clamp(n.width ?? 0, CLUSTER_MIN.width),
      height: clamp(n.height ?? 0, CLUSTER_MIN.height),
    });
    for (const ch of n.children ?? []) positions.set(ch.id, { x: ch.x ?? 0, y: ch.y ?? 0 });
  }
  return { positions, sizes };
}

/** The boxes of one scope laid out by ELK layered, at the origin; a single huge layer is wrapped into columns. */
async function layoutGroup(
  engine: ELK,
  nodes: Component[],
  edges: readonly { id: string; from: string; to: string }[],
): Promise<Placed> {
  if (nodes.length === 0) return { positions: new Map(), width: 0, height: 0 };
  const graph = await run(engine, {
    id: "group",
    layoutOptions: nodes.length <= MODEL_ORDER_MAX ? { ...LAYERED, ...MODEL_ORDER } : LAYERED,
    children: nodes.map((c) => ({ id: c.id, ...nodeBox(c) })),
    edges: edges.map((e): ElkExtendedEdge => ({ id: e.id, sources: [e.from], targets: [e.to] })),
  });
  const positions = new Map((graph.children ?? []).map((n: ElkNode) => [n.id, { x: n.x ?? 0, y: n.y ?? 0 }]));
  const width = graph.width ?? 0;
  const height = graph.height ?? 0;
  // A star (one Query over 999 Prometheus) is one layer ELK cannot wrap: fold it into columns instead.
  if (height > CLUSTER_MAX - 400 || height > width * 4) return foldIntoColumns(nodes, positions);
  return { positions, width, height };
}

/** The nodes in ELK's reading order (layer, then position in it), filled into columns near the screen's aspect. */
function foldIntoColumns(
  nodes: Component[],
  elkPositions: Map<string, XY>,
): { positions: Map<string, XY>; width: number; height: number } {
  const order = [...nodes].sort((a, b) => {
    const pa = elkPositions.get(a.id)!;
    const pb = elkPositions.get(b.id)!;
    return pa.x - pb.x || pa.y - pb.y;
  });
  const cell = { width: Math.max(...nodes.map((c) => nodeBox(c).width)) + 96, height: nodeBox(nodes[0]).height + 36 };
  const rows = Math.max(1, Math.round(Math.sqrt((nodes.length * cell.width) / (ASPECT * cell.height))));
  const positions = new Map<string, XY>();
  let x = 0;
  for (let start = 0; start < order.length; start += rows) {
    const column = order.slice(start, start + rows);
    column.forEach((c, i) => positions.set(c.id, { x, y: i * cell.height }));
    x += Math.max(...column.map((c) => nodeBox(c).width)) + 96;
  }
  return { positions, width: x - 96, height: Math.min(rows, order.length) * cell.height - 36 };
}

/** Few top-level boxes follow their connections (ELK layered); many, or a shape too tall or wide, go in rows. */
async function placeTopLevel(
  engine: ELK,
  top: Component[],
  size: (c: Component) => Size,
  links: { from: string; to: string }[],
): Promise<Map<string, XY>> {
  if (top.length <= LAYERED_TOP_LEVEL_MAX) {
    const graph = await run(engine, {
      id: "top",
      layoutOptions: {
        ...LAYERED,
        "elk.layered.spacing.nodeNodeBetweenLayers": String(TOP_GAP + 24),
        "elk.spacing.nodeNode": String(TOP_GAP),
        "elk.spacing.componentComponent": String(TOP_GAP),
      },
      children: top.map((c) => ({ id: c.id, ...size(c) })),
      edges: links.map((l, i): ElkExtendedEdge => ({ id: `l${i}`, sources: [l.from], targets: [l.to] })),
    });
    const aspect = (graph.width ?? 1) / Math.max(1, graph.height ?? 1);
    if (aspect >= 1 / 3 && aspect <= 5)
      return new Map((graph.children ?? []).map((n: ElkNode) => [n.id, { x: n.x ?? 0, y: n.y ?? 0 }]));
  }
  return packRows(orderByNeighbours(top, links), size);
}

/** Free components go right after the first cluster they connect to, so a cluster's bucket sits beside it. */
function orderByNeighbours(top: Component[], links: { from: string; to: string }[]): Component[] {
  const free = new Set(top.filter((c) => c.kind !== "cluster").map((c) => c.id));
  const byId = new Map(top.map((c) => [c.id, c]));
  const placed = new Set<string>();
  const out: Component[] = [];
  const add = (c: Component) => {
    if (placed.has(c.id)) return;
    placed.add(c.id);
    out.push(c);
  };
  for (const c of top) {
    if (free.has(c.id)) continue;
    add(c);
    for (const l of links) {
      const other = l.from === c.id ? l.to : l.to === c.id ? l.from : undefined;
      if (other && free.has(other)) add(byId.get(other)!);
    }
  }
  for (const c of top) add(c);
  return out;
}

/** Shelf packing: rows as wide as a screen-shaped bounding box of the total area, each row as tall as its tallest box. */
function packRows(boxes: Component[], size: (c: Component) => Size): Map<string, XY> {
  const sized = boxes.map((c) => ({ id: c.id, ...size(c) }));
  const area = sized.reduce((sum, b) => sum + (b.width + TOP_GAP) * (b.height + TOP_GAP), 0);
  const rowWidth = Math.max(Math.max(0, ...sized.map((b) => b.width)), Math.sqrt(area * ASPECT));
  const out = new Map<string, XY>();
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const b of sized) {
    if (x > 0 && x + b.width > rowWidth) {
      x = 0;
      y += rowHeight + TOP_GAP;
      rowHeight = 0;
    }
    out.set(b.id, { x, y });
    x += b.width + TOP_GAP;
    rowHeight = Math.max(rowHeight, b.height);
  }
  return out;
}

/**
 * The canvas draws a connection as a curve from its source's right side to its target's left side, not along
 * ELK's orthogonal route, so a node ELK placed in a later layer can sit on that curve. Nudge such nodes up or
 * down their column (growing their cluster when needed) while that lowers the count and keeps every box apart.
 */
function clearEdges(
  design: Pick<Design, "components" | "connections">,
  result: LayoutResult,
  { passes = 8, step = 12 } = {},
): LayoutResult {
  let best = applyLayout(design, result);
  let count = edgesUnderNodes(best).length;
  for (let pass = 0; pass < passes && count > 0; pass++) {
    const before = count;
    const ends = new Map(design.connections.map((e) => [e.id, [e.from, e.to]]));
    const movable = new Set(edgesUnderNodes(best).flatMap((h) => [h.under, ...ends.get(h.connection)!]));
    // One move per pass: the one that clears most, and of those the shortest, so the layout stays recognisable.
    let move: { design: typeof best; n: number; distance: number } | undefined;
    for (const id of movable) {
      for (let dy = -NUDGE_RANGE; dy <= NUDGE_RANGE; dy += step) {
        const trial = dy === 0 ? undefined : nudged(best, id, dy);
        if (!trial || layoutProblems(trial, 1).length) continue;
        const n = edgesUnderNodes(trial).length;
        if (n < (move?.n ?? before) || (n === move?.n && Math.abs(dy) < move.distance))
          move = { design: trial, n, distance: Math.abs(dy) };
      }
    }
    if (!move) break;
    [best, count] = [move.design, move.n];
  }
  const positions = new Map(best.components.map((c) => [c.id, c.position]));
  const sizes = new Map(
    best.components
      .filter((c) => c.kind === "cluster")
      .map((c) => [c.id, c.settings as { width: number; height: number }]),
  );
  return { positions, sizes };
}

/** clearEdges for one cluster's interior laid out on its own (at the origin, as layoutGroup returns it). */
function clearGroup(nodes: Component[], edges: Design["connections"], placed: Placed): Placed {
  const loose = nodes.map((c) => ({ ...c, cluster: undefined }) as Component);
  // Many clusters each get this, so it tries coarser steps than the whole-design pass.
  const { positions } = clearEdges(
    { components: loose, connections: edges },
    { positions: placed.positions, sizes: new Map() },
    { passes: 3, step: 24 },
  );
  const minY = Math.min(...[...positions.values()].map((p) => p.y));
  const out = new Map([...positions].map(([id, p]) => [id, { x: p.x, y: p.y - minY }]));
  const height = Math.max(...nodes.map((c) => out.get(c.id)!.y + nodeBox(c).height));
  return { positions: out, width: placed.width, height };
}

const NUDGE_RANGE = 320;

/** The design with one component moved `dy` down its column; its cluster grows to keep it inside. */
function nudged<D extends Pick<Design, "components">>(design: D, id: string, dy: number): D | undefined {
  const c = design.components.find((x) => x.id === id)!;
  const y = c.position.y + dy;
  if (c.cluster && y < CLUSTER_HEADER + 12) return undefined;
  const bottom = y + nodeBox(c).height + CLUSTER_PADDING.bottom;
  return {
    ...design,
    components: design.components.map((x): Component => {
      if (x.id === id) return { ...x, position: { x: x.position.x, y } };
      const s = x.settings as { height?: number };
      if (x.id === c.cluster && (s.height ?? 0) < bottom)
        return { ...x, settings: { ...x.settings, height: bottom } } as Component;
      return x;
    }),
  };
}

const clamp = (v: number, min: number) => Math.min(CLUSTER_MAX, Math.max(min, Math.ceil(v)));

/** A layout applied to a design: rounded positions (children relative to their cluster) and cluster sizes. */
export function applyLayout<D extends Pick<Design, "components">>(design: D, { positions, sizes }: LayoutResult): D {
  const components = design.components.map((c): Component => {
    const p = positions.get(c.id);
    const size = sizes.get(c.id);
    let next = { ...c, position: p ? { x: Math.round(p.x), y: Math.round(p.y) } : c.position } as Component;
    if (size && next.kind === "cluster")
      next = {
        ...next,
        settings: { ...next.settings, width: Math.round(size.width), height: Math.round(size.height) },
      };
    return next;
  });
  return { ...design, components };
}

/** The design laid out from scratch. */
export async function layoutDesign<D extends Pick<Design, "components" | "connections">>(design: D): Promise<D> {
  return applyLayout(design, await autoLayout(design));
}

/**
 * What the server stores for a new design (template, API, CLI, import, duplicate): laid out when it has no
 * positions, overlapping boxes or children outside their cluster; otherwise exactly as it came.
 */
export async function layoutIfNeeded<D extends Pick<Design, "components" | "connections">>(design: D): Promise<D> {
  return needsLayout(design) ? layoutDesign(design) : design;
}
