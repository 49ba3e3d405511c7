/**
 * Upload health of a sidecar, ruler or receiver from its `/metrics`:
 * - `thanos_shipper_uploads_total` / `thanos_shipper_upload_failures_total` (pkg/shipper): counters
 *   without labels on sidecar and ruler; a receiver registers one shipper per tenant, so they carry
 *   `tenant`. They only exist when the component was given an object store config.
 * - `thanos_objstore_bucket_last_successful_upload_time{bucket}` (thanos-io/objstore, prefixed with
 *   `thanos_`): Unix seconds of the last successful upload; 0 until the first one.
 */
import { parseExposition, samplesNamed, type Exposition } from "./exposition";
import { formatLabels, type Labels } from "./labels";
import type { Parsed } from "./parse-result";

export const SHIPPER_UPLOADS = "thanos_shipper_uploads_total";
export const SHIPPER_UPLOAD_FAILURES = "thanos_shipper_upload_failures_total";
export const LAST_SUCCESSFUL_UPLOAD = "thanos_objstore_bucket_last_successful_upload_time";

export interface ShipperCounters {
  /** Labels of the shipper's series, e.g. `{tenant: "default-tenant"}` on a receiver; `{}` otherwise. */
  labels: Labels;
  uploads: number;
  failures: number;
}

export interface BucketUploadTime {
  bucket: string;
  labels: Labels;
  /** ISO time of the last successful upload, or null when the gauge is still 0 (never uploaded). */
  lastSuccessfulUpload: string | null;
}

export interface UploadMetrics {
  /** False when no shipper series exist: the component runs without an object store. */
  shipperPresent: boolean;
  shippers: ShipperCounters[];
  uploads: number;
  failures: number;
  buckets: BucketUploadTime[];
  /** Newest successful upload over all buckets, or null. */
  lastSuccessfulUpload: string | null;
}

export function extractUploadMetrics(exposition: Exposition): UploadMetrics {
  const byLabels = new Map<string, ShipperCounters>();
  const counters = (labels: Labels) => {
    const key = formatLabels(labels);
    let entry = byLabels.get(key);
    if (!entry) {
      entry = { labels, uploads: 0, failures: 0 };
      byLabels.set(key, entry);
    }
    return entry;
  };
  for (const sample of samplesNamed(exposition, SHIPPER_UPLOADS)) counters(sample.labels).uploads += sample.value;
  for (const sample of samplesNamed(exposition, SHIPPER_UPLOAD_FAILURES))
    counters(sample.labels).failures += sample.value;

  const buckets: BucketUploadTime[] = samplesNamed(exposition, LAST_SUCCESSFUL_UPLOAD).map((sample) => ({
    bucket: sample.labels.bucket ?? "",
    labels: sample.labels,
    lastSuccessfulUpload: unixSecondsToIso(sample.value),
  }));
  const newest = buckets
    .map((b) => b.lastSuccessfulUpload)
    .filter((t): t is string => t !== null)
    .sort()
    .at(-1);

  const shippers = [...byLabels.values()].sort((a, b) => formatLabels(a.labels).localeCompare(formatLabels(b.labels)));
  return {
    shipperPresent: shippers.length > 0,
    shippers,
    uploads: shippers.reduce((sum, s) => sum + s.uploads, 0),
    failures: shippers.reduce((sum, s) => sum + s.failures, 0),
    buckets,
    lastSuccessfulUpload: newest ?? null,
  };
}

/** Parses a `/metrics` body and extracts the upload series. */
export function parseUploadMetrics(text: string): Parsed<UploadMetrics> {
  const exposition = parseExposition(text);
  if (!exposition.ok) return exposition;
  return { ok: true, value: extractUploadMetrics(exposition.value) };
}

function unixSecondsToIso(seconds: number): string | null {
  if (!Number.isFinite(seconds) || seconds <= 0) return null;
  return new Date(Math.round(seconds * 1000)).toISOString();
}
