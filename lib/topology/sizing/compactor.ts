import { SIZING } from "./model";
import { limitFor, type Estimate } from "./estimate";
import { formatBytes, formatCount } from "./units";

/**
 * Compactor scratch disk (compact.md, Disk): "2 times 2 weeks … worth of smaller blocks": the source blocks of the
 * largest compaction are downloaded, then its output is built beside them. The largest compaction is 14 days of
 * the biggest stream (shorter when raw retention deletes data first).
 */
export function largestCompactionBytes(
  largestStreamSeries: number,
  scrapeIntervalSeconds: number,
  retentionRawSeconds: number | null,
): number {
  const span = Math.min(SIZING.maxCompactionSeconds, retentionRawSeconds ?? SIZING.maxCompactionSeconds);
  const sps = scrapeIntervalSeconds > 0 ? largestStreamSeries / scrapeIntervalSeconds : 0;
  return SIZING.compactionDiskFactor * span * sps * SIZING.bytesPerSample;
}

export function estimateCompactor(
  largestStreamSeries: number,
  scrapeIntervalSeconds: number,
  retentionRawSeconds: number | null,
): Estimate {
  const disk = largestCompactionBytes(largestStreamSeries, scrapeIntervalSeconds, retentionRawSeconds);
  const memoryBytes = SIZING.baseMemoryBytes + largestStreamSeries * SIZING.compactorBytesPerSeries;
  const days = Math.round(
    Math.min(SIZING.maxCompactionSeconds, retentionRawSeconds ?? SIZING.maxCompactionSeconds) / 86_400,
  );
  return {
    cpuCores: SIZING.compactorCores,
    memoryBytes,
    memoryLimitBytes: limitFor(memoryBytes),
    storageBytes: disk * SIZING.volumeHeadroom,
    why: {
      cpu: "one compaction at a time (--compact.concurrency=1): one core",
      memory: `${formatCount(largestStreamSeries)} series in the largest stream × 1 KiB + ${formatBytes(SIZING.baseMemoryBytes)}`,
      storage: `2 × ${days} days of the largest stream (${formatBytes(disk / 2)}): inputs downloaded + output built, +20%`,
    },
  };
}
