// GET /api/designs (viewer): every design with owner, revisions and lint summary.
// POST /api/designs (editor): {name, template} | {name, design} → 201 {id, name, latestRevision: 1}.
import { json, route } from "@/server/http/route";
import { CreateDesignBody } from "@/server/designs/requests";
import { designService } from "@/server/designs/service";

export const GET = route({}, async () => ({ designs: await designService().list() }));

export const POST = route({ role: "editor", body: CreateDesignBody }, async ({ actor, body }) =>
  json(await designService().create(actor!.user, body), { status: 201 }),
);
