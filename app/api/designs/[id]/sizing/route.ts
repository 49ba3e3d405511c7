// GET /api/designs/:id/sizing?revision=N (viewer) → {revision, components, bucket}: the capacity plan, as `topo size --json`.
import { sizeDesign, sizingContract } from "@/lib/topology/sizing";
import { route } from "@/server/http/route";
import { RevisionQuery } from "@/server/designs/requests";
import { designService } from "@/server/designs/service";

export const GET = route({ query: RevisionQuery }, async ({ params, query }) => {
  const service = designService();
  const { revision, design } =
    query.revision === undefined ? await service.get(params.id) : await service.getRevision(params.id, query.revision);
  return { revision, ...sizingContract(sizeDesign(design)) };
});
