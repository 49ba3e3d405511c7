// One design. GET (viewer): latest revision, secrets masked. PUT (editor): save a new revision on top of
// baseRevision (409 {currentRevision} when stale). PATCH (editor): rename. DELETE (editor): 409
// {reason:"deployed", clusters} while it was deployed somewhere; ?undeploy=true (deployer) prunes what it
// owns on each cluster first, then deletes → {undeployed:[{cluster, pruned, failed, errors}]}.
import { z } from "zod";
import { roleAtLeast } from "@/server/auth/roles";
import { deleteDesign } from "@/server/deployments/undeploy";
import { ForbiddenError } from "@/server/errors";
import { clientAddress, route } from "@/server/http/route";
import { RenameDesignBody, SaveDesignBody } from "@/server/designs/requests";
import { designService } from "@/server/designs/service";

export const GET = route({}, async ({ params }) => designService().get(params.id));

export const PUT = route({ role: "editor", body: SaveDesignBody }, async ({ actor, body, params }) =>
  designService().save(actor!.user, params.id, body),
);

export const PATCH = route({ role: "editor", body: RenameDesignBody }, async ({ body, params }) =>
  designService().rename(params.id, body.name),
);

const DeleteQuery = z.object({ undeploy: z.enum(["true", "false"]).optional() }).strict();

export const DELETE = route({ role: "editor", query: DeleteQuery }, async ({ req, actor, params, query }) => {
  const undeploy = query.undeploy === "true";
  if (undeploy && !roleAtLeast(actor!.user.role, "deployer"))
    throw new ForbiddenError("undeploying needs the deployer role: ask a deployer to undeploy and delete this design");
  const undeployed = await deleteDesign(params.id, {
    undeploy,
    by: { actor: actor!.user, address: clientAddress(req) },
  });
  return undeployed.length === 0 ? undefined : { undeployed };
});
