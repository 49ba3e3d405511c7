import { clearedSessionCookie, destroySession, readCookie, SESSION_COOKIE } from "@/server/auth/sessions";
import { audit } from "@/server/audit/log";
import { clientAddress, isHttps, json, route } from "@/server/http/route";

/** Ends the browser session (a signed-out caller gets 401 like every other API route). */
export const POST = route({}, async ({ req, actor }) => {
  await destroySession(readCookie(req.headers.get("cookie"), SESSION_COOKIE));
  await audit({ action: "auth.logout", actor: actor!.user, address: clientAddress(req) });
  return json({ ok: true }, { headers: { "set-cookie": clearedSessionCookie(isHttps(req)) } });
});
