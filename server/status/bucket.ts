/**
 * Blocks in a Thanos bucket, read through the object store's S3 API the way Thanos's block fetcher
 * sees them: top-level `<ULID>/` prefixes, `meta.json` uploaded last (so a prefix without it is an
 * upload in progress or abandoned), and `deletion-mark.json` for blocks the compactor has retired.
 * `buildTimeline` and `uploadGapWarnings` are pure, so the canvas logic is testable with any `now`.
 */
import { setMaxListeners } from "node:events";
import { GetObjectCommand, ListObjectsV2Command, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import type { NodeHttpHandler } from "@smithy/node-http-handler";
import { decodeTime } from "ulid";
import { mapBounded } from "./bounded";
import { formatDuration } from "./duration";
import { containsLabels, formatLabels, type Labels } from "./labels";
import type { ReadResult } from "./readers";
import { isUlid, parseBlockMeta, parseDeletionMark } from "./thanos-types";

/**
 * Why the studio did not list a bucket (no keys, a provider it cannot list), in the words the Live tab shows
 * instead of an empty timeline: an empty bucket and an unlisted one must never look alike.
 */
export const NOT_LISTED = {
  noKeys: "not listed: the object store has no access keys",
  provider: (provider: string) => `not listed: listing ${provider} buckets is not supported yet (S3-compatible only)`,
} as const;

/** What a design stores about an object store (Thanos `type: S3` config, secrets decrypted). */
export interface ObjectStoreAccess {
  bucket: string;
  /** Custom endpoint URL (MinIO, Ceph, s3rver…); omit for AWS. */
  endpoint?: string;
  region?: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Path-style URLs; defaults to true whenever a custom endpoint is given. */
  forcePathStyle?: boolean;
  /** Thanos objstore `prefix`: blocks live under `<prefix>/<ULID>/`. */
  prefix?: string;
}

export function createBucketClient(access: ObjectStoreAccess, requestHandler?: NodeHttpHandler): S3Client {
  return new S3Client({
    requestHandler,
    endpoint: access.endpoint,
    region: access.region ?? "us-east-1",
    forcePathStyle: access.forcePathStyle ?? access.endpoint !== undefined,
    credentials: {
      accessKeyId: access.accessKeyId,
      secretAccessKey: access.secretAccessKey,
      sessionToken: access.sessionToken,
    },
    // Newer SDKs add CRC32 trailers by default; several S3-compatible stores reject or mangle them.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 2,
  });
}

export interface BucketBlock {
  ulid: string;
  labels: Labels;
  minTime: number;
  maxTime: number;
  level: number;
  /** Downsampling resolution in ms (0 raw, 300000 = 5m, 3600000 = 1h). */
  resolution: number;
  source: string;
  /** When the block reached the bucket: meta.json `upload_time`, else the ULID's creation time. */
  arrivedAt: string;
  numSamples?: number;
  /** Sum of `thanos.files[].size_bytes` when the uploader recorded them. */
  sizeBytes?: number;
}

export interface DeletionMarkedBlock {
  ulid: string;
  /** ISO time the compactor marked it, or null when the mark could not be read. */
  markedAt: string | null;
  details?: string;
  labels?: Labels;
}

export interface BlockListing {
  bucket: string;
  /** Live blocks: meta.json readable, no deletion mark. */
  blocks: BucketBlock[];
  /** Skipped: marked for deletion (Thanos stops querying them after the delete delay). */
  deletionMarked: DeletionMarkedBlock[];
  /** Skipped: ULID prefixes without meta.json (upload in progress or abandoned). */
  partial: string[];
  /** Skipped: meta.json present but not readable as Thanos block metadata. */
  invalid: Array<{ ulid: string; error: string }>;
  /** Top-level prefixes that are not block ULIDs (e.g. `debug/`), ignored as Thanos ignores them. */
  ignoredPrefixes: string[];
}

export interface ListBlocksOptions {
  /** GETs in flight at once; default 16. */
  concurrency?: number;
  /** Budget for the whole listing; default 30000 ms. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Overrides `ObjectStoreAccess.prefix`. */
  prefix?: string;
}

/** Lists every block of a bucket; never throws, failures come back as `{ok:false, error}`. */
export async function listBlocks(
  client: S3Client,
  bucket: string,
  options: ListBlocksOptions = {},
): Promise<ReadResult<BlockListing>> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const started = performance.now();
  const checkedAt = new Date().toISOString();
  const elapsed = () => Math.round(performance.now() - started);
  const controller = new AbortController();
  // Every S3 request adds an abort listener to this one signal, which lives for a single listing.
  setMaxListeners(0, controller.signal);
  const timer = setTimeout(() => controller.abort(new Error("timeout")), timeoutMs);
  const onOuterAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) onOuterAbort();
  else options.signal?.addEventListener("abort", onOuterAbort, { once: true });
  const root = options.prefix ? `${options.prefix.replace(/\/+$/, "")}/` : "";
  try {
    const prefixes: string[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await client.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: root,
          Delimiter: "/",
          ContinuationToken: continuationToken,
        }),
        { abortSignal: controller.signal },
      );
      for (const p of page.CommonPrefixes ?? []) if (p.Prefix) prefixes.push(p.Prefix.slice(root.length, -1));
      continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuationToken);

    const listing: BlockListing = {
      bucket,
      blocks: [],
      deletionMarked: [],
      partial: [],
      invalid: [],
      ignoredPrefixes: [],
    };
    const ulids = prefixes.filter((p) => isUlid(p)).sort();
    listing.ignoredPrefixes = prefixes.filter((p) => !isUlid(p)).sort();
    const getText = async (key: string): Promise<string | null> => {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: `${root}${key}` }), {
          abortSignal: controller.signal,
        });
        return (await object.Body?.transformToString("utf8")) ?? "";
      } catch (err) {
        if (err instanceof S3ServiceException && (err.name === "NoSuchKey" || err.$metadata?.httpStatusCode === 404))
          return null;
        throw err;
      }
    };

    await mapBounded(ulids, options.concurrency ?? 16, async (id) => {
      const [metaText, markText] = await Promise.all([getText(`${id}/meta.json`), getText(`${id}/deletion-mark.json`)]);
      const meta = metaText === null ? null : parseBlockMeta(metaText, `${id}/meta.json`);
      if (markText !== null) {
        const mark = parseDeletionMark(markText, `${id}/deletion-mark.json`);
        listing.deletionMarked.push({
          ulid: id,
          markedAt: mark.ok ? new Date(mark.value.deletion_time * 1000).toISOString() : null,
          details: mark.ok ? mark.value.details : mark.error,
          labels: meta?.ok ? meta.value.thanos.labels : undefined,
        });
        return;
      }
      if (meta === null) {
        listing.partial.push(id);
        return;
      }
      if (!meta.ok) {
        listing.invalid.push({ ulid: id, error: meta.error });
        return;
      }
      if (meta.value.ulid !== id) {
        listing.invalid.push({
          ulid: id,
          error: `${id}/meta.json: ulid ${meta.value.ulid} does not match its directory`,
        });
        return;
      }
      listing.blocks.push(toBucketBlock(meta.value));
    });
    listing.blocks.sort((a, b) => a.ulid.localeCompare(b.ulid));
    listing.deletionMarked.sort((a, b) => a.ulid.localeCompare(b.ulid));
    listing.partial.sort();
    listing.invalid.sort((a, b) => a.ulid.localeCompare(b.ulid));
    return { ok: true, value: listing, checkedAt, durationMs: elapsed() };
  } catch (err) {
    const where = `bucket ${bucket}${root ? ` (prefix ${root})` : ""}`;
    if (controller.signal.aborted && !options.signal?.aborted) {
      return {
        ok: false,
        kind: "timeout",
        error: `timeout after ${timeoutMs} ms listing ${where}`,
        checkedAt,
        durationMs: elapsed(),
      };
    }
    if (options.signal?.aborted)
      return {
        ok: false,
        kind: "aborted",
        error: `cancelled while listing ${where}`,
        checkedAt,
        durationMs: elapsed(),
      };
    // What the peer said stays in the server log: callers get the HTTP status and, when it is one of
    // S3's own error codes, that code; never the peer's text.
    console.warn(`[status] listing ${where} failed:`, err);
    if (err instanceof S3ServiceException) {
      const status = err.$metadata?.httpStatusCode;
      const code = S3_ERROR_CODES.has(err.name) ? `${err.name} ` : "";
      return {
        ok: false,
        kind: "http",
        httpStatus: status,
        error: `${where}: ${code}(HTTP ${status ?? "?"}): the object store refused the listing`,
        checkedAt,
        durationMs: elapsed(),
      };
    }
    const cause = err instanceof Error ? (err as Error & { cause?: unknown; code?: string }) : undefined;
    const code = cause?.code ?? (cause?.cause as { code?: string } | undefined)?.code;
    if (code === "EENDPOINTREFUSED")
      return {
        ok: false,
        kind: "refused",
        error: `${where}: the endpoint resolves to an address the allow-list does not cover`,
        checkedAt,
        durationMs: elapsed(),
      };
    const what = code && /^E[A-Z_]{2,30}$/.test(code) ? code : "no answer";
    return { ok: false, kind: "network", error: `${where}: ${what}`, checkedAt, durationMs: elapsed() };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onOuterAbort);
  }
}

/** S3 error codes a listing can meet; any other name is the peer's text and is not repeated. */
const S3_ERROR_CODES: ReadonlySet<string> = new Set([
  "AccessDenied",
  "AllAccessDisabled",
  "AuthorizationHeaderMalformed",
  "ExpiredToken",
  "InvalidAccessKeyId",
  "InvalidBucketName",
  "InvalidToken",
  "NoSuchBucket",
  "NoSuchKey",
  "PermanentRedirect",
  "Redirect",
  "TemporaryRedirect",
  "RequestTimeTooSkewed",
  "ServiceUnavailable",
  "SignatureDoesNotMatch",
  "SlowDown",
  "InternalError",
]);

const GO_ZERO_TIME_MS = Date.parse("0001-01-01T00:00:00Z");

function toBucketBlock(meta: import("./thanos-types").BlockMeta): BucketBlock {
  const uploaded = meta.thanos.upload_time ? Date.parse(meta.thanos.upload_time) : Number.NaN;
  const arrivedMs = Number.isFinite(uploaded) && uploaded > GO_ZERO_TIME_MS ? uploaded : decodeTime(meta.ulid);
  const sizes = (meta.thanos.files ?? []).map((f) => f.size_bytes).filter((s): s is number => typeof s === "number");
  return {
    ulid: meta.ulid,
    labels: meta.thanos.labels,
    minTime: meta.minTime,
    maxTime: meta.maxTime,
    level: meta.compaction.level,
    resolution: meta.thanos.downsample.resolution,
    source: meta.thanos.source,
    arrivedAt: new Date(arrivedMs).toISOString(),
    numSamples: meta.stats?.numSamples,
    sizeBytes: sizes.length > 0 ? sizes.reduce((a, b) => a + b, 0) : undefined,
  };
}

// ---------------------------------------------------------------------------------------------
// Timeline (pure)

/** Sources whose blocks mean fresh data arrived; compactor output only rewrites what was there. */
export const UPLOAD_SOURCES: ReadonlySet<string> = new Set(["sidecar", "receive", "ruler"]);

export const UPLOAD_GAP_WARNING_MS = 3 * 3600_000;

export interface TimelineGroup {
  /** Canonical `{name="value",…}` of the external labels. */
  key: string;
  labels: Labels;
  /** Sorted by minTime, then resolution, then level. */
  blocks: BucketBlock[];
  /** The block that arrived last, whatever its source, and how long ago. */
  newest: { ulid: string; arrivedAt: string; ageMs: number } | null;
  /** Last arrival of a block uploaded by a sidecar, receiver or ruler. */
  lastUploadAt: string | null;
  /** End of the newest data in the group (max maxTime), ms. */
  dataUntil: number | null;
}

/** A component the design deploys that should keep sending blocks with these external labels. */
export interface ExpectedUploader {
  componentId: string;
  labels: Labels;
  /** Deployment time; no warning before the first block could have been cut. */
  deployedAt?: string | Date;
}

export interface UploadGapWarning {
  componentId: string;
  labels: Labels;
  lastUploadAt: string | null;
  /** Time since the last upload (or since deployment when nothing arrived yet). */
  silentForMs: number;
  message: string;
}

export interface BucketTimeline {
  bucket: string;
  groups: TimelineGroup[];
  warnings: UploadGapWarning[];
  skipped: Pick<BlockListing, "deletionMarked" | "partial" | "invalid">;
  generatedAt: string;
}

export function buildTimeline(
  listing: BlockListing,
  options: { now: Date; uploaders?: ExpectedUploader[]; warnAfterMs?: number },
): BucketTimeline {
  const now = options.now.getTime();
  const byKey = new Map<string, TimelineGroup>();
  for (const block of listing.blocks) {
    const key = formatLabels(block.labels);
    let group = byKey.get(key);
    if (!group) {
      group = { key, labels: block.labels, blocks: [], newest: null, lastUploadAt: null, dataUntil: null };
      byKey.set(key, group);
    }
    group.blocks.push(block);
  }
  const groups = [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
  for (const group of groups) {
    group.blocks.sort(
      (a, b) =>
        a.minTime - b.minTime || a.resolution - b.resolution || a.level - b.level || a.ulid.localeCompare(b.ulid),
    );
    const newest = group.blocks.reduce((best, b) => (b.arrivedAt > best.arrivedAt ? b : best));
    group.newest = { ulid: newest.ulid, arrivedAt: newest.arrivedAt, ageMs: now - Date.parse(newest.arrivedAt) };
    group.lastUploadAt = latestArrival(group.blocks.filter((b) => UPLOAD_SOURCES.has(b.source)));
    group.dataUntil = Math.max(...group.blocks.map((b) => b.maxTime));
  }
  return {
    bucket: listing.bucket,
    groups,
    warnings: uploadGapWarnings(groups, options.uploaders ?? [], options.now, options.warnAfterMs),
    skipped: { deletionMarked: listing.deletionMarked, partial: listing.partial, invalid: listing.invalid },
    generatedAt: options.now.toISOString(),
  };
}

/**
 * One warning per deployed uploader whose blocks stopped arriving: nothing from a sidecar, receiver
 * or ruler with its labels for longer than `warnAfterMs` (3 h: Prometheus cuts a block every 2 h).
 * A group matches when it carries all of the uploader's labels (receivers add `tenant_id`).
 */
export function uploadGapWarnings(
  groups: readonly TimelineGroup[],
  uploaders: readonly ExpectedUploader[],
  now: Date,
  warnAfterMs = UPLOAD_GAP_WARNING_MS,
): UploadGapWarning[] {
  const warnings: UploadGapWarning[] = [];
  for (const uploader of uploaders) {
    const matching = groups.filter((g) => containsLabels(g.labels, uploader.labels));
    const lastUploadAt = latestArrival(matching.flatMap((g) => g.blocks.filter((b) => UPLOAD_SOURCES.has(b.source))));
    const deployedMs = uploader.deployedAt ? new Date(uploader.deployedAt).getTime() : Number.NEGATIVE_INFINITY;
    const sinceMs = Math.max(lastUploadAt ? Date.parse(lastUploadAt) : Number.NEGATIVE_INFINITY, deployedMs);
    if (sinceMs !== Number.NEGATIVE_INFINITY && now.getTime() - sinceMs <= warnAfterMs) continue;
    const silentForMs = sinceMs === Number.NEGATIVE_INFINITY ? Number.POSITIVE_INFINITY : now.getTime() - sinceMs;
    const labels = formatLabels(uploader.labels);
    const message = lastUploadAt
      ? `no block with ${labels} arrived for ${formatDuration(now.getTime() - Date.parse(lastUploadAt))} (last at ${lastUploadAt})`
      : `no block with ${labels} has reached the bucket${uploader.deployedAt ? ` in the ${formatDuration(silentForMs)} since deployment` : ""}`;
    warnings.push({ componentId: uploader.componentId, labels: uploader.labels, lastUploadAt, silentForMs, message });
  }
  return warnings;
}

function latestArrival(blocks: readonly BucketBlock[]): string | null {
  let latest: string | null = null;
  for (const b of blocks) if (latest === null || b.arrivedAt > latest) latest = b.arrivedAt;
  return latest;
}
