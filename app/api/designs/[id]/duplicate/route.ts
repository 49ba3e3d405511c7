// POST /api/designs/:id/duplicate {name?} (editor) → 201 {id, name}: the latest revision becomes revision 1 of a copy.
import { json, route } from "@/server/http/route";
import { DuplicateDesignBody } from "@/server/designs/requests";
import { designService } from "@/server/designs/service";

export const POST = route({ role: "editor", body: DuplicateDesignBody }, async ({ actor, body, params }) =>
  json(await designService().duplicate(actor!.user, params.id, body.name), { status: 201 }),
);
