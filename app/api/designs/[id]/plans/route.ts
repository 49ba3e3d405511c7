// POST /api/designs/:id/plans {cluster, revision?} (deployer): render the revision for that cluster node,
// server-side dry-run every object on the bound registered cluster, diff against live, store the plan →
// the plan with its `id` (deploy it with POST /deployments {cluster, planId}). Changes nothing on the cluster.
import { route } from "@/server/http/route";
import { PlanBody, planDeployment } from "@/server/deployments/service";

export const POST = route({ role: "deployer", body: PlanBody }, async ({ actor, params, body }) =>
  planDeployment(actor!, params.id, body),
);
