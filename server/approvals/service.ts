// Approvals: a deployer (or admin) approves one revision; Design.approvedRevision names the approved one
// (the most recent approval wins, so approving an older revision is how a rollback gets approved).
// Every approval is kept, so the history shows who approved what and when.
import { z } from "zod";
import type { Actor } from "@/server/auth/actor";
import { NotFoundError } from "@/server/errors";
import { assertSecondPairOfEyes } from "./four-eyes";
import { approvalRepository } from "./repository";

export const ApproveBody = z.object({ revision: z.number().int().min(1) });

export interface ApprovalView {
  revision: number;
  user: { id: string; name: string };
  createdAt: string;
}

export interface ApprovalsView {
  approvedRevision: number | null;
  latestRevision: number;
  approvals: ApprovalView[];
}

export async function listApprovals(designId: string): Promise<ApprovalsView> {
  const repo = approvalRepository();
  const design = await repo.findDesignRevisions(designId);
  if (!design) throw new NotFoundError("design not found");
  const rows = await repo.listApprovals(designId);
  return {
    approvedRevision: design.approvedRevision,
    latestRevision: design.latestRevision,
    approvals: rows.map((r) => ({ revision: r.revision, user: r.user, createdAt: r.createdAt.toISOString() })),
  };
}

export async function approveRevision(actor: Actor, designId: string, revision: number): Promise<ApprovalsView> {
  await assertSecondPairOfEyes(actor, designId, revision);
  const res = await approvalRepository().approve(designId, revision, actor.user.id);
  if (!res.ok) {
    if (res.latestRevision === null) throw new NotFoundError("design not found");
    throw new NotFoundError(`revision ${revision} not found (latest is ${res.latestRevision})`);
  }
  return listApprovals(designId);
}

/** Withdraws the approval of the currently approved revision (no revision is approved afterwards). */
export async function withdrawApproval(designId: string): Promise<ApprovalsView> {
  const repo = approvalRepository();
  if (!(await repo.designExists(designId))) throw new NotFoundError("design not found");
  await repo.clearApprovedRevision(designId);
  return listApprovals(designId);
}
