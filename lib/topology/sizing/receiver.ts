import { SIZING } from "./model";
import { headMemoryBytes, ingestCores, limitFor, samplesPerSecond, tsdbVolumeBytes, type Estimate } from "./estimate";
import { formatBytes, formatCount } from "./units";

export interface ReceiverLoad {
  /** Series written to the hashring (all tenants), before replication. */
  totalSeries: number;
  scrapeIntervalSeconds: number;
  replicationFactor: number;
  /** Pods that ingest (hold a TSDB): the hashring's endpoints. */
  ingesters: number;
  retentionSeconds: number;
  role: "router-ingestor" | "router" | "ingestor";
}

/** Series one ingester holds: every series is written to `replicationFactor` of the ingesters. */
export function seriesPerIngester(l: Pick<ReceiverLoad, "totalSeries" | "replicationFactor" | "ingesters">): number {
  return l.ingesters > 0 ? (l.totalSeries * l.replicationFactor) / l.ingesters : 0;
}

/** One receiver pod. An ingester embeds a Prometheus TSDB, so it is sized like one; a router only forwards. */
export function estimateReceiver(l: ReceiverLoad): Estimate {
  const perPod = seriesPerIngester(l);
  const sps = samplesPerSecond(perPod, l.scrapeIntervalSeconds);
  const cpuCores = ingestCores(sps);
  const cpu = `${formatCount(sps)} samples/s per pod (${formatCount(l.totalSeries)} series × RF ${l.replicationFactor} ÷ ${l.ingesters} pods, every ${l.scrapeIntervalSeconds}s) at 1 core per 100k samples/s`;
  if (l.role === "router")
    return {
      cpuCores,
      memoryBytes: SIZING.routerMemoryBytes,
      memoryLimitBytes: limitFor(SIZING.routerMemoryBytes),
      storageBytes: 0,
      why: {
        cpu,
        memory: `a router holds no TSDB: ${formatBytes(SIZING.routerMemoryBytes)} floor`,
        storage: "a router stores nothing",
      },
    };
  const memory = headMemoryBytes(perPod, false);
  const volume = tsdbVolumeBytes(sps, l.retentionSeconds);
  return {
    cpuCores,
    memoryBytes: memory.bytes,
    memoryLimitBytes: limitFor(memory.bytes),
    storageBytes: volume.bytes,
    why: { cpu, memory: memory.why, storage: volume.why },
  };
}

/** Ingesters needed so that none holds more series than one TSDB head should. */
export function suggestedIngesters(l: Pick<ReceiverLoad, "totalSeries" | "replicationFactor" | "ingesters">): number {
  return Math.max(l.ingesters, Math.ceil((l.totalSeries * l.replicationFactor) / SIZING.maxSeriesPerReceiver));
}
