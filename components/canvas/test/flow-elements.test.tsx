// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { renderHook } from "@testing-library/react";
import { parseDesign, type Design } from "@/lib/topology/design";
import { nodeBox } from "@/lib/topology/node-box";
import { fullStackReceiver } from "@/lib/topology/templates/full-stack-receiver";
import { WORKING_EDGES, useFlowEdges, useFlowNodes, type CanvasView } from "../flow-elements";
import { COLLAPSED_CLUSTER } from "../placement";

const none = new Set<string>();

function elements(design: Design, view: CanvasView, bulk = false, selected: ReadonlySet<string> = none) {
  const byId = new Map(design.components.map((c) => [c.id, c]));
  return renderHook(
    ({ d, v }) => ({
      nodes: useFlowNodes(d, selected, undefined, undefined, null, false, v),
      ...useFlowEdges(d.connections, byId, none, undefined, false, v, { on: bulk, selectedNodes: selected }),
    }),
    { initialProps: { d: design, v: view } },
  );
}

describe("flow elements", () => {
  const design = parseDesign(fullStackReceiver);

  it("sizes every component node to its name's box and states its handles", () => {
    const { result } = elements(design, { far: false, collapsed: none });
    for (const n of result.current.nodes) {
      if (n.type === "cluster") continue;
      expect({ width: n.width, height: n.height }).toEqual(nodeBox(n.data.component));
      expect(n.handles?.length).toBeGreaterThan(0);
    }
    expect(result.current.nodes.every((n) => !n.hidden)).toBe(true);
    expect(result.current.edges).toHaveLength(design.connections.length);
  });

  it("a collapsed cluster is a compact box, its children hidden and their connections on the box", () => {
    const { result } = elements(design, { far: false, collapsed: new Set(["cluster"]) });
    const cluster = result.current.nodes.find((n) => n.id === "cluster")!;
    expect({ width: cluster.width, height: cluster.height }).toEqual(COLLAPSED_CLUSTER);
    expect(cluster.data.collapsed).toBe(true);
    expect(cluster.data.summary?.count).toBe(8);
    expect(result.current.nodes.filter((n) => n.hidden)).toHaveLength(8);
    // Inside-cluster connections go; the five uploads become one edge from the box to the bucket.
    expect(result.current.edges.map((e) => `${e.source}>${e.target}:${e.data?.count}`)).toEqual(["cluster>bucket:5"]);
  });

  it("keeps unchanged node and edge objects when one component moves (no re-render of the others)", () => {
    const { result, rerender } = elements(design, { far: false, collapsed: none });
    const before = result.current;
    const moved: Design = {
      ...design,
      components: design.components.map((c) => (c.id === "query" ? { ...c, position: { x: 1, y: 2 } } : c)),
    };
    rerender({ d: moved, v: { far: false, collapsed: none } });
    const changed = result.current.nodes.filter((n, i) => n !== before.nodes[i]).map((n) => n.id);
    expect(changed).toEqual(["query"]);
    expect(result.current.edges.every((e, i) => e === before.edges[i])).toBe(true);
  });

  it("at scale, draws only the selected component's connections as React Flow edges", () => {
    const { result } = elements(design, { far: false, collapsed: none }, true, new Set(["store"]));
    expect(result.current.edges.map((e) => e.id).sort()).toEqual(["q-store", "store-bucket"]);
    expect(result.current.bulk).toHaveLength(design.connections.length - 2);
  });
});

describe("a hub at scale", () => {
  it("keeps a selected hub's edges in the one-layer drawing past WORKING_EDGES", () => {
    const n = WORKING_EDGES + 10;
    const design = parseDesign({
      name: "hub",
      components: [
        {
          id: "c",
          kind: "cluster",
          name: "c",
          position: { x: 0, y: 0 },
          settings: { namespace: "monitoring", width: 4000, height: 4000 },
        },
        { id: "q", kind: "query", name: "query", cluster: "c", position: { x: 20, y: 60 }, settings: {} },
        ...Array.from({ length: n }, (_, i) => ({
          id: `p${i}`,
          kind: "prometheus",
          name: `prometheus-${i}`,
          cluster: "c",
          position: { x: 300 + (i % 10) * 230, y: 60 + Math.floor(i / 10) * 96 },
          settings: {},
        })),
      ],
      connections: Array.from({ length: n }, (_, i) => ({ id: `e${i}`, kind: "storeApi", from: "q", to: `p${i}` })),
    });
    const hub = elements(design, { far: false, collapsed: none }, true, new Set(["q"])).result.current;
    expect(hub.edges).toHaveLength(0);
    expect(hub.bulk).toHaveLength(n);
    // A leaf's single edge is drawn on its own.
    const leaf = elements(design, { far: false, collapsed: none }, true, new Set(["p3"])).result.current;
    expect(leaf.edges.map((e) => e.id)).toEqual(["e3"]);
    expect(leaf.bulk).toHaveLength(n - 1);
  });
});
