// POST /api/clusters/:id/check (deployer): server version and, per verb and resource, whether the stored
// credentials may do what a deploy needs in the namespaces given (default: the cluster's default one).
import { route } from "@/server/http/route";
import { CheckClusterBody, checkCluster } from "@/server/clusters/service";

export const POST = route({ role: "deployer", body: CheckClusterBody }, async ({ params, body }) =>
  checkCluster(params.id, body?.namespaces),
);
