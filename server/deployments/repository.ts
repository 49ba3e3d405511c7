// The deployments aggregate in the database: stored plans, runs and the per-(design, cluster) lock.
// Only this module (and the designs/clusters repositories) talks to Prisma for deploys. No "server-only":
// test workers (stand-in replicas in their own processes) import it directly.
import { ulid } from "ulid";
import type { Db } from "@/server/db/client";
import { ConflictError } from "@/server/errors";

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
  planId?: string;
  overrideReason?: string | null;
}

export interface NewPlan {
  designId: string;
  clusterId: string;
  clusterNode: string;
  revision: number;
  headRevision: number;
  objectsEnc: string;
  view: string;
  overrideReason: string | null;
  createdById: string;
}

/** Time-ordered ids read well in logs and sort like the runs. */
const newId = (prefix: string) => `${prefix}_${ulid().toLowerCase()}`;

const deploymentInclude = {
  cluster: { select: { id: true, name: true } },
  startedBy: { select: { id: true, name: true } },
  planned: { select: { view: true } },
} as const;

/** The 409 for a second deploy of a design to a cluster while one runs; it names the running one. */
export function alreadyRunning(clusterName: string, runningDeploymentId: string | null): ConflictError {
  return new ConflictError(
    `a deployment of this design to cluster "${clusterName}" is already running; wait for it to finish`,
    { runningDeploymentId },
  );
}

export function deploymentRepository(client: Db) {
  const releaseLock = (deploymentId: string) => client.deploymentLock.deleteMany({ where: { deploymentId } });
  const runningFor = (designId: string, clusterId: string) =>
    client.deploymentLock.findUnique({
      where: { designId_clusterId: { designId, clusterId } },
      select: { deploymentId: true },
    });
  return {
    async createPlan(p: NewPlan): Promise<{ id: string; createdAt: Date }> {
      return client.deploymentPlan.create({ data: { id: newId("plan"), ...p }, select: { id: true, createdAt: true } });
    },

    findPlan(id: string) {
      return client.deploymentPlan.findUnique({ where: { id } });
    },

    /**
     * Creates the running Deployment and its DeploymentLock in one transaction. The lock's primary key
     * (designId, clusterId) makes a second claim fail, whichever replica or database it runs on.
     */
    async claim(c: Claim): Promise<{ id: string }> {
      try {
        // A batch (not an interactive transaction): both inserts go to the database in one round, which
        // SQLite serializes without holding a write lock across JS awaits. The id is ours so the lock can name it.
        const id = newId("dep");
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
              planId: c.planId ?? null,
              overrideReason: c.overrideReason ?? null,
            },
            select: { id: true },
          }),
          client.deploymentLock.create({ data: { designId: c.designId, clusterId: c.clusterId, deploymentId: id } }),
        ]);
        return { id };
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        throw alreadyRunning(c.clusterName, (await runningFor(c.designId, c.clusterId))?.deploymentId ?? null);
      }
    },

    runningFor,

    runningOnCluster(clusterId: string) {
      return client.deploymentLock.findFirst({ where: { clusterId }, select: { deploymentId: true } });
    },

    /** Progress of a run still running (a finished run's row is never overwritten by a late write). */
    recordProgress(id: string, results: string) {
      return client.deployment.updateMany({ where: { id, status: "running" }, data: { results } });
    },

    /** Final status and lock release together: a lost write here would leave the lock held. */
    async finish(id: string, data: { status: string; error: string | null; results: string }) {
      await client.$transaction([
        client.deployment.update({ where: { id }, data: { ...data, finishedAt: new Date() } }),
        releaseLock(id),
      ]);
    },

    running(where: { designId?: string; clusterId?: string }) {
      return client.deployment.findMany({
        where: { status: "running", ...where },
        select: { id: true, results: true, startedAt: true },
      });
    },

    async markInterrupted(id: string, now: Date, error: string) {
      await client.$transaction([
        client.deployment.updateMany({
          where: { id, status: "running" },
          data: { status: "interrupted", finishedAt: now, error },
        }),
        releaseLock(id),
      ]);
    },

    find(id: string) {
      return client.deployment.findUnique({ where: { id }, include: deploymentInclude });
    },

    listForDesign(designId: string, take = 100) {
      return client.deployment.findMany({
        where: { designId },
        include: deploymentInclude,
        orderBy: [{ startedAt: "desc" }, { id: "desc" }],
        take,
      });
    },

    /** What the audit entry of a finished run names: design, revision, cluster, who started it. */
    findForAudit(id: string) {
      return client.deployment.findUnique({
        where: { id },
        select: {
          designId: true,
          revision: true,
          error: true,
          cluster: { select: { id: true, name: true } },
          startedBy: { select: { id: true, email: true } },
        },
      });
    },

    /** The revision of the design's most recently finished successful deployment. */
    lastSucceeded(designId: string) {
      return client.deployment.findFirst({
        where: { designId, status: "succeeded" },
        orderBy: [{ finishedAt: "desc" }, { startedAt: "desc" }],
        select: { revision: true },
      });
    },

    /** Registered clusters the design was ever deployed to (a failed run may have applied objects too). */
    async deployedClusters(designId: string): Promise<{ id: string; name: string }[]> {
      const rows = await client.deployment.findMany({
        where: { designId },
        distinct: ["clusterId"],
        select: { cluster: { select: { id: true, name: true } } },
      });
      return rows.map((r) => r.cluster).sort((a, b) => a.name.localeCompare(b.name));
    },

    /** The sealed plans of a design for one cluster (their namespaces tell undeploy where to look). */
    sealedPlans(designId: string, clusterId: string) {
      return client.deploymentPlan.findMany({ where: { designId, clusterId }, select: { objectsEnc: true } });
    },

    /** When the design's first successful deployment ran. */
    firstSucceeded(designId: string) {
      return client.deployment.findFirst({
        where: { designId, status: "succeeded" },
        orderBy: [{ startedAt: "asc" }],
        select: { finishedAt: true, startedAt: true },
      });
    },
  };
}

export type DeploymentRepository = ReturnType<typeof deploymentRepository>;
export type DeploymentRow = NonNullable<Awaited<ReturnType<DeploymentRepository["find"]>>>;
