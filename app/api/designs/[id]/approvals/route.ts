// Approvals: anyone signed in sees which revision is approved; deployers approve or withdraw.
import { audit } from "@/server/audit/log";
import { clientAddress, route } from "@/server/http/route";
import { ApproveBody, approveRevision, listApprovals, withdrawApproval } from "@/server/approvals/service";

export const GET = route({}, async ({ params }) => listApprovals(params.id));

export const POST = route({ role: "deployer", body: ApproveBody }, async ({ req, actor, body, params }) => {
  const view = await approveRevision(actor!, params.id, body.revision);
  await audit({
    action: "approval.granted",
    actor: actor!.user,
    address: clientAddress(req),
    target: `design:${params.id}`,
    details: { revision: body.revision },
  });
  return view;
});

export const DELETE = route({ role: "deployer" }, async ({ req, actor, params }) => {
  const view = await withdrawApproval(params.id);
  await audit({
    action: "approval.revoked",
    actor: actor!.user,
    address: clientAddress(req),
    target: `design:${params.id}`,
  });
  return view;
});
