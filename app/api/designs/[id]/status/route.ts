// GET /api/designs/:id/status (viewer) → live status of the design's deployed revision (server/status).
import { route } from "@/server/http/route";
import { designStatusBody } from "@/server/status/service";

const headers = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };

export const GET = route({}, async ({ params }) => new Response(await designStatusBody(params.id), { headers }));
