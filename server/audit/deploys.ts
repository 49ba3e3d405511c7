// A finished deploy run in the audit log and the studio's metrics. Called once per run with its final
// status, after that status is stored.
import { db } from "@/server/db/client";
import { deploymentRepository } from "@/server/deployments/repository";
import { deployRuns } from "@/server/metrics/studio";
import { audit } from "./log";

export async function recordDeployResult(deploymentId: string, status: string): Promise<void> {
  deployRuns.inc({ result: status });
  const run = await deploymentRepository(db())
    .findForAudit(deploymentId)
    .catch(() => null);
  if (!run) return;
  await audit({
    action: "deploy.finished",
    actor: run.startedBy,
    target: `design:${run.designId}`,
    details: { deploymentId, status, revision: run.revision, cluster: run.cluster.name, clusterId: run.cluster.id },
  });
}
