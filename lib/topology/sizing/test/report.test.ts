import { describe, expect, test } from "vitest";
import { validateDesign } from "../../design";
import { edit, withReceiver } from "../../test/lint-fixtures";
import { estimatedSettings, sizeDesign, undersized } from "..";

describe("sizeDesign", () => {
  test("without any load nothing is sized, and no number is invented", () => {
    const r = sizeDesign(edit().done());
    for (const c of r.components) {
      expect(c.estimate).toBeNull();
      expect(c.notSized).toMatch(/^not sized/);
    }
    expect(r.bucket).toHaveLength(1);
    expect(r.bucket[0].bytesByResolution).toBeNull();
    expect(r.bucket[0].notSized).toContain('Prometheus "prometheus"');
  });

  test("a declared Prometheus load sizes it, the bucket, the compactor and the store gateway", () => {
    const d = edit()
      .set("p", { load: { activeSeries: 1_000_000 } })
      .set("b", { load: { pricePerGiBMonth: 0.02 } })
      .done();
    const r = sizeDesign(d);
    const p = r.components.find((c) => c.id === "p")!;
    expect(p.pods).toBe(2);
    expect(p.estimate).toEqual({ cpuCores: 0.433, memoryBytes: 3_340_435_456, storageBytes: 18_144_000_000 });
    expect(p.suggested).toEqual({ cpu: "450m", memoryRequest: "3186Mi", memoryLimit: "3983Mi", storage: "17Gi" });
    expect(r.components.find((c) => c.id === "k")!.estimate).not.toBeNull();
    expect(r.components.find((c) => c.id === "s")!.estimate).not.toBeNull();
    const b = r.bucket[0];
    // Two replicas upload their own blocks: 2 streams of 1M series.
    expect(b.bytesByResolution!.raw).toBeCloseTo(345_600_000_000, -3);
    expect(b.monthlyCost).toBeGreaterThan(0);
    expect(b.excludes).toEqual(['Ruler "thanos-rule"']);
  });

  test("a receiver without its own load is sized from the Prometheus groups remote-writing to it", () => {
    const d = withReceiver()
      .set("pw", { load: { activeSeries: 200_000 } })
      .done();
    const rcv = sizeDesign(d).components.find((c) => c.id === "rcv")!;
    // pw: 1 shard × 2 replicas × 200k = 400k series, RF 1, 3 ingesters → 133,333 per pod
    expect(rcv.why!.cpu).toContain("400k series");
    expect(rcv.estimate!.memoryBytes).toBe(Math.ceil(268_435_456 + (400_000 / 3) * 3072));
  });

  test("undersized configured resources are named for the node badge", () => {
    const d = edit()
      .set("p", {
        load: { activeSeries: 1_000_000 },
        resources: { requests: { memory: "512Mi" }, limits: { memory: "1Gi" } },
      })
      .done();
    expect(undersized(sizeDesign(d).components.find((c) => c.id === "p")!)).toMatch(/memory 1.0 GiB < 3.1 GiB/);
  });

  test("estimatedSettings writes requests, the memory limit and the volume, keeping the rest", () => {
    const d = edit()
      .set("p", {
        load: { activeSeries: 1_000_000 },
        resources: { limits: { cpu: "2" } },
        storage: { size: "5Gi", storageClass: "fast" },
      })
      .done();
    const p = estimatedSettings(d, sizeDesign(d)).get("p") as {
      resources: unknown;
      storage: unknown;
      retention: string;
    };
    expect(p.resources).toEqual({
      requests: { cpu: "450m", memory: "3186Mi" },
      limits: { cpu: "2", memory: "3983Mi" },
    });
    expect(p.storage).toEqual({ size: "17Gi", storageClass: "fast" });
    expect(p.retention).toBe("2d");
    const applied = validateDesign({
      ...d,
      components: d.components.map((c) => (c.id === "p" ? { ...c, settings: p } : c)),
    });
    expect(applied.ok).toBe(true);
    if (applied.ok) expect(estimatedSettings(applied.design, sizeDesign(applied.design)).has("p")).toBe(false);
  });
});

describe("bad load input", () => {
  const withLoad = (load: unknown) => {
    const doc = JSON.parse(JSON.stringify(edit().doc));
    doc.components.find((c: { id: string }) => c.id === "p").settings.load = load;
    return validateDesign(doc);
  };
  test.each([
    [{ activeSeries: -1 }, "components.2.settings.load.activeSeries", "0 or more"],
    [{ activeSeries: 1.5 }, "components.2.settings.load.activeSeries", "whole number"],
    [{ activeSeries: 2e9 }, "components.2.settings.load.activeSeries", "10⁹"],
    [{ targets: 100_000, seriesPerTarget: 100_000 }, "components.2.settings.load.seriesPerTarget", "10⁹"],
  ])("%j is rejected naming the field", (load, path, message) => {
    const r = withLoad(load);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toContainEqual({ path, message: expect.stringContaining(message) });
  });
});
