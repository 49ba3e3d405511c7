/**
 * One live status refresh of a design: fans out to every bound cluster (workloads, probes, Query
 * stores, upload metrics) and to every bucket at once, each call under its own timeout, and folds
 * the answers into one badge per component. A cluster that is slow or unreachable costs at most one
 * timeout and shows as unknown with its error; it never holds back the others.
 * Cluster access is injected (`connect`), so this runs the same against real clusters, the Kubernetes
 * API test server, or `directServiceProxy` in tests.
 */
import { HEALTH_RANK } from "@/lib/health";
import type { Design } from "@/lib/topology";
import { DesignGraph } from "@/lib/topology";
import {
  buildTimeline,
  createBucketClient,
  listBlocks,
  NOT_LISTED,
  type BlockListing,
  type ObjectStoreAccess,
} from "./bucket";
import { assessProbes, assessUploads, compareStores, type StatusState, type StoreFinding } from "./compare";
import { formatDuration } from "./duration";
import { trySizeDesign } from "@/lib/topology/sizing";
import { measureTargets, measuredBuckets, readMeasured, type MeasuredRow } from "./measured";
import {
  readHealth,
  readStores,
  readUploadMetrics,
  type FetchThroughProxy,
  type HealthReading,
  type ReadResult,
} from "./readers";
import type {
  BucketGroupView,
  BucketView,
  ClusterStatusView,
  ComponentStatus,
  ProbeView,
  QueryStores,
  Signal,
  StatusReport,
  StoreRow,
  UploaderView,
  WorkloadView,
} from "./report";
import { statusTargets, type BucketTarget, type ClusterTargets, type QueryTarget } from "./targets";
import { namespaceRefusal, ownedServicesProxy } from "./owned-services";
import type { UploadMetrics } from "./upload-metrics";
import { assessWorkloads, workloadViews, type LiveObject } from "./workloads";

/** Reads one cluster through its API server. */
export interface ClusterAccess {
  fetchThroughProxy: FetchThroughProxy;
  /** Lists objects of one kind in a namespace (raw API JSON items). Must honour `signal`. */
  listObjects(
    query: { apiVersion: string; kind: string; namespace: string; labelSelector: string },
    init: { signal: AbortSignal },
  ): Promise<LiveObject[]>;
  registeredCluster?: { id: string; name: string };
  /** Namespaces the registered cluster may be used in (admin setting); null or absent = any. */
  allowedNamespaces?: string[] | null;
  /** Releases sockets once the refresh is done with this cluster. */
  close?(): void;
}

/** Opens access to the registered cluster a cluster node is bound to; throws with a user-facing reason. */
export type ConnectCluster = (node: ClusterTargets, init: { signal: AbortSignal }) => Promise<ClusterAccess>;

export type ListBucket = (
  access: ObjectStoreAccess,
  init: { signal: AbortSignal; timeoutMs: number },
) => Promise<ReadResult<BlockListing>>;

export class UnboundClusterError extends Error {}

export interface LiveInput {
  designId: string;
  /** Secrets in clear: bucket keys are needed to list blocks. */
  design: Design;
  revision: number;
  revisionSource: "deployed" | "latest";
  connect: ConnectCluster;
  /** When the revision was deployed (no upload-gap warning before a block could have been cut). */
  deployedAt?: Date;
}

export interface LiveOptions {
  /** Budget of each call to a cluster or endpoint; default 3000 ms. */
  timeoutMs?: number;
  /** Budget of one bucket listing; default 10000 ms. */
  bucketTimeoutMs?: number;
  now?: () => Date;
  listBucket?: ListBucket;
  /** Upload counters of the previous refresh, keyed by uploader; updated in place. */
  uploadHistory?: Map<string, UploadMetrics>;
  /** Blocks kept per bucket in the answer (newest first); default 3000. */
  maxBlocksPerBucket?: number;
}

export const defaultListBucket: ListBucket = async (access, init) => {
  const client = createBucketClient(access);
  try {
    return await listBlocks(client, access.bucket, {
      prefix: access.prefix,
      timeoutMs: init.timeoutMs,
      signal: init.signal,
    });
  } finally {
    client.destroy();
  }
};

export async function collectStatus(input: LiveInput, options: LiveOptions = {}): Promise<StatusReport> {
  const started = performance.now();
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 3000;
  const graph = new DesignGraph(input.design);
  const targets = statusTargets(input.design, input.designId);
  const signals = new Map<string, Signal[]>();
  const details = new Map<string, { workloads?: WorkloadView[]; probes?: ProbeView[] }>();
  const addSignal = (componentId: string, signal: Signal | null) => {
    if (!signal) return;
    const list = signals.get(componentId) ?? [];
    list.push(signal);
    signals.set(componentId, list);
  };
  const detail = (componentId: string) => {
    let d = details.get(componentId);
    if (!d) details.set(componentId, (d = {}));
    return d;
  };
  const nameOf = (id: string | undefined) => (id ? graph.get(id)?.name : undefined);

  const clusterViews: ClusterStatusView[] = [];
  const stores: QueryStores[] = [];
  const uploaders: UploaderView[] = [];
  const plan = trySizeDesign(input.design);
  const measured: MeasuredRow[] = [];

  const perCluster = targets.clusters.map(async (cluster) => {
    const t0 = performance.now();
    const view: ClusterStatusView = {
      name: cluster.node.name,
      componentId: cluster.node.id,
      state: "unbound",
      durationMs: 0,
    };
    clusterViews.push(view);
    const everyoneUnknown = (reason: string) => {
      for (const id of cluster.componentIds) addSignal(id, { source: "cluster", state: "Unknown", reason });
    };
    if (cluster.renderError) {
      view.state = "unreachable";
      view.error = `cannot render cluster "${cluster.node.name}": ${cluster.renderError}`;
      everyoneUnknown(view.error);
      return;
    }
    let access: ClusterAccess;
    try {
      access = await withDeadline(
        timeoutMs,
        (signal) => input.connect(cluster, { signal }),
        `connecting to cluster "${cluster.node.name}"`,
      );
    } catch (err) {
      view.state = err instanceof UnboundClusterError ? "unbound" : "unreachable";
      view.error = errorText(err);
      view.durationMs = Math.round(performance.now() - t0);
      everyoneUnknown(view.error);
      return;
    }
    view.registeredCluster = access.registeredCluster;
    const refusal = namespaceRefusal(access, cluster);
    if (refusal) {
      access.close?.();
      view.state = "unreachable";
      view.error = refusal;
      view.durationMs = Math.round(performance.now() - t0);
      everyoneUnknown(refusal);
      return;
    }
    const opts = { timeoutMs };
    let proxy: FetchThroughProxy;
    try {
      proxy = await withDeadline(
        timeoutMs,
        (signal) => ownedServicesProxy(access, cluster, signal),
        `listing the design's services in cluster "${cluster.node.name}"`,
      );
    } catch (err) {
      const why = `cannot list the design's services: ${errorText(err)}`;
      proxy = () => Promise.reject(new Error(why));
    }
    const reads = Promise.all([
      readWorkloads(access, cluster, timeoutMs),
      Promise.all(cluster.probes.map(async (p) => ({ target: p, reading: await readHealth(proxy, p, opts) }))),
      Promise.all(
        cluster.queries.map(async (q) => ({
          target: q,
          result: await readStores(proxy, q.ref, opts),
        })),
      ),
      Promise.all(
        cluster.uploaders.map(async (u) => ({
          target: u,
          result: await readUploadMetrics(proxy, u, opts),
        })),
      ),
      plan ? readMeasured(access.fetchThroughProxy, measureTargets(cluster, plan), opts) : [],
    ]);
    const [workloadRead, probeReads, storeReads, uploadReads, measuredRows] = await reads.finally(() =>
      access.close?.(),
    );
    measured.push(...measuredRows);
    view.durationMs = Math.round(performance.now() - t0);

    if (!workloadRead.ok) {
      view.state = "unreachable";
      view.error = workloadRead.error;
      everyoneUnknown(`cluster "${cluster.node.name}" did not answer: ${workloadRead.error}`);
      return;
    }
    view.state = "connected";
    const where = access.registeredCluster ? ` (${access.registeredCluster.name})` : "";
    addSignal(cluster.node.id, {
      source: "cluster",
      state: "Healthy",
      reason: `API server answered in ${view.durationMs} ms${where}`,
    });

    const views = workloadViews(cluster.workloads, workloadRead.objects, workloadRead.pods);
    const byComponent = new Map<string, WorkloadView[]>();
    cluster.workloads.forEach((w, i) =>
      byComponent.set(w.componentId, [...(byComponent.get(w.componentId) ?? []), views[i]]),
    );
    for (const [componentId, list] of byComponent) {
      detail(componentId).workloads = list;
      addSignal(componentId, assessWorkloads(list));
    }

    for (const { target, reading } of probeReads) {
      const assessed = assessProbes(reading);
      const label = target.role === "prometheus" ? "Prometheus" : target.role === "sidecar" ? "sidecar" : "";
      addSignal(target.componentId, {
        source: "probe",
        state: assessed.state,
        reason: label ? `${label}: ${assessed.reason}` : assessed.reason,
      });
      const d = detail(target.componentId);
      (d.probes ??= []).push(probeView(target.role, target.service, target.port, reading));
    }

    for (const { target, result } of storeReads) {
      const queryName = nameOf(target.componentId) ?? target.componentId;
      const table: QueryStores = {
        queryId: target.componentId,
        queryName,
        cluster: cluster.node.name,
        checkedAt: result.checkedAt,
        expected: target.expected.length,
        seen: 0,
        rows: [],
      };
      stores.push(table);
      if (!result.ok) {
        table.error = result.error;
        addSignal(target.componentId, {
          source: "stores",
          state: "Unknown",
          reason: `stores not readable: ${result.error}`,
        });
        continue;
      }
      table.seen = result.value.endpoints.length;
      const findings = compareStores(target.expected, result.value);
      table.rows = storeRows(findings, target, nameOf);
      for (const s of storeSignals(findings, target, queryName, nameOf)) addSignal(s.componentId, s.signal);
    }

    for (const { target, result } of uploadReads) {
      const componentName = nameOf(target.componentId) ?? target.componentId;
      const key = `${input.designId}/${target.componentId}/${target.namespace}/${target.service}`;
      const base = {
        componentId: target.componentId,
        componentName,
        role: target.role,
        service: `${target.namespace}/${target.service}:${target.port}`,
      } as const;
      if (!result.ok) {
        uploaders.push({
          ...base,
          state: "Unknown",
          reason: `upload metrics not readable: ${result.error}`,
          error: result.error,
        });
        addSignal(target.componentId, {
          source: "uploads",
          state: "Unknown",
          reason: `upload metrics not readable: ${result.error}`,
        });
        continue;
      }
      const assessed = assessUploads(result.value, now(), options.uploadHistory?.get(key));
      options.uploadHistory?.set(key, result.value);
      uploaders.push({ ...base, state: assessed.state, reason: assessed.reason, metrics: result.value });
      // "No shipper metrics" means the component runs without a bucket; that is not a health signal.
      if (result.value.shipperPresent)
        addSignal(target.componentId, {
          source: "uploads",
          state: assessed.state,
          reason: `uploads: ${assessed.reason}`,
        });
    }
  });

  const perBucket = targets.buckets.map((b) => bucketView(b, input, options, now));
  const [, buckets] = await Promise.all([Promise.all(perCluster), Promise.all(perBucket)]);
  for (const b of buckets) {
    addSignal(b.componentId, { source: "bucket", state: b.state, reason: b.reason });
    for (const w of b.warnings) addSignal(w.componentId, { source: "bucket", state: "Degraded", reason: w.message });
  }
  if (plan) measured.push(...measuredBuckets(buckets, plan, now()));

  const checkedAt = now().toISOString();
  const components: Record<string, ComponentStatus> = {};
  for (const c of input.design.components) {
    const list = signals.get(c.id) ?? [];
    const folded = fold(list);
    components[c.id] = {
      ...folded,
      checkedAt,
      details: { kind: c.kind, name: c.name, cluster: nameOf(c.cluster), signals: list, ...details.get(c.id) },
    };
  }
  const order = new Map(targets.clusters.map((c, i) => [c.node.id, i]));
  clusterViews.sort((a, b) => (order.get(a.componentId) ?? 0) - (order.get(b.componentId) ?? 0));
  return {
    designId: input.designId,
    revision: input.revision,
    revisionSource: input.revisionSource,
    checkedAt,
    durationMs: Math.round(performance.now() - started),
    clusters: clusterViews,
    components,
    stores: stores.sort((a, b) => a.queryName.localeCompare(b.queryName)),
    uploads: { metrics: uploaders.sort((a, b) => a.componentName.localeCompare(b.componentName)), buckets },
    measured,
  };
}

/** Worst signal wins; its reasons (all of them at that level) become the badge's reason. */
export function fold(list: readonly Signal[]): { state: StatusState; reason: string } {
  if (list.length === 0) return { state: "Unknown", reason: "nothing to check for this component" };
  const worst = list.reduce((w, s) => (HEALTH_RANK[s.state] > HEALTH_RANK[w] ? s.state : w), "Healthy" as StatusState);
  const reasons = [...new Set(list.filter((s) => s.state === worst).map((s) => s.reason))];
  return { state: worst, reason: reasons.join("; ") };
}

async function readWorkloads(
  access: ClusterAccess,
  cluster: ClusterTargets,
  timeoutMs: number,
): Promise<{ ok: true; objects: LiveObject[]; pods: LiveObject[] } | { ok: false; error: string }> {
  const kinds = [...new Map(cluster.workloads.map((w) => [`${w.apiVersion}/${w.kind}/${w.namespace}`, w])).values()];
  // Always ask for pods: it is also the probe that the API server answers at all.
  const namespaces = [...new Set([cluster.namespace, ...cluster.workloads.map((w) => w.namespace)])];
  try {
    const lists = await withDeadline(
      timeoutMs,
      (signal) =>
        Promise.all([
          Promise.all(
            kinds.map((w) =>
              access.listObjects(
                {
                  apiVersion: w.apiVersion,
                  kind: w.kind,
                  namespace: w.namespace,
                  labelSelector: cluster.ownerSelector,
                },
                { signal },
              ),
            ),
          ),
          Promise.all(
            namespaces.map((ns) =>
              access.listObjects(
                { apiVersion: "v1", kind: "Pod", namespace: ns, labelSelector: cluster.ownerSelector },
                { signal },
              ),
            ),
          ),
        ]),
      `listing workloads in cluster "${cluster.node.name}"`,
    );
    const objects = lists[0].flatMap((items, i) => items.map((o) => ({ ...o, kind: o.kind ?? kinds[i].kind })));
    return { ok: true, objects, pods: lists[1].flat() };
  } catch (err) {
    return { ok: false, error: errorText(err) };
  }
}

function probeView(role: string, service: string, port: string | number, reading: HealthReading): ProbeView {
  const one = (r: HealthReading["ready"]) => ({
    ok: r.ok,
    // Only the status: what a Service answers is its own text, and viewers and share guests see this.
    detail: r.ok ? `HTTP ${r.value.httpStatus}` : r.error,
    durationMs: r.durationMs,
  });
  return { role, service, port, ready: one(reading.ready), healthy: one(reading.healthy) };
}

function storeRows(
  findings: StoreFinding[],
  target: QueryTarget,
  nameOf: (id: string) => string | undefined,
): StoreRow[] {
  const extras = new Set(target.extraEndpoints);
  const rows: StoreRow[] = [];
  for (const f of findings) {
    if (f.kind === "missing") {
      rows.push({
        state: "missing",
        type: f.type,
        componentId: f.componentId,
        componentName: nameOf(f.componentId),
        labelSets: [],
        minTime: null,
        maxTime: null,
        lastCheck: null,
        lastError: null,
        reason: f.reason,
      });
      continue;
    }
    const e = f.endpoint;
    const extra = f.kind === "unexpected" && extras.has(e.name);
    rows.push({
      state: extra ? (e.up ? "up" : "down") : f.kind,
      type: e.type,
      name: e.name,
      componentId: "componentId" in f ? f.componentId : undefined,
      componentName: "componentId" in f ? nameOf(f.componentId) : extra ? "extra endpoint" : undefined,
      labelSets: e.labelSets,
      minTime: e.minTime,
      maxTime: e.maxTime,
      lastCheck: e.lastCheck,
      lastError: e.lastError,
      reason: extra
        ? e.up
          ? undefined
          : `Query cannot reach ${e.name}: ${e.lastError}`
        : "reason" in f
          ? f.reason
          : undefined,
    });
  }
  const order: Record<string, number> = { down: 0, missing: 1, mismatch: 2, unexpected: 3, up: 4 };
  return rows.sort(
    (a, b) =>
      order[a.state] - order[b.state] || a.type.localeCompare(b.type) || (a.name ?? "").localeCompare(b.name ?? ""),
  );
}

/**
 * Query's view as signals: each target component is healthy when all its endpoints are up, degraded
 * when some are, down when none are; Query itself is degraded while any designed store is not up.
 */
function storeSignals(
  findings: StoreFinding[],
  target: QueryTarget,
  queryName: string,
  nameOf: (id: string) => string | undefined,
): Array<{ componentId: string; signal: Signal }> {
  const out: Array<{ componentId: string; signal: Signal }> = [];
  const per = new Map<string, StoreFinding[]>();
  for (const f of findings) if ("componentId" in f) per.set(f.componentId, [...(per.get(f.componentId) ?? []), f]);
  let notUp = 0;
  for (const [componentId, list] of per) {
    const up = list.filter((f) => f.kind === "up").length;
    notUp += list.length - up;
    const problems = list.filter((f): f is Exclude<StoreFinding, { kind: "up" }> => f.kind !== "up");
    const state: StatusState = up === list.length ? "Healthy" : "Degraded";
    const what = `${up}/${list.length} StoreAPI endpoint${list.length === 1 ? "" : "s"} up in Query ${queryName}`;
    const reason = problems.length
      ? `${what}: ${problems
          .slice(0, 2)
          .map((p) => p.reason)
          .join("; ")}${problems.length > 2 ? ` (+${problems.length - 2} more)` : ""}`
      : what;
    out.push({ componentId, signal: { source: "stores", state, reason } });
  }
  const extras = new Set(target.extraEndpoints);
  const unexpected = findings.filter((f) => f.kind === "unexpected" && !extras.has(f.endpoint.name));
  const expected = target.expected.length;
  if (notUp > 0) {
    const down = [...per.entries()].filter(([, l]) => l.some((f) => f.kind !== "up")).map(([id]) => nameOf(id) ?? id);
    out.push({
      componentId: target.componentId,
      signal: {
        source: "stores",
        state: "Degraded",
        reason: `${expected - notUp}/${expected} designed stores up; not up: ${down.join(", ")}`,
      },
    });
  } else if (unexpected.length > 0) {
    const names = unexpected
      .map((f) => ("endpoint" in f ? f.endpoint.name : ""))
      .slice(0, 3)
      .join(", ");
    out.push({
      componentId: target.componentId,
      signal: {
        source: "stores",
        state: "Degraded",
        reason: `all ${expected} designed stores up, plus ${unexpected.length} the design does not connect (${names})`,
      },
    });
  } else {
    out.push({
      componentId: target.componentId,
      signal: {
        source: "stores",
        state: "Healthy",
        reason: `all ${expected} designed store${expected === 1 ? "" : "s"} up`,
      },
    });
  }
  return out;
}

/** How the studio reaches a bucket: the design's S3 settings with the decrypted keys. */
export function objectStoreAccess(store: BucketTarget["store"]): ObjectStoreAccess | { unsupported: string } {
  const s = store.settings;
  if (s.provider !== "s3") return { unsupported: NOT_LISTED.provider(s.provider) };
  if (!s.accessKey || !s.secretKey) return { unsupported: NOT_LISTED.noKeys };
  const endpoint = s.endpoint
    ? /^https?:\/\//.test(s.endpoint)
      ? s.endpoint
      : `${s.insecure ? "http" : "https"}://${s.endpoint}`
    : undefined;
  return { bucket: s.bucket, endpoint, region: s.region, accessKeyId: s.accessKey, secretAccessKey: s.secretKey };
}

async function bucketView(
  target: BucketTarget,
  input: LiveInput,
  options: LiveOptions,
  now: () => Date,
): Promise<BucketView> {
  const store = target.store;
  const base = {
    componentId: store.id,
    componentName: store.name,
    bucket: store.settings.bucket,
    groups: [],
    warnings: [],
    truncatedBlocks: 0,
  };
  const access = objectStoreAccess(store);
  if ("unsupported" in access)
    return { ...base, state: "Unknown", reason: access.unsupported, notListed: true, checkedAt: now().toISOString() };
  const timeoutMs = options.bucketTimeoutMs ?? 10_000;
  const controller = new AbortController();
  const result = await (options.listBucket ?? defaultListBucket)(access, { signal: controller.signal, timeoutMs });
  if (!result.ok) {
    // The studio not reaching the bucket says little about the bucket itself, unless the bucket said no.
    const state: StatusState = result.kind === "http" ? "Degraded" : "Unknown";
    return {
      ...base,
      state,
      reason: `bucket not listable: ${result.error}`,
      error: result.error,
      checkedAt: result.checkedAt,
    };
  }
  const at = now();
  const uploaders = target.uploaders.map((u) => ({ ...u, deployedAt: input.deployedAt }));
  const timeline = buildTimeline(result.value, { now: at, uploaders });
  const max = options.maxBlocksPerBucket ?? 3000;
  const total = timeline.groups.reduce((n, g) => n + g.blocks.length, 0);
  // Keep the newest blocks when a bucket is huge: the timeline is about recent arrivals.
  const cutoff =
    total > max
      ? [...timeline.groups.flatMap((g) => g.blocks.map((b) => b.maxTime))].sort((a, b) => b - a)[max - 1]
      : Number.NEGATIVE_INFINITY;
  const groups: BucketGroupView[] = timeline.groups.map((g) => ({
    key: g.key,
    labels: g.labels,
    blocks: g.blocks.filter((b) => b.maxTime >= cutoff),
    newestAgeMs: g.newest?.ageMs ?? null,
    newestArrivedAt: g.newest?.arrivedAt ?? null,
    lastUploadAt: g.lastUploadAt,
    dataUntil: g.dataUntil,
  }));
  const kept = groups.reduce((n, g) => n + g.blocks.length, 0);
  const newest = timeline.groups
    .map((g) => g.newest)
    .filter((n) => n !== null)
    .sort((a, b) => a!.ageMs - b!.ageMs)[0];
  const summary = `${total} block${total === 1 ? "" : "s"} in ${timeline.groups.length} label set${timeline.groups.length === 1 ? "" : "s"}${newest ? `; newest arrived ${formatDuration(newest.ageMs)} ago` : ""}`;
  const warned = timeline.warnings.length;
  return {
    ...base,
    state: warned ? "Degraded" : "Healthy",
    reason: warned ? `${summary}; ${warned} uploader${warned === 1 ? "" : "s"} silent for over 3h` : summary,
    checkedAt: result.checkedAt,
    groups,
    warnings: timeline.warnings,
    skipped: timeline.skipped,
    truncatedBlocks: total - kept,
  };
}

class Deadline extends Error {}

/** Runs `fn` with an abort signal and rejects after `ms` even if `fn` ignores the signal. */
export async function withDeadline<T>(ms: number, fn: (signal: AbortSignal) => Promise<T>, what: string): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new Deadline());
      reject(new Deadline(`timeout after ${ms} ms ${what}`));
    }, ms);
  });
  const work = fn(controller.signal);
  work.catch(() => undefined);
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as Error & { cause?: unknown }).cause;
  const code = (cause as { code?: string } | undefined)?.code;
  return cause instanceof Error && !err.message.includes(cause.message)
    ? `${err.message}: ${code ? `${code} ` : ""}${cause.message}`
    : err.message;
}
