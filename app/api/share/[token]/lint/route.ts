// Public: lint findings of the shared revision.
import { route } from "@/server/http/route";
import { RevisionQuery } from "@/server/designs/requests";
import { shareLint } from "@/server/shares/view";

export const GET = route({ role: "public", query: RevisionQuery }, async ({ params, query }) =>
  shareLint(params.token, query.revision),
);
