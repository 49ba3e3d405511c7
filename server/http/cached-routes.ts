// Which answers the response cache (response-cache.ts) keeps, and what each one is tied to. Every rule
// here is a public route whose answer is the same for every visitor; nothing that reads a session does.
import { HEALTH_CHECK_KEEP_MS } from "@/server/db/health";
import { verifiedShareStamp } from "@/server/shares/service";
import { cacheResponses, installResponseCache } from "./response-cache";

// The same shape share tokens are checked against before any database access.
const TOKEN = "([A-Za-z0-9_-]{20,100})";

export function installCachedRoutes(): void {
  // The database is checked at most once a second anyway (server/db/health.ts): so is this answer.
  cacheResponses({ name: "health", path: /^\/api\/health$/, ttlMs: HEALTH_CHECK_KEEP_MS });
  // A share page and its payload: sent again only while the verified share row they were computed from
  // is the one kept in memory (verified at most SHARE_RECHECK_MS ago, dropped when the share is revoked,
  // checked for expiry on every request), so a stored answer is exactly what the route would answer. The
  // row keeps its identity while the database says it is unchanged, hence the long time: a minute bounds
  // only what the row does not hold (the revision picker's author names, kept 30 s by the view itself).
  const shareStamp = (m: RegExpExecArray, now: number) => verifiedShareStamp(m[1], new Date(now));
  const forShares = { ttlMs: 60_000, stamp: shareStamp }; // SHARE_RECHECK_MS=0 keeps no row: no stamp, nothing kept
  cacheResponses({ name: "share-page", path: new RegExp(`^/share/${TOKEN}$`), ...forShares });
  cacheResponses({ name: "share-api", path: new RegExp(`^/api/share/${TOKEN}$`), ...forShares });
  installResponseCache();
}
