import { revokeApiToken } from "@/server/auth/api-tokens";
import { NotFoundError } from "@/server/errors";
import { route } from "@/server/http/route";

/** Revokes one of the caller's own tokens. */
export const DELETE = route({}, async ({ actor, params }) => {
  if (!(await revokeApiToken(actor!.user.id, params.id))) throw new NotFoundError("token not found");
  return { ok: true };
});
