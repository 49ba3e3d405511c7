/**
 * Thanos JSON, mirrored field for field from the Thanos source (thanos-io/thanos):
 * - `GET /api/v1/stores` (pkg/api/query/v1.go `stores`): the usual API envelope
 *   `{status, data, errorType?, error?, warnings?}` (pkg/api/api.go) whose `data` maps a component
 *   type ("sidecar", "store", "rule", "receive", "query", "debug", …) to `[]EndpointStatus`.
 * - `EndpointStatus` (pkg/query/endpointset.go): `name`, `lastCheck` (Go time.Time → RFC3339 with
 *   up to nanoseconds and the server's offset), `lastError` (string, or null when the last info call
 *   succeeded), `labelSets` (array of {label: value}; null when the endpoint never answered),
 *   `minTime`/`maxTime` (int64 milliseconds; math.MinInt64/MaxInt64 mean "unbounded").
 * - Block `meta.json` (pkg/block/metadata/meta.go embedding Prometheus tsdb.BlockMeta) and
 *   `deletion-mark.json` (pkg/block/metadata/markers.go).
 * Endpoints Query has never reached are not listed at all: Thanos only knows their component type
 * after a successful info call, and `stores` skips endpoints without one.
 */
import { z } from "zod";
import { describeIssues, parseJsonText, type Parsed } from "./parse-result";

export type { Parsed } from "./parse-result";

/** Component type keys Thanos uses in `/api/v1/stores` (pkg/component/component.go names). */
export const ENDPOINT_TYPES = ["sidecar", "store", "rule", "receive", "query", "debug", "unknown-store-api"] as const;
export type KnownEndpointType = (typeof ENDPOINT_TYPES)[number];

export const LabelSetSchema = z.record(z.string(), z.string());
export type LabelSet = z.infer<typeof LabelSetSchema>;

// Go marshals time.Time as RFC3339Nano in the process's zone, so accept any fraction and offset.
const goTime = z.iso.datetime({ offset: true, local: false });

export const EndpointStatusSchema = z.object({
  name: z.string(),
  lastCheck: goTime,
  lastError: z.string().nullable(),
  labelSets: z.array(LabelSetSchema).nullable(),
  minTime: z.number(),
  maxTime: z.number(),
});
export type EndpointStatus = z.infer<typeof EndpointStatusSchema>;

const ApiErrorTypeSchema = z.enum([
  "timeout",
  "canceled",
  "execution",
  "bad_data",
  "internal",
  "unavailable",
  "not_found",
]);

export const StoresResponseSchema = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("success"),
    data: z.record(z.string(), z.array(EndpointStatusSchema).nullable()),
    warnings: z.array(z.string()).optional(),
  }),
  z.object({
    status: z.literal("error"),
    errorType: z.union([ApiErrorTypeSchema, z.string()]),
    error: z.string(),
    data: z.unknown().optional(),
  }),
]);
export type StoresResponse = z.infer<typeof StoresResponseSchema>;

/** One StoreAPI endpoint as Query sees it, normalised for display and comparison. */
export interface StoreEndpoint {
  type: string;
  name: string;
  up: boolean;
  lastError: string | null;
  /** Last successful check; null when Go's zero time says there was none. */
  lastCheck: string | null;
  labelSets: LabelSet[];
  /** Milliseconds, or null when Thanos reports the endpoint as unbounded on that side. */
  minTime: number | null;
  maxTime: number | null;
}

export interface StoresSnapshot {
  endpoints: StoreEndpoint[];
  warnings: string[];
}

// Prometheus's own API bounds (year 0 and the end of year 9999) and math.Min/MaxInt64 both mean
// "no limit"; anything at or beyond them is reported as unbounded.
const PROMETHEUS_MIN_TIME_MS = -62167219200000;
const PROMETHEUS_MAX_TIME_MS = 253402300799999;

export function boundedMinTime(ms: number): number | null {
  return ms <= PROMETHEUS_MIN_TIME_MS ? null : ms;
}
export function boundedMaxTime(ms: number): number | null {
  return ms >= PROMETHEUS_MAX_TIME_MS ? null : ms;
}

const GO_ZERO_TIME_MS = Date.parse("0001-01-01T00:00:00Z");

export function toStoreEndpoint(type: string, status: EndpointStatus): StoreEndpoint {
  const checked = Date.parse(status.lastCheck);
  return {
    type,
    name: status.name,
    up: status.lastError === null || status.lastError === "",
    lastError: status.lastError === "" ? null : status.lastError,
    lastCheck: checked <= GO_ZERO_TIME_MS ? null : status.lastCheck,
    labelSets: status.labelSets ?? [],
    minTime: boundedMinTime(status.minTime),
    maxTime: boundedMaxTime(status.maxTime),
  };
}

/** Parses the body of Thanos Query `GET /api/v1/stores`. */
export function parseStoresResponse(body: string): Parsed<StoresSnapshot> {
  const json = parseJsonText(body, "Thanos Query /api/v1/stores");
  if (!json.ok) return json;
  const parsed = StoresResponseSchema.safeParse(json.value);
  if (!parsed.success) return { ok: false, error: describeIssues("Thanos Query /api/v1/stores", parsed.error) };
  const response = parsed.data;
  if (response.status === "error") {
    return { ok: false, error: `Thanos Query /api/v1/stores answered ${response.errorType} error: ${response.error}` };
  }
  const endpoints: StoreEndpoint[] = [];
  for (const type of Object.keys(response.data).sort()) {
    for (const status of response.data[type] ?? []) endpoints.push(toStoreEndpoint(type, status));
  }
  return { ok: true, value: { endpoints, warnings: response.warnings ?? [] } };
}

// ---------------------------------------------------------------------------------------------
// Block meta.json

const ULID_PATTERN = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;
export const UlidSchema = z.string().regex(ULID_PATTERN, "expected a 26-character ULID");

export function isUlid(value: string): boolean {
  return ULID_PATTERN.test(value);
}

const int64 = z.number().int();

/** Prometheus tsdb.BlockDesc. */
const BlockDescSchema = z.object({ ulid: UlidSchema, minTime: int64, maxTime: int64 });

/** Prometheus tsdb.BlockMetaCompaction. */
const CompactionSchema = z.object({
  level: z.number().int().min(0),
  sources: z.array(UlidSchema).optional(),
  deletable: z.boolean().optional(),
  parents: z.array(BlockDescSchema).optional(),
  failed: z.boolean().optional(),
  hints: z.array(z.string()).optional(),
});

/** Prometheus tsdb.BlockStats (all fields omitempty). */
const BlockStatsSchema = z.object({
  numSamples: z.number().optional(),
  numFloatSamples: z.number().optional(),
  numHistogramSamples: z.number().optional(),
  numSeries: z.number().optional(),
  numChunks: z.number().optional(),
  numTombstones: z.number().optional(),
});

const ObjectHashSchema = z.object({ hashFunc: z.string(), value: z.string() });
const BlockFileSchema = z.object({
  rel_path: z.string(),
  size_bytes: z.number().optional(),
  hash: ObjectHashSchema.optional(),
});

/** Thanos metadata.SourceType values; unknown strings are kept as they are. */
export const BLOCK_SOURCES = [
  "sidecar",
  "receive",
  "compactor",
  "compactor.repair",
  "ruler",
  "bucket.repair",
  "bucket.rewrite",
  "bucket.upload",
  "test",
] as const;

/**
 * metadata.Thanos. Go decodes missing fields to zero values and `Read` turns a null label map into
 * an empty one, so the same defaults apply here.
 */
const ThanosSectionSchema = z.object({
  version: z.number().int().optional(),
  labels: LabelSetSchema.nullable()
    .default({})
    .transform((labels) => labels ?? {}),
  downsample: z.object({ resolution: int64.min(0) }).default({ resolution: 0 }),
  source: z.string().default(""),
  segment_files: z.array(z.string()).optional(),
  files: z.array(BlockFileSchema).optional(),
  rewrites: z.array(z.unknown()).optional(),
  index_stats: z.object({ series_max_size: z.number().optional(), chunk_max_size: z.number().optional() }).optional(),
  extensions: z.unknown().optional(),
  upload_time: goTime.optional(),
});

export const BlockMetaSchema = z.object({
  ulid: UlidSchema,
  minTime: int64,
  maxTime: int64,
  stats: BlockStatsSchema.optional(),
  compaction: CompactionSchema,
  version: z.number().int(),
  thanos: ThanosSectionSchema.default({ labels: {}, downsample: { resolution: 0 }, source: "" }),
});
export type BlockMeta = z.infer<typeof BlockMetaSchema>;

/** Downsampling resolutions Thanos produces, in milliseconds (raw, 5m, 1h). */
export const RESOLUTION_RAW = 0;
export const RESOLUTION_5M = 300_000;
export const RESOLUTION_1H = 3_600_000;

/** Parses a block's meta.json with the checks Thanos's metadata.Read applies. */
export function parseBlockMeta(body: string, where = "meta.json"): Parsed<BlockMeta> {
  const json = parseJsonText(body, where);
  if (!json.ok) return json;
  const parsed = BlockMetaSchema.safeParse(json.value);
  if (!parsed.success) return { ok: false, error: describeIssues(where, parsed.error) };
  const meta = parsed.data;
  if (meta.version !== 1) return { ok: false, error: `${where}: unexpected meta file version ${meta.version}` };
  const thanosVersion = meta.thanos.version ?? 1;
  if (thanosVersion !== 0 && thanosVersion !== 1) {
    return { ok: false, error: `${where}: unexpected meta file Thanos section version ${thanosVersion}` };
  }
  if (meta.maxTime < meta.minTime) {
    return { ok: false, error: `${where}: maxTime ${meta.maxTime} is before minTime ${meta.minTime}` };
  }
  return { ok: true, value: meta };
}

/** metadata.DeletionMark: `deletion_time` is Unix seconds. */
export const DeletionMarkSchema = z.object({
  id: UlidSchema,
  version: z.number().int(),
  details: z.string().optional(),
  deletion_time: int64,
});
export type DeletionMark = z.infer<typeof DeletionMarkSchema>;

export function parseDeletionMark(body: string, where = "deletion-mark.json"): Parsed<DeletionMark> {
  const json = parseJsonText(body, where);
  if (!json.ok) return json;
  const parsed = DeletionMarkSchema.safeParse(json.value);
  if (!parsed.success) return { ok: false, error: describeIssues(where, parsed.error) };
  if (parsed.data.version !== 1) {
    return { ok: false, error: `${where}: unexpected deletion-mark file version ${parsed.data.version}` };
  }
  return { ok: true, value: parsed.data };
}
