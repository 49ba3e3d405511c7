// Conditional GETs for bodies computed once and kept (a revision's share payload, manifests, lint, a
// status report): a strong ETag from the body's bytes, and 304 when the browser already holds exactly
// those bytes. (No gzip copy is kept: Next drops a route handler's Content-Encoding and compresses itself.)
import { createHash } from "node:crypto";

/** A response body kept with its validator; `bytes` is encoded once so each request only copies it. */
export interface CachedBody {
  bytes: Uint8Array<ArrayBuffer>;
  etag: string;
}

export function cachedBody(text: string): CachedBody {
  const bytes = new TextEncoder().encode(text);
  return { bytes, etag: `"${createHash("sha256").update(bytes).digest("base64url").slice(0, 32)}"` };
}

/** True when an If-None-Match header value names `etag` (or `*`); weak forms match too, as RFC 9110 §13.1.2 says for GET. */
export function ifNoneMatchNames(header: string | null | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  const wanted = etag.replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === wanted);
}

/** True when the request's If-None-Match names `etag`. */
export function matchesIfNoneMatch(req: Request, etag: string): boolean {
  return ifNoneMatchNames(req.headers.get("if-none-match"), etag);
}

/**
 * 200 with the kept bytes, or 304 when the client has them.
 * `cacheControl` defaults to `private, no-cache`: a browser may keep the body but must ask again each time
 * (so a revoked share link stops working at once), and no shared cache (proxy, CDN) may store a secret
 * URL's answer.
 */
export function conditionalResponse(
  req: Request,
  body: CachedBody,
  contentType: string,
  cacheControl = "private, no-cache",
): Response {
  const headers = { etag: body.etag, "cache-control": cacheControl };
  if (matchesIfNoneMatch(req, body.etag)) return new Response(null, { status: 304, headers });
  return new Response(body.bytes, { headers: { ...headers, "content-type": contentType } });
}
