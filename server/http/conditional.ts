// Conditional GETs for bodies computed once and kept (a revision's share payload, manifests, lint, a
// status report): a strong ETag from the body's bytes, 304 when the browser already holds exactly those
// bytes, and a gzip copy made once per body instead of once per request.
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";

/** A response body kept with its validator; `bytes` is encoded once so each request only copies it. */
export interface CachedBody {
  bytes: Uint8Array<ArrayBuffer>;
  etag: string;
  /** The gzip representation, made on first use (its ETag is `etag` with a `-gzip` suffix). */
  gzip?: Uint8Array<ArrayBuffer>;
}

// Below this a gzip member costs more than it saves.
const GZIP_MIN_BYTES = 1024;

export function cachedBody(text: string): CachedBody {
  const bytes = new TextEncoder().encode(text);
  return { bytes, etag: `"${createHash("sha256").update(bytes).digest("base64url").slice(0, 32)}"` };
}

const gzipEtag = (etag: string) => `${etag.slice(0, -1)}-gzip"`;

/** True when If-None-Match names one of `etags` (or `*`); weak forms match too, as RFC 9110 §13.1.2 says for GET. */
export function matchesIfNoneMatch(req: Request, ...etags: string[]): boolean {
  const header = req.headers.get("if-none-match");
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((tag) => etags.includes(tag.trim().replace(/^W\//, "")));
}

function acceptsGzip(req: Request): boolean {
  return /\bgzip\b(?!;\s*q=0(\.0*)?\b)/i.test(req.headers.get("accept-encoding") ?? "");
}

/**
 * 200 with the kept bytes (gzip when the client accepts it), or 304 when the client has them.
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
  const gzip = body.bytes.byteLength >= GZIP_MIN_BYTES && acceptsGzip(req);
  const etag = gzip ? gzipEtag(body.etag) : body.etag;
  const headers: Record<string, string> = { etag, "cache-control": cacheControl, vary: "accept-encoding" };
  if (matchesIfNoneMatch(req, body.etag, gzipEtag(body.etag))) return new Response(null, { status: 304, headers });
  if (!gzip) return new Response(body.bytes, { headers: { ...headers, "content-type": contentType } });
  body.gzip ??= new Uint8Array(gzipSync(body.bytes));
  return new Response(body.gzip, {
    headers: { ...headers, "content-type": contentType, "content-encoding": "gzip" },
  });
}
