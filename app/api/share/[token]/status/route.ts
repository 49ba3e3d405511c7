// Public: live status of the shared design, only when the link was created with allowStatus.
import { route } from "@/server/http/route";
import { HttpError } from "@/server/http/errors";
import { resolveShare } from "@/server/shares/service";
import { designStatus } from "@/server/status/service";

export const GET = route({ role: "public" }, async ({ params }) => {
  const share = await resolveShare(params.token);
  if (!share.allowStatus) throw new HttpError(403, "this share link does not include live status");
  return designStatus(share.designId);
});
