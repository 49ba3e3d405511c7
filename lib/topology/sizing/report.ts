import type { z } from "zod";
import type { ComponentKind } from "../catalog";
import type { Component, ComponentOf, Design } from "../design";
import { DesignGraph } from "../graph";
import * as loads from "../kinds/load";
import { durationMs } from "../primitives";
import { bucketKey, named } from "../lint/util";
import {
  blocksPerStream,
  bucketModel,
  bytesByResolution,
  horizonSeconds,
  monthlyCost,
  monthlyGrowthBytes,
  RESOLUTIONS,
  type BlockStream,
  type Resolution,
  type Retention,
} from "./bucket";
import { estimateCompactor, largestCompactionBytes } from "./compactor";
import type { Estimate } from "./estimate";
import { failureTolerance } from "./hashring";
import { SIZING } from "./model";
import { estimatePrometheus, prometheusLoadOf, prometheusSeries, suggestedShards } from "./prometheus";
import { estimateQuery } from "./query";
import { estimateReceiver, seriesPerIngester, suggestedIngesters, type ReceiverLoad } from "./receiver";
import { estimateStoreGateway } from "./store-gateway";
import {
  cpuQuantity,
  formatBytes,
  formatCount,
  memoryQuantity,
  parseQuantity,
  parseThanosBytes,
  storageQuantity,
} from "./units";

export type SizingFindingId =
  | "sizing-memory-limit"
  | "sizing-volume"
  | "sizing-compactor-disk"
  | "sizing-store-index-cache"
  | "sizing-shard-series"
  | "sizing-receiver-ingesters"
  | "sizing-receiver-replication";

export interface SizingFinding {
  id: SizingFindingId;
  severity: "warning" | "info";
  message: string;
  hint: string;
}

export interface Figures {
  cpuCores: number | null;
  memoryBytes: number | null;
  storageBytes: number | null;
}

export interface ComponentSizing {
  id: string;
  name: string;
  kind: ComponentKind;
  /** Pods the estimate applies to, each: shards × replicas for Prometheus, replicas otherwise. */
  pods: number;
  estimate: { cpuCores: number; memoryBytes: number; storageBytes: number } | null;
  /** What *Apply estimates* writes: Kubernetes quantities. */
  suggested: { cpu: string; memoryRequest: string; memoryLimit: string; storage: string | null } | null;
  /** Memory is the limit when one is set, else the request. */
  configured: Figures & { memoryRequestBytes: number | null };
  why: Estimate["why"] | null;
  /** Head series one pod should hold (Prometheus, receiver ingesters): what live status compares with. */
  seriesPerPod?: number;
  /** Why there is no estimate: a missing load is never replaced by a guess. */
  notSized?: string;
  findings: SizingFinding[];
}

export interface BucketSizing {
  objectStore: string;
  name: string;
  bytesByResolution: Record<Resolution, number> | null;
  monthlyGrowthBytes: number | null;
  monthlyCost?: number;
  /** For the growth plot: bytes written per second per resolution, retention per resolution (null = forever). */
  ratePerSecond: Record<Resolution, number> | null;
  retentionSeconds: Retention;
  downsampling: boolean;
  horizonSeconds: number | null;
  notSized?: string;
  /** What the figures leave out, e.g. a ruler's blocks (no load model for recording rules). */
  excludes?: string[];
}

export interface SizingReport {
  components: ComponentSizing[];
  bucket: BucketSizing[];
}

const STORAGE_KINDS = new Set<ComponentKind>(["prometheus", "receiver", "storeGateway", "compactor", "ruler"]);

interface Sources {
  streams: BlockStream[];
  unsized: string[];
  /** Writers the planner has no model for (rulers): left out of the figures, and said so. */
  excluded: string[];
}

type Resources = { requests: { cpu?: string; memory?: string }; limits: { cpu?: string; memory?: string } };

function configuredOf(c: Component): ComponentSizing["configured"] {
  const s = c.settings as { resources?: Resources; storage?: { size: string } };
  const request = parseQuantity(s.resources?.requests.memory) ?? null;
  const limit = parseQuantity(s.resources?.limits.memory) ?? null;
  return {
    cpuCores: parseQuantity(s.resources?.requests.cpu) ?? null,
    memoryBytes: limit ?? request,
    memoryRequestBytes: request,
    storageBytes: STORAGE_KINDS.has(c.kind) ? (parseQuantity(s.storage?.size) ?? null) : null,
  };
}

const hasRemoteWrite = (g: DesignGraph, p: ComponentOf<"prometheus">) =>
  p.settings.thanos.mode === "remote-write" || g.targets(p, "remoteWrite").length > 0;

const intervalOf = (p: ComponentOf<"prometheus">) => durationMs(p.settings.scrapeInterval) / 1000;

/** Total series a receiver hashring takes: its declared load, else what sized Prometheus groups remote-write to it. */
function receiverSeries(
  g: DesignGraph,
  r: ComponentOf<"receiver">,
): { series: number; interval: number; why: string } | { unsized: string } {
  const tenants = Object.values(r.settings.load.tenants);
  const senders = g.sources(r, "remoteWrite").filter((s): s is ComponentOf<"prometheus"> => s.kind === "prometheus");
  const interval = senders.length > 0 ? Math.min(...senders.map(intervalOf)) : 30;
  const intervalWhy = senders.length > 0 ? "" : " (30s scrape interval assumed: no remote-write sender declares one)";
  if (r.settings.load.activeSeries !== undefined)
    return { series: r.settings.load.activeSeries, interval, why: intervalWhy };
  if (tenants.length > 0) return { series: tenants.reduce((a, b) => a + b, 0), interval, why: intervalWhy };
  if (senders.length === 0)
    return { unsized: "no load declared (settings.load.activeSeries) and no Prometheus remote-writes to it" };
  let series = 0;
  for (const p of senders) {
    const per = prometheusSeries(p.settings.load);
    if (per === undefined) return { unsized: `${named(p)} remote-writes to it without a declared load` };
    series += per * p.settings.shards * p.settings.replicas;
  }
  return { series, interval, why: " (from its remote-write senders)" };
}

function receiverLoad(g: DesignGraph, r: ComponentOf<"receiver">): ReceiverLoad | { unsized: string } {
  const s = receiverSeries(g, r);
  if ("unsized" in s) return s;
  const listed = r.settings.hashrings.reduce((a, h) => a + h.endpoints.length, 0);
  return {
    totalSeries: s.series,
    scrapeIntervalSeconds: s.interval,
    replicationFactor: r.settings.replicationFactor,
    ingesters: r.settings.role === "router" && listed > 0 ? listed : r.settings.replicas,
    retentionSeconds: durationMs(r.settings.retention) / 1000,
    role: r.settings.role,
  };
}

function retentionOf(compactors: ComponentOf<"compactor">[]): { retention: Retention; downsampling: boolean } {
  const c = compactors[0];
  if (!c) return { retention: { raw: null, "5m": null, "1h": null }, downsampling: false };
  const r = (d: string) => (durationMs(d) === 0 ? null : durationMs(d) / 1000);
  return {
    retention: { raw: r(c.settings.retentionRaw), "5m": r(c.settings.retention5m), "1h": r(c.settings.retention1h) },
    downsampling: c.settings.downsampling,
  };
}

function bucketSources(g: DesignGraph, keyed: ComponentOf<"objectStore">[]): Sources {
  const out: Sources = { streams: [], unsized: [], excluded: [] };
  const ids = new Set(keyed.map((b) => b.id));
  for (const c of g.design.components) {
    if (!g.targets(c, "uploadsTo").some((t) => ids.has(t.id))) continue;
    if (c.kind === "prometheus") {
      if (c.settings.thanos.mode !== "sidecar") continue;
      const series = prometheusSeries(c.settings.load);
      if (series === undefined) out.unsized.push(named(c));
      else
        for (let i = 0; i < c.settings.shards * c.settings.replicas; i++)
          out.streams.push({ series, scrapeIntervalSeconds: intervalOf(c) });
    } else if (c.kind === "receiver") {
      if (c.settings.role === "router") continue;
      const l = receiverLoad(g, c);
      if ("unsized" in l) {
        out.unsized.push(named(c));
        continue;
      }
      const tenants = Math.max(1, Object.keys(c.settings.load.tenants).length);
      const perPod = seriesPerIngester(l);
      for (let i = 0; i < l.ingesters * tenants; i++)
        out.streams.push({ series: perPod / tenants, scrapeIntervalSeconds: l.scrapeIntervalSeconds });
    } else if (c.kind === "ruler") out.excluded.push(named(c));
  }
  return out;
}

interface BucketContext {
  sizing: BucketSizing;
  sources: Sources;
}

function sizeBuckets(g: DesignGraph): Map<string, BucketContext> {
  const byKey = new Map<string, ComponentOf<"objectStore">[]>();
  for (const b of g.ofKind("objectStore")) byKey.set(bucketKey(b), [...(byKey.get(bucketKey(b)) ?? []), b]);
  const out = new Map<string, BucketContext>();
  for (const stores of byKey.values()) {
    const ids = new Set(stores.map((s) => s.id));
    const compactors = g.ofKind("compactor").filter((c) => g.targets(c, "uploadsTo").some((t) => ids.has(t.id)));
    const { retention, downsampling } = retentionOf(compactors);
    const sources = bucketSources(g, stores);
    for (const b of stores) {
      const base = {
        objectStore: b.id,
        name: b.name,
        retentionSeconds: retention,
        downsampling,
        ...(sources.excluded.length > 0 ? { excludes: sources.excluded } : {}),
      };
      let sizing: BucketSizing;
      if (sources.unsized.length > 0 || sources.streams.length === 0)
        sizing = {
          ...base,
          bytesByResolution: null,
          monthlyGrowthBytes: null,
          ratePerSecond: null,
          horizonSeconds: null,
          notSized:
            sources.unsized.length > 0
              ? `not sized: ${sources.unsized.join(", ")} ${sources.unsized.length === 1 ? "writes" : "write"} to it without a declared load`
              : "not sized: nothing with a declared load uploads to it",
        };
      else {
        const m = bucketModel(sources.streams, retention, downsampling);
        const bytes = bytesByResolution(m);
        const price = b.settings.load.pricePerGiBMonth;
        const total = RESOLUTIONS.reduce((a, r) => a + bytes[r], 0);
        sizing = {
          ...base,
          bytesByResolution: bytes,
          monthlyGrowthBytes: monthlyGrowthBytes(m),
          ...(price !== undefined ? { monthlyCost: monthlyCost(total, price) } : {}),
          ratePerSecond: m.ratePerSecond,
          horizonSeconds: horizonSeconds(m),
        };
      }
      out.set(b.id, { sizing, sources });
    }
  }
  return out;
}

function buckets(g: DesignGraph, c: Component, ctx: Map<string, BucketContext>): BucketContext[] {
  return g
    .targets(c, "uploadsTo")
    .map((t) => ctx.get(t.id))
    .filter((x): x is BucketContext => !!x);
}

type Sized =
  | { estimate: Estimate; findings: SizingFinding[]; seriesPerPod?: number }
  | { notSized: string; findings?: SizingFinding[] };

function sizePrometheus(g: DesignGraph, p: ComponentOf<"prometheus">): Sized {
  const load = prometheusLoadOf(p.settings, hasRemoteWrite(g, p));
  if (!load) return { notSized: "not sized: set settings.load.activeSeries (or targets × seriesPerTarget)" };
  const findings: SizingFinding[] = [];
  if (load.activeSeries > SIZING.maxSeriesPerPrometheus) {
    const shards = suggestedShards(p.settings.shards, load.activeSeries);
    findings.push({
      id: "sizing-shard-series",
      severity: "warning",
      message: `${named(p)} carries ${formatCount(load.activeSeries)} series per shard, more than one Prometheus should (${formatCount(SIZING.maxSeriesPerPrometheus)}).`,
      hint: `Use ${shards} shards (≈${formatCount((load.activeSeries * p.settings.shards) / shards)} series each) and update the load per shard.`,
    });
  }
  return { estimate: estimatePrometheus(load), findings, seriesPerPod: load.activeSeries };
}

function sizeReceiver(g: DesignGraph, r: ComponentOf<"receiver">): Sized {
  const findings: SizingFinding[] = [];
  const rf = r.settings.replicationFactor;
  const l = receiverLoad(g, r);
  // RF 1 is the schema default: only advise on it once the receiver is planned (has a load). Even RFs ≥ 4 buy
  // copies without tolerance (RF 2 is Thanos's special case with quorum 1).
  const advise =
    r.settings.role !== "router" &&
    r.settings.replicas >= 3 &&
    ((rf === 1 && !("unsized" in l)) || (rf >= 4 && rf % 2 === 0));
  if (advise)
    findings.push({
      id: "sizing-receiver-replication",
      severity: "info",
      message:
        rf === 1
          ? `${named(r)} writes each series once: any ingester restart fails writes (0 endpoints may fail).`
          : `${named(r)} uses replication factor ${rf}: it tolerates ${failureTolerance(rf)} failed endpoint(s), as RF ${rf - 1} does with fewer copies.`,
      hint: `Use an odd replication factor: RF 3 survives ${failureTolerance(3)} endpoint down with quorum 2 (RF 5: ${failureTolerance(5)}).`,
    });
  if ("unsized" in l) return { notSized: `not sized: ${l.unsized}`, findings };
  const perPod = seriesPerIngester(l);
  if (l.role !== "router" && perPod > SIZING.maxSeriesPerReceiver)
    findings.push({
      id: "sizing-receiver-ingesters",
      severity: "warning",
      message: `${named(r)} holds ${formatCount(perPod)} series per ingester (${formatCount(l.totalSeries)} × RF ${l.replicationFactor} ÷ ${l.ingesters}), more than one TSDB head should.`,
      hint: `Run ${suggestedIngesters(l)} ingesting replicas (hashring endpoints).`,
    });
  return { estimate: estimateReceiver(l), findings, ...(l.role !== "router" ? { seriesPerPod: perPod } : {}) };
}

function sizeCompactor(g: DesignGraph, c: ComponentOf<"compactor">, ctx: Map<string, BucketContext>): Sized {
  const bs = buckets(g, c, ctx);
  if (bs.length === 0) return { notSized: "not sized: it compacts no object store" };
  const unsized = bs.find((b) => b.sizing.notSized);
  if (unsized)
    return {
      notSized: `not sized: its bucket "${unsized.sizing.name}" is not (${unsized.sizing.notSized!.replace(/^not sized: /, "")})`,
    };
  const streams = bs.flatMap((b) => b.sources.streams);
  const largest = streams.reduce((a, s) =>
    s.series / s.scrapeIntervalSeconds > a.series / a.scrapeIntervalSeconds ? s : a,
  );
  const raw = durationMs(c.settings.retentionRaw) === 0 ? null : durationMs(c.settings.retentionRaw) / 1000;
  const estimate = estimateCompactor(largest.series, largest.scrapeIntervalSeconds, raw);
  const findings: SizingFinding[] = [];
  const need = largestCompactionBytes(largest.series, largest.scrapeIntervalSeconds, raw);
  const have = parseQuantity(c.settings.storage.size) ?? 0;
  if (have < need)
    findings.push({
      id: "sizing-compactor-disk",
      severity: "warning",
      message: `${named(c)} has ${c.settings.storage.size} of disk; its largest compaction needs ${formatBytes(need)} (2 × 14 days of the largest stream).`,
      hint: `Set storage.size to at least ${storageQuantity(estimate.storageBytes)}.`,
    });
  return { estimate, findings };
}

function sizeStoreGateway(g: DesignGraph, s: ComponentOf<"storeGateway">, ctx: Map<string, BucketContext>): Sized {
  const bs = buckets(g, s, ctx);
  if (bs.length === 0) return { notSized: "not sized: it reads no object store" };
  const unsized = bs.find((b) => b.sizing.notSized);
  if (unsized)
    return {
      notSized: `not sized: its bucket "${unsized.sizing.name}" is not (${unsized.sizing.notSized!.replace(/^not sized: /, "")})`,
    };
  let blocks = 0;
  let series = 0;
  for (const b of bs) {
    const h = b.sizing.horizonSeconds ?? SIZING.unboundedHorizonSeconds;
    const r = b.sizing.retentionSeconds;
    const spans: Record<Resolution, number> = {
      raw: r.raw ?? h,
      "5m": b.sizing.downsampling ? (r["5m"] ?? h) - SIZING.downsample5mAfterSeconds : 0,
      "1h": b.sizing.downsampling ? (r["1h"] ?? h) - SIZING.downsample1hAfterSeconds : 0,
    };
    for (const st of b.sources.streams) {
      series += st.series;
      for (const res of RESOLUTIONS) blocks += blocksPerStream(spans[res]);
    }
  }
  const inMemory = s.settings.indexCache === "in-memory" ? parseThanosBytes(s.settings.indexCacheSize) : 0;
  const findings: SizingFinding[] = [];
  if (s.settings.indexCache === "in-memory" && series > SIZING.storeSharedCacheSeries)
    findings.push({
      id: "sizing-store-index-cache",
      severity: "info",
      message: `${named(s)} serves a bucket of ${formatCount(series)} series with only a per-pod in-memory index cache (${s.settings.indexCacheSize}).`,
      hint: "Connect a Memcached index cache (indexCache: memcached) so replicas share postings and series lookups.",
    });
  return { estimate: estimateStoreGateway(blocks, s.settings.blockShards, inMemory), findings };
}

const LOAD_SCHEMA: Partial<Record<ComponentKind, z.ZodType>> = {
  prometheus: loads.prometheusLoad,
  receiver: loads.receiverLoad,
  query: loads.queryLoad,
};

function sizeComponent(g: DesignGraph, c: Component, ctx: Map<string, BucketContext>): Sized {
  // The editor holds documents mid-edit; a load that fails its schema is reported, never computed with.
  const schema = LOAD_SCHEMA[c.kind];
  const check = schema?.safeParse((c.settings as { load?: unknown }).load);
  if (check && !check.success)
    return {
      notSized: `not sized: settings.load.${check.error.issues[0]?.path.join(".")} ${check.error.issues[0]?.message}`,
    };
  switch (c.kind) {
    case "prometheus":
      return sizePrometheus(g, c);
    case "receiver":
      return sizeReceiver(g, c);
    case "query":
      return c.settings.load.queriesPerSecond === undefined
        ? { notSized: "not sized: set settings.load.queriesPerSecond" }
        : { estimate: estimateQuery(c.settings.load.queriesPerSecond, c.settings.replicas), findings: [] };
    case "compactor":
      return sizeCompactor(g, c, ctx);
    case "storeGateway":
      return sizeStoreGateway(g, c, ctx);
    default:
      return { notSized: "not sized: the planner has no load model for this kind" };
  }
}

/** Findings that compare what is configured with the estimate. */
function shortfalls(c: Component, e: Estimate, configured: ComponentSizing["configured"]): SizingFinding[] {
  const out: SizingFinding[] = [];
  const limit = parseQuantity((c.settings as { resources?: Resources }).resources?.limits.memory);
  if (limit !== undefined && limit < e.memoryBytes)
    out.push({
      id: "sizing-memory-limit",
      severity: "warning",
      message: `${named(c)} has a memory limit of ${formatBytes(limit)}, below the ${formatBytes(e.memoryBytes)} its load needs: it will be OOM-killed.`,
      hint: `Raise resources.limits.memory to ${memoryQuantity(e.memoryLimitBytes)} (or apply the estimates).`,
    });
  if (e.storageBytes > 0 && configured.storageBytes !== null && configured.storageBytes < e.storageBytes)
    out.push({
      id: "sizing-volume",
      severity: "warning",
      message: `${named(c)} has a ${formatBytes(configured.storageBytes)} volume; its retention needs ${formatBytes(e.storageBytes)}.`,
      hint: `Set storage.size to ${storageQuantity(e.storageBytes)}, or shorten the retention.`,
    });
  return out;
}

const round = (n: number, digits = 3) => Number(n.toFixed(digits));

/** Size every component and bucket of a valid design from its declared load. Pure; memoized per design. */
export function sizeDesign(design: Design): SizingReport {
  const hit = memo.get(design);
  if (hit) return hit;
  const g = new DesignGraph(design);
  const ctx = sizeBuckets(g);
  const components: ComponentSizing[] = [];
  for (const c of design.components) {
    if (c.kind === "cluster" || c.kind === "objectStore") continue;
    const configured = configuredOf(c);
    const s = c.settings as { replicas?: number; shards?: number };
    const pods = (s.shards ?? 1) * (s.replicas ?? 1);
    const base = { id: c.id, name: c.name, kind: c.kind, pods, configured };
    const r = sizeComponent(g, c, ctx);
    if ("notSized" in r) {
      components.push({
        ...base,
        estimate: null,
        suggested: null,
        why: null,
        notSized: r.notSized,
        findings: r.findings ?? [],
      });
      continue;
    }
    const e = r.estimate;
    const findings = [...shortfalls(c, e, configured), ...r.findings];
    // Compactor disk has its own, more specific rule.
    const deduped = c.kind === "compactor" ? findings.filter((f) => f.id !== "sizing-volume") : findings;
    components.push({
      ...base,
      estimate: {
        cpuCores: round(e.cpuCores),
        memoryBytes: Math.ceil(e.memoryBytes),
        storageBytes: Math.ceil(e.storageBytes),
      },
      suggested: {
        cpu: cpuQuantity(e.cpuCores),
        memoryRequest: memoryQuantity(e.memoryBytes),
        memoryLimit: memoryQuantity(e.memoryLimitBytes),
        storage: STORAGE_KINDS.has(c.kind) && e.storageBytes > 0 ? storageQuantity(e.storageBytes) : null,
      },
      why: e.why,
      ...(r.seriesPerPod !== undefined ? { seriesPerPod: r.seriesPerPod } : {}),
      findings: deduped,
    });
  }
  const report = { components, bucket: [...ctx.values()].map((b) => b.sizing) };
  memo.set(design, report);
  return report;
}

const memo = new WeakMap<Design, SizingReport>();

/** For documents mid-edit that may not be valid: the report, or null when the design cannot be read. */
export function trySizeDesign(design: Design): SizingReport | null {
  try {
    return sizeDesign(design);
  } catch {
    return null;
  }
}

/** Whether a component's configured resources are below its estimate (the node badge). */
export function undersized(c: ComponentSizing): string | undefined {
  if (!c.estimate) return undefined;
  const short: string[] = [];
  const { memoryBytes, storageBytes, memoryRequestBytes } = c.configured;
  if (memoryBytes !== null && memoryBytes < c.estimate.memoryBytes)
    short.push(`memory ${formatBytes(memoryBytes)} < ${formatBytes(c.estimate.memoryBytes)}`);
  else if (memoryRequestBytes !== null && memoryRequestBytes < c.estimate.memoryBytes)
    short.push(`memory request ${formatBytes(memoryRequestBytes)} < ${formatBytes(c.estimate.memoryBytes)}`);
  if (storageBytes !== null && c.estimate.storageBytes > 0 && storageBytes < c.estimate.storageBytes)
    short.push(`volume ${formatBytes(storageBytes)} < ${formatBytes(c.estimate.storageBytes)}`);
  return short.length > 0 ? `Below the sizing estimate: ${short.join(", ")}` : undefined;
}
