/**
 * Pure comparisons between what a design deploys and what the readers saw: which StoreAPI
 * endpoints Query should list, and the state of probes and uploads. Findings name the design
 * component they belong to, so the canvas can put them on the right node.
 */
import type { HealthStatus } from "@/lib/health";
import { containsLabels, formatLabels, type Labels } from "./labels";
import type { HealthReading } from "./readers";
import type { StoreEndpoint, StoresSnapshot } from "./thanos-types";
import type { UploadMetrics } from "./upload-metrics";
import { formatDuration } from "./duration";

/** A badge's state: the one health vocabulary (lib/health.ts), shared with deploy progress. */
export type StatusState = HealthStatus;

export interface ExpectedStore {
  componentId: string;
  /** `/api/v1/stores` key: "sidecar", "store", "rule", "receive", "query". */
  type: string;
  /**
   * Exact endpoint name, only when the design pins one (static `--endpoint=host:port`). With DNS
   * service discovery Thanos lists resolved `IP:port` names, so matching goes by labels instead.
   */
  name?: string;
  /** External labels the component must advertise (one of its labelSets must contain them). */
  externalLabels?: Labels;
}

export type StoreFinding =
  | { kind: "up"; componentId: string; endpoint: StoreEndpoint }
  | { kind: "down"; componentId: string; endpoint: StoreEndpoint; reason: string }
  | { kind: "mismatch"; componentId: string; endpoint: StoreEndpoint; reason: string }
  | { kind: "missing"; componentId: string; type: string; reason: string }
  | { kind: "unexpected"; endpoint: StoreEndpoint; reason: string };

/**
 * Matches expected components to Query's endpoints: by pinned name first, then by type and
 * external labels, then by type alone for components without labels (store gateways). Up
 * endpoints are preferred, so a replaced pod's lingering old address shows as unexpected-and-down
 * rather than hiding the new one.
 */
export function compareStores(expected: readonly ExpectedStore[], snapshot: StoresSnapshot): StoreFinding[] {
  const unclaimed = new Set(snapshot.endpoints);
  const findings: StoreFinding[] = [];
  const claim = (want: ExpectedStore, endpoint: StoreEndpoint) => {
    unclaimed.delete(endpoint);
    if (endpoint.type !== want.type) {
      return findings.push({
        kind: "mismatch",
        componentId: want.componentId,
        endpoint,
        reason: `Query lists ${endpoint.name} as ${endpoint.type}, the design has a ${want.type}`,
      });
    }
    if (want.externalLabels && !advertises(endpoint, want.externalLabels)) {
      return findings.push({
        kind: "mismatch",
        componentId: want.componentId,
        endpoint,
        reason: `${endpoint.name} advertises ${describeLabelSets(endpoint)}, the design expects ${formatLabels(want.externalLabels)}`,
      });
    }
    if (!endpoint.up) {
      return findings.push({
        kind: "down",
        componentId: want.componentId,
        endpoint,
        reason: `Query cannot reach ${endpoint.name}: ${endpoint.lastError}`,
      });
    }
    return findings.push({ kind: "up", componentId: want.componentId, endpoint });
  };
  const pick = (candidates: StoreEndpoint[]) => candidates.find((e) => e.up) ?? candidates[0];

  const pending: ExpectedStore[] = [];
  for (const want of expected) {
    const byName = want.name ? [...unclaimed].find((e) => e.name === want.name) : undefined;
    if (byName) claim(want, byName);
    else pending.push(want);
  }
  // Most specific first, so a labelled sidecar is not taken by a label-less expectation.
  pending.sort((a, b) => Object.keys(b.externalLabels ?? {}).length - Object.keys(a.externalLabels ?? {}).length);
  for (const want of pending) {
    const candidates = [...unclaimed].filter(
      (e) => e.type === want.type && (!want.externalLabels || advertises(e, want.externalLabels)),
    );
    const endpoint = pick(candidates);
    if (endpoint) {
      claim(want, endpoint);
      continue;
    }
    const what = `${want.type}${want.name ? ` ${want.name}` : ""}${want.externalLabels ? ` with labels ${formatLabels(want.externalLabels)}` : ""}`;
    findings.push({
      kind: "missing",
      componentId: want.componentId,
      type: want.type,
      reason: `Query lists no ${what}; Thanos leaves out endpoints it has never reached, so it may be unreachable or not configured as an --endpoint`,
    });
  }
  for (const endpoint of unclaimed) {
    findings.push({
      kind: "unexpected",
      endpoint,
      reason: `Query uses ${endpoint.type} ${endpoint.name} ${describeLabelSets(endpoint)}${endpoint.up ? "" : " (down)"}, which the design does not connect to it`,
    });
  }
  return findings;
}

function advertises(endpoint: StoreEndpoint, labels: Labels): boolean {
  return endpoint.labelSets.some((set) => containsLabels(set, labels));
}

function describeLabelSets(endpoint: StoreEndpoint): string {
  return endpoint.labelSets.length === 0 ? "no labels" : endpoint.labelSets.map(formatLabels).join(", ");
}

/**
 * Probe answers to a badge. A failed probe that came back over HTTP is the component's own answer
 * (or the API server saying the service has no endpoints): down or not ready. Timeouts and network
 * errors say nothing about the component itself, so they leave it unknown.
 */
export function assessProbes(reading: HealthReading): { state: StatusState; reason: string } {
  const { ready, healthy } = reading;
  if (ready.ok && healthy.ok) return { state: "Healthy", reason: "ready and healthy" };
  for (const probe of [healthy, ready]) {
    if (!probe.ok && probe.kind !== "http") return { state: "Unknown", reason: probe.error };
  }
  if (!healthy.ok) return { state: "Degraded", reason: `not healthy: ${healthy.error}` };
  // Healthy but not ready: starting up (WAL replay, first sync), which is what Progressing means.
  if (!ready.ok) return { state: "Progressing", reason: `not ready: ${ready.error}` };
  return { state: "Unknown", reason: "no probe answer" };
}

/**
 * Upload badge from shipper metrics. Counters are cumulative since the process started, so a
 * previous reading (if any) tells failures happening now from failures long past.
 */
export function assessUploads(
  metrics: UploadMetrics,
  now: Date,
  previous?: UploadMetrics,
  staleAfterMs = 3 * 3600_000,
): { state: StatusState; reason: string } {
  if (!metrics.shipperPresent)
    return { state: "Unknown", reason: "no shipper metrics: the component runs without an object store config" };
  const lastMs = metrics.lastSuccessfulUpload ? Date.parse(metrics.lastSuccessfulUpload) : null;
  const last = lastMs === null ? "never" : `${formatDuration(now.getTime() - lastMs)} ago`;
  if (previous) {
    const newFailures = metrics.failures - previous.failures;
    const newUploads = metrics.uploads - previous.uploads;
    if (newFailures > 0 && newUploads <= 0) {
      return {
        state: "Degraded",
        reason: `${newFailures} block upload${newFailures === 1 ? "" : "s"} failed since the last check; last success ${last}`,
      };
    }
  }
  if (metrics.failures > 0 && (lastMs === null || now.getTime() - lastMs > staleAfterMs)) {
    return {
      state: "Degraded",
      reason: `${metrics.failures} failed block upload${metrics.failures === 1 ? "" : "s"}; last success ${last}`,
    };
  }
  if (lastMs === null) return { state: "Healthy", reason: "no block uploaded yet" };
  return { state: "Healthy", reason: `${metrics.uploads} blocks uploaded; last ${last}` };
}
