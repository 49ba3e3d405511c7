// Who is calling: a browser session (cookie) or an API token (Authorization: Bearer tsk_...).
import { bearerToken, userFromApiToken } from "./api-tokens";
import type { Role } from "./roles";
import { readCookie, SESSION_COOKIE, userFromSessionToken } from "./sessions";

export type { Role } from "./roles";

export interface Actor {
  user: { id: string; email: string; name: string; role: Role };
  via: "session" | "token";
}

export async function actorFromCredentials(
  sessionToken: string | undefined,
  authorization: string | null | undefined,
): Promise<Actor | null> {
  const bearer = bearerToken(authorization);
  if (bearer) {
    // An explicit token that does not work is a failure, not a fallback to the cookie.
    const user = await userFromApiToken(bearer);
    return user ? { user, via: "token" } : null;
  }
  const user = await userFromSessionToken(sessionToken);
  return user ? { user, via: "session" } : null;
}

export function actorFromRequest(req: Request): Promise<Actor | null> {
  return actorFromCredentials(readCookie(req.headers.get("cookie"), SESSION_COOKIE), req.headers.get("authorization"));
}
