// POST /api/render {design, cluster?, designId?} (viewer) → {clusters:[{name, yaml, objectCount}], findings}.
// Renders the unsaved design in the editor (the canvas's Manifests tab); secrets are masked. Nothing is stored.
import { route } from "@/server/http/route";
import { RenderBody } from "@/server/designs/requests";
import { renderPreview } from "@/server/designs/service";

export const POST = route({ body: RenderBody }, async ({ body }) =>
  renderPreview(body.design, { cluster: body.cluster, designId: body.designId }),
);
