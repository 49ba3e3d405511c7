// Revoke a share link: from now on its token answers 404 everywhere.
import { route } from "@/server/http/route";
import { revokeShare } from "@/server/shares/service";

export const DELETE = route({ role: "editor" }, async ({ params }) => ({
  share: await revokeShare(params.id, params.shareId),
}));
