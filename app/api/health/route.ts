import { checkDatabaseCached } from "@/server/db/health";
import { json, route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Liveness + database reachability (checked at most once a second), for load balancers and probes. Public. */
export const GET = route({ role: "public" }, async () => {
  const dbState = await checkDatabaseCached();
  return dbState.ok ? json({ status: "ok", db: "ok" }) : json({ status: "error", db: dbState.error }, { status: 503 });
});
