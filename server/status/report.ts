/**
 * The body of `GET /api/designs/:id/status`: what the live view draws. Plain data, no server-only
 * imports, so the browser code can import these types too.
 */
import type { Health } from "@/lib/health";
import type { StatusState } from "./compare";
import type { BucketBlock, BucketTimeline, UploadGapWarning } from "./bucket";
import type { Labels } from "./labels";
import type { MeasuredRow } from "./measured";
import type { LabelSet } from "./thanos-types";
import type { UploadMetrics } from "./upload-metrics";

export type { StatusState } from "./compare";

/** Where one part of a component's state came from; the worst signal decides the badge. */
export type SignalSource = "cluster" | "workload" | "probe" | "stores" | "uploads" | "bucket";

export interface Signal {
  source: SignalSource;
  state: StatusState;
  /** One sentence a user can act on. */
  reason: string;
}

export interface PodView {
  name: string;
  phase: string;
  ready: boolean;
  restarts: number;
  /** Waiting/terminated reason of the first unhappy container (CrashLoopBackOff, ImagePullBackOff…). */
  reason?: string;
}

export interface WorkloadView {
  kind: string;
  namespace: string;
  name: string;
  /** Replicas the design renders. */
  desired: number;
  /** Replicas the cluster reports ready; null when the object was not found. */
  ready: number | null;
  updated: number | null;
  found: boolean;
  /** The workload's health with its pods' (server/kube/health.ts). */
  health: Health;
  pods: PodView[];
}

export interface ProbeView {
  /** "prometheus" (the Prometheus web port), "sidecar" (Thanos sidecar HTTP) or "http" (the component). */
  role: string;
  service: string;
  port: string | number;
  ready: { ok: boolean; detail: string; durationMs: number };
  healthy: { ok: boolean; detail: string; durationMs: number };
}

export interface ComponentDetails {
  kind: string;
  name: string;
  /** Name of the cluster node it runs in. */
  cluster?: string;
  signals: Signal[];
  workloads?: WorkloadView[];
  probes?: ProbeView[];
}

export interface ComponentStatus {
  state: StatusState;
  reason: string;
  checkedAt: string;
  details: ComponentDetails;
}

export type ClusterState = "connected" | "unreachable" | "unbound";

export interface ClusterStatusView {
  /** The design's cluster node name. */
  name: string;
  componentId: string;
  registeredCluster?: { id: string; name: string };
  state: ClusterState;
  error?: string;
  durationMs: number;
}

export type StoreRowState = "up" | "down" | "mismatch" | "unexpected" | "missing";

export interface StoreRow {
  state: StoreRowState;
  type: string;
  /** Endpoint address as Query lists it; absent for missing endpoints. */
  name?: string;
  componentId?: string;
  componentName?: string;
  labelSets: LabelSet[];
  minTime: number | null;
  maxTime: number | null;
  lastCheck: string | null;
  lastError: string | null;
  reason?: string;
}

export interface QueryStores {
  queryId: string;
  queryName: string;
  cluster: string;
  checkedAt: string;
  /** Set when Query could not be asked at all. */
  error?: string;
  /** Expected StoreAPI endpoints (one per pod the design connects). */
  expected: number;
  seen: number;
  rows: StoreRow[];
}

export interface UploaderView {
  componentId: string;
  componentName: string;
  role: "sidecar" | "ruler" | "receiver";
  service: string;
  state: StatusState;
  reason: string;
  metrics?: UploadMetrics;
  error?: string;
}

export interface BucketGroupView {
  key: string;
  labels: Labels;
  blocks: BucketBlock[];
  newestAgeMs: number | null;
  newestArrivedAt: string | null;
  lastUploadAt: string | null;
  dataUntil: number | null;
}

export interface BucketView {
  componentId: string;
  componentName: string;
  bucket: string;
  state: StatusState;
  reason: string;
  checkedAt: string;
  error?: string;
  /** The studio did not list the bucket (`reason` says why): no blocks shown means nothing about the bucket. */
  notListed?: boolean;
  groups: BucketGroupView[];
  warnings: UploadGapWarning[];
  skipped?: BucketTimeline["skipped"];
  /** Blocks left out of `groups` to keep the answer small (oldest first). */
  truncatedBlocks: number;
}

export interface StatusReport {
  designId: string;
  /** The revision the comparison uses: the last deployed one, else the latest. */
  revision: number;
  revisionSource: "deployed" | "latest";
  checkedAt: string;
  durationMs: number;
  clusters: ClusterStatusView[];
  components: Record<string, ComponentStatus>;
  stores: QueryStores[];
  uploads: { metrics: UploaderView[]; buckets: BucketView[] };
  /** Measured vs planned (server/status/measured.ts): only for components and buckets the plan sizes. */
  measured?: MeasuredRow[];
}
