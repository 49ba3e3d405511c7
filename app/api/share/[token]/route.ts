// Public: the design revision a share link shows (secrets masked). Unknown, expired or revoked → the same 404.
import { route } from "@/server/http/route";
import { RevisionQuery } from "@/server/designs/requests";
import { shareView } from "@/server/shares/view";

export const GET = route({ role: "public", query: RevisionQuery }, async ({ params, query }) =>
  shareView(params.token, query.revision),
);
