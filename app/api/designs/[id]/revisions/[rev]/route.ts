// GET /api/designs/:id/revisions/:rev (viewer): one immutable revision, secrets masked.
import { route } from "@/server/http/route";
import { RevisionParam } from "@/server/designs/requests";
import { designService } from "@/server/designs/service";

export const GET = route({}, async ({ params }) =>
  designService().getRevision(params.id, RevisionParam.parse(params.rev)),
);
