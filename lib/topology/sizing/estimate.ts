import { SIZING } from "./model";
import { formatBytes, formatCount } from "./units";

/** What one pod of a component needs. `why` says, in one line per number, how it was reached. */
export interface Estimate {
  cpuCores: number;
  /** Expected working set: the memory request. */
  memoryBytes: number;
  /** The limit the planner suggests: the working set plus headroom. */
  memoryLimitBytes: number;
  /** Persistent volume; 0 for stateless components. */
  storageBytes: number;
  why: { cpu: string; memory: string; storage: string };
}

/** Samples per second from series scraped every `intervalSeconds`. */
export function samplesPerSecond(series: number, intervalSeconds: number): number {
  return intervalSeconds > 0 ? series / intervalSeconds : 0;
}

/** cores = base + samples/s ÷ 100k × cores per 100k samples/s (planner assumption, see model.ts). */
export function ingestCores(sps: number): number {
  return SIZING.baseCores + (sps / 100_000) * SIZING.coresPer100kSamplesPerSecond;
}

/**
 * A Prometheus-style TSDB volume (storage.md): blocks = retention × samples/s × bytes/sample, plus the head
 * (WAL + m-mapped chunks) over the head window, at least three WAL segments; times the volume headroom.
 */
export function tsdbVolumeBytes(sps: number, retentionSeconds: number): { bytes: number; why: string } {
  const blocks = retentionSeconds * sps * SIZING.bytesPerSample;
  const head = Math.max(
    SIZING.walMinBytes,
    SIZING.headWindowSeconds * sps * (SIZING.walBytesPerSample + SIZING.bytesPerSample),
  );
  const bytes = (blocks + head) * SIZING.volumeHeadroom;
  return {
    bytes,
    why: `${formatBytes(blocks)} of blocks (${formatCount(sps)} samples/s × ${Math.round(retentionSeconds / 3600)}h × ${SIZING.bytesPerSample} B) + ${formatBytes(head)} WAL and head chunks, +${Math.round((SIZING.volumeHeadroom - 1) * 100)}% for compaction`,
  };
}

/** Head memory (RobustPerception ~3 kB/series) over the process floor, +25% with remote write (Prometheus docs). */
export function headMemoryBytes(series: number, remoteWrite: boolean): { bytes: number; why: string } {
  const head = series * SIZING.headBytesPerSeries;
  const base = SIZING.baseMemoryBytes + head;
  const bytes = remoteWrite ? base * (1 + SIZING.remoteWriteMemoryOverhead) : base;
  return {
    bytes,
    why: `${formatCount(series)} series × 3 KiB head + ${formatBytes(SIZING.baseMemoryBytes)} process${remoteWrite ? ", +25% for remote write" : ""}`,
  };
}

export const limitFor = (memoryBytes: number) => memoryBytes * SIZING.memoryLimitHeadroom;
