// POST /api/render/zip { design, designId? } (viewer) → application/zip: the bundle layout of every cluster
// (server/render/bundle.ts), secrets masked. With designId (a saved design the caller may read, else 404)
// the objects carry that design's owner label, exactly as deploy and Git export write them.
import { route } from "@/server/http/route";
import { RenderBody } from "@/server/designs/requests";
import { manifestsZip } from "@/server/designs/manifests-zip";
import { previewIdentity } from "@/server/designs/service";

export const POST = route({ body: RenderBody }, async ({ body }) => {
  const { filename, bytes } = await manifestsZip(body.design, await previewIdentity(body.designId));
  return new Response(Buffer.from(bytes), {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
});
