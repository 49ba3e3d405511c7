import { describe, expect, test } from "vitest";
import { xxhash64 } from "../xxhash64";
import {
  failureTolerance,
  hashWithPrefix,
  hashmodRing,
  ketamaRing,
  sampleHashes,
  simulateRing,
  writeQuorum,
} from "../hashring";

describe("xxhash64 (cespare/xxhash Sum64, seed 0)", () => {
  test("matches the reference vectors of the xxHash specification", () => {
    expect(xxhash64("")).toBe(0xef46db3751d8e999n);
    expect(xxhash64("abc")).toBe(0x44bc2cf5ad770999n);
    // 39 bytes: exercises the 32-byte stripe loop as well as the 8- and 1-byte tails.
    expect(xxhash64("Nobody inspects the spammish repetition")).toBe(0xfbcea83c8a378bf1n);
  });
});

describe("ketama ring (pkg/receive/hashring.go)", () => {
  // Thanos's own TestKetamaHashringGet: tenant "tenant", series {pod="nginx"}, 10 sections per node, RF = n+1.
  const nginx = hashWithPrefix("tenant", [{ name: "pod", value: "nginx" }]);
  const place = (nodes: string[], n: number, hash = nginx) => {
    const ring = ketamaRing(nodes, n + 1, 10);
    return ring.endpoints[ring.replicasOf(hash)[n]];
  };
  test.each([
    ["base case", ["node-1", "node-2", "node-3"], 0, "node-2"],
    ["replica 1", ["node-1", "node-2", "node-3"], 1, "node-1"],
    ["replica 2", ["node-1", "node-2", "node-3"], 2, "node-3"],
    ["reordered nodes", ["node-1", "node-3", "node-2"], 2, "node-3"],
    ["new node at the beginning", ["node-0", "node-1", "node-2", "node-3"], 0, "node-2"],
    ["new node at the end", ["node-1", "node-2", "node-3", "node-4"], 0, "node-2"],
  ])("places the series as Thanos's test expects: %s", (_name, nodes, n, want) => {
    expect(place(nodes, n)).toBe(want);
  });
  test("a different series lands where Thanos's test says (node-3)", () => {
    expect(place(["node-1", "node-2", "node-3"], 0, hashWithPrefix("tenant", [{ name: "pod", value: "thanos" }]))).toBe(
      "node-3",
    );
  });
  test("replicas of one series are always on distinct endpoints", () => {
    const ring = ketamaRing(["a:1", "b:1", "c:1", "d:1"], 3);
    for (const h of sampleHashes(500)) expect(new Set(ring.replicasOf(h)).size).toBe(3);
  });
  test("refuses fewer endpoints than the replication factor, as newKetamaHashring does", () => {
    expect(() => ketamaRing(["a:1", "b:1"], 3)).toThrow(/cannot hold 3 replicas/);
  });
});

describe("hashmod ring", () => {
  test("replica n of a series is the endpoint after replica n-1 in address order", () => {
    const ring = hashmodRing(["c:1", "a:1", "b:1"], 2);
    expect(ring.endpoints).toEqual(["a:1", "b:1", "c:1"]);
    for (const h of sampleHashes(50)) {
      const [r0, r1] = ring.replicasOf(h);
      expect(r0).toBe(Number(h % 3n));
      expect(r1).toBe((r0 + 1) % 3);
    }
  });
});

describe("write quorum and failure tolerance (handler.go writeQuorum)", () => {
  test.each([
    [1, 1, 0],
    [2, 1, 1],
    [3, 2, 1],
    [4, 3, 1],
    [5, 3, 2],
  ])("RF %i: quorum %i, %i endpoint(s) may fail", (rf, quorum, tolerance) => {
    expect(writeQuorum(rf)).toBe(quorum);
    expect(failureTolerance(rf)).toBe(tolerance);
  });

  test("with ketama RF 3 on 6 endpoints, any one endpoint down leaves every series a quorum; two adjacent can break some", () => {
    const endpoints = Array.from({ length: 6 }, (_, i) => `recv-${i}.recv.ns.svc:10901`);
    const ring = ketamaRing(endpoints, 3);
    const hashes = sampleHashes(2000);
    const lost = (down: Set<number>) =>
      hashes.filter((h) => ring.replicasOf(h).filter((e) => !down.has(e)).length < writeQuorum(3)).length;
    for (let e = 0; e < 6; e++) expect(lost(new Set([e]))).toBe(0);
    const worst = Math.max(...[0, 1, 2, 3, 4, 5].flatMap((a) => [0, 1, 2, 3, 4, 5].map((b) => lost(new Set([a, b])))));
    expect(worst).toBeGreaterThan(0);
  });
});

describe("simulateRing: distribution and moved series", () => {
  const endpoints = (n: number) =>
    Array.from({ length: n }, (_, i) => `thanos-receive-${i}.thanos-receive.monitoring.svc:10901`);

  test("both algorithms spread series within 15% of the fair share", () => {
    for (const algorithm of ["hashmod", "ketama"] as const) {
      const sim = simulateRing(algorithm, endpoints(5), 1, 5000);
      expect(sim.shareByEndpoint.reduce((a, s) => a + s.share, 0)).toBeCloseTo(1, 9);
      expect(sim.imbalance).toBeLessThan(1.15);
    }
  });

  test("adding a 6th endpoint moves ~5/6 of series under hashmod but ~1/6 under ketama", () => {
    // hashmod: a series stays only when h mod 5 = h mod 6, i.e. for 1 residue in 6 of h mod 30 → 5/6 move.
    const hm = simulateRing("hashmod", endpoints(5), 1, 5000);
    expect(hm.movedOnAdd).toBeGreaterThan(0.78);
    expect(hm.movedOnAdd).toBeLessThan(0.88);
    // ketama: only the sections the new endpoint takes over move, its fair share 1/6 ≈ 0.167.
    const kt = simulateRing("ketama", endpoints(5), 1, 5000);
    expect(kt.movedOnAdd).toBeGreaterThan(0.12);
    expect(kt.movedOnAdd).toBeLessThan(0.22);
    // Removing the 5th endpoint under ketama moves only what it held (≈1/5).
    expect(kt.movedOnRemove).toBeGreaterThan(0.15);
    expect(kt.movedOnRemove).toBeLessThan(0.25);
  });
});
