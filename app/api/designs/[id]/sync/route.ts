// GET /api/designs/:id/sync (viewer) → per cluster node Synced / OutOfSync / Unknown with the differences
// between live objects and the deployed revision (server/sync), computed in the background.
import { route } from "@/server/http/route";
import { designSync } from "@/server/sync/service";

export const GET = route({}, async ({ params }) => designSync(params.id));
