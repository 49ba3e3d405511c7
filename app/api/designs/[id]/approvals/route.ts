// Approvals: anyone signed in sees which revision is approved; deployers approve or withdraw.
import { route } from "@/server/http/route";
import { ApproveBody, approveRevision, listApprovals, withdrawApproval } from "@/server/approvals/service";

export const GET = route({}, async ({ params }) => listApprovals(params.id));

export const POST = route({ role: "deployer", body: ApproveBody }, async ({ actor, body, params }) =>
  approveRevision(actor!, params.id, body.revision),
);

export const DELETE = route({ role: "deployer" }, async ({ params }) => withdrawApproval(params.id));
