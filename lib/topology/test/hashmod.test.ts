import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashmodModulus, hashmodShard, shardRelabelConfigs } from "../hashmod";
import { prometheusSettings } from "../kinds/prometheus";
import { md5 } from "../md5";

const settings = (input: object) => prometheusSettings.parse(input);

describe("md5 (pure, for the browser)", () => {
  it("matches node:crypto on empty, block-boundary, multi-block and non-ASCII inputs", () => {
    for (const s of [
      "",
      "a",
      "127.0.0.1:9100",
      "x".repeat(55),
      "x".repeat(56),
      "x".repeat(64),
      "y".repeat(1000),
      "héllo 世界",
    ])
      expect(Buffer.from(md5(s)).toString("hex"), JSON.stringify(s)).toBe(createHash("md5").update(s).digest("hex"));
  });
});

describe("hashmodShard", () => {
  it("is md5's last 8 bytes as a big-endian uint64 modulo the modulus", () => {
    const value = "10.0.0.1:9100";
    const tail = BigInt(`0x${createHash("md5").update(value).digest("hex").slice(16)}`);
    for (const m of [1, 2, 3, 7, 64]) expect(hashmodShard([value], m)).toBe(Number(tail % BigInt(m)));
  });

  it("joins several source values with the separator", () => {
    expect(hashmodShard(["a", "b"], 1000)).toBe(hashmodShard(["a;b"], 1000));
    expect(hashmodShard(["a", "b"], 1000, "|")).toBe(hashmodShard(["a|b"], 1000));
  });

  it("rejects a modulus of zero", () => {
    expect(() => hashmodShard(["a"], 0)).toThrow(/modulus/);
  });
});

describe("shardRelabelConfigs", () => {
  it("hashes into __tmp_hash modulo the shard count and keeps ^k$", () => {
    expect(shardRelabelConfigs(settings({ shards: 3 }), 2)).toEqual([
      { source_labels: ["__address__"], modulus: 3, target_label: "__tmp_hash", action: "hashmod" },
      { source_labels: ["__tmp_hash"], regex: "^2$", action: "keep" },
    ]);
  });

  it("honours an explicit modulus, source labels and keepRule off", () => {
    const s = settings({ shards: 2, hashmod: { modulus: 4, sourceLabels: ["__address__", "job"], keepRule: false } });
    expect(hashmodModulus(s)).toBe(4);
    expect(shardRelabelConfigs(s, 1)).toEqual([
      { source_labels: ["__address__", "job"], modulus: 4, target_label: "__tmp_hash", action: "hashmod" },
    ]);
  });

  it("emits nothing for functional sharding or a single unsharded group", () => {
    expect(shardRelabelConfigs(settings({ shards: 3, sharding: "functional" }), 0)).toEqual([]);
    expect(shardRelabelConfigs(settings({ shards: 1 }), 0)).toEqual([]);
  });

  it("refuses a shard index outside the group", () => {
    expect(() => shardRelabelConfigs(settings({ shards: 2 }), 2)).toThrow(/between 0 and 1/);
  });
});
