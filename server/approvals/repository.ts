// The approvals aggregate in the database: every approval kept, and Design.approvedRevision naming the
// approved one. Rules (who may approve, four eyes) stay in service.ts and four-eyes.ts.
import { db, type Db } from "@/server/db/client";

export type ApproveResult = { ok: true } | { ok: false; latestRevision: number | null };

export function approvalRepository(client: Db = db()) {
  return {
    findDesignRevisions(designId: string) {
      return client.design.findUnique({
        where: { id: designId },
        select: { approvedRevision: true, latestRevision: true },
      });
    },
    async designExists(designId: string): Promise<boolean> {
      return !!(await client.design.findUnique({ where: { id: designId }, select: { id: true } }));
    },
    /** Newest first; an approval given again sorts by its refreshed time. */
    listApprovals(designId: string) {
      return client.approval.findMany({
        where: { designId },
        include: { user: { select: { id: true, name: true } } },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      });
    },
    async revisionAuthorId(designId: string, revision: number): Promise<string | null> {
      const rev = await client.revision.findUnique({
        where: { designId_number: { designId, number: revision } },
        select: { authorId: true },
      });
      return rev?.authorId ?? null;
    },
    /**
     * Records the approval and makes it the design's approved revision, in one transaction that first
     * checks the revision exists; `latestRevision` is null when the design does not.
     */
    approve(designId: string, revision: number, userId: string): Promise<ApproveResult> {
      return client.$transaction(async (tx): Promise<ApproveResult> => {
        const design = await tx.design.findUnique({ where: { id: designId }, select: { latestRevision: true } });
        if (!design) return { ok: false, latestRevision: null };
        if (revision > design.latestRevision) return { ok: false, latestRevision: design.latestRevision };
        // Approving the same revision twice refreshes the time, so it moves back to the top of the history.
        await tx.approval.upsert({
          where: { designId_revision_userId: { designId, revision, userId } },
          create: { designId, revision, userId },
          update: { createdAt: new Date() },
        });
        await tx.design.update({ where: { id: designId }, data: { approvedRevision: revision } });
        return { ok: true };
      });
    },
    async clearApprovedRevision(designId: string): Promise<void> {
      await client.design.update({ where: { id: designId }, data: { approvedRevision: null } });
    },
  };
}
