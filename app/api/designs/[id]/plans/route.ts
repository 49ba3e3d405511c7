// POST /api/designs/:id/plans {cluster, revision} (deployer): render the revision for that cluster node,
// server-side dry-run every object on the bound registered cluster, diff against live. Changes nothing.
import { audit } from "@/server/audit/log";
import { clientAddress, route } from "@/server/http/route";
import { DeployBody, planDeployment } from "@/server/deployments/service";

export const POST = route({ role: "deployer", body: DeployBody }, async ({ req, actor, params, body }) => {
  const plan = await planDeployment(params.id, body);
  await audit({
    action: "plan.created",
    actor: actor!.user,
    address: clientAddress(req),
    target: `design:${params.id}`,
    details: { cluster: body.cluster, revision: body.revision ?? null },
  });
  return plan;
});
