import type { PrometheusSettings } from "../kinds/prometheus";
import { durationMs } from "../primitives";
import { SIZING } from "./model";
import { headMemoryBytes, ingestCores, limitFor, samplesPerSecond, tsdbVolumeBytes, type Estimate } from "./estimate";
import { formatCount } from "./units";

/** Active series of one shard replica, or undefined when the group is not sized. */
export function prometheusSeries(load: PrometheusSettings["load"]): number | undefined {
  if (load.activeSeries !== undefined) return load.activeSeries;
  if (load.targets !== undefined && load.seriesPerTarget !== undefined) return load.targets * load.seriesPerTarget;
  return undefined;
}

export interface PrometheusLoad {
  activeSeries: number;
  scrapeIntervalSeconds: number;
  retentionSeconds: number;
  remoteWrite: boolean;
}

/** One Prometheus pod (a shard replica): every replica scrapes, stores and holds the same series. */
export function estimatePrometheus(l: PrometheusLoad): Estimate {
  const sps = samplesPerSecond(l.activeSeries, l.scrapeIntervalSeconds);
  const memory = headMemoryBytes(l.activeSeries, l.remoteWrite);
  const volume = tsdbVolumeBytes(sps, l.retentionSeconds);
  const cpuCores = ingestCores(sps);
  return {
    cpuCores,
    memoryBytes: memory.bytes,
    memoryLimitBytes: limitFor(memory.bytes),
    storageBytes: volume.bytes,
    why: {
      cpu: `${formatCount(sps)} samples/s (${formatCount(l.activeSeries)} series every ${l.scrapeIntervalSeconds}s) at 1 core per 100k samples/s + ${SIZING.baseCores} idle`,
      memory: memory.why,
      storage: volume.why,
    },
  };
}

export function prometheusLoadOf(s: PrometheusSettings, remoteWrite: boolean): PrometheusLoad | undefined {
  const activeSeries = prometheusSeries(s.load);
  if (activeSeries === undefined) return undefined;
  return {
    activeSeries,
    scrapeIntervalSeconds: durationMs(s.scrapeInterval) / 1000,
    retentionSeconds: durationMs(s.retention) / 1000,
    remoteWrite,
  };
}

/** Shards needed so that no shard carries more than one Prometheus should. */
export function suggestedShards(shards: number, seriesPerShard: number): number {
  return Math.max(shards, Math.ceil((shards * seriesPerShard) / SIZING.maxSeriesPerPrometheus));
}
