// Git export of a design revision (deployer): POST answers 202 with the export's id at once; the clone,
// commit and push run in the background and end the row as succeeded (a commit), unchanged (the branch
// already holds exactly these files) or failed (the remote's message, token scrubbed). Like a deploy, the
// revision must pass the approval rule and have no lint errors; secret values never go to Git.
import "server-only";
import { z } from "zod";
import type { Design } from "@/lib/topology";
import { audit } from "@/server/audit/log";
import type { Actor } from "@/server/auth/actor";
import { db, type Db } from "@/server/db/client";
import { getSettings } from "@/server/db/settings";
import { designRepository } from "@/server/designs/repository";
import { readDocument } from "@/server/designs/stored-document";
import { ConflictError, NotFoundError, UnprocessableError } from "@/server/errors";
import { designSlug } from "@/server/render";
import { exportToGit, GitExportError, type GitExportOutcome } from "./export";
import {
  gitExportRepository,
  REVIEW_BRANCH_PREFIX,
  type GitExportRecord,
  type GitExportStatus,
} from "./exports-repository";
import { plural } from "@/lib/text/plural";
import { exportCommitMessage } from "./commit-message";
import { designFolders, type DesignFolders } from "./folders";
import { commitUrl } from "./remote-url";
import { insecureGitAllowed, openGitTarget } from "./targets";

export const StartGitExportBody = z
  .object({
    cluster: z.string().min(1, "the cluster node to export").max(100),
    revision: z.number().int().min(1).optional(),
    /** Push to `topology-studio/<design>-r<revision>` (for a pull request) instead of the target's branch. */
    reviewBranch: z.boolean().optional(),
  })
  .strict();
export type StartGitExportBody = z.infer<typeof StartGitExportBody>;

export interface GitExportView {
  id: string;
  designId: string;
  cluster: string;
  target: { id: string | null; name: string | null };
  revision: number;
  status: GitExportStatus;
  commit: string | null;
  /** The commit's page on the host (GitHub / GitLab / Gitea style), else the repository URL. */
  commitUrl: string | null;
  repoUrl: string;
  branch: string;
  path: string | null;
  error: string | null;
  startedBy: { id: string; name: string };
  startedAt: string;
  finishedAt: string | null;
}

function toView(r: GitExportRecord): GitExportView {
  return {
    id: r.id,
    designId: r.designId,
    cluster: r.clusterNode,
    target: { id: r.gitTargetId, name: r.target?.name ?? null },
    revision: r.revision,
    status: r.status as GitExportStatus,
    commit: r.commit,
    commitUrl: r.commit ? commitUrl(r.repoUrl, r.commit) : null,
    repoUrl: r.repoUrl,
    branch: r.branch,
    path: r.path,
    error: r.error,
    startedBy: r.startedBy,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

/** Longer than any export runs: each remote request has a 30 s timeout and an export makes a handful. */
const ABANDONED_AFTER_MS = 15 * 60_000;

export async function listGitExports(designId: string, client: Db = db()): Promise<GitExportView[]> {
  if (!(await designRepository(client).find(designId))) throw new NotFoundError(`design "${designId}" not found`);
  const repo = gitExportRepository(client);
  await repo.failAbandoned(designId, new Date(Date.now() - ABANDONED_AFTER_MS));
  return (await repo.listForDesign(designId)).map(toView);
}

export async function getGitExport(id: string, client: Db = db()): Promise<GitExportView> {
  const row = await gitExportRepository(client).find(id);
  if (!row) throw new NotFoundError(`Git export "${id}" not found`);
  return toView(row);
}

function clusterNode(design: Design, name: string) {
  const node = design.components.find((c) => c.kind === "cluster" && c.name === name);
  if (!node || node.kind !== "cluster") {
    const known = design.components.filter((c) => c.kind === "cluster").map((c) => `"${c.name}"`);
    throw new NotFoundError(`unknown cluster "${name}"; this design has ${known.join(", ") || "no clusters"}`);
  }
  return node;
}

export async function startGitExport(
  actor: Actor,
  designId: string,
  body: StartGitExportBody,
  client: Db = db(),
): Promise<{ id: string }> {
  const designs = designRepository(client);
  const record = await designs.find(designId);
  if (!record) throw new NotFoundError(`design "${designId}" not found`);
  const number = body.revision ?? record.latestRevision;
  const rev = await designs.findRevision(designId, number);
  if (!rev)
    throw new NotFoundError(
      `revision ${number} of design "${designId}" not found (latest is ${record.latestRevision})`,
    );
  // Masked: secret values are never opened for Git; the objects holding them are withheld by designFolders.
  const design = readDocument(rev.document, "masked");
  const node = clusterNode(design, body.cluster);
  const targetId = node.settings.gitTargetId;
  if (!targetId)
    throw new UnprocessableError(
      `cluster "${node.name}" is not bound to a Git target; choose one in the Deploy tab's cluster binding and save`,
    );
  const { target, remote } = await openGitTarget(targetId, client).catch((err: unknown) => {
    if (err instanceof NotFoundError)
      throw new UnprocessableError(
        `the Git target bound to cluster "${node.name}" is no longer registered; bind another`,
      );
    throw err;
  });
  const { requireApprovedRevision } = await getSettings();
  if (requireApprovedRevision && record.approvedRevision !== number)
    throw new ConflictError(
      record.approvedRevision === null
        ? `only an approved revision may be exported, and no revision of this design is approved`
        : `only the approved revision may be exported: revision ${record.approvedRevision} is approved, not revision ${number}`,
      { reason: "approval", approvedRevision: record.approvedRevision },
    );
  const lint = { errors: rev.lintErrors ?? 0, warnings: rev.lintWarnings ?? 0 };
  if (lint.errors > 0)
    throw new ConflictError(`revision ${number} has ${plural(lint.errors, "lint error")}; fix them before exporting`, {
      reason: "lint",
    });
  const slug = designSlug(record.name);
  let folders: DesignFolders;
  try {
    folders = designFolders(design, {
      designId,
      designSlug: slug,
      pathTemplate: target.pathTemplate,
      clusters: [node.name],
      argoCd: target.argoCdApplication ? { repoUrl: target.url, branch: target.branch } : undefined,
    });
  } catch (err) {
    throw new UnprocessableError(`cannot export this design: ${(err as Error).message}`);
  }
  const pushBranch = body.reviewBranch ? `${REVIEW_BRANCH_PREFIX}${slug}-r${number}` : undefined;
  const allowInsecure = await insecureGitAllowed();
  const row = await gitExportRepository(client).create({
    designId,
    clusterNode: node.name,
    gitTargetId: target.id,
    revision: number,
    branch: pushBranch ?? target.branch,
    repoUrl: target.url,
    path: folders.folders[0]?.path ?? "",
    startedById: actor.user.id,
  });
  await audit({
    action: "git_export.started",
    actor: actor.user,
    target: `design:${designId}`,
    details: { exportId: row.id, cluster: node.name, revision: number, gitTarget: target.name, branch: row.branch },
  });
  const message = exportCommitMessage({
    designName: record.name,
    designId,
    revision: number,
    cluster: node.name,
    revisionAuthor: rev.author.name,
    revisionMessage: rev.message,
    exportedBy: actor.user.email ?? actor.user.id,
    approvedRevision: record.approvedRevision,
    lint,
    folders,
  });
  // The HTTP answer does not wait for the remote; the row is the progress and the result.
  void (async () => {
    let outcome: GitExportOutcome | null = null;
    let error: string | undefined;
    try {
      outcome = await exportToGit({
        remote,
        allowInsecure,
        author: { name: target.authorName, email: target.authorEmail },
        folders: folders.folders,
        message,
        pushBranch,
      });
    } catch (err) {
      error = err instanceof GitExportError ? err.message : "the export failed unexpectedly (see the server log)";
      if (!(err instanceof GitExportError)) console.error("git export %s failed", row.id, err);
    }
    const status = outcome ? (outcome.status === "pushed" ? "succeeded" : "unchanged") : "failed";
    await gitExportRepository(client).finish(row.id, { status, commit: outcome?.commit ?? null, error });
    await audit({
      action: "git_export.finished",
      actor: actor.user,
      target: `design:${designId}`,
      details: { exportId: row.id, status, commit: outcome?.commit ?? null, error },
    });
  })().catch((err: unknown) => console.error("git export %s could not record its result", row.id, err));
  return { id: row.id };
}
