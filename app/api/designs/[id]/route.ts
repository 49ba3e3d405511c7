// One design. GET (viewer): latest revision, secrets masked. PUT (editor): save a new revision on top of
// baseRevision (409 {currentRevision} when stale). PATCH (editor): rename. DELETE (editor).
import { route } from "@/server/http/route";
import { RenameDesignBody, SaveDesignBody } from "@/server/designs/requests";
import { designService } from "@/server/designs/service";

export const GET = route({}, async ({ params }) => designService().get(params.id));

export const PUT = route({ role: "editor", body: SaveDesignBody }, async ({ actor, body, params }) =>
  designService().save(actor!.user, params.id, body),
);

export const PATCH = route({ role: "editor", body: RenameDesignBody }, async ({ body, params }) =>
  designService().rename(params.id, body.name),
);

export const DELETE = route({ role: "editor" }, async ({ params }) => {
  await designService().remove(params.id);
});
