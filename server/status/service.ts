/**
 * Live status of a stored design: picks the revision to compare with (the last one deployed, else the
 * latest), opens its bound clusters and refreshes at most once per few seconds per design, however many
 * viewers ask (single-flight cache).
 */
import "server-only";
import { db, type Db } from "@/server/db/client";
import { deploymentRepository } from "@/server/deployments/repository";
import { designRepository } from "@/server/designs/repository";
import { designService } from "@/server/designs/service";
import { NotFoundError } from "@/server/errors";
import { statusRefresh } from "@/server/metrics/studio";
import { SingleFlightCache } from "./cache";
import { connectRegisteredCluster } from "./cluster-access";
import { cachedBucketLister } from "./bucket-cache";
import { guardedListBucket } from "./guarded-bucket";
import { collectStatus, type ConnectCluster, type ListBucket } from "./live";
import type { StatusReport } from "./report";
import type { UploadMetrics } from "./upload-metrics";

/** How long one refresh is reused for every viewer of a design. */
export const STATUS_TTL_MS = Number(process.env.STUDIO_STATUS_TTL_MS ?? 5000);
const CALL_TIMEOUT_MS = Number(process.env.STUDIO_STATUS_TIMEOUT_MS ?? 3000);

// Up to a minute old while a refresh runs: a cluster that never answers costs the refresh its timeout, never the viewer.
const reports = new SingleFlightCache<StatusReport>(STATUS_TTL_MS, 500, Date.now, 60_000);
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

const serialized = new WeakMap<StatusReport, string>();

/**
 * The report as a JSON body, serialized once per refresh: every viewer of a large design gets the same
 * string instead of a fresh `JSON.stringify` per request.
 */
export async function designStatusBody(designId: string, options: StatusServiceOptions = {}): Promise<string> {
  const report = await designStatus(designId, options);
  let body = serialized.get(report);
  if (body === undefined) {
    body = JSON.stringify(report);
    serialized.set(report, body);
  }
  return body;
}
