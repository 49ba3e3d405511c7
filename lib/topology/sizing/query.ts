import { SIZING } from "./model";
import { limitFor, type Estimate } from "./estimate";
import { formatBytes } from "./units";

/**
 * One Query pod from its share of queries per second. Concurrency ≈ qps × 1 s mean latency (Little's law);
 * memory and CPU per concurrent query are planner assumptions (model.ts), to be checked against measurements.
 */
export function estimateQuery(queriesPerSecond: number, replicas: number): Estimate {
  const concurrency = queriesPerSecond / Math.max(1, replicas);
  const memoryBytes = SIZING.queryBaseMemoryBytes + concurrency * SIZING.queryBytesPerConcurrentQuery;
  const cpuCores = SIZING.baseCores + concurrency * SIZING.queryCoresPerConcurrentQuery;
  return {
    cpuCores,
    memoryBytes,
    memoryLimitBytes: limitFor(memoryBytes),
    storageBytes: 0,
    why: {
      cpu: `${concurrency.toFixed(1)} concurrent queries per pod (${queriesPerSecond} qps ÷ ${Math.max(1, replicas)} replicas × 1 s) × 0.1 core`,
      memory: `${formatBytes(SIZING.queryBaseMemoryBytes)} + ${concurrency.toFixed(1)} concurrent queries × 64 MiB`,
      storage: "Query is stateless",
    },
  };
}
