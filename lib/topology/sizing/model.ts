/**
 * The planner's figures, each with where it comes from. Every estimate in this folder is built from these and
 * nothing else, so a reader can check a number against its source. Sources read for this module:
 * - Prometheus storage docs, prometheus/prometheus docs/storage.md (commit d15adb9),
 *   https://prometheus.io/docs/prometheus/latest/storage/#operational-aspects
 * - Prometheus remote write tuning, https://prometheus.io/docs/practices/remote_write/#memory-usage
 * - Brian Brazil, "Why does Prometheus use so much RAM?" (robustperception.io, Prometheus ≥ 2.20)
 * - Thanos compactor docs, thanos-io/thanos docs/components/compact.md (commit e103a81), sections Downsampling, Disk
 * - Thanos store docs, thanos-io/thanos docs/components/store.md (commit e103a81)
 */
import { MiB } from "./units";

export const HOUR_S = 3600;
export const DAY_S = 24 * HOUR_S;
/** A planning month. */
export const MONTH_S = 30 * DAY_S;

export const SIZING = {
  /** storage.md: "Prometheus stores an average of only 1-2 bytes per sample"; planning takes the upper end. */
  bytesPerSample: 2,
  /**
   * storage.md: the head (WAL + m-mapped head chunks) spans the last ~2-3 hours of samples and peaks every 2h;
   * the RobustPerception RAM article also allows "up to 3 hours worth of data".
   */
  headWindowSeconds: 3 * HOUR_S,
  /**
   * WAL bytes per sample: a WAL sample record is series ref + timestamp + float64 (~16 B before compression),
   * and storage.md says WAL compression (default since 2.20) roughly halves it.
   */
  walBytesPerSample: 8,
  /** storage.md: WAL files are 128MB segments and "Prometheus will retain a minimum of three". */
  walMinBytes: 3 * 128 * MiB,
  /** RobustPerception (Prometheus ≥ 2.20): "a good rule of thumb should be around 3kB per series in the head". */
  headBytesPerSeries: 3 * 1024,
  /** remote_write practices: "Most users report ~25% increased memory usage" with remote write. */
  remoteWriteMemoryOverhead: 0.25,
  /** Planner assumption: a Go server's resident floor (runtime, caches, HTTP), below which no estimate goes. */
  baseMemoryBytes: 256 * MiB,
  /** Planner assumption (no published figure): ingestion costs ~1 core per 100k samples/s, plus 0.1 core idle. */
  coresPer100kSamplesPerSecond: 1,
  baseCores: 0.1,
  /** Planner assumption: volumes keep 20% free, since TSDB compaction writes a new block before deleting its inputs. */
  volumeHeadroom: 1.2,
  /** Planner policy: limits sit 25% above the expected working set (head compaction and queries spike above it). */
  memoryLimitHeadroom: 1.25,
  /** RobustPerception: "10M series would be 30GB"; above a few million series one Prometheus gets hard to run. */
  maxSeriesPerPrometheus: 5_000_000,
  /** Same limit for a receiver ingester, which embeds the same TSDB head. */
  maxSeriesPerReceiver: 5_000_000,
  /** compact.md Downsampling: raw data older than 40 hours is downsampled to 5m, 5m data older than 10 days to 1h. */
  downsample5mAfterSeconds: 40 * HOUR_S,
  downsample1hAfterSeconds: 10 * DAY_S,
  /** Thanos downsampling keeps five aggregates per window: count, sum, min, max, counter (pkg/compact/downsample). */
  aggregatesPerWindow: 5,
  /** compact.md Disk: "2 times 2 weeks (if your maximum compaction level is 2 weeks) worth of smaller blocks". */
  maxCompactionSeconds: 14 * DAY_S,
  compactionDiskFactor: 2,
  /** store.md: "an average of 6 MB of local disk space is required per TSDB block stored in the object storage bucket". */
  storeDiskPerBlockBytes: 6 * 1000 ** 2,
  /** Planner assumption: the store gateway's floor (index-header readers, chunk pool in use, gRPC) besides its caches. */
  storeBaseMemoryBytes: 512 * MiB,
  /** Beyond this many series in a bucket, one in-memory index cache per store replica stops being enough. */
  storeSharedCacheSeries: 1_000_000,
  /** Planner assumption for Query: ~64 MiB and 0.1 core per concurrent query, concurrency ≈ qps × 1 s (Little's law). */
  queryBytesPerConcurrentQuery: 64 * MiB,
  queryCoresPerConcurrentQuery: 0.1,
  queryBaseMemoryBytes: 512 * MiB,
  /** Planner assumption: compactor memory ≈ 1 KiB per series of the largest stream (symbols and postings it merges). */
  compactorBytesPerSeries: 1024,
  /** Thanos compactor runs one compaction at a time by default (`--compact.concurrency=1`): one core. */
  compactorCores: 1,
  /** Horizon plotted when a bucket has no retention (no compactor, or `0d`): one year. */
  unboundedHorizonSeconds: 365 * DAY_S,
  /** Router-only receivers: floor memory, since they hold no TSDB. */
  routerMemoryBytes: 512 * MiB,
} as const;
