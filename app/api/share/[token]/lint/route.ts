// Public: lint findings of the shared revision, computed once per revision, with a strong ETag.
import { route } from "@/server/http/route";
import { conditionalResponse } from "@/server/http/conditional";
import { RevisionQuery } from "@/server/designs/requests";
import { shareLint } from "@/server/shares/view";

export const GET = route({ role: "public", query: RevisionQuery }, async ({ req, params, query }) =>
  conditionalResponse(req, await shareLint(params.token, query.revision), "application/json; charset=utf-8"),
);
