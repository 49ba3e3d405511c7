// "Require an approved revision" is a second pair of eyes only if the approver is not the author: with
// the requireApprovalByOther setting (on by default), the revision's author cannot approve it.
import { getSettings } from "@/server/db/settings";
import { ForbiddenError } from "@/server/errors";
import { approvalRepository } from "./repository";

export async function assertSecondPairOfEyes(
  actor: { user: { id: string } },
  designId: string,
  revision: number,
): Promise<void> {
  const { requireApprovedRevision, requireApprovalByOther } = await getSettings();
  if (!requireApprovedRevision || !requireApprovalByOther) return;
  if ((await approvalRepository().revisionAuthorId(designId, revision)) === actor.user.id)
    throw new ForbiddenError(`you wrote revision ${revision}; someone else must approve it`);
}
