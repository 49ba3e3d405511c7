import { SIZING } from "./model";
import { limitFor, type Estimate } from "./estimate";
import { formatBytes } from "./units";

/**
 * One store gateway pod. Disk (store.md): "an average of 6 MB … per TSDB block stored in the object storage
 * bucket" for index-headers; with block sharding each pod holds its shard's blocks. Memory: the in-memory index
 * cache it is configured with, over a floor for index-header readers and the chunk pool in use.
 */
export function estimateStoreGateway(blocks: number, blockShards: number, inMemoryIndexCacheBytes: number): Estimate {
  const perPod = blocks / Math.max(1, blockShards);
  const disk = perPod * SIZING.storeDiskPerBlockBytes;
  const memoryBytes = SIZING.storeBaseMemoryBytes + inMemoryIndexCacheBytes;
  return {
    cpuCores: 0.5,
    memoryBytes,
    memoryLimitBytes: limitFor(memoryBytes),
    storageBytes: disk * SIZING.volumeHeadroom,
    why: {
      cpu: "serving cost follows queries, not the bucket: 0.5 core to start, check it against measurements",
      memory: `${formatBytes(inMemoryIndexCacheBytes)} in-memory index cache + ${formatBytes(SIZING.storeBaseMemoryBytes)} floor`,
      storage: `${Math.ceil(perPod)} blocks × 6 MB index-header (store.md), +20%`,
    },
  };
}
