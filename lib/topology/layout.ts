import type { ELK, ElkExtendedEdge, ElkNode, ElkPort } from "elkjs/lib/elk-api";
import type { ConnectionKind } from "./catalog";
import type { Component, Connection, Design } from "./design";
import { acceptsConnections, startsConnections } from "./catalog";
import { BoxIndex, drawnPath, handleOffsetY, handlePoint, pathCrossesBox } from "./drawn-edges";
import { clearEdges, type LayoutResult } from "./clearance";
import { boxesOverlap, componentBoxes, edgesUnderNodes, needsLayout, type Box } from "./geometry";
import { CLUSTER_HEADER, nodeBox } from "./node-box";

export type { LayoutResult };

type XY = { x: number; y: number };
type Size = { width: number; height: number };
/** A scope's boxes laid out at the origin, and the extent they cover. */
type Placed = { positions: Map<string, XY>; width: number; height: number };

/** Room inside a cluster box around its children: the title band on top, a margin on the other sides. */
export const CLUSTER_PADDING = { top: CLUSTER_HEADER + 24, left: 28, right: 28, bottom: 28 };
/** The schema's and the resize handle's smallest cluster. */
const CLUSTER_MIN: Size = { width: 240, height: 160 };
const CLUSTER_MAX = 20_000;
/** Between two columns of nodes inside a cluster (see LAYERED). */
const LAYER_GAP = 128;
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
/** Designs up to this size get nodes nudged off the lines the canvas draws, as a whole. */
const CLEARANCE_MAX = 60;
/** A cluster's unit (interior and home components), or one connected group in it, up to this size is nudged. */
const UNIT_CLEARANCE_MAX = 40;
/** How far and how finely nodes are nudged off the connections drawn over them. */
const NUDGE = {
  passes: 8,
  step: 12,
  range: 320,
  childTop: CLUSTER_HEADER + 12,
  childBottom: CLUSTER_PADDING.bottom,
};
/** A home component moves out at most this much further than the gap so connection bends clear its cluster. */
const HOME_REACH = 1_600;

/**
 * Left to right (readers → Query → stores → bucket) with orthogonal routing: wide gaps between layers so
 * edges run between columns, not under nodes; disconnected groups are packed towards the screen's aspect.
 */
const LAYERED = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.edgeRouting": "ORTHOGONAL",
  // The canvas bends a connection halfway between its ends: 128 keeps that bend in the gap between two
  // columns whatever the nodes' widths (200–320) and however ELK aligns them, so it never runs down a column.
  "elk.layered.spacing.nodeNodeBetweenLayers": String(LAYER_GAP),
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
  const members = new Map<string, Component[]>(clusters.map((c) => [c.id, []]));
  for (const c of design.components) if (scopeOf(c)) members.get(scopeOf(c))!.push(c);

  const top = design.components.filter((c) => !scopeOf(c));
  const units = await layoutInUnits(engine, design, clusters, members, scopeOf);
  if (top.length > LAYERED_TOP_LEVEL_MAX || design.components.length > HIERARCHICAL_MAX) return units;
  // A small design is also laid out as one graph; whichever draws fewer connections under nodes wins.
  const whole = await layoutHierarchy(engine, design, clusters, members);
  const clear = (r: LayoutResult) => (design.components.length <= CLEARANCE_MAX ? clearEdges(design, r, NUDGE) : r);
  if (!whole) return clear(units);
  const [a, b] = [clear(whole), clear(units)];
  return underCount(design, b) < underCount(design, a) ? b : a;
}

const underCount = (design: Pick<Design, "components" | "connections">, r: LayoutResult) =>
  edgesUnderNodes(applyLayout(design, r)).length;

/**
 * Each cluster laid out on its own with the free components only it connects to (its bucket, say) placed
 * beside it as one unit, then the units and the remaining free components placed at the top level.
 */
async function layoutInUnits(
  engine: ELK,
  design: Pick<Design, "components" | "connections">,
  clusters: Component[],
  members: Map<string, Component[]>,
  scopeOf: (c: Component) => string,
): Promise<LayoutResult> {
  const byId = new Map(design.components.map((c) => [c.id, c]));
  const homes = homeClusters(design, scopeOf, byId);
  const positions = new Map<string, XY>();
  const sizes = new Map<string, Size>();
  /** Per cluster: where the cluster and its home components sit inside their unit, and the unit's size. */
  const units = new Map<string, { at: Map<string, XY>; size: Size }>();
  for (const cluster of clusters) {
    const inside = members.get(cluster.id)!;
    const ids = new Set(inside.map((c) => c.id));
    const internal = design.connections.filter((e) => ids.has(e.from) && ids.has(e.to));
    const external = design.connections.filter((e) => {
      const other = ids.has(e.from) ? e.to : ids.has(e.to) ? e.from : undefined;
      return other !== undefined && !ids.has(other) && byId.has(other);
    });
    // One cluster is the whole picture and keeps a screen's shape; many are packed in rows, so each may be tall.
    const laid = await layoutGroup(engine, inside, internal, external, byId, clusters.length > 2 ? 1 / 8 : 1 / 3);
    const size = {
      width: clamp(laid.width + CLUSTER_PADDING.left + CLUSTER_PADDING.right, CLUSTER_MIN.width),
      height: clamp(laid.height + CLUSTER_PADDING.top + CLUSTER_PADDING.bottom, CLUSTER_MIN.height),
    };
    const children = new Map(
      [...laid.positions].map(([id, p]) => [id, { x: p.x + CLUSTER_PADDING.left, y: p.y + CLUSTER_PADDING.top }]),
    );
    const mine = design.components.filter((c) => homes.get(c.id) === cluster.id);
    const unit: LayoutResult = {
      positions: new Map([
        [cluster.id, { x: 0, y: 0 }],
        ...children,
        ...placeHomes(size, children, mine, laid.pseudo, external, byId),
      ]),
      sizes: new Map([[cluster.id, size]]),
    };
    const unitIds = new Set([cluster.id, ...ids, ...mine.map((c) => c.id)]);
    const unitDesign = {
      components: design.components.filter((c) => unitIds.has(c.id)),
      connections: design.connections.filter((e) => unitIds.has(e.from) && unitIds.has(e.to)),
    };
    const done = unitIds.size <= UNIT_CLEARANCE_MAX ? clearEdges(unitDesign, unit, NUDGE) : unit;
    const final = applyLayout(unitDesign, done);
    const boxes = componentBoxes(final);
    const outer = [...boxes].filter(([id]) => !ids.has(id)).map(([, b]) => b);
    const minX = Math.min(...outer.map((b) => b.x));
    const minY = Math.min(...outer.map((b) => b.y));
    const at = new Map<string, XY>();
    for (const c of final.components) {
      if (ids.has(c.id)) positions.set(c.id, c.position);
      else at.set(c.id, { x: c.position.x - minX, y: c.position.y - minY });
    }
    sizes.set(cluster.id, done.sizes.get(cluster.id) ?? size);
    units.set(cluster.id, {
      at,
      size: {
        width: Math.max(...outer.map((b) => b.x + b.width)) - minX,
        height: Math.max(...outer.map((b) => b.y + b.height)) - minY,
      },
    });
  }

  // The top level: units as the boxes just sized, other free components as node boxes, connections lifted
  // to the boxes their ends sit in.
  const top = design.components.filter((c) => !scopeOf(c) && !homes.has(c.id));
  const topSize = (c: Component): Size => units.get(c.id)?.size ?? nodeBox(c);
  const lift = (id: string) => {
    const c = byId.get(id);
    return c ? scopeOf(c) || homes.get(c.id) || c.id : undefined;
  };
  const links = new Map<string, { from: string; to: string }>();
  for (const e of design.connections) {
    const from = lift(e.from);
    const to = lift(e.to);
    if (from && to && from !== to) links.set(`${from}\u0000${to}`, { from, to });
  }
  const placed = await placeTopLevel(engine, top, topSize, [...links.values()]);
  for (const [id, p] of placed) {
    const unit = units.get(id);
    if (!unit) positions.set(id, p);
    else for (const [member, q] of unit.at) positions.set(member, { x: p.x + q.x, y: p.y + q.y });
  }
  return { positions, sizes };
}

/** Free components whose every connection goes to one cluster's members: they are laid out beside it. */
function homeClusters(
  design: Pick<Design, "components" | "connections">,
  scopeOf: (c: Component) => string,
  byId: ReadonlyMap<string, Component>,
): Map<string, string> {
  const seen = new Map<string, string | null>();
  for (const e of design.connections) {
    for (const [self, other] of [
      [e.from, e.to],
      [e.to, e.from],
    ]) {
      const c = byId.get(self);
      const o = byId.get(other);
      if (!c || !o || c.kind === "cluster" || scopeOf(c)) continue;
      const cluster = scopeOf(o) || null;
      const before = seen.get(self);
      seen.set(self, before === undefined || before === cluster ? cluster : null);
    }
  }
  return new Map([...seen].filter((x): x is [string, string] => x[1] !== null));
}

/**
 * Home components beside their cluster (cluster coordinates): targets on the right, sources on the left.
 * Each takes the spot, nearest first, from which the fewest of its connections (as drawn: a bend halfway)
 * pass under a node in the cluster: a bucket sits close when its uploads can reach it clear, and further
 * out when their bends must fall past the cluster's last column instead of down it.
 */
function placeHomes(
  size: Size,
  children: ReadonlyMap<string, XY>,
  homes: Component[],
  pseudo: ReadonlyMap<string, XY[]>,
  external: readonly Connection[],
  byId: ReadonlyMap<string, Component>,
): Map<string, XY> {
  const boxes = new Map([...children].map(([id, p]) => [id, { ...p, ...nodeBox(byId.get(id)!) }]));
  const index = new BoxIndex(boxes);
  const out = new Map<string, XY>();
  const placed: Box[] = [];
  for (const h of homes) {
    const box = nodeBox(h);
    const links = external.filter(
      (e) => (e.to === h.id && children.has(e.from)) || (e.from === h.id && children.has(e.to)),
    );
    const right = links.filter((e) => e.to === h.id).length >= links.length / 2;
    const stand = pseudo.get(h.id) ?? [];
    const start = stand.length
      ? stand.reduce((sum, p) => sum + p.y, 0) / stand.length + CLUSTER_PADDING.top
      : (size.height - box.height) / 2;
    const xs: number[] = [];
    for (let d = TOP_GAP; d <= TOP_GAP + HOME_REACH; d += 48) xs.push(right ? size.width + d : -box.width - d);
    const ys = [start];
    for (let y = 0; y <= size.height - box.height; y += 52) ys.push(y);
    ys.sort((a, b) => Math.abs(a - start) - Math.abs(b - start));
    // Every try draws all of the component's connections: on a huge cluster, try fewer spots.
    const stride = Math.max(1, Math.ceil((links.length * xs.length * ys.length) / 200_000));
    let best: { at: XY; n: number } | undefined;
    for (const x of xs) {
      for (let i = 0; i < ys.length; i += stride) {
        const at = { x, y: Math.round(ys[i]) };
        const self = { ...at, ...box };
        if (placed.some((p) => boxesOverlap(self, { ...p, y: p.y - 36, height: p.height + 72 }))) continue;
        let n = 0;
        for (const e of links) {
          const [from, to] = e.from === h.id ? [self, boxes.get(e.to)!] : [boxes.get(e.from)!, self];
          const path = drawnPath(
            handlePoint(from, byId.get(e.from)!.kind, e.kind, "source"),
            handlePoint(to, byId.get(e.to)!.kind, e.kind, "target"),
          );
          if (index.firstUnder(path, [e.from, e.to]) || placed.some((p) => pathCrossesBox(path, p))) n++;
          if (best && n >= best.n) break;
        }
        if (!best || n < best.n) best = { at, n };
      }
      if (best?.n === 0) break;
    }
    const at = best?.at ?? { x: xs[0], y: Math.round(start) };
    out.set(h.id, at);
    placed.push({ ...at, ...box });
  }
  return out;
}

/**
 * A component as ELK sees it: its box with a fixed port at each handle the canvas draws, so ELK straightens
 * and spaces the connections between the points they are really drawn from and to.
 */
function elkNode(c: Component, id = c.id): ElkNode {
  const box = nodeBox(c);
  const port = (kind: ConnectionKind, type: "source" | "target"): ElkPort => ({
    id: portId(id, kind, type),
    x: type === "source" ? box.width : 0,
    y: handleOffsetY(c.kind, kind, type, box.height)!,
    width: 0,
    height: 0,
    layoutOptions: { "elk.port.side": type === "source" ? "EAST" : "WEST" },
  });
  return {
    id,
    ...box,
    layoutOptions: { "elk.portConstraints": "FIXED_POS" },
    ports: [
      ...acceptsConnections(c.kind).map((k) => port(k, "target")),
      ...startsConnections(c.kind).map((k) => port(k, "source")),
    ],
  };
}

const portId = (id: string, kind: ConnectionKind, type: "source" | "target") => `${id}\u0000${type}\u0000${kind}`;

/** A connection between the ports of its kind (the node itself where an end has no such handle, e.g. a cluster). */
function elkEdge(e: Connection, byId: ReadonlyMap<string, Component>): ElkExtendedEdge {
  const end = (id: string, type: "source" | "target") => {
    const c = byId.get(id);
    const has = c && c.kind !== "cluster" && handleOffsetY(c.kind, e.kind, type, 1) !== undefined;
    return has ? portId(id, e.kind, type) : id;
  };
  return { id: e.id, sources: [end(e.from, "source")], targets: [end(e.to, "target")] };
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
    children: members.get(c.id)!.map((x) => elkNode(x)),
  }));
  for (const c of design.components)
    if (c.kind !== "cluster" && !(c.cluster && clusterIds.has(c.cluster))) children.push(elkNode(c));
  const byId = new Map(design.components.map((c) => [c.id, c]));
  const graph = await run(engine, {
    id: "root",
    layoutOptions: {
      ...LAYERED,
      ...MODEL_ORDER,
      "elk.hierarchyHandling": "INCLUDE_CHILDREN",
      "elk.spacing.componentComponent": String(TOP_GAP),
    },
    children,
    edges: design.connections.map((e) => elkEdge(e, byId)),
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

/**
 * The boxes of one scope laid out by ELK layered, at the origin; a single huge layer is wrapped into columns.
 * Components outside the scope that it connects to take part as stand-ins in the first or last layer (a
 * copy per connected group, so groups stay apart), which draws the ends of those connections to that side;
 * `pseudo` says where each stand-in ended up.
 */
async function layoutGroup(
  engine: ELK,
  nodes: Component[],
  edges: readonly Connection[],
  external: readonly Connection[] = [],
  outside: ReadonlyMap<string, Component> = new Map(),
  minAspect = 1 / 3,
): Promise<Placed & { pseudo: Map<string, XY[]> }> {
  if (nodes.length === 0) return { positions: new Map(), width: 0, height: 0, pseudo: new Map() };
  const ids = new Set(nodes.map((c) => c.id));
  const group = connectedGroups(nodes, edges);
  const byId = new Map(nodes.map((c) => [c.id, c]));
  const stands = new Map<string, { of: string; node: ElkNode }>();
  const standEdges: Connection[] = [];
  for (const e of external) {
    const inward = ids.has(e.to);
    const other = outside.get(inward ? e.from : e.to)!;
    const id = `${other.id}\u0000${group.get(inward ? e.to : e.from)}`;
    if (!stands.has(id)) {
      const node = elkNode(other, id);
      node.layoutOptions = {
        ...node.layoutOptions,
        "elk.layered.layering.layerConstraint": inward ? "FIRST_SEPARATE" : "LAST_SEPARATE",
      };
      stands.set(id, { of: other.id, node });
      byId.set(id, other);
    }
    standEdges.push(inward ? { ...e, from: id } : { ...e, to: id });
  }
  const graph = await run(engine, {
    id: "group",
    layoutOptions: nodes.length <= MODEL_ORDER_MAX ? { ...LAYERED, ...MODEL_ORDER } : LAYERED,
    children: [...nodes.map((c) => elkNode(c)), ...[...stands.values()].map((s) => s.node)],
    edges: [...edges, ...standEdges].map((e) => elkEdge(e, byId)),
  });
  const elkAt = new Map((graph.children ?? []).map((n: ElkNode) => [n.id, { x: n.x ?? 0, y: n.y ?? 0 }]));
  const standIds = new Map([...stands].map(([id, st]) => [id, st.of]));
  const groups = new Set(group.values()).size;
  // Many groups sharing outside ends (every group's bucket) are stacked so each one's way out stays open.
  const { all, stacked } =
    groups > 1 && stands.size > 0
      ? { all: stackGroups(nodes, group, elkAt, standIds, [...edges, ...standEdges], byId, minAspect), stacked: true }
      : { all: elkAt, stacked: false };
  // The stand-ins only steer: the scope's extent is its own nodes'.
  const own = nodes.map((c) => ({ ...all.get(c.id)!, ...nodeBox(c) }));
  const minX = Math.min(...own.map((b) => b.x));
  const minY = Math.min(...own.map((b) => b.y));
  const positions = new Map(nodes.map((c) => [c.id, { x: all.get(c.id)!.x - minX, y: all.get(c.id)!.y - minY }]));
  const pseudo = new Map<string, XY[]>();
  for (const [id, of] of standIds) {
    const p = all.get(id)!;
    pseudo.set(of, [...(pseudo.get(of) ?? []), { x: p.x - minX, y: p.y - minY }]);
  }
  const width = Math.max(...own.map((b) => b.x + b.width)) - minX;
  const height = Math.max(...own.map((b) => b.y + b.height)) - minY;
  if (stacked && height <= CLUSTER_MAX - 400 && width <= CLUSTER_MAX - 400) return { positions, width, height, pseudo };
  // A star (one Query over 999 Prometheus) is one layer ELK cannot wrap, and very many groups can pack
  // wider than a cluster may be: fold them into columns instead.
  if (height > CLUSTER_MAX - 400 || width > CLUSTER_MAX - 400 || height > width * 4)
    return { ...foldIntoColumns(nodes, positions), pseudo: new Map() };
  return { positions, width, height, pseudo };
}

/**
 * Connected groups of one scope, each cleared on its own with its outside ends held far off to its side
 * (where the real ones will be), then stacked top to bottom in as few columns as keep the scope within a
 * cluster's size and no narrower than `minAspect`: a connection leaving a group to the right crosses only the
 * groups in later columns, not every group packed into its row. Returns every box's corner, stand-ins too.
 */
function stackGroups(
  nodes: Component[],
  group: ReadonlyMap<string, number>,
  elkAt: ReadonlyMap<string, XY>,
  standIds: ReadonlyMap<string, string>,
  edges: readonly Connection[],
  byId: ReadonlyMap<string, Component>,
  minAspect: number,
): Map<string, XY> {
  const groupOf = (id: string) => group.get(id) ?? Number(id.slice(id.lastIndexOf("\u0000") + 1));
  const blocks = new Map<number, Component[]>();
  for (const c of nodes) blocks.set(group.get(c.id)!, [...(blocks.get(group.get(c.id)!) ?? []), c]);
  const stands = [...standIds.keys()];
  const placed: { at: Map<string, XY>; width: number; height: number }[] = [];
  for (const [g, members] of blocks) {
    const box = extent(members.map((c) => ({ ...elkAt.get(c.id)!, ...nodeBox(c) })));
    const mine = stands.filter((id) => groupOf(id) === g);
    const ids = new Set([...members.map((c) => c.id), ...mine]);
    const components = [
      ...members.map((c) => ({ ...c, cluster: undefined, position: elkAt.get(c.id)! }) as Component),
      ...mine.map((id) => {
        const c = byId.get(id)!;
        const inward = edges.some((e) => e.from === id);
        const x = inward ? box.x - box.width - TOP_GAP - nodeBox(c).width : box.x + 2 * box.width + TOP_GAP;
        return { ...c, id, cluster: undefined, position: { x, y: elkAt.get(id)!.y } } as Component;
      }),
    ];
    const mini = { components, connections: edges.filter((e) => ids.has(e.from) && ids.has(e.to)) };
    const start = { positions: new Map(components.map((c) => [c.id, c.position])), sizes: new Map() };
    const { positions } = members.length <= UNIT_CLEARANCE_MAX ? clearEdges(mini, start, NUDGE) : start;
    const own = extent(members.map((c) => ({ ...positions.get(c.id)!, ...nodeBox(c) })));
    const at = new Map([...positions].map(([id, p]) => [id, { x: p.x - own.x, y: p.y - own.y }]));
    placed.push({ at, width: own.width, height: own.height });
  }
  const total = placed.reduce((sum, b) => sum + b.height + STACK_GAP, 0);
  const widest = Math.max(...placed.map((b) => b.width)) + LAYER_GAP;
  let columns = 1;
  while (
    columns < placed.length &&
    (total / columns > CLUSTER_MAX - 800 || (columns * widest) / (total / columns) < minAspect)
  )
    columns++;
  const out = new Map<string, XY>();
  const perColumn = total / columns;
  let [x, y, columnWidth] = [0, 0, 0];
  for (const b of placed) {
    if (y > 0 && y + b.height > perColumn + STACK_GAP) [x, y, columnWidth] = [x + columnWidth + LAYER_GAP, 0, 0];
    for (const [id, p] of b.at) out.set(id, { x: x + p.x, y: y + p.y });
    y += b.height + STACK_GAP;
    columnWidth = Math.max(columnWidth, b.width);
  }
  return out;
}

/** Vertical gap between stacked groups. */
const STACK_GAP = 60;

function extent(boxes: Box[]): Box {
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  return {
    x,
    y,
    width: Math.max(...boxes.map((b) => b.x + b.width)) - x,
    height: Math.max(...boxes.map((b) => b.y + b.height)) - y,
  };
}

/** Each node's connected group (by its connections inside the scope), numbered. */
function connectedGroups(nodes: Component[], edges: readonly Connection[]): Map<string, number> {
  const parent = new Map(nodes.map((c) => [c.id, c.id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  for (const e of edges) parent.set(find(e.from), find(e.to));
  const number = new Map<string, number>();
  return new Map(
    nodes.map((c) => [c.id, number.get(find(c.id)) ?? (number.set(find(c.id), number.size), number.size - 1)]),
  );
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
