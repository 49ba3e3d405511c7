// GET (deployer): deployment history of the design. POST {cluster, revision} (deployer): start a deploy in
// the background → 202 {id}; 409 while one of this design to that cluster runs, or when policy requires
// an approved revision; 403 when the cluster's credentials lack what a deploy needs.
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
    details: { deploymentId: started.id, cluster: body.cluster, revision: body.revision ?? null },
  });
  return json(started, { status: 202 });
});
