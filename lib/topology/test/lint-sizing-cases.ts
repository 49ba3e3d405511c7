/** Lint cases for the capacity planner's rules (lib/topology/lint/rules/sizing.ts), used by lint.test.ts. */
import type { Design } from "../design";
import { edit, withReceiver } from "./lint-fixtures";

interface Case {
  rule: string;
  triggers: { why: string; design: () => Design; componentId: string; mentions: string[] }[];
  clean: { why: string; design: () => Design }[];
}

// 1M series every 30s, 2d retention: 256 MiB + 1e6 × 3 KiB = 3.11 GiB working set (see sizing tests).
const loaded = () => edit().set("p", { load: { activeSeries: 1_000_000 } });

export const SIZING_CASES: Case[] = [
  {
    rule: "sizing-memory-limit",
    triggers: [
      {
        why: "a 2Gi limit under a 1M-series load",
        design: () =>
          loaded()
            .set("p", { resources: { limits: { memory: "2Gi" } } })
            .done(),
        componentId: "p",
        mentions: ["prometheus", "2.0 GiB", "3.1 GiB", "OOM"],
      },
    ],
    clean: [
      {
        why: "no load declared: not sized, no guess",
        design: () =>
          edit()
            .set("p", { resources: { requests: { memory: "512Mi" }, limits: { memory: "1Gi" } } })
            .done(),
      },
      {
        why: "a limit above the estimate",
        design: () =>
          loaded()
            .set("p", { resources: { limits: { memory: "4Gi" } } })
            .done(),
      },
      { why: "no limit at all", design: () => loaded().done() },
    ],
  },
  {
    rule: "sizing-volume",
    triggers: [
      {
        why: "the 20Gi default volume under 1M series with 7d retention",
        design: () => loaded().set("p", { retention: "7d" }).done(),
        componentId: "p",
        mentions: ["prometheus", "20.0 GiB", "retention"],
      },
    ],
    clean: [
      { why: "2d retention fits 20Gi", design: () => loaded().done() },
      { why: "not sized", design: () => edit().set("p", { retention: "30d" }).done() },
    ],
  },
  {
    rule: "sizing-compactor-disk",
    triggers: [
      {
        why: "2 × 14 days of a 1M-series stream does not fit the 20Gi default",
        design: () => loaded().done(),
        componentId: "k",
        mentions: ["thanos-compact", "20Gi", "largest compaction"],
      },
    ],
    clean: [
      {
        why: "a 200Gi disk",
        design: () =>
          loaded()
            .set("k", { storage: { size: "200Gi" } })
            .done(),
      },
      { why: "nothing sized writes to the bucket", design: () => edit().done() },
    ],
  },
  {
    rule: "sizing-store-index-cache",
    triggers: [
      {
        why: "two 1M-series replicas (2M series in the bucket) and only an in-memory cache",
        design: () => loaded().done(),
        componentId: "s",
        mentions: ["thanos-store", "2M series", "in-memory"],
      },
    ],
    clean: [
      {
        why: "a small bucket",
        design: () =>
          edit()
            .set("p", { load: { activeSeries: 100_000 } })
            .done(),
      },
      { why: "memcached index cache", design: () => loaded().set("s", { indexCache: "memcached" }).done() },
    ],
  },
  {
    rule: "sizing-shard-series",
    triggers: [
      {
        why: "12M series on one shard",
        design: () =>
          edit()
            .set("p", { load: { activeSeries: 12_000_000 } })
            .done(),
        componentId: "p",
        mentions: ["prometheus", "12M series per shard"],
      },
    ],
    clean: [{ why: "1M series per shard", design: () => loaded().done() }],
  },
  {
    rule: "sizing-receiver-ingesters",
    triggers: [
      {
        why: "10M series × RF 3 over 3 ingesters",
        design: () =>
          withReceiver()
            .set("rcv", { replicationFactor: 3, load: { activeSeries: 10_000_000 } })
            .done(),
        componentId: "rcv",
        mentions: ["thanos-receive", "10M series per ingester"],
      },
    ],
    clean: [
      {
        why: "1M series × RF 3 over 3 ingesters",
        design: () =>
          withReceiver()
            .set("rcv", { replicationFactor: 3, load: { activeSeries: 1_000_000 } })
            .done(),
      },
    ],
  },
  {
    rule: "sizing-receiver-replication",
    triggers: [
      {
        why: "RF 1 on three planned receivers",
        design: () =>
          withReceiver()
            .set("rcv", { load: { activeSeries: 500_000 } })
            .done(),
        componentId: "rcv",
        mentions: ["thanos-receive", "0 endpoints may fail"],
      },
      {
        why: "RF 4 on five receivers tolerates what RF 3 does",
        design: () => withReceiver().set("rcv", { replicas: 5, replicationFactor: 4 }).done(),
        componentId: "rcv",
        mentions: ["replication factor 4", "tolerates 1"],
      },
    ],
    clean: [
      {
        why: "RF 3",
        design: () =>
          withReceiver()
            .set("rcv", { replicationFactor: 3, load: { activeSeries: 500_000 } })
            .done(),
      },
      { why: "the RF 1 default on a receiver nobody planned yet", design: () => withReceiver().done() },
    ],
  },
];
