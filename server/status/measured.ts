/**
 * Measured vs planned: what deployed pods report (`prometheus_tsdb_head_series`, `process_resident_memory_bytes`)
 * and what the bucket holds, next to the capacity planner's figures for the same revision. A difference over
 * 30% either way is flagged: under-planned pods get OOM-killed, over-planned ones waste the cluster.
 */
import { bytesAt, RESOLUTIONS, type SizingReport } from "@/lib/topology/sizing";
import { parseExposition, samplesNamed } from "./exposition";
import { readParsed, type FetchThroughProxy, type ReadOptions, type ServiceRef } from "./readers";
import type { BucketView } from "./report";
import type { ClusterTargets } from "./targets";

export const FLAG_DEVIATION = 0.3;

export type MeasuredMetric = "headSeries" | "memory" | "bucketBytes";

export interface MeasuredRow {
  componentId: string;
  componentName: string;
  metric: MeasuredMetric;
  measured: number;
  planned: number;
  /** measured ÷ planned − 1: +0.5 is 50% over the plan. */
  deviation: number;
  flagged: boolean;
  /** Where the measured figure came from. */
  source: string;
}

interface MeasureTarget extends ServiceRef {
  componentId: string;
  componentName: string;
  plannedSeries?: number;
  plannedMemory?: number;
}

function row(
  componentId: string,
  componentName: string,
  metric: MeasuredMetric,
  measured: number,
  planned: number,
  source: string,
): MeasuredRow {
  const deviation = planned > 0 ? measured / planned - 1 : measured > 0 ? Infinity : 0;
  return {
    componentId,
    componentName,
    metric,
    measured,
    planned,
    deviation,
    flagged: Math.abs(deviation) > FLAG_DEVIATION,
    source,
  };
}

/** The pods to read in one cluster: sized Prometheus groups (their Prometheus port) and receivers (HTTP port). */
export function measureTargets(cluster: ClusterTargets, report: SizingReport): MeasureTarget[] {
  const sized = new Map(report.components.filter((c) => c.estimate).map((c) => [c.id, c]));
  const out: MeasureTarget[] = [];
  for (const p of cluster.probes) {
    const s = sized.get(p.componentId);
    if (!s || !((s.kind === "prometheus" && p.role === "prometheus") || (s.kind === "receiver" && p.role === "http")))
      continue;
    out.push({
      namespace: p.namespace,
      service: p.service,
      port: p.port,
      componentId: p.componentId,
      componentName: s.name,
      plannedSeries: s.seriesPerPod,
      plannedMemory: s.estimate!.memoryBytes,
    });
  }
  return out;
}

/** Reads each target's `/metrics` (one pod answers through its Service); unreadable targets are skipped. */
export async function readMeasured(
  fetchThroughProxy: FetchThroughProxy,
  targets: readonly MeasureTarget[],
  options: ReadOptions = {},
): Promise<MeasuredRow[]> {
  const reads = await Promise.all(
    targets.map(async (t) => ({ t, r: await readParsed(fetchThroughProxy, t, "/metrics", options, parseExposition) })),
  );
  const rows: MeasuredRow[] = [];
  for (const { t, r } of reads) {
    if (!r.ok) continue;
    const where = `${t.namespace}/${t.service}:${t.port} /metrics`;
    // A receiver keeps one TSDB per tenant, each with its own head: the pod holds their sum.
    const head = samplesNamed(r.value, "prometheus_tsdb_head_series");
    if (head.length > 0 && t.plannedSeries !== undefined)
      rows.push(
        row(
          t.componentId,
          t.componentName,
          "headSeries",
          head.reduce((a, s) => a + s.value, 0),
          t.plannedSeries,
          where,
        ),
      );
    const rss = samplesNamed(r.value, "process_resident_memory_bytes")[0];
    if (rss && t.plannedMemory !== undefined)
      rows.push(row(t.componentId, t.componentName, "memory", rss.value, t.plannedMemory, where));
  }
  return rows;
}

/**
 * The bucket's listed size against the plan at the bucket's age: the planner's size t seconds after the first
 * upload, t = now − the oldest block's minTime, per resolution.
 */
export function measuredBuckets(buckets: readonly BucketView[], report: SizingReport, now: Date): MeasuredRow[] {
  const rows: MeasuredRow[] = [];
  for (const b of buckets) {
    const plan = report.bucket.find((x) => x.objectStore === b.componentId);
    const blocks = b.groups.flatMap((g) => g.blocks);
    if (!plan?.ratePerSecond || blocks.length === 0 || blocks.some((x) => x.sizeBytes === undefined)) continue;
    const measured = blocks.reduce((a, x) => a + (x.sizeBytes ?? 0), 0);
    const age = Math.max(0, (now.getTime() - Math.min(...blocks.map((x) => x.minTime))) / 1000);
    const model = {
      ratePerSecond: plan.ratePerSecond,
      retention: plan.retentionSeconds,
      downsampling: plan.downsampling,
    };
    const planned = RESOLUTIONS.reduce((a, r) => a + bytesAt(model, r, age), 0);
    rows.push(
      row(
        b.componentId,
        b.componentName,
        "bucketBytes",
        measured,
        planned,
        `bucket ${b.bucket}: ${blocks.length} blocks`,
      ),
    );
  }
  return rows;
}
