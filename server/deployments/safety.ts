// What must hold before a revision reaches a cluster, beyond the plan itself: no lint errors unless a
// deployer says why (the reason is kept with the plan, the run and the audit log), and for a production
// cluster an approval of that revision by someone other than its author, whatever the global setting.
import "server-only";
import { z } from "zod";
import { lintBlocks } from "@/lib/deploy/lint-block";
import type { LintBlock } from "@/lib/deploy/plan";
import { approvalRepository } from "@/server/approvals/repository";
import type { Db } from "@/server/db/client";
import { ConflictError } from "@/server/errors";

export const Override = z
  .object({
    /** Why deploying despite the lint errors is right this time; shown in the history and the audit log. */
    reason: z.string().trim().min(10, "say why in at least 10 characters").max(500, "at most 500 characters"),
  })
  .strict();
export type Override = z.infer<typeof Override>;

export type BlockingFinding = LintBlock;

/** The lint errors of a revision, in the shape the 409 and the UI name them. */
export const lintErrorsOf = lintBlocks;

/**
 * 409 `lint-errors` naming the errors, unless an override reason is given; the reason to keep (null when
 * there was nothing to override, so history only shows overrides that mattered).
 */
export function overrideFor(errors: BlockingFinding[], revision: number, reason: string | undefined): string | null {
  if (errors.length === 0) return null;
  if (reason) return reason;
  const first = errors
    .slice(0, 3)
    .map((e) => `${e.rule}${e.component ? ` (${e.component})` : ""}: ${e.message}`)
    .join("; ");
  throw new ConflictError(
    `revision ${revision} has ${errors.length === 1 ? "a lint error" : `${errors.length} lint errors`}: ${first}${errors.length > 3 ? `; and ${errors.length - 3} more` : ""}. Fix ${errors.length === 1 ? "it" : "them"}, or deploy anyway with a reason (deployer role)`,
    { reason: "lint-errors", findings: errors },
  );
}

/**
 * A production cluster takes only the design's approved revision, approved by someone other than the
 * person who saved it: a second pair of eyes regardless of the global approval setting.
 */
export async function assertProductionApproval(
  client: Db,
  target: { designId: string; revision: number; approvedRevision: number | null; clusterName: string },
): Promise<void> {
  const { designId, revision, approvedRevision, clusterName } = target;
  const approvals = approvalRepository(client);
  const author = await approvals.revisionAuthorId(designId, revision);
  const byOthers =
    approvedRevision === revision
      ? (await approvals.listApprovals(designId)).filter((a) => a.revision === revision && a.user.id !== author)
      : [];
  if (byOthers.length > 0) return;
  const why =
    approvedRevision === revision
      ? `revision ${revision} is approved only by its author`
      : approvedRevision === null
        ? "no revision of this design is approved"
        : `revision ${approvedRevision} is approved, not revision ${revision}`;
  throw new ConflictError(
    `cluster "${clusterName}" is a production cluster: only a revision approved by someone other than its author may be deployed there, and ${why}; ask a reviewer to approve revision ${revision}`,
    { reason: "approval", approvedRevision, production: true },
  );
}
