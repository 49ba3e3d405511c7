// Approvals: a deployer (or admin) approves one revision; Design.approvedRevision names the approved one
// (the most recent approval wins, so approving an older revision is how a rollback gets approved).
// Every approval is kept, so the history shows who approved what and when.
import { z } from "zod";
import { db } from "@/server/db/client";
import type { Actor } from "@/server/auth/actor";
import { NotFoundError } from "@/server/errors";
import { assertSecondPairOfEyes } from "./four-eyes";

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
  const design = await db().design.findUnique({
    where: { id: designId },
    select: { approvedRevision: true, latestRevision: true },
  });
  if (!design) throw new NotFoundError("design not found");
  const rows = await db().approval.findMany({
    where: { designId },
    include: { user: { select: { id: true, name: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return {
    approvedRevision: design.approvedRevision,
    latestRevision: design.latestRevision,
    approvals: rows.map((r) => ({ revision: r.revision, user: r.user, createdAt: r.createdAt.toISOString() })),
  };
}

export async function approveRevision(actor: Actor, designId: string, revision: number): Promise<ApprovalsView> {
  await assertSecondPairOfEyes(actor, designId, revision);
  await db().$transaction(async (tx) => {
    const design = await tx.design.findUnique({ where: { id: designId }, select: { latestRevision: true } });
    if (!design) throw new NotFoundError("design not found");
    if (revision > design.latestRevision)
      throw new NotFoundError(`revision ${revision} not found (latest is ${design.latestRevision})`);
    // Approving the same revision twice refreshes the time, so it moves back to the top of the history.
    await tx.approval.upsert({
      where: { designId_revision_userId: { designId, revision, userId: actor.user.id } },
      create: { designId, revision, userId: actor.user.id },
      update: { createdAt: new Date() },
    });
    await tx.design.update({ where: { id: designId }, data: { approvedRevision: revision } });
  });
  return listApprovals(designId);
}

/** Withdraws the approval of the currently approved revision (no revision is approved afterwards). */
export async function withdrawApproval(designId: string): Promise<ApprovalsView> {
  const design = await db().design.findUnique({ where: { id: designId }, select: { id: true } });
  if (!design) throw new NotFoundError("design not found");
  await db().design.update({ where: { id: designId }, data: { approvedRevision: null } });
  return listApprovals(designId);
}
