import { describe, expect, it } from "vitest";
import { parseDesign, type Design } from "@/lib/topology/design";
import { nodeBox } from "@/lib/topology/node-box";
import { fullStackReceiver } from "@/lib/topology/templates/full-stack-receiver";
import { hiddenInCluster } from "../flow-elements";
import { CLUSTER_IN, CLUSTER_OUT, HANDLE_SIZE, clusterHandles, componentHandles } from "../lod/handles";
import { FAR_BELOW, NEAR_FROM, aggregateEdges, clusterSummaries, lodFor } from "../lod/level-of-detail";
import { MIN_FIT_ZOOM, contentBounds, openingViewport } from "../lod/opening-view";
import { BULK_TILE, bulkGroups, connectionEnds } from "../lod/edge-layer";
import { twoStacks } from "./two-stacks";

const receiver = (): Design => parseDesign(fullStackReceiver);

const byIdOf = (d: Design) => new Map(d.components.map((c) => [c.id, c]));
const clusterIdsOf = (d: Design) => new Set(d.components.filter((c) => c.kind === "cluster").map((c) => c.id));

describe("level of detail by zoom", () => {
  it("draws clusters only when far, icon and name in the middle, everything near", () => {
    expect(lodFor(0.05)).toBe("far");
    expect(lodFor(FAR_BELOW - 0.001)).toBe("far");
    expect(lodFor(FAR_BELOW)).toBe("mid");
    expect(lodFor(NEAR_FROM - 0.001)).toBe("mid");
    expect(lodFor(NEAR_FROM)).toBe("near");
    expect(lodFor(1)).toBe("near");
    expect(lodFor(2)).toBe("near");
  });
});

describe("edges standing in for hidden components", () => {
  it("at far zoom, draws one edge per cluster-to-outside pair and kind, counting what it stands for", () => {
    const d = twoStacks();
    const ids = clusterIdsOf(d);
    const agg = aggregateEdges(
      d.connections,
      byIdOf(d),
      (c) => hiddenInCluster(c, { far: true, collapsed: new Set() }, ids),
      "agg:",
    );
    // Per stack: 5 uploads into the stack's own bucket (one edge); inside-cluster connections disappear.
    const a = agg.find((e) => e.from === "a-cluster" && e.to === "a-bucket");
    expect(a).toMatchObject({ kind: "uploadsTo", count: 5, fromCluster: true, toCluster: false });
    expect(agg.find((e) => e.from === "b-cluster" && e.to === "b-bucket")?.count).toBe(5);
    // The cross-stack alert becomes a cluster-to-cluster edge.
    expect(agg.find((e) => e.from === "a-cluster" && e.to === "b-cluster")).toMatchObject({
      kind: "alerts",
      count: 1,
      toCluster: true,
    });
    expect(agg).toHaveLength(3);
    // Together they cover every connection that leaves a cluster.
    expect(agg.reduce((n, e) => n + e.count, 0)).toBe(11);
  });

  it("only a collapsed cluster's connections are aggregated; the rest stay individual", () => {
    const d = twoStacks();
    const ids = clusterIdsOf(d);
    const view = { far: false, collapsed: new Set(["b-cluster"]) };
    const agg = aggregateEdges(d.connections, byIdOf(d), (c) => hiddenInCluster(c, view, ids), "agg:");
    expect(agg.map((e) => `${e.from}>${e.to}:${e.count}`).sort()).toEqual([
      "a-ruler>b-cluster:1",
      "b-cluster>b-bucket:5",
    ]);
    expect(hiddenInCluster(byIdOf(d).get("a-ruler")!, view, ids)).toBeUndefined();
    expect(hiddenInCluster(byIdOf(d).get("b-ruler")!, view, ids)).toBe("b-cluster");
  });

  it("draws nothing extra when no cluster is hidden", () => {
    const d = twoStacks();
    const ids = clusterIdsOf(d);
    expect(
      aggregateEdges(
        d.connections,
        byIdOf(d),
        (c) => hiddenInCluster(c, { far: false, collapsed: new Set() }, ids),
        "agg:",
      ),
    ).toEqual([]);
  });
});

describe("cluster summaries", () => {
  it("count the children and take the worst finding: lint error over down over warning", () => {
    const d = receiver();
    const lint = new Map([["ruler", { errors: 0, warnings: 2 }]]);
    const health = new Map([["store", "degraded"]]);
    let s = clusterSummaries(
      d.components,
      (id) => lint.get(id),
      (id) => health.get(id),
    ).get("cluster")!;
    expect(s).toEqual({ count: 8, errors: 0, warnings: 2, tone: "warning" });
    health.set("query", "down");
    s = clusterSummaries(
      d.components,
      (id) => lint.get(id),
      (id) => health.get(id),
    ).get("cluster")!;
    expect(s.tone).toBe("down");
    lint.set("receiver", { errors: 1, warnings: 0 });
    s = clusterSummaries(
      d.components,
      (id) => lint.get(id),
      (id) => health.get(id),
    ).get("cluster")!;
    expect(s).toMatchObject({ errors: 1, tone: "error" });
    // The bucket is outside the cluster and is not counted.
    expect(
      clusterSummaries(
        d.components,
        () => undefined,
        () => undefined,
      ).get("cluster"),
    ).toEqual({
      count: 8,
      errors: 0,
      warnings: 0,
      tone: "ok",
    });
  });
});

describe("stated handle positions", () => {
  it("put one 12 px handle per connection kind on the node's sides, spread over its height", () => {
    const box = nodeBox({ name: "thanos-receiver" });
    const hs = componentHandles("receiver", box.width, box.height);
    const targets = hs.filter((h) => h.type === "target");
    const sources = hs.filter((h) => h.type === "source");
    expect(targets.length).toBeGreaterThan(0);
    for (const h of hs) {
      expect(h.width).toBe(HANDLE_SIZE);
      expect(h.height).toBe(HANDLE_SIZE);
      expect(h.y + HANDLE_SIZE / 2).toBeGreaterThan(0);
      expect(h.y + HANDLE_SIZE / 2).toBeLessThan(box.height);
    }
    // Centred on the left and right borders.
    for (const h of targets) expect(h.x + HANDLE_SIZE / 2).toBe(0);
    for (const h of sources) expect(h.x + HANDLE_SIZE / 2).toBe(box.width);
    expect(new Set(hs.map((h) => `${h.type}:${h.y}`)).size).toBe(hs.length);
  });

  it("give a cluster one in and one out, centred on its sides", () => {
    const [i, o] = clusterHandles(760, 480);
    expect(i).toMatchObject({ id: CLUSTER_IN, type: "target", x: -6, y: 234 });
    expect(o).toMatchObject({ id: CLUSTER_OUT, type: "source", x: 754, y: 234 });
  });
});

describe("the view a design opens with", () => {
  it("fits a design that stays readable when fitted", () => {
    const d = parseDesign({
      name: "small",
      components: [{ id: "b", kind: "objectStore", name: "bucket", position: { x: 100, y: 50 }, settings: {} }],
      connections: [],
    });
    const v = openingViewport(d).fit!(1000, 700)!;
    expect(v.zoom).toBeGreaterThanOrEqual(MIN_FIT_ZOOM);
    expect(v.zoom).toBeLessThanOrEqual(1.1);
  });

  it("opens a design too large to fit readably at zoom 1 on its top-left", () => {
    const d = twoStacks();
    const b = contentBounds(d)!;
    expect(b).toMatchObject({ x: 0, y: 0 });
    expect(b.width).toBeGreaterThan(2000);
    const o = openingViewport(d);
    expect(o.fit!(800, 640)).toBeNull();
    expect(o.viewport).toEqual({ x: 40, y: 40, zoom: 1 });
  });

  it("opens an empty design at the origin", () => {
    expect(openingViewport(parseDesign({ name: "e", components: [], connections: [] }))).toEqual({
      viewport: { x: 0, y: 0, zoom: 1 },
      fit: null,
    });
  });
});

describe("the one-layer edge drawing", () => {
  it("draws each connection from its source handle to its target handle, one path per kind", () => {
    const d = receiver();
    const byId = byIdOf(d);
    const groups = bulkGroups(d.connections, byId, new Set(["prom-am"]));
    const kinds = new Set(d.connections.map((e) => e.kind));
    // One group per kind (the template fits in one tile), and the lint-error connection drawn apart in red.
    expect(groups.map((g) => `${g.kind}${g.error ? ":error" : ""}`).sort()).toEqual(
      [...[...kinds].sort(), "alerts:error"].sort(),
    );
    const moves = (s: string) => s.split("M").length - 1;
    expect(groups.reduce((n, g) => n + moves(g.lines), 0)).toBe(d.connections.length);
    // Ends: the query's StoreAPI source handle (right side) and the store's target handle (left side).
    const q = byId.get("query")!;
    const st = byId.get("store")!;
    const cl = byId.get("cluster")!;
    const at = (c: typeof q) => ({ x: cl.position.x + c.position.x, y: cl.position.y + c.position.y });
    const e = d.connections.find((x) => x.id === "q-store")!;
    const ends = connectionEnds(e, q, st, at(q), at(st))!;
    expect(ends.source.x).toBe(at(q).x + nodeBox(q).width + HANDLE_SIZE / 2);
    expect(ends.target.x).toBe(at(st).x - HANDLE_SIZE / 2);
    const storeApi = groups.find((g) => g.kind === "storeApi")!;
    expect(storeApi.lines).toContain(`M${ends.source.x} ${ends.source.y}`);
    expect(storeApi.arrows).toContain(`L${ends.target.x} ${ends.target.y}`);
  });

  it("groups a large design's paths per tile, so a tile of the screen draws only the paths near it", () => {
    const d = twoStacks();
    const far = parseDesign({
      ...d,
      components: d.components.map((c) =>
        c.id.startsWith("b-") && !c.cluster
          ? { ...c, position: { x: c.position.x + BULK_TILE * 3, y: c.position.y } }
          : c,
      ),
    });
    const groups = bulkGroups(far.connections, byIdOf(far), undefined);
    const storeApi = groups.filter((g) => g.kind === "storeApi");
    // a's StoreAPI paths and b's, three tiles to the right, are two paths with their own bounds.
    expect(storeApi).toHaveLength(2);
    const moves = (s: string) => s.split("M").length - 1;
    expect(groups.reduce((n, g) => n + moves(g.lines), 0)).toBe(far.connections.length);
  });
});
