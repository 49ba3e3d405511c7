import type { ElkNode, ElkExtendedEdge } from "elkjs/lib/elk-api";
import type { Component, Design } from "./design";

export interface LayoutResult {
  positions: Map<string, { x: number; y: number }>;
  sizes: Map<string, { width: number; height: number }>;
}

/** Box sizes the canvas draws (components/canvas/nodes.tsx passes its own; these are the same values). */
export interface LayoutSizes {
  nodeWidth: number;
  nodeHeight: number;
  clusterHeader: number;
}
export const DEFAULT_LAYOUT_SIZES: LayoutSizes = { nodeWidth: 200, nodeHeight: 64, clusterHeader: 44 };

const ROOT_OPTIONS = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.hierarchyHandling": "INCLUDE_CHILDREN",
  "elk.layered.spacing.nodeNodeBetweenLayers": "52",
  "elk.spacing.nodeNode": "22",
  "elk.spacing.componentComponent": "64",
  "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
  "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
};

/**
 * Left-to-right layered layout (readers → Query → stores → bucket), clusters sized to fit their contents.
 * Isomorphic: the editor runs it in the browser, import runs it on the server. ELK is loaded on demand.
 */
export async function autoLayout(design: Design, sizes: LayoutSizes = DEFAULT_LAYOUT_SIZES): Promise<LayoutResult> {
  const { default: ELK } = await import("elkjs/lib/elk.bundled.js");
  const elk = new ELK();
  const clusters = design.components.filter((c) => c.kind === "cluster");
  const clusterIds = new Set(clusters.map((c) => c.id));
  const leaf = (id: string): ElkNode => ({ id, width: sizes.nodeWidth, height: sizes.nodeHeight });
  const children: ElkNode[] = clusters.map((c) => {
    const inside = design.components.filter((x) => x.cluster === c.id).map((x) => leaf(x.id));
    // An empty cluster is a plain box ELK must keep room for.
    if (inside.length === 0) return { id: c.id, width: 320, height: 200 };
    return {
      id: c.id,
      layoutOptions: { "elk.padding": `[top=${sizes.clusterHeader + 24},left=24,bottom=28,right=24]` },
      children: inside,
    };
  });
  for (const c of design.components)
    if (c.kind !== "cluster" && !(c.cluster && clusterIds.has(c.cluster))) children.push(leaf(c.id));
  const edges: ElkExtendedEdge[] = design.connections.map((e) => ({ id: e.id, sources: [e.from], targets: [e.to] }));
  const root = await elk.layout({ id: "root", layoutOptions: ROOT_OPTIONS, children, edges });
  const positions = new Map<string, { x: number; y: number }>();
  const out = new Map<string, { width: number; height: number }>();
  const walk = (n: ElkNode) => {
    for (const ch of n.children ?? []) {
      positions.set(ch.id, { x: ch.x ?? 0, y: ch.y ?? 0 });
      if (clusterIds.has(ch.id)) {
        // ELK packs clusters by these sizes, so use them as they are (the padding keeps them above the schema minimum).
        out.set(ch.id, {
          width: Math.max(200, Math.ceil(ch.width ?? 0)),
          height: Math.max(160, Math.ceil(ch.height ?? 0)),
        });
        walk(ch);
      }
    }
  };
  walk(root);
  return { positions, sizes: out };
}

/** A layout applied to a design: rounded positions (children relative to their cluster) and cluster sizes. */
export function applyLayout(design: Design, { positions, sizes }: LayoutResult): Design {
  const components = design.components.map((c): Component => {
    const p = positions.get(c.id);
    const size = sizes.get(c.id);
    let next = { ...c, position: p ? { x: Math.round(p.x), y: Math.round(p.y) } : c.position } as Component;
    if (size && next.kind === "cluster")
      next = {
        ...next,
        settings: {
          ...next.settings,
          width: Math.max(200, Math.round(size.width)),
          height: Math.max(160, Math.round(size.height)),
        },
      };
    return next;
  });
  return { ...design, components };
}

/** The design laid out (what an import saves, so it opens readable). */
export async function layoutDesign(design: Design, sizes?: LayoutSizes): Promise<Design> {
  return applyLayout(design, await autoLayout(design, sizes));
}
