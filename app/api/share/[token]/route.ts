// Public: the design revision a share link shows (secrets masked). Unknown, expired or revoked → the same 404.
// The body is kept per revision and sent with a strong ETag; a browser revalidates each time (304).
import { route } from "@/server/http/route";
import { conditionalResponse } from "@/server/http/conditional";
import { RevisionQuery } from "@/server/designs/requests";
import { shareViewBody } from "@/server/shares/view";

export const GET = route({ role: "public", query: RevisionQuery }, async ({ req, params, query }) =>
  conditionalResponse(req, await shareViewBody(params.token, query.revision), "application/json; charset=utf-8"),
);
