// Public: sync status of the shared design, only when the link was created with allowStatus; guests get
// objects and fields, never values or failure text (server/sync/share.ts).
import { ForbiddenError } from "@/server/errors";
import { route } from "@/server/http/route";
import { resolveShare } from "@/server/shares/service";
import { shareSync } from "@/server/sync/share";

export const GET = route({ role: "public" }, async ({ params }) => {
  const share = await resolveShare(params.token);
  if (!share.allowStatus) throw new ForbiddenError("this share link does not include live status");
  return shareSync(share);
});
