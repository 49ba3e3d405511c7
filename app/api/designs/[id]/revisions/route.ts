// GET /api/designs/:id/revisions (viewer): newest first, with author, message and lint summary.
import { route } from "@/server/http/route";
import { designService } from "@/server/designs/service";

export const GET = route({}, async ({ params }) => ({ revisions: await designService().listRevisions(params.id) }));
