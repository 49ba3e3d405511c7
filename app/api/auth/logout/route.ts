import { clearedSessionCookie, destroySession, readCookie, SESSION_COOKIE } from "@/server/auth/sessions";
import { isHttps, json, route } from "@/server/http/route";

/** Ends the browser session (a signed-out caller gets 401 like every other API route). */
export const POST = route({}, async ({ req }) => {
  await destroySession(readCookie(req.headers.get("cookie"), SESSION_COOKIE));
  return json({ ok: true }, { headers: { "set-cookie": clearedSessionCookie(isHttps(req)) } });
});
