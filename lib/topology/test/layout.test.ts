import { describe, expect, it } from "vitest";
import { parseDesign, validateDesign, type Design } from "../design";
import { needsLayout } from "../geometry";
import { layoutDesign, layoutIfNeeded } from "../layout";
import { TEMPLATES } from "../templates";
import { bounds, edgesUnderNodes, layoutProblems } from "./layout-quality";

/** Names of mixed length, as people type them: short, the usual thanos-*, and long regional ones. */
function nameFor(kind: string, i: number): string {
  const variants = [`${kind}-${i}`, `thanos-${kind}-${i}`, `${kind}-${i}-eu-west-1-production`, `p${i}`];
  return variants[i % variants.length].toLowerCase().slice(0, 63);
}

/**
 * `clusters` clusters of `groups` full-stack groups each (two Prometheus, Query, Store, Ruler, Compactor,
 * Receiver, Alertmanager, every connection kind between them), each cluster with its own bucket beside it.
 */
function generated(clusters: number, groups: number): Design {
  const components: Record<string, unknown>[] = [];
  const connections: Record<string, unknown>[] = [];
  let n = 0;
  const add = (kind: string, cluster?: string) => {
    const id = `${kind}-${n}`;
    components.push({ id, kind, name: nameFor(kind, n++), ...(cluster ? { cluster } : {}), settings: {} });
    return id;
  };
  const link = (kind: string, from: string, to: string) =>
    connections.push({ id: `e${connections.length}`, kind, from, to });
  for (let k = 0; k < clusters; k++) {
    const cluster = `cluster-${k}`;
    components.push({ id: cluster, kind: "cluster", name: `cluster-${k}`, settings: {} });
    const bucket = add("objectStore");
    for (let g = 0; g < groups; g++) {
      const [prom, promRw, query, store, ruler, compactor, receiver, am] = [
        "prometheus",
        "prometheus",
        "query",
        "storeGateway",
        "ruler",
        "compactor",
        "receiver",
        "alertmanager",
      ].map((kind) => add(kind, cluster));
      for (const to of [prom, store, ruler, receiver]) link("storeApi", query, to);
      link("remoteWrite", promRw, receiver);
      link("queries", ruler, query);
      for (const from of [prom, promRw, ruler]) link("alerts", from, am);
      for (const from of [prom, ruler, receiver, store, compactor]) link("uploadsTo", from, bucket);
    }
  }
  return parseDesign({ name: `generated ${clusters}x${groups}`, components, connections });
}

/** One Query over `n` Prometheus: a single layer ELK cannot wrap by itself. */
function star(n: number): Design {
  const components: Record<string, unknown>[] = [
    { id: "c", kind: "cluster", name: "c", settings: {} },
    { id: "q", kind: "query", name: "query", cluster: "c", settings: {} },
  ];
  const connections: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    components.push({ id: `p${i}`, kind: "prometheus", name: nameFor("prometheus", i), cluster: "c", settings: {} });
    connections.push({ id: `e${i}`, kind: "storeApi", from: "q", to: `p${i}` });
  }
  return parseDesign({ name: "star", components, connections });
}

const aspect = (d: Design) => {
  const b = bounds(d);
  return b.width / b.height;
};

function expectReadable(d: Design) {
  expect(layoutProblems(d)).toEqual([]);
  // The laid-out document is still a valid design (cluster sizes within the schema's limits).
  expect(validateDesign(d).ok).toBe(true);
}

describe("built-in templates carry laid-out positions", () => {
  for (const t of TEMPLATES) {
    const design = parseDesign(t.design);
    it(`${t.name}: stored positions have no overlap, no child outside its cluster, no edge under a node`, () => {
      expect(layoutProblems(design)).toEqual([]);
      expect(edgesUnderNodes(design)).toEqual([]);
      expect(needsLayout(design)).toBe(false);
    });
    it(`${t.name}: laid out afresh, the same holds`, async () => {
      const laid = await layoutDesign(design);
      expectReadable(laid);
      expect(edgesUnderNodes(laid)).toEqual([]);
    });
  }
});

describe("generated designs lay out readably", () => {
  // Ceilings on connections drawn under a node, a little above what the layout reaches (figures printed);
  // before drawn-path-aware layout these shapes had 22, 25, 500, 635, 817 and 1,229. One cluster of 1,000
  // keeps hundreds: its 625 uploads go to one bucket, and a line leaving a node to the right crosses every
  // node after it in its row, so only the last node of each row can reach the bucket clear.
  const shapes: [string, () => Design, number | undefined][] = [
    ["1 cluster × 30", () => generated(1, 4), 4],
    ["10 clusters × 10", () => generated(10, 1), 2],
    ["100 clusters × 10", () => generated(100, 1), 10],
    ["10 clusters × 100", () => generated(10, 12), 60],
    ["20 clusters × 100 (2,000)", () => generated(20, 12), 120],
    ["1 cluster × 1,000", () => generated(1, 125), 520],
    ["1 cluster, one Query over 300 Prometheus", () => star(300), undefined],
  ];
  for (const [label, make, ceiling] of shapes) {
    it(`${label}: no overlap, children inside, clusters apart, aspect within 1:3..3:1, few edges under nodes`, async () => {
      const design = make();
      expect(needsLayout(design)).toBe(true);
      const t0 = performance.now();
      const laid = await layoutDesign(design);
      const ms = performance.now() - t0;
      expectReadable(laid);
      const under = edgesUnderNodes(laid);
      const a = aspect(laid);
      console.log(
        `layout ${label}: ${design.components.length} components, ${design.connections.length} connections, ` +
          `${ms.toFixed(0)} ms, aspect ${a.toFixed(2)}, ${under.length} edges under nodes`,
      );
      expect(a).toBeGreaterThanOrEqual(1 / 3);
      expect(a).toBeLessThanOrEqual(3);
      if (ceiling !== undefined) expect(under.length).toBeLessThanOrEqual(ceiling);
    }, 180_000);
  }

  it("100 clusters are packed into rows, not one column", async () => {
    const laid = await layoutDesign(generated(100, 1));
    const ys = new Set(laid.components.filter((c) => c.kind === "cluster").map((c) => c.position.y));
    const xs = new Set(laid.components.filter((c) => c.kind === "cluster").map((c) => c.position.x));
    expect(ys.size).toBeGreaterThan(3);
    expect(xs.size).toBeGreaterThan(3);
  }, 60_000);

  for (const [label, make] of [
    ["1,000 components (100 × 10)", () => generated(100, 1)],
    ["2,000 components (200 × 10)", () => generated(200, 1)],
    ["2,000 components (1 cluster)", () => generated(1, 249)],
  ] as const) {
    it(`bench: layout time for ${label} (printed, not asserted)`, async () => {
      const design = make();
      const t0 = performance.now();
      const laid = await layoutDesign(design);
      console.log(`bench layout ${label}: ${(performance.now() - t0).toFixed(0)} ms`);
      expect(layoutProblems(laid)).toEqual([]);
    }, 180_000);
  }
});

describe("needsLayout decides; a design that is fine keeps its positions", () => {
  const base = () => parseDesign(TEMPLATES[0].design);

  it("a design without positions needs layout", () => {
    const d = base();
    const bare = { ...d, components: d.components.map((c) => ({ ...c, position: { x: 0, y: 0 } })) };
    expect(needsLayout(bare)).toBe(true);
  });

  it("a child outside its cluster needs layout", () => {
    const d = base();
    const child = d.components.find((c) => c.cluster)!;
    const moved = {
      ...d,
      components: d.components.map((c) => (c.id === child.id ? { ...c, position: { x: -500, y: 10 } } : c)),
    };
    expect(layoutProblems(moved).map((p) => p.ids[0])).toContain(child.id);
  });

  it("two overlapping siblings need layout", () => {
    const d = base();
    const [a, b] = d.components.filter((c) => c.cluster);
    const moved = {
      ...d,
      components: d.components.map((c) =>
        c.id === b.id ? { ...c, position: { x: a.position.x + 10, y: a.position.y + 5 } } : c,
      ),
    };
    expect(layoutProblems(moved)).toEqual([expect.objectContaining({ ids: expect.arrayContaining([a.id, b.id]) })]);
  });

  it("a readable design comes back as the same object", async () => {
    const d = base();
    expect(await layoutIfNeeded(d)).toBe(d);
  });

  it("an unreadable one comes back laid out", async () => {
    const d = base();
    const bare = { ...d, components: d.components.map((c) => ({ ...c, position: { x: 0, y: 0 } })) };
    expect(layoutProblems(await layoutIfNeeded(bare))).toEqual([]);
  });
});
