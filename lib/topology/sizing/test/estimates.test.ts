import { describe, expect, test } from "vitest";
import { estimatePrometheus, suggestedShards } from "../prometheus";
import { estimateReceiver, seriesPerIngester, suggestedIngesters } from "../receiver";
import { estimateQuery } from "../query";
import { estimateCompactor, largestCompactionBytes } from "../compactor";
import { estimateStoreGateway } from "../store-gateway";
import { blocksPerStream, bucketModel, bytesAt, bytesByResolution, monthlyCost, monthlyGrowthBytes } from "../bucket";
import { cpuQuantity, GiB, memoryQuantity, MiB, parseQuantity, parseThanosBytes, storageQuantity } from "../units";

const DAY = 86_400;

describe("Prometheus (one shard replica)", () => {
  test("worked example: 1M series every 30s, 2d retention, sidecar", () => {
    const e = estimatePrometheus({
      activeSeries: 1_000_000,
      scrapeIntervalSeconds: 30,
      retentionSeconds: 2 * DAY,
      remoteWrite: false,
    });
    // samples/s = 1,000,000 / 30 = 33,333.3; cpu = 0.1 + 33,333.3 / 100,000 = 0.4333
    expect(e.cpuCores).toBeCloseTo(0.43333, 4);
    // memory = 256 MiB + 1,000,000 × 3,072 B = 268,435,456 + 3,072,000,000 = 3,340,435,456 B
    expect(e.memoryBytes).toBe(3_340_435_456);
    // limit = 3,340,435,456 × 1.25 = 4,175,544,320
    expect(e.memoryLimitBytes).toBe(4_175_544_320);
    // blocks = 172,800 s × 33,333.3/s × 2 B = 11,520,000,000; head = 10,800 s × 33,333.3/s × (8 + 2) B = 3,600,000,000
    // volume = (11.52e9 + 3.6e9) × 1.2 = 18,144,000,000
    expect(e.storageBytes).toBeCloseTo(18_144_000_000, -1);
    expect(e.why.memory).toContain("3 KiB");
  });

  test("remote write adds 25% memory (Prometheus remote write docs)", () => {
    const e = estimatePrometheus({
      activeSeries: 1_000_000,
      scrapeIntervalSeconds: 30,
      retentionSeconds: 2 * DAY,
      remoteWrite: true,
    });
    // 3,340,435,456 × 1.25 = 4,175,544,320
    expect(e.memoryBytes).toBe(4_175_544_320);
    expect(e.why.memory).toContain("+25% for remote write");
  });

  test("a tiny Prometheus keeps the three 128 MiB WAL segments storage.md says are always kept", () => {
    const e = estimatePrometheus({
      activeSeries: 1000,
      scrapeIntervalSeconds: 60,
      retentionSeconds: DAY,
      remoteWrite: false,
    });
    // blocks = 86,400 × (1000/60) × 2 = 2,880,000; head = max(402,653,184, 10,800 × 16.67 × 10 = 1,800,000) = 402,653,184
    // volume = (2,880,000 + 402,653,184) × 1.2 = 486,639,820.8
    expect(e.storageBytes).toBeCloseTo(486_639_820.8, 1);
  });

  test("shard advice: 12M series on 1 shard → ⌈12M ÷ 5M⌉ = 3 shards; never fewer than configured", () => {
    expect(suggestedShards(1, 12_000_000)).toBe(3);
    expect(suggestedShards(4, 1_000_000)).toBe(4);
  });
});

describe("Receiver", () => {
  const base = {
    totalSeries: 3_000_000,
    scrapeIntervalSeconds: 30,
    replicationFactor: 3,
    ingesters: 6,
    retentionSeconds: 0.5 * DAY,
    role: "router-ingestor" as const,
  };
  test("worked example: 3M series × RF 3 over 6 ingesters, 12h retention", () => {
    // series per ingester = 3,000,000 × 3 / 6 = 1,500,000
    expect(seriesPerIngester(base)).toBe(1_500_000);
    const e = estimateReceiver(base);
    // samples/s per pod = 1,500,000 / 30 = 50,000 → cpu = 0.1 + 0.5 = 0.6
    expect(e.cpuCores).toBeCloseTo(0.6, 9);
    // memory = 268,435,456 + 1,500,000 × 3,072 = 268,435,456 + 4,608,000,000 = 4,876,435,456
    expect(e.memoryBytes).toBe(4_876_435_456);
    // blocks = 43,200 × 50,000 × 2 = 4,320,000,000; head = 10,800 × 50,000 × 10 = 5,400,000,000
    // volume = 9,720,000,000 × 1.2 = 11,664,000,000
    expect(e.storageBytes).toBeCloseTo(11_664_000_000, -1);
  });
  test("a router holds no TSDB: floor memory, no volume", () => {
    const e = estimateReceiver({ ...base, role: "router" });
    expect(e.memoryBytes).toBe(512 * MiB);
    expect(e.storageBytes).toBe(0);
  });
  test("ingester advice: 10M × RF 3 = 30M replicas ÷ 5M per ingester = 6", () => {
    expect(suggestedIngesters({ totalSeries: 10_000_000, replicationFactor: 3, ingesters: 3 })).toBe(6);
  });
});

describe("Query", () => {
  test("worked example: 20 qps over 2 replicas", () => {
    const e = estimateQuery(20, 2);
    // concurrency per pod = 20 / 2 × 1 s = 10; memory = 512 MiB + 10 × 64 MiB = 1152 MiB; cpu = 0.1 + 10 × 0.1 = 1.1
    expect(e.memoryBytes).toBe(1152 * MiB);
    expect(e.cpuCores).toBeCloseTo(1.1, 9);
    expect(e.storageBytes).toBe(0);
  });
});

describe("Compactor (compact.md: 2 × two weeks of the largest stream)", () => {
  test("worked example: largest stream 1M series every 30s, raw retention 30d", () => {
    // 14 d = 1,209,600 s; 2 × 1,209,600 × 33,333.3 × 2 B = 161,280,000,000 B
    expect(largestCompactionBytes(1_000_000, 30, 30 * DAY)).toBeCloseTo(161_280_000_000, -2);
    const e = estimateCompactor(1_000_000, 30, 30 * DAY);
    // volume = 161.28e9 × 1.2 = 193,536,000,000; memory = 268,435,456 + 1e6 × 1024 = 1,292,435,456
    expect(e.storageBytes).toBeCloseTo(193_536_000_000, -2);
    expect(e.memoryBytes).toBe(1_292_435_456);
    expect(e.cpuCores).toBe(1);
  });
  test("a 7d raw retention caps the largest compaction at 7 days", () => {
    // 2 × 604,800 × 33,333.3 × 2 = 80,640,000,000
    expect(largestCompactionBytes(1_000_000, 30, 7 * DAY)).toBeCloseTo(80_640_000_000, -2);
  });
});

describe("Store gateway (store.md: 6 MB of index-header per block)", () => {
  test("worked example: 100 blocks, 2 block shards, 250MB in-memory index cache", () => {
    const e = estimateStoreGateway(100, 2, parseThanosBytes("250MB"));
    // per pod 50 blocks × 6,000,000 B × 1.2 = 360,000,000 B
    expect(e.storageBytes).toBe(360_000_000);
    // memory = 512 MiB + 250 MiB (Thanos sizes are base 2) = 762 MiB
    expect(e.memoryBytes).toBe(762 * MiB);
  });
  test("blocks per stream: ⌈span ÷ 14d⌉ + 1 still compacting", () => {
    expect(blocksPerStream(30 * DAY)).toBe(4); // ⌈30/14⌉ = 3, + 1
    expect(blocksPerStream(0)).toBe(0);
  });
});

describe("Object store by resolution", () => {
  const streams = [
    { series: 1_000_000, scrapeIntervalSeconds: 30 },
    { series: 1_000_000, scrapeIntervalSeconds: 30 },
  ];
  const retention = { raw: 30 * DAY, "5m": 90 * DAY, "1h": 365 * DAY };
  const m = bucketModel(streams, retention, true);
  test("write rates: raw = 2M/30 × 2 B; 5m = 2M × 5 aggregates / 300 s × 2 B; 1h = 2M × 5 / 3600 × 2", () => {
    expect(m.ratePerSecond.raw).toBeCloseTo(133_333.33, 1);
    expect(m.ratePerSecond["5m"]).toBeCloseTo(66_666.67, 1);
    expect(m.ratePerSecond["1h"]).toBeCloseTo(5_555.56, 1);
  });
  test("worked example: sizes once every retention is reached (1 year)", () => {
    const b = bytesByResolution(m);
    // raw = 133,333.3 × 2,592,000 s = 345,600,000,000
    expect(b.raw).toBeCloseTo(345_600_000_000, -3);
    // 5m holds data aged 40h…90d: 66,666.7 × (7,776,000 − 144,000) = 508,800,000,000
    expect(b["5m"]).toBeCloseTo(508_800_000_000, -3);
    // 1h holds data aged 10d…365d: 5,555.6 × (31,536,000 − 864,000) = 170,400,000,000
    expect(b["1h"]).toBeCloseTo(170_400_000_000, -3);
  });
  test("growth per month and cost", () => {
    // (133,333.3 + 66,666.7 + 5,555.6) × 2,592,000 = 532,800,000,000 B per 30 days
    expect(monthlyGrowthBytes(m)).toBeCloseTo(532_800_000_000, -3);
    // 1 TiB at $0.023 per GiB-month = 1024 × 0.023 = 23.552
    expect(monthlyCost(1024 * GiB, 0.023)).toBeCloseTo(23.552, 9);
  });
  test("no downsampling before 40h (5m) and 10 days (1h)", () => {
    expect(bytesAt(m, "5m", 39 * 3600)).toBe(0);
    expect(bytesAt(m, "1h", 9 * DAY)).toBe(0);
    // raw after one day: 133,333.3 B/s × 86,400 s = 11,520,000,000
    expect(bytesAt(m, "raw", DAY)).toBeCloseTo(11_520_000_000, -1);
  });
});

describe("quantities", () => {
  test("read and written as Kubernetes spells them", () => {
    expect(parseQuantity("500m")).toBe(0.5);
    expect(parseQuantity("4Gi")).toBe(4 * GiB);
    expect(parseQuantity("1G")).toBe(1e9);
    expect(parseQuantity("lots")).toBeUndefined();
    expect(memoryQuantity(3_340_435_456)).toBe("3186Mi"); // 3,340,435,456 / 1,048,576 = 3185.7 → 3186
    expect(memoryQuantity(20 * GiB + 1)).toBe("21Gi");
    expect(storageQuantity(18_144_000_000)).toBe("17Gi"); // 18.144e9 / 1,073,741,824 = 16.9 → 17
    expect(cpuQuantity(0.4333)).toBe("450m");
    expect(cpuQuantity(2)).toBe("2");
  });
});

describe("properties over a grid of loads", () => {
  const seriesGrid = [0, 1, 10, 1_000, 123_456, 1_000_000, 10_000_000, 1_000_000_000];
  const intervals = [1, 15, 30, 60, 300];
  const retentions = [3600, 2 * DAY, 30 * DAY, 365 * DAY];
  const figures = (e: { cpuCores: number; memoryBytes: number; storageBytes: number; memoryLimitBytes: number }) => [
    e.cpuCores,
    e.memoryBytes,
    e.storageBytes,
    e.memoryLimitBytes,
  ];
  const sane = (xs: number[]) => xs.every((x) => Number.isFinite(x) && x >= 0);
  const grows = (a: number[], b: number[]) => a.every((x, i) => b[i] >= x);

  test("Prometheus and receiver estimates are finite, non-negative and grow with series and retention", () => {
    for (const rw of [false, true])
      for (const interval of intervals)
        for (const retention of retentions) {
          let prevP: number[] | undefined;
          let prevR: number[] | undefined;
          for (const series of seriesGrid) {
            const p = figures(
              estimatePrometheus({
                activeSeries: series,
                scrapeIntervalSeconds: interval,
                retentionSeconds: retention,
                remoteWrite: rw,
              }),
            );
            const r = figures(
              estimateReceiver({
                totalSeries: series,
                scrapeIntervalSeconds: interval,
                replicationFactor: 3,
                ingesters: 3,
                retentionSeconds: retention,
                role: "ingestor",
              }),
            );
            expect(sane(p) && sane(r)).toBe(true);
            if (prevP) expect(grows(prevP, p)).toBe(true);
            if (prevR) expect(grows(prevR, r)).toBe(true);
            prevP = p;
            prevR = r;
          }
        }
    for (const series of seriesGrid) {
      let prev: number[] | undefined;
      for (const retention of retentions) {
        const p = figures(
          estimatePrometheus({
            activeSeries: series,
            scrapeIntervalSeconds: 30,
            retentionSeconds: retention,
            remoteWrite: false,
          }),
        );
        if (prev) expect(grows(prev, p)).toBe(true);
        prev = p;
      }
    }
  });

  test("compactor, store gateway, query and bucket figures are sane and monotonic", () => {
    let prev: number[] | undefined;
    for (const series of seriesGrid) {
      const c = figures(estimateCompactor(series, 30, 30 * DAY));
      const b = bytesByResolution(
        bucketModel([{ series, scrapeIntervalSeconds: 30 }], { raw: 30 * DAY, "5m": 90 * DAY, "1h": null }, true),
      );
      const row = [...c, b.raw, b["5m"], b["1h"]];
      expect(sane(row)).toBe(true);
      if (prev) expect(grows(prev, row)).toBe(true);
      prev = row;
    }
    let prevQ: number[] | undefined;
    for (const qps of [0, 0.5, 1, 10, 1000]) {
      const q = figures(estimateQuery(qps, 2));
      expect(sane(q)).toBe(true);
      if (prevQ) expect(grows(prevQ, q)).toBe(true);
      prevQ = q;
    }
    for (const blocks of [0, 1, 100, 100_000]) expect(sane(figures(estimateStoreGateway(blocks, 1, 0)))).toBe(true);
  });
});
