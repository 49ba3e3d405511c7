// Revoke a share link: from now on its token answers 404 everywhere.
import { audit } from "@/server/audit/log";
import { clientAddress, route } from "@/server/http/route";
import { revokeShare } from "@/server/shares/service";

export const DELETE = route({ role: "editor" }, async ({ req, actor, params }) => {
  const share = await revokeShare(params.id, params.shareId);
  await audit({
    action: "share.revoked",
    actor: actor!.user,
    address: clientAddress(req),
    target: `design:${params.id}`,
    details: { shareId: params.shareId },
  });
  return { share };
});
