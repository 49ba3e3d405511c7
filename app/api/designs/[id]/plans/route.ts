// POST /api/designs/:id/plans {cluster, revision?} (deployer): render the revision for that cluster node,
// server-side dry-run every object on the bound registered cluster, diff against live, store the plan →
// the plan with its `id` (deploy it with POST /deployments {cluster, planId}). Changes nothing on the cluster.
// 409 {reason:"lint-errors", findings} when the revision has lint errors, unless {override:{reason}} says why.
import { audit } from "@/server/audit/log";
import { clientAddress, route } from "@/server/http/route";
import { PlanBody, planDeployment } from "@/server/deployments/service";

export const POST = route({ role: "deployer", body: PlanBody }, async ({ req, actor, params, body }) => {
  const plan = await planDeployment(actor!, params.id, body);
  await audit({
    action: "plan.created",
    actor: actor!.user,
    address: clientAddress(req),
    target: `design:${params.id}`,
    details: {
      planId: plan.id,
      cluster: body.cluster,
      revision: plan.revision,
      ...(plan.overrideReason ? { overrideReason: plan.overrideReason, lintErrors: plan.lintErrors?.length } : {}),
    },
  });
  return plan;
});
