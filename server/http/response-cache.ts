// The studio's own response cache, in front of Next.js inside the same process: the few public answers
// read far more often than they change (the health probe, a share link's page and payload) are kept as
// bytes and sent again without entering Next's router or React. Profiling showed the router, response
// pipeline and compression cost about 1 ms of CPU per request and a share page's render 7 ms, so these
// answers could never reach hundreds of requests a second on two cores by making the handlers faster.
//
// It hooks the HTTP server's "request" event (like peer-address.ts) and is opt-in per route: a rule names
// a path pattern, how long an answer stays usable, and optionally a `stamp` — a value the answer is tied
// to (for a share link: the verified share row kept in memory). An answer is sent again only while the
// stamp is unchanged, so it is never staler than what the route itself would have computed, and revoking
// a share (which drops its row) stops it at once. Concurrent misses for one key wait for the first one
// (as nginx's proxy_cache_lock does), so an expiry never sends fifty renders into Next at once.
//
// Never stored: anything but GET 200, responses that set cookies or vary on anything but the encoding and
// Next's router headers, requests for React Server Component payloads, bodies over MAX_ENTRY_BYTES.
import http from "node:http";
import { responseCacheRequests } from "@/server/metrics/studio";
import { ifNoneMatchNames } from "./conditional";

export interface CacheRule {
  /** Names the rule in metrics (`studio_response_cache_requests_total{rule}`). */
  name: string;
  /** Matched against the request path without its query. */
  path: RegExp;
  /** How long a stored answer may be sent again. */
  ttlMs: number;
  /**
   * What a stored answer depends on, read when the request arrives. `undefined` means "cannot tell":
   * nothing is served from or stored into the cache. A stored answer is sent only while this returns
   * the same value (compared with ===) as when it was stored.
   */
  stamp?: (match: RegExpExecArray, now: number) => unknown;
}

interface Entry {
  at: number;
  stamp: unknown;
  headers: http.OutgoingHttpHeaders;
  etag?: string;
  body: Buffer;
}

interface State {
  rules: CacheRule[];
  entries: Map<string, Entry>;
  bytes: number;
  inflight: Map<string, Promise<Entry | undefined>>;
  installed: boolean;
}

export const MAX_ENTRY_BYTES = 4 * 1024 * 1024;
export const MAX_TOTAL_BYTES = 64 * 1024 * 1024;
export const MAX_ENTRIES = 2000;

// Route bundles and instrumentation are separate module instances under Turbopack: one state per process.
const KEY = Symbol.for("topology-studio.response-cache");
const g = globalThis as unknown as { [KEY]?: State };
const state: State = (g[KEY] ??= { rules: [], entries: new Map(), bytes: 0, inflight: new Map(), installed: false });

/** Adds (or replaces, by name) a rule. */
export function cacheResponses(rule: CacheRule): void {
  state.rules = [...state.rules.filter((r) => r.name !== rule.name), rule];
}

/** Drops stored answers whose request path (with query) matches; every answer when called without one. */
export function purgeResponses(match?: (url: string) => boolean): void {
  for (const [key, entry] of state.entries) {
    if (!match || match(key.slice(key.indexOf(" ", key.indexOf(" ") + 1) + 1))) drop(key, entry);
  }
}

/** Forgets every rule and answer (tests). */
export function resetResponseCache(): void {
  state.rules = [];
  purgeResponses();
  state.inflight.clear();
}

function drop(key: string, entry: Entry): void {
  state.entries.delete(key);
  state.bytes -= entry.body.length;
}

function keep(key: string, entry: Entry): void {
  const old = state.entries.get(key);
  if (old) drop(key, old);
  state.entries.set(key, entry);
  state.bytes += entry.body.length;
  // Map order is insertion order: the oldest stored answers go first.
  for (const [k, e] of state.entries) {
    if (state.bytes <= MAX_TOTAL_BYTES && state.entries.size <= MAX_ENTRIES) break;
    drop(k, e);
  }
}

// Next answers requests carrying these with a React Server Component payload or a server action.
const ROUTER_HEADERS = [
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-action",
];
// A stored answer may vary only on what the key already holds (the encoding) or on headers whose
// requests are never served from here.
const HARMLESS_VARY = new Set(["accept-encoding", "next-url", ...ROUTER_HEADERS]);

function bypassed(req: http.IncomingMessage, url: string): boolean {
  if (url.includes("_rsc=")) return true;
  for (const name of ROUTER_HEADERS) if (req.headers[name] !== undefined) return true;
  return false;
}

function cacheKey(req: http.IncomingMessage, url: string): string {
  // The encoding Next's compression picks depends on Accept-Encoding; the host on absolute URLs it writes.
  const encoding = String(req.headers["accept-encoding"] ?? "")
    .toLowerCase()
    .replace(/\s+/g, "");
  return `${encoding} ${String(req.headers.host ?? "").toLowerCase()} ${url}`;
}

function fresh(entry: Entry, rule: CacheRule, stamp: unknown, now: number): boolean {
  return now - entry.at < rule.ttlMs && stamp !== undefined && stamp === entry.stamp;
}

function serve(entry: Entry, req: http.IncomingMessage, res: http.ServerResponse, now: number): void {
  const age = String(Math.floor((now - entry.at) / 1000));
  if (entry.etag && ifNoneMatchNames(req.headers["if-none-match"], entry.etag)) {
    const { etag, "cache-control": cacheControl, vary } = entry.headers;
    res.writeHead(304, {
      etag,
      age,
      ...(cacheControl ? { "cache-control": cacheControl } : {}),
      ...(vary ? { vary } : {}),
    });
    res.end();
    return;
  }
  res.writeHead(200, { ...entry.headers, age, "content-length": entry.body.length });
  res.end(entry.body);
}

const HOP_BY_HOP = ["connection", "keep-alive", "transfer-encoding", "content-length"];

/**
 * Copies what Next writes to `res` (after its compression, which wraps these methods later) and resolves
 * to a storable entry, or undefined when the answer must not be kept.
 */
function capture(res: http.ServerResponse, stampAtStart: () => unknown): Promise<Entry | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let storable = true;
    let headers: http.OutgoingHttpHeaders = {};
    const writeHead = res.writeHead;
    const write = res.write;
    const end = res.end;
    const collect = (chunk: unknown, encoding: unknown) => {
      if (!storable || chunk === undefined || chunk === null || typeof chunk === "function") return;
      const buf = Buffer.isBuffer(chunk)
        ? chunk
        : typeof chunk === "string"
          ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
          : Buffer.from(chunk as Uint8Array);
      size += buf.length;
      if (size > MAX_ENTRY_BYTES) storable = false;
      else chunks.push(Buffer.from(buf));
    };
    res.writeHead = function (this: http.ServerResponse, ...args: unknown[]) {
      const extra = args.find((a) => a && typeof a === "object") as http.OutgoingHttpHeaders | unknown[] | undefined;
      headers = { ...res.getHeaders() };
      if (Array.isArray(extra))
        storable = false; // raw header pairs: not worth parsing, Next never sends them
      else if (extra)
        for (const [name, value] of Object.entries(extra))
          headers[name.toLowerCase()] = value as http.OutgoingHttpHeader;
      return (writeHead as (...a: unknown[]) => http.ServerResponse).apply(this, args);
    } as typeof res.writeHead;
    res.write = function (this: http.ServerResponse, chunk: unknown, ...rest: unknown[]) {
      collect(chunk, rest[0]);
      return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof res.write;
    res.end = function (this: http.ServerResponse, chunk?: unknown, ...rest: unknown[]) {
      collect(chunk, rest[0]);
      return (end as (...a: unknown[]) => http.ServerResponse).call(this, chunk, ...rest);
    } as typeof res.end;
    res.on("close", () => {
      if (!res.writableFinished || !storable || res.statusCode !== 200) return resolve(undefined);
      if (headers["set-cookie"] !== undefined) return resolve(undefined);
      const vary = String(headers.vary ?? "")
        .split(",")
        .map((v) => v.trim().toLowerCase())
        .filter(Boolean);
      if (vary.some((v) => !HARMLESS_VARY.has(v))) return resolve(undefined);
      const stamp = stampAtStart();
      if (stamp === undefined) return resolve(undefined);
      const kept: http.OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(headers))
        if (value !== undefined && !HOP_BY_HOP.includes(name)) kept[name] = value;
      const etag = typeof headers.etag === "string" ? headers.etag : undefined;
      resolve({ at: Date.now(), stamp, headers: kept, etag, body: Buffer.concat(chunks) });
    });
  });
}

/**
 * Answers a request from the cache, or lets it through (`pass`) and keeps the answer when its rule
 * allows. Returns true when the request was taken (answered, or queued behind a miss in flight).
 */
function handle(req: http.IncomingMessage, res: http.ServerResponse, pass: () => void): boolean {
  if (req.method !== "GET" || state.rules.length === 0) return false;
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const pathname = q < 0 ? url : url.slice(0, q);
  let rule: CacheRule | undefined;
  let match: RegExpExecArray | null = null;
  for (const r of state.rules)
    if ((match = r.path.exec(pathname))) {
      rule = r;
      break;
    }
  if (!rule || !match || bypassed(req, url)) return false;
  const now = Date.now();
  const stampOf = () => (rule.stamp ? rule.stamp(match, Date.now()) : true);
  const stamp = stampOf();
  const key = cacheKey(req, url);
  const entry = state.entries.get(key);
  if (entry && fresh(entry, rule, stamp, now)) {
    responseCacheRequests.inc({ rule: rule.name, result: "hit" });
    serve(entry, req, res, now);
    return true;
  }
  const inflight = state.inflight.get(key);
  if (inflight) {
    void inflight.then((got) => {
      const at = Date.now();
      if (got && fresh(got, rule, stampOf(), at)) {
        responseCacheRequests.inc({ rule: rule.name, result: "hit" });
        serve(got, req, res, at);
      } else {
        responseCacheRequests.inc({ rule: rule.name, result: "miss" });
        pass();
      }
    });
    return true;
  }
  responseCacheRequests.inc({ rule: rule.name, result: "miss" });
  // A stamp that changed while Next computed the answer means the answer may predate it: not kept.
  const stored = capture(res, () => {
    const after = stampOf();
    return stamp === undefined || after === stamp ? after : undefined;
  }).then((got) => {
    state.inflight.delete(key);
    if (got) keep(key, got);
    return got;
  });
  state.inflight.set(key, stored);
  pass();
  return true;
}

/** Puts the cache in front of every HTTP server's request handler in this process (once). */
export function installResponseCache(): void {
  if (state.installed) return;
  state.installed = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      const pass = () => void (emit as (e: string | symbol, ...a: unknown[]) => boolean).call(this, event, ...args);
      if (handle(req, res, pass)) return true;
    }
    return (emit as (this: http.Server, e: string | symbol, ...a: unknown[]) => boolean).call(this, event, ...args);
  } as typeof emit;
}

/** The number of answers and bytes kept (tests, metrics). */
export function responseCacheSize(): { entries: number; bytes: number } {
  return { entries: state.entries.size, bytes: state.bytes };
}
