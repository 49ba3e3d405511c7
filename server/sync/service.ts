/**
 * Sync status of a stored design, computed in the background: every viewer reads the last answer
 * (stale-while-revalidate) while at most one computation per design runs. The cache key carries the
 * latest revision and the last finished deploy run, so a save or a deploy (on any replica) is seen on
 * the next read, not a TTL later.
 */
import "server-only";
import { Histogram } from "prom-client";
import { connectionFor } from "@/server/clusters/service";
import { db, type Db } from "@/server/db/client";
import { designRepository } from "@/server/designs/repository";
import { designService } from "@/server/designs/service";
import { NotFoundError } from "@/server/errors";
import type { KubeConnection } from "@/server/kube";
import { metrics } from "@/server/metrics/studio";
import { SingleFlightCache } from "@/server/status/cache";
import { computeSync } from "./compute";
import { deployedRevisions, withExports } from "./deployed";
import { limiter } from "./limiter";
import type { SyncReport } from "./report";

const env = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v >= 0 && process.env[name] !== "" ? v : fallback;
};

/** Created on first use, so tests (and operators) can set the environment before the first read. */
let state: { cache: SingleFlightCache<SyncReport>; limit: ReturnType<typeof limiter> } | undefined;
function shared() {
  // Fresh for 30 s, then served up to 10 min old while one refresh runs: a slow cluster never blocks a viewer.
  state ??= {
    cache: new SingleFlightCache<SyncReport>(
      env("STUDIO_SYNC_TTL_MS", 30_000),
      500,
      Date.now,
      env("STUDIO_SYNC_STALE_MS", 10 * 60_000),
    ),
    // A designs list asks for every design at once; a few plans at a time keep the clusters (and us) calm.
    limit: limiter(env("STUDIO_SYNC_CONCURRENCY", 3)),
  };
  return state;
}

const REFRESH_METRIC = "studio_sync_refresh_duration_seconds";
/** One observation per computation (not per read): its count is how often clusters were asked. */
export const syncRefresh: Histogram<"result"> =
  (metrics.registry.getSingleMetric(REFRESH_METRIC) as Histogram<"result"> | undefined) ??
  new Histogram({
    name: REFRESH_METRIC,
    help: "Time of one sync status computation of a design (a plan against each deployed cluster).",
    labelNames: ["result"],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [metrics.registry],
  });

export interface SyncServiceOptions {
  client?: Db;
  /** Opens a registered cluster (default: its stored kubeconfig). */
  connect?: (clusterId: string) => Promise<{ name: string; conn: KubeConnection }>;
}

async function openRegistered(clusterId: string, client: Db) {
  const { cluster, conn } = await connectionFor(clusterId, client).catch((err: unknown) => {
    if (err instanceof NotFoundError) throw new Error("the registered cluster it is bound to no longer exists");
    throw err;
  });
  return { name: cluster.name, conn: conn as KubeConnection, allowedNamespaces: cluster.allowedNamespaces };
}

/** A forced re-check reuses an answer younger than this: a button pressed by many viewers costs one plan. */
export const MIN_RECHECK_MS = 5_000;

export async function designSync(
  designId: string,
  options: SyncServiceOptions & { recheck?: boolean } = {},
): Promise<SyncReport> {
  const client = options.client ?? db();
  const record = await designRepository(client).find(designId);
  if (!record) throw new NotFoundError(`design "${designId}" not found`);
  const deployed = await deployedRevisions(client, designId);
  const { cache, limit } = shared();
  const key = `${designId}\u0000${record.latestRevision}\u0000${deployed.version}`;
  const load = () =>
    limit(async () => {
      const end = syncRefresh.startTimer();
      try {
        const designs = designService(client);
        const latest = await designs.getDecryptedRevision(designId, record.latestRevision);
        const report = await computeSync({
          designId,
          latest,
          deployed: withExports(
            deployed,
            latest.design.components.flatMap((c) =>
              c.kind === "cluster" ? [{ name: c.name, registeredClusterId: c.settings.registeredClusterId }] : [],
            ),
          ),
          loadRevision: async (r) => (await designs.getDecryptedRevision(designId, r)).design,
          connect: options.connect ?? ((id) => openRegistered(id, client)),
          timeoutMs: env("STUDIO_SYNC_TIMEOUT_MS", 5000),
        });
        end({ result: "ok" });
        return report;
      } catch (err) {
        end({ result: "error" });
        throw err;
      }
    });
  const report = await cache.get(key, load);
  // "Check now" (someone just changed the cluster by hand): recompute unless the answer is brand new.
  if (options.recheck && Date.now() - Date.parse(report.checkedAt) >= MIN_RECHECK_MS) {
    cache.delete(key);
    return cache.get(key, load);
  }
  return report;
}
