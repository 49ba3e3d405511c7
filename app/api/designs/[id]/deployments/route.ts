// GET (deployer): deployment history of the design. POST {cluster, planId} (deployer): apply exactly that
// stored plan in the background → 202 {id, planId}; without planId a plan is computed and deployed at once.
// 409 {error, reason} when the plan is stale (a newer save: "stale-revision"; live objects changed since:
// "drift"), found problems, policy requires an approved revision, or a deploy of this design to that cluster
// runs; 409 "lint-errors" (with findings) unless {override:{reason}} is given or the plan was made with one;
// 409 "approval" for a production cluster without an approval by someone other than the author; 403 when
// the cluster's credentials lack what a deploy needs.
import { audit } from "@/server/audit/log";
import { clientAddress, json, route } from "@/server/http/route";
import { DeployBody, listDeployments, startDeployment } from "@/server/deployments/service";

export const GET = route({ role: "deployer" }, async ({ params }) => ({
  deployments: await listDeployments(params.id),
}));

export const POST = route({ role: "deployer", body: DeployBody }, async ({ req, actor, params, body }) => {
  const started = await startDeployment(actor!, params.id, body);
  await audit({
    action: "deploy.started",
    actor: actor!.user,
    address: clientAddress(req),
    target: `design:${params.id}`,
    details: {
      deploymentId: started.id,
      cluster: body.cluster,
      planId: started.planId ?? null,
      ...(started.overrideReason ? { overrideReason: started.overrideReason } : {}),
    },
  });
  return json(started, { status: 202 });
});
