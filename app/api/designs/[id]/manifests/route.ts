// GET /api/designs/:id/manifests?cluster=NAME&revision=N (viewer) → text/yaml, secrets masked.
// Without cluster: every cluster, each part preceded by a `# cluster: NAME` line.
import { route } from "@/server/http/route";
import { ManifestsQuery } from "@/server/designs/requests";
import { designService } from "@/server/designs/service";

export const GET = route({ query: ManifestsQuery }, async ({ params, query }) => {
  const yaml = await designService().manifests(params.id, query);
  return new Response(yaml, { headers: { "content-type": "text/yaml; charset=utf-8", "cache-control": "no-store" } });
});
