// GET /api/designs/:id/status (viewer) → live status of the design's deployed revision (server/status).
import { route } from "@/server/http/route";
import { designStatus } from "@/server/status/service";

export const GET = route({}, async ({ params }) => designStatus(params.id));
