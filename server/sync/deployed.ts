// Which revision of a design is deployed where: the one lookup sync status reads. A revision is deployed to
// a registered cluster when the design's latest succeeded Deployment there applied it, or when a later Git
// export of the cluster node bound to it committed it (Argo CD or Flux apply it from there: sync then shows
// OutOfSync until live matches the exported revision, and Synced once it does).
import type { Db } from "@/server/db/client";
import { REVIEW_BRANCH_PREFIX } from "@/server/git/exports-repository";

export interface DeployedRevision {
  /** The registered cluster (Cluster row id). */
  clusterId: string;
  revision: number;
  /** What put it there, for the history link and the cache key. */
  via: { kind: "deployment" | "git-export"; id: string };
  at: Date;
}

export interface DeployedRevisions {
  byCluster: Map<string, DeployedRevision>;
  /**
   * Changes whenever a run on any of the design's clusters finishes, whatever its result: a failed run
   * changes live objects too, so sync status computed before it is stale.
   */
  version: string;
  /** The latest export (committed or unchanged) to the deployed branch, per cluster node name. */
  exports: Map<string, { id: string; revision: number; at: Date }>;
}

export async function deployedRevisions(client: Db, designId: string): Promise<DeployedRevisions> {
  const [succeeded, lastFinished, exported] = await Promise.all([
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
    client.gitExport.findMany({
      where: {
        designId,
        status: { in: ["succeeded", "unchanged"] },
        NOT: { branch: { startsWith: REVIEW_BRANCH_PREFIX } },
      },
      orderBy: { startedAt: "desc" },
      distinct: ["clusterNode"],
      select: { id: true, clusterNode: true, revision: true, finishedAt: true, startedAt: true },
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
  const exports = new Map(
    exported.map((e) => [e.clusterNode, { id: e.id, revision: e.revision, at: e.finishedAt ?? e.startedAt }]),
  );
  const newestExport = exported.reduce<string>((v, e) => (e.id > v ? e.id : v), "");
  return { byCluster, exports, version: `${lastFinished?.id ?? "none"}/${newestExport || "none"}` };
}

/**
 * The deployed revision per registered cluster once Git exports are counted: a node bound to a registered
 * cluster whose latest export is newer than the last deploy there counts as deployed at the exported revision.
 */
export function withExports(
  deployed: DeployedRevisions,
  nodes: readonly { name: string; registeredClusterId?: string }[],
): Map<string, DeployedRevision> {
  const merged = new Map(deployed.byCluster);
  for (const node of nodes) {
    const e = deployed.exports.get(node.name);
    if (!e || !node.registeredClusterId) continue;
    const current = merged.get(node.registeredClusterId);
    if (current && current.at >= e.at) continue;
    merged.set(node.registeredClusterId, {
      clusterId: node.registeredClusterId,
      revision: e.revision,
      via: { kind: "git-export", id: e.id },
      at: e.at,
    });
  }
  return merged;
}
