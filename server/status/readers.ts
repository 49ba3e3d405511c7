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

export type ReadFailureKind = "timeout" | "aborted" | "network" | "http" | "parse";

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
    return {
      ok: false,
      kind: "parse",
      error: `${describeTarget(target, path)}: ${parsed.error}`,
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
    const body = await response.text();
    return { httpStatus: response.status, body };
  })();
  attempt.catch(() => undefined); // its failure is reported through the race below, or not at all
  try {
    const { httpStatus, body } = await Promise.race([attempt, deadline, aborted]);
    if (httpStatus < 200 || httpStatus > 299) {
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
 * The API server answers proxy failures with a Kubernetes Status object ("error trying to reach
 * service: dial tcp …: connect: connection refused"); its message says more than the raw JSON.
 */
function describeErrorBody(body: string): string {
  try {
    const parsed = JSON.parse(body) as { kind?: unknown; message?: unknown; status?: unknown; error?: unknown };
    if (parsed && parsed.kind === "Status" && typeof parsed.message === "string") return parsed.message;
    if (parsed && parsed.status === "error" && typeof parsed.error === "string") return parsed.error;
  } catch {
    // not JSON: quote the text below
  }
  return body.trim() === "" ? "(empty body)" : quote(body, 200);
}

function describeNetworkError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as Error & { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: string }).code;
    return `${err.message}: ${code ? `${code} ` : ""}${cause.message}`.trim();
  }
  return err.message;
}
