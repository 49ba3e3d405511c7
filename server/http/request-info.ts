// Facts about an incoming request that need care: where it came from and over what.
import { addressSet, parseAddressList, unmapped, type AddressSet } from "@/server/net/address-set";
import { PEER_HEADER } from "./peer-address";

/**
 * Client address: the socket peer (stamped by peer-address.ts); when that peer is a proxy listed in
 * TRUSTED_PROXIES, X-Forwarded-For is walked from the right past trusted proxies to the first address
 * that is not one. A client-sent X-Forwarded-For is never believed otherwise.
 */
export function clientAddress(req: Request, trusted: AddressSet = trustedProxies()): string {
  const peer = req.headers.get(PEER_HEADER)?.trim();
  if (!peer) return "unknown";
  if (!trusted.has(peer)) return unmapped(peer);
  const hops = parseAddressList(req.headers.get("x-forwarded-for") ?? "").reverse();
  for (const hop of hops) if (!trusted.has(hop)) return unmapped(hop);
  return unmapped(hops.at(-1) ?? peer);
}

let cachedProxies: { text: string; set: AddressSet } | undefined;

/** TRUSTED_PROXIES: addresses or CIDRs of the reverse proxies in front of the app (none by default). */
export function trustedProxies(): AddressSet {
  const text = process.env.TRUSTED_PROXIES ?? "";
  if (cachedProxies?.text !== text) cachedProxies = { text, set: addressSet(parseAddressList(text)) };
  return cachedProxies.set;
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

/**
 * A `next` redirect target that stays on this site (no open redirects): a path that, parsed by URL
 * against a placeholder origin, keeps that origin. Control characters (`/%09/host` decodes to a tab that
 * browsers strip), `//`, and backslashes (browsers read `\\` as `/`) are refused before parsing.
 */
export function safeNextPath(next: string | null | undefined, fallback = "/designs"): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.includes("\\")) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return fallback;
  }
  // eslint-disable-next-line no-control-regex
  const unsafe = (s: string) => /[\u0000-\u001f\u007f]/.test(s) || s.includes("\\") || /^\/\s*\//.test(s);
  if (unsafe(next) || unsafe(decoded)) return fallback;
  const base = "http://next.invalid";
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  return url.pathname + url.search + url.hash;
}
