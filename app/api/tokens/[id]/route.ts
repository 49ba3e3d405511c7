import { revokeApiToken } from "@/server/auth/api-tokens";
import { HttpError, route } from "@/server/http/route";

/** Revokes one of the caller's own tokens. */
export const DELETE = route({}, async ({ actor, params }) => {
  if (!(await revokeApiToken(actor!.user.id, params.id))) throw new HttpError(404, "token not found");
  return { ok: true };
});
