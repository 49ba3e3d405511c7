import { createApiToken, listApiTokens } from "@/server/auth/api-tokens";
import { CreateTokenBody } from "@/server/auth/schemas";
import { json, route } from "@/server/http/route";

/** The caller's own API tokens (never the secret). */
export const GET = route({}, async ({ actor }) => ({ tokens: await listApiTokens(actor!.user.id) }));

/** Creates a token; the secret is in this response only. */
export const POST = route({ body: CreateTokenBody }, async ({ actor, body }) => {
  const { token, info } = await createApiToken(actor!.user.id, body.name);
  return json({ token, info }, { status: 201 });
});
