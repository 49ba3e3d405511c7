import { audit } from "@/server/audit/log";
import { createApiToken, listAllApiTokens, listApiTokens } from "@/server/auth/api-tokens";
import { CreateTokenBody } from "@/server/auth/schemas";
import { clientAddress, HttpError, json, route } from "@/server/http/route";
import { z } from "zod";

const ListQuery = z.object({ all: z.enum(["1", "true"]).optional() });

/** The caller's own API tokens (never the secret); `?all=1` (admin) lists every user's. */
export const GET = route({ query: ListQuery }, async ({ actor, query }) => {
  if (!query.all) return { tokens: await listApiTokens(actor!.user.id) };
  if (actor!.user.role !== "admin") throw new HttpError(403, "this needs the admin role");
  return { tokens: await listAllApiTokens() };
});

/** Creates a token; the secret is in this response only. A token cannot mint another: sign in to do it. */
export const POST = route({ body: CreateTokenBody }, async ({ req, actor, body }) => {
  if (actor!.via === "token") throw new HttpError(403, "API tokens cannot create tokens; sign in to create one");
  const expiresAt = body.expiresInDays ? new Date(Date.now() + body.expiresInDays * 86_400_000) : null;
  const { token, info } = await createApiToken(actor!.user.id, body.name, expiresAt);
  await audit({
    action: "token.created",
    actor: actor!.user,
    address: clientAddress(req),
    target: `token:${info.id}`,
    details: { tokenName: info.name, expiresAt: info.expiresAt?.toISOString() ?? null },
  });
  return json({ token, info }, { status: 201 });
});
