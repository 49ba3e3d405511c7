// "Require an approved revision" is a second pair of eyes only if the approver is not the author: with
// the requireApprovalByOther setting (on by default), the revision's author cannot approve it.
import { db } from "@/server/db/client";
import { getSettings } from "@/server/db/settings";
import { ForbiddenError } from "@/server/errors";

export async function assertSecondPairOfEyes(
  actor: { user: { id: string } },
  designId: string,
  revision: number,
): Promise<void> {
  const { requireApprovedRevision, requireApprovalByOther } = await getSettings();
  if (!requireApprovedRevision || !requireApprovalByOther) return;
  const rev = await db().revision.findUnique({
    where: { designId_number: { designId, number: revision } },
    select: { authorId: true },
  });
  if (rev?.authorId === actor.user.id)
    throw new ForbiddenError(`you wrote revision ${revision}; someone else must approve it`);
}
