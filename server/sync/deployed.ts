// Which revision of a design is deployed where: the one lookup sync status reads. Today a revision is
// deployed to a registered cluster when the design's latest succeeded Deployment there applied it. Other
// ways a revision reaches a cluster (a Git export once it is live) belong here too, merged by recency.
import type { Db } from "@/server/db/client";

export interface DeployedRevision {
  /** The registered cluster (Cluster row id). */
  clusterId: string;
  revision: number;
  /** What put it there, for the history link and the cache key. */
  via: { kind: "deployment"; id: string };
  at: Date;
}

export interface DeployedRevisions {
  byCluster: Map<string, DeployedRevision>;
  /**
   * Changes whenever a run on any of the design's clusters finishes, whatever its result: a failed run
   * changes live objects too, so sync status computed before it is stale.
   */
  version: string;
}

export async function deployedRevisions(client: Db, designId: string): Promise<DeployedRevisions> {
  const [succeeded, lastFinished] = await Promise.all([
    client.deployment.findMany({
      where: { designId, status: "succeeded" },
      orderBy: [{ finishedAt: "desc" }, { startedAt: "desc" }],
      distinct: ["clusterId"],
      select: { id: true, clusterId: true, revision: true, finishedAt: true, startedAt: true },
    }),
    client.deployment.findFirst({
      where: { designId, finishedAt: { not: null } },
      orderBy: [{ finishedAt: "desc" }, { id: "desc" }],
      select: { id: true },
    }),
  ]);
  const byCluster = new Map<string, DeployedRevision>();
  for (const d of succeeded)
    byCluster.set(d.clusterId, {
      clusterId: d.clusterId,
      revision: d.revision,
      via: { kind: "deployment", id: d.id },
      at: d.finishedAt ?? d.startedAt,
    });
  return { byCluster, version: lastFinished?.id ?? "none" };
}
