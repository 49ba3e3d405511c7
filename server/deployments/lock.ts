// The DeploymentLock claim: one running deploy per (design, cluster), enforced by the database. No
// "server-only" here: test workers (stand-in replicas in their own processes) import it directly.
import { ulid } from "ulid";
import type { Db } from "@/server/db/client";
import { HttpError } from "@/server/http/errors";

export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === "P2002";
}

export interface Claim {
  designId: string;
  clusterId: string;
  clusterName: string;
  revision: number;
  startedById: string;
  results: string;
}

/** Time-ordered ids read well in logs and sort like the runs. */
function newDeploymentId(): string {
  return `dep_${ulid().toLowerCase()}`;
}

/**
 * Creates the running Deployment and its DeploymentLock in one transaction. The lock's primary key
 * (designId, clusterId) makes a second claim fail, whichever replica or database it runs on → 409.
 */
export async function claimDeployment(client: Db, c: Claim): Promise<{ id: string }> {
  try {
    // A batch (not an interactive transaction): both inserts go to the database in one round, which
    // SQLite serializes without holding a write lock across JS awaits. The id is ours so the lock can name it.
    const id = newDeploymentId();
    await client.$transaction([
      client.deployment.create({
        data: {
          id,
          designId: c.designId,
          clusterId: c.clusterId,
          revision: c.revision,
          status: "running",
          startedById: c.startedById,
          results: c.results,
          error: null,
        },
        select: { id: true },
      }),
      client.deploymentLock.create({ data: { designId: c.designId, clusterId: c.clusterId, deploymentId: id } }),
    ]);
    return { id };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const lock = await client.deploymentLock.findUnique({
      where: { designId_clusterId: { designId: c.designId, clusterId: c.clusterId } },
      select: { deploymentId: true },
    });
    throw new HttpError(
      409,
      `a deployment of this design to cluster "${c.clusterName}" is already running; wait for it to finish`,
      {
        runningDeploymentId: lock?.deploymentId ?? null,
      },
    );
  }
}
