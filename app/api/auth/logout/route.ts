import { clearedSessionCookie, destroySession, readCookie, SESSION_COOKIE } from "@/server/auth/sessions";
import { isHttps, json, route } from "@/server/http/route";

/** Ends the browser session. Public so a stale cookie can always be cleared. */
export const POST = route({ role: "public" }, async ({ req }) => {
  await destroySession(readCookie(req.headers.get("cookie"), SESSION_COOKIE));
  return json({ ok: true }, { headers: { "set-cookie": clearedSessionCookie(isHttps(req)) } });
});
