/**
 * Status readers: each asks one component, through the Kubernetes API server's service proxy,
 * for one thing (stores, probes, upload metrics). They never throw for a bad endpoint: a timeout,
 * an HTTP error, a refused connection or an unparseable body comes back as `{ok: false, error}`
 * with a precise reason, so a fan-out over many endpoints can show each failure where it belongs.
 */
import { parseStoresResponse, type StoresSnapshot } from "./thanos-types";
import { parseUploadMetrics, type UploadMetrics } from "./upload-metrics";
import { quote, type Parsed } from "./parse-result";

/**
 * GET `/api/v1/namespaces/{namespace}/services/{service}:{port}/proxy{path}` on a cluster's API server.
 * Wired to @kubernetes/client-node by the caller; implementations should honour `init.signal`, but the
 * readers enforce their timeout even when one does not.
 */
export type FetchThroughProxy = (
  namespace: string,
  service: string,
  port: string | number,
  path: string,
  init?: { signal?: AbortSignal },
) => Promise<Response>;

export interface ServiceRef {
  namespace: string;
  service: string;
  /** Port number or name, as the service proxy accepts it. */
  port: string | number;
}

export interface ReadOptions {
  /** Per-call budget covering the request and the whole body; default 5000 ms. */
  timeoutMs?: number;
  /** Cancels the call from outside (e.g. the whole refresh was abandoned). */
  signal?: AbortSignal;
}

export type ReadFailureKind = "timeout" | "aborted" | "network" | "http" | "parse" | "refused";

export type ReadResult<T> =
  | { ok: true; value: T; checkedAt: string; durationMs: number }
  | { ok: false; kind: ReadFailureKind; error: string; httpStatus?: number; checkedAt: string; durationMs: number };

export interface ProbeAnswer {
  httpStatus: number;
  body: string;
}

export interface HealthReading {
  ready: ReadResult<ProbeAnswer>;
  healthy: ReadResult<ProbeAnswer>;
}

export const DEFAULT_READ_TIMEOUT_MS = 5000;

/** Thanos Query's view of its StoreAPI endpoints (`GET /api/v1/stores`). */
export function readStores(
  fetchThroughProxy: FetchThroughProxy,
  query: ServiceRef,
  options: ReadOptions = {},
): Promise<ReadResult<StoresSnapshot>> {
  return readParsed(fetchThroughProxy, query, "/api/v1/stores", options, parseStoresResponse);
}

/** `/-/ready` and `/-/healthy`, asked concurrently; each answer stands on its own. */
export async function readHealth(
  fetchThroughProxy: FetchThroughProxy,
  target: ServiceRef,
  options: ReadOptions = {},
): Promise<HealthReading> {
  const probe = async (path: string): Promise<ReadResult<ProbeAnswer>> => {
    const answer = await fetchBody(fetchThroughProxy, target, path, options);
    if (!answer.ok) return answer;
    return { ...answer, value: { httpStatus: answer.value.httpStatus, body: answer.value.body } };
  };
  const [ready, healthy] = await Promise.all([probe("/-/ready"), probe("/-/healthy")]);
  return { ready, healthy };
}

/** Shipper and object store upload metrics from a sidecar's, ruler's or receiver's `/metrics`. */
export function readUploadMetrics(
  fetchThroughProxy: FetchThroughProxy,
  target: ServiceRef,
  options: ReadOptions = {},
): Promise<ReadResult<UploadMetrics>> {
  return readParsed(fetchThroughProxy, target, "/metrics", options, parseUploadMetrics);
}

export async function readParsed<T>(
  fetchThroughProxy: FetchThroughProxy,
  target: ServiceRef,
  path: string,
  options: ReadOptions,
  parse: (body: string) => Parsed<T>,
): Promise<ReadResult<T>> {
  const answer = await fetchBody(fetchThroughProxy, target, path, options);
  if (!answer.ok) return answer;
  const parsed = parse(answer.value.body);
  if (!parsed.ok) {
    console.warn(`[status] ${describeTarget(target, path)}: ${parsed.error}`);
    return {
      ok: false,
      kind: "parse",
      error: `${describeTarget(target, path)}: ${withoutPeerText(parsed.error)}`,
      checkedAt: answer.checkedAt,
      durationMs: answer.durationMs,
    };
  }
  return { ok: true, value: parsed.value, checkedAt: answer.checkedAt, durationMs: answer.durationMs };
}

class ReadTimeout extends Error {}

/** One proxied GET with the body read inside the time budget; 2xx only counts as success. */
async function fetchBody(
  fetchThroughProxy: FetchThroughProxy,
  target: ServiceRef,
  path: string,
  options: ReadOptions,
): Promise<ReadResult<ProbeAnswer>> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
  const started = performance.now();
  const checkedAt = new Date().toISOString();
  const where = describeTarget(target, path);
  const elapsed = () => Math.round(performance.now() - started);
  const controller = new AbortController();
  let rejectAborted: (reason: unknown) => void = () => undefined;
  const aborted = new Promise<never>((_, reject) => (rejectAborted = reject));
  const onOuterAbort = () => {
    controller.abort(options.signal?.reason);
    rejectAborted(options.signal?.reason);
  };
  if (options.signal?.aborted) onOuterAbort();
  else options.signal?.addEventListener("abort", onOuterAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  // Rejects on its own, so a proxy function that ignores the signal still cannot hold the reader.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new ReadTimeout());
      controller.abort(new ReadTimeout());
    }, timeoutMs);
  });
  const attempt = (async () => {
    const response = await fetchThroughProxy(target.namespace, target.service, target.port, path, {
      signal: controller.signal,
    });
    const body = await readCapped(response, MAX_PROXIED_BODY_BYTES);
    return { httpStatus: response.status, body };
  })();
  attempt.catch(() => undefined); // its failure is reported through the race below, or not at all
  try {
    const { httpStatus, body } = await Promise.race([attempt, deadline, aborted]);
    if (httpStatus < 200 || httpStatus > 299) {
      console.warn(`[status] HTTP ${httpStatus} from ${where}: ${quote(body, 500)}`);
      return {
        ok: false,
        kind: "http",
        httpStatus,
        error: `HTTP ${httpStatus} from ${where}: ${describeErrorBody(body)}`,
        checkedAt,
        durationMs: elapsed(),
      };
    }
    return { ok: true, value: { httpStatus, body }, checkedAt, durationMs: elapsed() };
  } catch (err) {
    if (err instanceof ReadTimeout) {
      return {
        ok: false,
        kind: "timeout",
        error: `timeout after ${timeoutMs} ms waiting for ${where}`,
        checkedAt,
        durationMs: elapsed(),
      };
    }
    if (options.signal?.aborted) {
      return {
        ok: false,
        kind: "aborted",
        error: `cancelled while reading ${where}`,
        checkedAt,
        durationMs: elapsed(),
      };
    }
    return {
      ok: false,
      kind: "network",
      error: `${where}: ${describeNetworkError(err)}`,
      checkedAt,
      durationMs: elapsed(),
    };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onOuterAbort);
  }
}

export function describeTarget(target: ServiceRef, path: string): string {
  return `service ${target.namespace}/${target.service}:${target.port} ${path}`;
}

/**
 * What an error answer may tell the caller: a Kubernetes Status `reason` or a Thanos `errorType`, both
 * one-word enums. The body's text is the peer's own words (any Service can answer with a fake Status),
 * so it goes to the server log only.
 */
function describeErrorBody(body: string): string {
  try {
    const parsed = JSON.parse(body) as { kind?: unknown; reason?: unknown; status?: unknown; errorType?: unknown };
    const word = parsed?.kind === "Status" ? parsed.reason : parsed?.status === "error" ? parsed.errorType : undefined;
    if (typeof word === "string" && /^[A-Za-z_]{1,40}$/.test(word)) return word;
  } catch {
    // not JSON
  }
  return "see the server log for the answer";
}

/** Parse errors quote what they could not read; those quotes are the peer's text and are cut out. */
export function withoutPeerText(error: string): string {
  return error
    .replace(/"(?:[^"\\]|\\.)*"/g, "…")
    .replace(/«[^»]*»/g, "…")
    .slice(0, 200);
}

/** Proxied answers are read up to this many bytes; the rest is never buffered. */
export const MAX_PROXIED_BODY_BYTES = Number(process.env.STUDIO_STATUS_MAX_BODY_BYTES ?? 4 * 1024 * 1024);

class BodyTooLarge extends Error {}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLarge(`answer of ${declared} bytes is over the ${maxBytes}-byte limit`);
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge(`answer is over the ${maxBytes}-byte limit`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function describeNetworkError(err: unknown): string {
  if (err instanceof BodyTooLarge) return err.message;
  if (!(err instanceof Error)) return String(err);
  const cause = (err as Error & { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: string }).code;
    return `${err.message}: ${code ? `${code} ` : ""}${cause.message}`.trim();
  }
  return err.message;
}
