import { audit } from "@/server/audit/log";
import { NotFoundError } from "@/server/errors";
import { revokeAnyApiToken, revokeApiToken } from "@/server/auth/api-tokens";
import { clientAddress, route } from "@/server/http/route";

/** Revokes one of the caller's own tokens; admins may revoke anyone's. */
export const DELETE = route({}, async ({ req, actor, params }) => {
  const own = await revokeApiToken(actor!.user.id, params.id);
  const owner = own ? actor!.user.id : actor!.user.role === "admin" ? await revokeAnyApiToken(params.id) : null;
  if (!owner) throw new NotFoundError("token not found");
  await audit({
    action: "token.revoked",
    actor: actor!.user,
    address: clientAddress(req),
    target: `token:${params.id}`,
    details: { ownerId: owner },
  });
  return { ok: true };
});
