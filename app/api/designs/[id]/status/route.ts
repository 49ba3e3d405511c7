// GET /api/designs/:id/status (viewer) → live status of the design's deployed revision (server/status).
// The last background refresh's report, with an ETag: a poll that already has it gets 304.
import { route } from "@/server/http/route";
import { conditionalResponse } from "@/server/http/conditional";
import { designStatusBody } from "@/server/status/service";

export const GET = route({}, async ({ req, params }) =>
  conditionalResponse(req, await designStatusBody(params.id), "application/json; charset=utf-8"),
);
