// Authentication for server components (pages and layouts). proxy.ts puts the requested path in
// the x-studio-path header so a signed-out visitor comes back to the same page after signing in.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { actorFromCredentials, type Actor } from "@/server/auth/actor";
import { roleAtLeast, type Role } from "@/server/auth/roles";
import { SESSION_COOKIE } from "@/server/auth/sessions";

export const PATH_HEADER = "x-studio-path";

/** The signed-in actor of the current page request, or null. */
export async function currentPageActor(): Promise<Actor | null> {
  const jar = await cookies();
  return actorFromCredentials(jar.get(SESSION_COOKIE)?.value, null);
}

/** Returns the actor, or redirects: to /login?next=<this page> when signed out, to /denied when the role is too small. */
export async function requirePageActor(minRole: Role = "viewer"): Promise<Actor> {
  const actor = await currentPageActor();
  if (!actor) {
    const path = (await headers()).get(PATH_HEADER) || "/designs";
    redirect(`/login?next=${encodeURIComponent(path)}`);
  }
  if (!roleAtLeast(actor.user.role, minRole)) redirect(`/denied?need=${minRole}`);
  return actor;
}
