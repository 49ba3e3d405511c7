// Public: live status of the shared design, only when the link was created with allowStatus; a pinned
// link sees its revision's components only, and no guest sees internal error text (server/shares/guest-status).
import { route } from "@/server/http/route";
import { conditionalResponse } from "@/server/http/conditional";
import { ForbiddenError } from "@/server/errors";
import { resolveShare } from "@/server/shares/service";
import { shareStatusBody } from "@/server/shares/status";

export const GET = route({ role: "public" }, async ({ req, params }) => {
  const share = await resolveShare(params.token);
  if (!share.allowStatus) throw new ForbiddenError("this share link does not include live status");
  return conditionalResponse(req, await shareStatusBody(share), "application/json; charset=utf-8");
});
