/**
 * Live status of a stored design: picks the revision to compare with (the last one deployed, else the
 * latest) and opens its bound clusters. Each watched design is refreshed in the background every few
 * seconds, on its own schedule: viewers read the last report and never start, wait for or hurry a
 * refresh, so twenty viewers cost what one does. A design nobody looked at for a minute stops being
 * refreshed; a few refreshes run at once across designs, the rest queue.
 */
import "server-only";
import { db, type Db } from "@/server/db/client";
import { deploymentRepository } from "@/server/deployments/repository";
import { designRepository } from "@/server/designs/repository";
import { designService } from "@/server/designs/service";
import { NotFoundError } from "@/server/errors";
import { statusRefresh } from "@/server/metrics/studio";
import { BackgroundRefresh } from "@/server/cache/background-refresh";
import { cachedBody, type CachedBody } from "@/server/http/conditional";
import { connectRegisteredCluster } from "./cluster-access";
import { cachedBucketLister } from "./bucket-cache";
import { guardedListBucket } from "./guarded-bucket";
import { collectStatus, type ConnectCluster, type ListBucket } from "./live";
import type { StatusReport } from "./report";
import type { UploadMetrics } from "./upload-metrics";

/** Pause between the end of one refresh of a design and the start of the next. */
export const STATUS_TTL_MS = Number(process.env.STUDIO_STATUS_TTL_MS ?? 5000);
const CALL_TIMEOUT_MS = Number(process.env.STUDIO_STATUS_TIMEOUT_MS ?? 3000);
/** A design nobody asked about for this long stops being refreshed. */
export const STATUS_IDLE_MS = Number(process.env.STUDIO_STATUS_IDLE_MS ?? 60_000);
/** Refreshes running at once across designs (each fans out to all of its clusters). */
export const STATUS_CONCURRENCY = Number(process.env.STUDIO_STATUS_CONCURRENCY ?? 4);

// A cluster that never answers costs its refresh the call timeout, never a viewer.
const reports = new BackgroundRefresh<StatusReport>({
  intervalMs: STATUS_TTL_MS,
  idleMs: STATUS_IDLE_MS,
  concurrency: STATUS_CONCURRENCY,
});

/** Drops one design's kept report (a deploy there just finished): its next viewer waits for a fresh one. */
export function forgetDesignStatus(designId: string): void {
  reports.delete(designId);
}

/** Stops every background refresh and forgets the reports (tests). */
export function forgetStatusReports(): void {
  reports.clear();
}
const uploadHistory = new Map<string, UploadMetrics>();
// Listings go through the allow-list and checked DNS (guarded-bucket.ts).
const cachedListBucket = cachedBucketLister(undefined, guardedListBucket());

export interface StatusServiceOptions {
  client?: Db;
  connect?: ConnectCluster;
  listBucket?: ListBucket;
  timeoutMs?: number;
}

/**
 * The revision status compares against (the last one deployed), and when the design first went out:
 * upload-gap warnings wait 3 h after the first deployment, not after every redeploy, or a sidecar
 * broken for days would be excused by each configuration change.
 */
async function comparedRevision(
  client: Db,
  designId: string,
): Promise<{ revision?: number; source: "deployed" | "latest"; deployedAt?: Date }> {
  const deployments = deploymentRepository(client);
  const [latest, first] = await Promise.all([
    deployments.lastSucceeded(designId),
    deployments.firstSucceeded(designId),
  ]);
  if (latest)
    return {
      revision: latest.revision,
      source: "deployed",
      deployedAt: first ? (first.finishedAt ?? first.startedAt) : undefined,
    };
  return { source: "latest" };
}

export async function designStatus(designId: string, options: StatusServiceOptions = {}): Promise<StatusReport> {
  const client = options.client ?? db();
  return reports.get(designId, async () => {
    if (!(await designRepository(client).exists(designId))) throw new NotFoundError(`design "${designId}" not found`);
    const compared = await comparedRevision(client, designId);
    const { revision, design } = await designService(client).getDecryptedRevision(designId, compared.revision);
    const endTimer = statusRefresh.startTimer();
    const report = collectStatus(
      {
        designId,
        design,
        revision,
        revisionSource: compared.source,
        deployedAt: compared.deployedAt,
        connect: options.connect ?? connectRegisteredCluster,
      },
      {
        timeoutMs: options.timeoutMs ?? CALL_TIMEOUT_MS,
        listBucket: options.listBucket ?? cachedListBucket,
        uploadHistory,
      },
    );
    report.then(
      () => endTimer({ result: "ok" }),
      () => endTimer({ result: "error" }),
    );
    return report;
  });
}

const serialized = new WeakMap<StatusReport, CachedBody>();

/**
 * The report as a JSON body with its ETag, serialized and encoded once per refresh: every viewer of a
 * large design gets the same bytes (or a 304) instead of a fresh `JSON.stringify` per request.
 */
export async function designStatusBody(designId: string, options: StatusServiceOptions = {}): Promise<CachedBody> {
  const report = await designStatus(designId, options);
  let body = serialized.get(report);
  if (body === undefined) {
    body = cachedBody(JSON.stringify(report));
    serialized.set(report, body);
  }
  return body;
}
