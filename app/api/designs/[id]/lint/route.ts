// GET /api/designs/:id/lint?revision=N (viewer) → {revision, findings}.
import { route } from "@/server/http/route";
import { RevisionQuery } from "@/server/designs/requests";
import { designService } from "@/server/designs/service";

export const GET = route({ query: RevisionQuery }, async ({ params, query }) =>
  designService().lint(params.id, query.revision),
);
