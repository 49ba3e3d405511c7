// The Git-exports aggregate: one row per export of a design revision's cluster node to a Git target.
import { db, type Db } from "@/server/db/client";

/** Review branches (`topology-studio/<design>-r<revision>`) hold proposals, not what a controller deploys. */
export const REVIEW_BRANCH_PREFIX = "topology-studio/";

export type GitExportStatus = "running" | "succeeded" | "failed" | "unchanged";

const select = {
  id: true,
  designId: true,
  clusterNode: true,
  gitTargetId: true,
  revision: true,
  status: true,
  commit: true,
  branch: true,
  repoUrl: true,
  path: true,
  error: true,
  startedAt: true,
  finishedAt: true,
  startedBy: { select: { id: true, name: true } },
  target: { select: { name: true } },
} as const;

export interface NewGitExport {
  designId: string;
  clusterNode: string;
  gitTargetId: string;
  revision: number;
  branch: string;
  repoUrl: string;
  path: string;
  startedById: string;
}

export function gitExportRepository(client: Db) {
  return {
    create(data: NewGitExport) {
      return client.gitExport.create({ data: { ...data, status: "running" }, select });
    },
    find(id: string) {
      return client.gitExport.findUnique({ where: { id }, select });
    },
    listForDesign(designId: string, limit = 100) {
      return client.gitExport.findMany({ where: { designId }, select, orderBy: { startedAt: "desc" }, take: limit });
    },
    /**
     * Exports "running" for longer than any export can take (every remote request times out) were left by a
     * process that stopped: they end as failed, so the history never shows a run that will not finish.
     */
    failAbandoned(designId: string, olderThan: Date) {
      return client.gitExport.updateMany({
        where: { designId, status: "running", startedAt: { lt: olderThan } },
        data: {
          status: "failed",
          error: "interrupted: the server stopped before the export finished",
          finishedAt: new Date(),
        },
      });
    },
    finish(
      id: string,
      result: { status: Exclude<GitExportStatus, "running">; commit?: string | null; error?: string },
    ) {
      return client.gitExport.update({
        where: { id },
        data: {
          status: result.status,
          commit: result.commit ?? null,
          error: result.error ?? null,
          finishedAt: new Date(),
        },
        select,
      });
    },
  };
}

export type GitExportRecord = NonNullable<Awaited<ReturnType<ReturnType<typeof gitExportRepository>["find"]>>>;

/**
 * The newest export of a cluster node that reached Git (a new commit, or one already holding exactly this
 * revision's files) on the target's branch: what a GitOps controller deploys from. Sync status reads it as
 * the deployed revision.
 */
export async function latestSucceededExport(
  designId: string,
  clusterNode: string,
  client: Db = db(),
): Promise<{ revision: number; commit: string | null; branch: string; finishedAt: Date | null } | null> {
  return client.gitExport.findFirst({
    where: {
      designId,
      clusterNode,
      status: { in: ["succeeded", "unchanged"] },
      NOT: { branch: { startsWith: REVIEW_BRANCH_PREFIX } },
    },
    orderBy: { startedAt: "desc" },
    select: { revision: true, commit: true, branch: true, finishedAt: true },
  });
}
