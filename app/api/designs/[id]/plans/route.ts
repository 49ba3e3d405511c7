// POST /api/designs/:id/plans {cluster, revision} (deployer): render the revision for that cluster node,
// server-side dry-run every object on the bound registered cluster, diff against live. Changes nothing.
import { route } from "@/server/http/route";
import { DeployBody, planDeployment } from "@/server/deployments/service";

export const POST = route({ role: "deployer", body: DeployBody }, async ({ params, body }) =>
  planDeployment(params.id, body),
);
