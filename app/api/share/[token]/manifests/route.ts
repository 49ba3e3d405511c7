// Public: rendered manifests of the shared revision as YAML (secrets masked); ?cluster=NAME for one cluster.
import { route } from "@/server/http/route";
import { ManifestsQuery } from "@/server/designs/requests";
import { shareManifests } from "@/server/shares/view";

export const GET = route({ role: "public", query: ManifestsQuery }, async ({ params, query }) => {
  const yaml = await shareManifests(params.token, query);
  return new Response(yaml, { headers: { "content-type": "text/yaml; charset=utf-8", "cache-control": "no-store" } });
});
