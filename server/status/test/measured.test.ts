// Measured vs planned against the Thanos fixture: a receiver's /metrics serves prometheus_tsdb_head_series per
// tenant and process_resident_memory_bytes, read through the service proxy as live status reads it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sizeDesign } from "@/lib/topology/sizing";
import { withReceiver } from "@/lib/topology/test/lint-fixtures";
import { directServiceProxy } from "@/e2e/thanos-fixture/direct-proxy";
import { startThanosFixture, type ThanosFixture } from "@/e2e/thanos-fixture";
import { FLAG_DEVIATION, measureTargets, measuredBuckets, readMeasured } from "../measured";
import type { BucketView } from "../report";
import { statusTargets } from "../targets";

let fx: ThanosFixture;
beforeAll(async () => {
  fx = await startThanosFixture();
});
afterAll(() => fx.stop());

// 1.2M series, RF 3, 3 ingesters → 1.2M series per ingester; memory plan 256 MiB + 1.2M × 3 KiB = 3,954,835,456 B.
const design = withReceiver()
  .set("rcv", { replicationFactor: 3, load: { activeSeries: 1_200_000 } })
  .set("p", { load: { activeSeries: 100_000 } })
  .done();
const plan = sizeDesign(design);

describe("measured vs planned", () => {
  it("reads head series (summed over tenants) and resident memory, and flags what is more than 30% off", async () => {
    const receive = await fx.addComponent("receive-0", "receive");
    const cluster = statusTargets(design, "d1").clusters[0];
    const targets = measureTargets(cluster, plan).filter((t) => t.componentId === "rcv");
    expect(targets).toHaveLength(1);
    const proxy = directServiceProxy({
      [`${targets[0].namespace}/${targets[0].service}:${targets[0].port}`]: receive.url,
    });

    // Two tenants' heads: 700k + 600k = 1.3M series, 8% over the 1.2M planned: not flagged.
    // 6 GiB resident against 3.68 GiB planned: +63%, flagged.
    fx.setProcess("receive-0", {
      headSeries: { "tenant-a": 700_000, "tenant-b": 600_000 },
      residentBytes: 6 * 1024 ** 3,
    });
    const rows = await readMeasured(proxy, targets, { timeoutMs: 2000 });
    const head = rows.find((r) => r.metric === "headSeries")!;
    expect(head).toMatchObject({
      componentName: "thanos-receive",
      measured: 1_300_000,
      planned: 1_200_000,
      flagged: false,
    });
    expect(head.deviation).toBeCloseTo(1_300_000 / 1_200_000 - 1, 9);
    const memory = rows.find((r) => r.metric === "memory")!;
    expect(memory).toMatchObject({ measured: 6 * 1024 ** 3, planned: 3_954_835_456, flagged: true });
    expect(memory.deviation).toBeGreaterThan(FLAG_DEVIATION);

    // Far fewer series than planned is flagged too: 500k is 58% under.
    fx.setProcess("receive-0", { headSeries: { "tenant-a": 500_000 }, residentBytes: 3.9e9 });
    const low = await readMeasured(proxy, targets, { timeoutMs: 2000 });
    expect(low.find((r) => r.metric === "headSeries")).toMatchObject({ measured: 500_000, flagged: true });
    expect(low.find((r) => r.metric === "memory")).toMatchObject({ flagged: false });
  });

  it("skips a pod whose /metrics cannot be read instead of inventing a figure", async () => {
    const cluster = statusTargets(design, "d1").clusters[0];
    const targets = measureTargets(cluster, plan);
    expect(await readMeasured(directServiceProxy({}), targets, { timeoutMs: 500 })).toEqual([]);
  });

  it("compares the listed bucket size with the plan at the bucket's age", () => {
    const bucket = plan.bucket[0];
    expect(bucket.ratePerSecond).not.toBeNull();
    const now = new Date("2026-12-01T12:00:00Z");
    const day = 86_400_000;
    // One day of raw data: planned = raw rate × 86,400 s (no downsampled data before 40 h).
    const planned = bucket.ratePerSecond!.raw * 86_400;
    const view = (sizeBytes: number): BucketView => ({
      componentId: bucket.objectStore,
      componentName: bucket.name,
      bucket: "thanos",
      state: "Healthy",
      reason: "",
      checkedAt: now.toISOString(),
      warnings: [],
      truncatedBlocks: 0,
      groups: [
        {
          key: "k",
          labels: {},
          newestAgeMs: 0,
          newestArrivedAt: null,
          lastUploadAt: null,
          dataUntil: null,
          blocks: [
            {
              ulid: "01A",
              minTime: now.getTime() - day,
              maxTime: now.getTime() - day / 2,
              resolution: 0,
              level: 1,
              sizeBytes: sizeBytes / 2,
            },
            {
              ulid: "01B",
              minTime: now.getTime() - day / 2,
              maxTime: now.getTime(),
              resolution: 0,
              level: 1,
              sizeBytes: sizeBytes / 2,
            },
          ] as never,
        },
      ],
    });
    const onPlan = measuredBuckets([view(planned * 1.1)], plan, now)[0];
    expect(onPlan).toMatchObject({ metric: "bucketBytes", flagged: false });
    expect(onPlan.planned).toBeCloseTo(planned, 0);
    expect(measuredBuckets([view(planned * 2)], plan, now)[0].flagged).toBe(true);
  });
});
