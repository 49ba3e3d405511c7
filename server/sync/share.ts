// GET /api/share/:token/sync: the design's sync status as a share guest may see it. A link pinned to one
// revision lists only that revision's cluster nodes; no guest gets live or desired values (a field someone
// changed by hand was never masked by the studio) nor the text of a failure (addresses, cluster names).
import "server-only";
import { designService } from "@/server/designs/service";
import type { ResolvedShare } from "@/server/shares/service";
import type { ClusterSync, SyncCause, SyncReport } from "./report";
import { designSync } from "./service";

const GUEST_REASON: Partial<Record<SyncCause, string>> = {
  unbound: "this cluster is not bound to a registered cluster",
  "cluster-missing": "the registered cluster is not available",
  "never-deployed": "this cluster has never been deployed",
  unreachable: "the cluster could not be reached",
  unreadable: "the cluster could not be compared",
};

function guestCluster(c: ClusterSync): ClusterSync {
  return {
    ...c,
    reason: GUEST_REASON[c.cause] ?? c.reason,
    differences: c.differences.map(({ object, change, field }) => ({ object, change, ...(field ? { field } : {}) })),
  };
}

export async function shareSync(share: Pick<ResolvedShare, "designId" | "revision">): Promise<SyncReport> {
  const report = await designSync(share.designId);
  const shown =
    share.revision === null
      ? null
      : new Set(
          (await designService().getRevision(share.designId, share.revision)).design.components
            .filter((c) => c.kind === "cluster")
            .map((c) => c.name),
        );
  return { ...report, clusters: report.clusters.filter((c) => !shown || shown.has(c.cluster)).map(guestCluster) };
}
