// Public: rendered manifests of the shared revision as YAML (secrets masked); ?cluster=NAME for one cluster.
// Rendered once per (revision, cluster) and sent with a strong ETag.
import { route } from "@/server/http/route";
import { conditionalResponse } from "@/server/http/conditional";
import { ManifestsQuery } from "@/server/designs/requests";
import { shareManifests } from "@/server/shares/view";

export const GET = route({ role: "public", query: ManifestsQuery }, async ({ req, params, query }) =>
  conditionalResponse(req, await shareManifests(params.token, query), "text/yaml; charset=utf-8"),
);
