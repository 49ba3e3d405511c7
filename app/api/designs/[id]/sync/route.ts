// GET /api/designs/:id/sync (viewer) → per cluster node Synced / OutOfSync / Unknown with the differences
// between live objects and the deployed revision (server/sync), computed in the background.
// `?recheck=1` compares again now unless the last answer is a few seconds old (Argo CD's "Refresh").
import { z } from "zod";
import { route } from "@/server/http/route";
import { designSync } from "@/server/sync/service";

const Query = z.object({ recheck: z.enum(["1"]).optional() }).strict();

export const GET = route({ query: Query }, async ({ params, query }) =>
  designSync(params.id, { recheck: query.recheck === "1" }),
);
