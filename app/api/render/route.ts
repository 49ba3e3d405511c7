// POST /api/render {design, cluster?, designId?} (viewer) → {clusters:[{name, yaml, objectCount}], findings}.
// Renders the unsaved design in the editor (the canvas's Manifests tab); secrets are masked. Nothing is stored.
// With designId (a saved design the caller may read, else 404) objects carry the design id as owner label,
// the same identity as saved manifests, share, deploy and Git export: a download is what deploys.
import { route } from "@/server/http/route";
import { RenderBody } from "@/server/designs/requests";
import { previewIdentity, renderPreview } from "@/server/designs/service";

export const POST = route({ body: RenderBody }, async ({ body }) =>
  renderPreview(body.design, { cluster: body.cluster, designId: await previewIdentity(body.designId) }),
);
