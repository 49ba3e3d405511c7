import { DAY_S, MONTH_S, SIZING } from "./model";
import { GiB } from "./units";

export const RESOLUTIONS = ["raw", "5m", "1h"] as const;
export type Resolution = (typeof RESOLUTIONS)[number];
const WINDOW_S: Record<Exclude<Resolution, "raw">, number> = { "5m": 300, "1h": 3600 };

/** One block stream written to a bucket: one Prometheus replica, or one receiver tenant TSDB. */
export interface BlockStream {
  series: number;
  scrapeIntervalSeconds: number;
}

/** Per-resolution retention in seconds; null = kept forever (`0d`, or no compactor to delete anything). */
export type Retention = Record<Resolution, number | null>;

export interface BucketModel {
  /** Bytes per second written at each resolution. */
  ratePerSecond: Record<Resolution, number>;
  retention: Retention;
  downsampling: boolean;
}

/**
 * Write rate per resolution. Raw: samples/s × bytes/sample (storage.md). Downsampled: five aggregates per window
 * per series (compact.md; pkg/compact/downsample), at the same bytes per sample.
 */
export function bucketModel(streams: readonly BlockStream[], retention: Retention, downsampling: boolean): BucketModel {
  let raw = 0;
  let series = 0;
  for (const s of streams) {
    if (s.scrapeIntervalSeconds > 0) raw += (s.series / s.scrapeIntervalSeconds) * SIZING.bytesPerSample;
    series += s.series;
  }
  const down = (w: number) => (downsampling ? ((series * SIZING.aggregatesPerWindow) / w) * SIZING.bytesPerSample : 0);
  return { ratePerSecond: { raw, "5m": down(WINDOW_S["5m"]), "1h": down(WINDOW_S["1h"]) }, retention, downsampling };
}

/** Age at which data first exists at a resolution: raw at once, 5m after 40h, 1h after 10 days (compact.md). */
const START_S: Record<Resolution, number> = {
  raw: 0,
  "5m": SIZING.downsample5mAfterSeconds,
  "1h": SIZING.downsample1hAfterSeconds,
};

/**
 * Bytes held at one resolution `t` seconds after writing started: the resolution holds data aged between its
 * start age and its retention, so size(t) = rate × max(0, min(t, retention) − start).
 */
export function bytesAt(m: BucketModel, r: Resolution, t: number): number {
  const keep = m.retention[r] ?? Number.POSITIVE_INFINITY;
  return m.ratePerSecond[r] * Math.max(0, Math.min(t, keep) - START_S[r]);
}

/** When the bucket stops growing (the longest retention), or the planning horizon when something is kept forever. */
export function horizonSeconds(m: BucketModel): number {
  const rs = RESOLUTIONS.filter((r) => m.ratePerSecond[r] > 0).map((r) => m.retention[r]);
  if (rs.length === 0) return SIZING.unboundedHorizonSeconds;
  if (rs.some((r) => r === null)) return SIZING.unboundedHorizonSeconds;
  return Math.max(DAY_S, ...(rs as number[]));
}

export function bytesByResolution(m: BucketModel, t = horizonSeconds(m)): Record<Resolution, number> {
  return { raw: bytesAt(m, "raw", t), "5m": bytesAt(m, "5m", t), "1h": bytesAt(m, "1h", t) };
}

/** Bytes added per 30 days while the bucket fills up to its retention. */
export function monthlyGrowthBytes(m: BucketModel): number {
  return RESOLUTIONS.reduce((a, r) => a + m.ratePerSecond[r] * MONTH_S, 0);
}

/** Cost per month of the bucket at its horizon size. */
export function monthlyCost(totalBytes: number, pricePerGiBMonth: number): number {
  return (totalBytes / GiB) * pricePerGiBMonth;
}

/** Points (day, bytes per resolution) for the growth plot, one per day up to the horizon plus a tenth. */
export function growthCurve(m: BucketModel, points = 120): { t: number; bytes: Record<Resolution, number> }[] {
  const end = horizonSeconds(m) * 1.1;
  return Array.from({ length: points + 1 }, (_, i) => {
    const t = (end * i) / points;
    return { t, bytes: bytesByResolution(m, t) };
  });
}

/**
 * Blocks a stream leaves in the bucket at one resolution: compaction merges them up to 14-day blocks
 * (compact.md), so ⌈span ÷ 14d⌉ plus one block still being compacted.
 */
export function blocksPerStream(spanSeconds: number): number {
  return spanSeconds <= 0 ? 0 : Math.ceil(spanSeconds / SIZING.maxCompactionSeconds) + 1;
}
