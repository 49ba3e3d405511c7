// Facts about an incoming request that need care: where it came from and over what.

/** Client address: the first X-Forwarded-For entry (`next start` fills it from the socket when absent).
 *  When the app is exposed directly, clients can set this header themselves, so put a proxy that
 *  overwrites X-Forwarded-For in front of it if per-address limits matter. */
export function clientAddress(req: Request): string {
  const xff = req.headers.get("x-forwarded-for");
  const first = xff?.split(",")[0]?.trim();
  return first || req.headers.get("x-real-ip") || "unknown";
}

export function isHttps(req: Request): boolean {
  const proto = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  if (proto) return proto === "https";
  try {
    return new URL(req.url).protocol === "https:";
  } catch {
    return false;
  }
}

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** CSRF guard: a state-changing request whose Origin names another host is refused.
 *  Requests without Origin (curl, scripts with API tokens) are allowed; browsers always send it on POST. */
export function isCrossSiteWrite(req: Request): boolean {
  if (!STATE_CHANGING.has(req.method.toUpperCase())) return false;
  const origin = req.headers.get("origin");
  if (origin === null) return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    return true; // "null" or garbage: sandboxed or privacy-stripped, never our own page
  }
  // X-Forwarded-Host is accepted too (reverse proxies); a cross-site page cannot set it without a CORS preflight.
  const hosts = [req.headers.get("host"), req.headers.get("x-forwarded-host")]
    .filter((h): h is string => !!h)
    .map((h) => h.split(",")[0].trim().toLowerCase());
  return !hosts.includes(originHost);
}

/** A `next` redirect target that stays on this site (no open redirects). */
export function safeNextPath(next: string | null | undefined, fallback = "/designs"): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return fallback;
  return next;
}
