/**
 * Stand-in Thanos endpoints for tests. No Thanos binary can be had on these machines (no Docker, no
 * release downloads), so this serves what the status readers consume, byte for byte as Thanos writes it:
 * - Query `GET /api/v1/stores` (pkg/api/query/v1.go): `{"status":"success","data":{<type>:[EndpointStatus]}}`
 *   with map keys and endpoints sorted as Go sorts them and int64 bounds written exactly;
 * - `/-/ready` and `/-/healthy` (pkg/prober/http.go): 200 "OK" or 503 "NOT OK";
 * - sidecar / ruler / receiver `/metrics` in text exposition format with the shipper counters
 *   (pkg/shipper) and `thanos_objstore_bucket_last_successful_upload_time{bucket}`.
 *
 * Each logical component listens on its own loopback port so a test can register each one as a
 * separate Kubernetes service backend. Tests change states at run time with the methods below, or,
 * from another process, through the control routes under `/__fixture/` on the Query port.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { formatSeries, goJson, goTimeJson, MAX_INT64, MIN_INT64 } from "./go-format";

export type ComponentKind = "query" | "sidecar" | "rule" | "receive" | "store" | "compact";

/** StoreAPI component types as `/api/v1/stores` keys them (pkg/component). */
export type StoreType = "sidecar" | "store" | "rule" | "receive" | "query";

export interface FixtureEndpoint {
  name: string;
  kind: ComponentKind;
  host: string;
  port: number;
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:40123 */
  url: string;
}

export interface StoreState {
  type: StoreType;
  up: boolean;
  /** Error Thanos keeps from the last failed info call; a connection-refused error when omitted. */
  lastError: string | null;
  labelSets: Array<Record<string, string>>;
  /** Milliseconds; bigint for Go's int64 bounds. */
  minTime: number | bigint;
  maxTime: number | bigint;
  /** Time of the last successful check; kept while the store is down, as Thanos does. */
  lastCheck: Date;
}

export interface UploadState {
  uploads: number;
  failures: number;
  /** Last successful upload; null keeps the gauge at 0 (never uploaded). */
  lastSuccess: Date | null;
  /** Receivers label shipper series by tenant; ignored for sidecar and ruler. */
  tenant?: string;
}

export interface UploadUpdate {
  uploads?: number;
  failures?: number;
  lastSuccess?: Date | string | number | null;
  tenant?: string;
}

export interface StoreUpdate extends Partial<Omit<StoreState, "lastCheck">> {
  lastCheck?: Date | string;
}

export interface ThanosFixture {
  /** The Thanos Query endpoint (stores, probes, control routes). */
  readonly query: FixtureEndpoint;
  /** Starts another component on its own port (0 = any free port). */
  addComponent(
    name: string,
    kind: ComponentKind,
    options?: { port?: number; bucket?: string },
  ): Promise<FixtureEndpoint>;
  endpoint(name: string): FixtureEndpoint;
  endpoints(): FixtureEndpoint[];
  /** Creates or changes the StoreAPI endpoint `name` in Query's `/api/v1/stores`. */
  setStore(name: string, update: StoreUpdate): void;
  /** Drops an endpoint from Query's list (Thanos omits endpoints it has never reached). */
  removeStore(name: string): void;
  setUploads(component: string, update: UploadUpdate): void;
  setReady(ready: boolean, component?: string): void;
  setHealthy(healthy: boolean, component?: string): void;
  /** Delays every answer of a component; Infinity never answers (until stop). */
  setLatency(ms: number, component?: string): void;
  /**
   * Process and TSDB gauges on `/metrics`: `process_resident_memory_bytes` and `prometheus_tsdb_head_series`
   * (per `tenant` on a receiver, as Thanos's multi-TSDB exposes it). Absent until set.
   */
  setProcess(component: string, p: ProcessGauges): void;
  /** Makes `/api/v1/stores` answer a Thanos API error envelope (null restores normal answers). */
  setStoresError(error: { errorType: string; error: string; httpStatus: number } | null): void;
  stop(): Promise<void>;
}

export interface ProcessGauges {
  residentBytes?: number;
  /** Keyed by tenant ("" for a single TSDB). */
  headSeries?: Record<string, number>;
}

interface Component {
  process?: ProcessGauges;
  endpoint: FixtureEndpoint;
  server: http.Server;
  ready: boolean;
  healthy: boolean;
  latencyMs: number;
  bucket: string;
  /** Keyed by tenant ("" for sidecar/ruler). */
  uploads: Map<string, UploadState>;
}

const DEFAULT_HOST = "127.0.0.1";
const TWO_HOURS = 2 * 3600_000;

export async function startThanosFixture(options: { port?: number; host?: string } = {}): Promise<ThanosFixture> {
  const host = options.host ?? DEFAULT_HOST;
  const components = new Map<string, Component>();
  const stores = new Map<string, StoreState>();
  let storesError: { errorType: string; error: string; httpStatus: number } | null = null;
  const pendingTimers = new Set<NodeJS.Timeout>();

  const component = (name: string): Component => {
    const found = components.get(name);
    if (!found) throw new Error(`thanos fixture: no component named ${JSON.stringify(name)}`);
    return found;
  };

  const storesBody = (): string => {
    const now = new Date();
    const data: Record<string, unknown[]> = {};
    for (const name of [...stores.keys()].sort()) {
      const s = stores.get(name)!;
      if (s.up) s.lastCheck = now; // Query re-checks every few seconds while the endpoint answers
      (data[s.type] ??= []).push({
        name,
        lastCheck: goTimeJson(s.lastCheck),
        lastError: s.up ? null : (s.lastError ?? connectionRefused(name)),
        // labels.Labels marshals as a Go map: keys sorted.
        labelSets: s.labelSets.map((set) =>
          Object.fromEntries(Object.entries(set).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
        ),
        minTime: s.minTime,
        maxTime: s.maxTime,
      });
    }
    const sorted: Record<string, unknown[]> = {};
    for (const type of Object.keys(data).sort()) sorted[type] = data[type];
    return goJson({ status: "success", data: sorted });
  };

  const metricsBody = (c: Component): string => {
    const lines: string[] = [];
    const family = (name: string, type: string, help: string, series: string[]) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...series);
    };
    family("go_goroutines", "gauge", "Number of goroutines that currently exist.", [
      formatSeries("go_goroutines", {}, 61),
    ]);
    family("thanos_status", "gauge", "Represents status (0 indicates failure, 1 indicates success) of the component.", [
      formatSeries("thanos_status", { check: "healthy", component: c.endpoint.kind }, c.healthy ? 1 : 0),
      formatSeries("thanos_status", { check: "ready", component: c.endpoint.kind }, c.ready ? 1 : 0),
    ]);
    if (["sidecar", "rule", "receive", "compact"].includes(c.endpoint.kind)) {
      const lastSuccess = [...c.uploads.values()].reduce<Date | null>(
        (newest, u) => (u.lastSuccess && (!newest || u.lastSuccess > newest) ? u.lastSuccess : newest),
        null,
      );
      family(
        "thanos_objstore_bucket_last_successful_upload_time",
        "gauge",
        "Second timestamp of the last successful upload to the bucket.",
        [
          formatSeries(
            "thanos_objstore_bucket_last_successful_upload_time",
            { bucket: c.bucket },
            lastSuccess ? lastSuccess.getTime() / 1000 : 0,
          ),
        ],
      );
    }
    if (["sidecar", "rule", "receive"].includes(c.endpoint.kind)) {
      const tenantLabels = (tenant: string): Record<string, string> =>
        c.endpoint.kind === "receive" ? { tenant } : {};
      const entries = [...c.uploads.entries()].sort(([a], [b]) => a.localeCompare(b));
      family(
        "thanos_shipper_upload_failures_total",
        "counter",
        "Total number of block upload failures",
        entries.map(([tenant, u]) =>
          formatSeries("thanos_shipper_upload_failures_total", tenantLabels(tenant), u.failures),
        ),
      );
      family(
        "thanos_shipper_uploads_total",
        "counter",
        "Total number of uploaded blocks",
        entries.map(([tenant, u]) => formatSeries("thanos_shipper_uploads_total", tenantLabels(tenant), u.uploads)),
      );
    }
    if (c.process?.residentBytes !== undefined)
      family("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", [
        formatSeries("process_resident_memory_bytes", {}, c.process.residentBytes),
      ]);
    if (c.process?.headSeries)
      family(
        "prometheus_tsdb_head_series",
        "gauge",
        "Total number of series in the head block.",
        Object.entries(c.process.headSeries).map(([tenant, n]) =>
          formatSeries("prometheus_tsdb_head_series", tenant ? { tenant } : {}, n),
        ),
      );
    return `${lines.join("\n")}\n`;
  };

  const handle = async (c: Component, req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://fixture");
    if (url.pathname.startsWith("/__fixture/")) return control(req, res, url);
    if (c.latencyMs > 0) {
      if (c.latencyMs === Infinity) return; // never answer; stop() destroys the socket
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          pendingTimers.delete(timer);
          resolve();
        }, c.latencyMs);
        pendingTimers.add(timer);
      });
      if (res.destroyed) return;
    }
    if (url.pathname === "/-/ready" || url.pathname === "/-/healthy") {
      const ok = url.pathname === "/-/ready" ? c.ready : c.healthy;
      // net/http's http.Error: text/plain, nosniff, message plus newline.
      res.setHeader("Content-Type", "text/plain; charset=utf-8");
      if (!ok) {
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.writeHead(503).end("NOT OK\n");
      } else res.writeHead(200).end("OK");
      return;
    }
    if (url.pathname === "/metrics") {
      res.writeHead(200, { "Content-Type": "text/plain; version=0.0.4; charset=utf-8" }).end(metricsBody(c));
      return;
    }
    if (url.pathname === "/api/v1/stores" && c.endpoint.kind === "query") {
      res.setHeader("Content-Type", "application/json");
      if (storesError) {
        res.setHeader("Cache-Control", "no-store");
        res
          .writeHead(storesError.httpStatus)
          .end(JSON.stringify({ status: "error", errorType: storesError.errorType, error: storesError.error }));
      } else res.writeHead(200).end(storesBody());
      return;
    }
    res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("404 page not found\n");
  };

  const listen = async (name: string, kind: ComponentKind, port: number, bucket: string): Promise<FixtureEndpoint> => {
    if (components.has(name)) throw new Error(`thanos fixture: component ${JSON.stringify(name)} exists`);
    const server = http.createServer();
    const endpoint: FixtureEndpoint = { name, kind, host, port: 0, url: "" };
    const c: Component = { endpoint, server, ready: true, healthy: true, latencyMs: 0, bucket, uploads: new Map() };
    if (kind === "sidecar" || kind === "rule") c.uploads.set("", { uploads: 0, failures: 0, lastSuccess: null });
    if (kind === "receive") c.uploads.set("default-tenant", { uploads: 0, failures: 0, lastSuccess: null });
    server.on("request", (req, res) => {
      handle(c, req, res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
        res.end(String(err));
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => resolve());
    });
    endpoint.port = (server.address() as AddressInfo).port;
    endpoint.url = `http://${host.includes(":") ? `[${host}]` : host}:${endpoint.port}`;
    components.set(name, c);
    return endpoint;
  };

  const setUploads = (name: string, update: UploadUpdate) => {
    const c = component(name);
    const tenant = c.endpoint.kind === "receive" ? (update.tenant ?? "default-tenant") : "";
    const current = c.uploads.get(tenant) ?? { uploads: 0, failures: 0, lastSuccess: null };
    c.uploads.set(tenant, {
      uploads: update.uploads ?? current.uploads,
      failures: update.failures ?? current.failures,
      lastSuccess: update.lastSuccess === undefined ? current.lastSuccess : toDate(update.lastSuccess),
    });
  };

  const setStore = (name: string, update: StoreUpdate) => {
    const existing = stores.get(name);
    const type = update.type ?? existing?.type ?? "sidecar";
    const now = new Date();
    const [defaultMin, defaultMax] = defaultTimeRange(type, now);
    const wasUp = existing?.up ?? true;
    const up = update.up ?? (update.lastError ? false : wasUp);
    stores.set(name, {
      type,
      up,
      lastError: up ? null : (update.lastError ?? existing?.lastError ?? null),
      labelSets: update.labelSets ?? existing?.labelSets ?? [],
      minTime: update.minTime ?? existing?.minTime ?? defaultMin,
      maxTime: update.maxTime ?? existing?.maxTime ?? defaultMax,
      lastCheck: update.lastCheck ? new Date(update.lastCheck) : (existing?.lastCheck ?? now),
    });
  };

  /** JSON control routes so a fixture started by the CLI or another process can be steered. */
  const control = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    const reply = (status: number, body: unknown) =>
      res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
    try {
      const body = req.method === "GET" || req.method === "DELETE" ? {} : await readJson(req);
      const [, , route, name = ""] = url.pathname.split("/").map(decodeURIComponent);
      if (route === "state" && req.method === "GET") return reply(200, describeState());
      if (route === "components" && req.method === "POST") {
        const {
          name: componentName,
          kind,
          port,
          bucket,
        } = body as { name: string; kind: ComponentKind; port?: number; bucket?: string };
        return reply(201, await fixture.addComponent(componentName, kind, { port, bucket }));
      }
      if (route === "stores" && req.method === "DELETE") return reply(200, { removed: stores.delete(name) });
      if (route === "stores" && req.method === "POST")
        return reply(200, (setStore(name, body as StoreUpdate), { ok: true }));
      if (route === "stores-error" && req.method === "POST") {
        storesError = (body as { error?: string }).error ? (body as typeof storesError) : null;
        return reply(200, { ok: true });
      }
      if (route === "uploads" && req.method === "POST")
        return reply(200, (setUploads(name, body as UploadUpdate), { ok: true }));
      if (route === "ready" && req.method === "POST")
        return reply(200, ((component(name).ready = Boolean((body as { ready: boolean }).ready)), { ok: true }));
      if (route === "healthy" && req.method === "POST")
        return reply(200, ((component(name).healthy = Boolean((body as { healthy: boolean }).healthy)), { ok: true }));
      if (route === "latency" && req.method === "POST") {
        const ms = (body as { ms: number | null }).ms;
        component(name).latencyMs = ms === null ? Infinity : Number(ms);
        return reply(200, { ok: true });
      }
      return reply(404, { error: `no control route ${req.method} ${url.pathname}` });
    } catch (err) {
      return reply(400, { error: err instanceof Error ? err.message : String(err) });
    }
  };

  const describeState = () => ({
    components: [...components.values()].map((c) => ({
      ...c.endpoint,
      ready: c.ready,
      healthy: c.healthy,
      latencyMs: c.latencyMs === Infinity ? null : c.latencyMs,
      uploads: Object.fromEntries(
        [...c.uploads].map(([tenant, u]) => [
          tenant || "-",
          { ...u, lastSuccess: u.lastSuccess?.toISOString() ?? null },
        ]),
      ),
    })),
    stores: Object.fromEntries(
      [...stores].map(([name, s]) => [name, { ...s, minTime: String(s.minTime), maxTime: String(s.maxTime) }]),
    ),
  });

  const fixture: ThanosFixture = {
    query: await listen("query", "query", options.port ?? 0, ""),
    addComponent: (name, kind, opts = {}) => listen(name, kind, opts.port ?? 0, opts.bucket ?? "thanos"),
    endpoint: (name) => component(name).endpoint,
    endpoints: () => [...components.values()].map((c) => c.endpoint),
    setStore,
    removeStore: (name) => void stores.delete(name),
    setUploads,
    setReady: (ready, name = "query") => void (component(name).ready = ready),
    setHealthy: (healthy, name = "query") => void (component(name).healthy = healthy),
    setLatency: (ms, name = "query") => void (component(name).latencyMs = ms),
    setProcess: (name, p) => void (component(name).process = p),
    setStoresError: (error) => void (storesError = error),
    stop: async () => {
      for (const timer of pendingTimers) clearTimeout(timer);
      pendingTimers.clear();
      await Promise.all(
        [...components.values()].map(
          (c) =>
            new Promise<void>((resolve) => {
              c.server.close(() => resolve());
              c.server.closeAllConnections();
            }),
        ),
      );
      components.clear();
    },
  };
  return fixture;
}

/** What Thanos reports for each type when nothing else is set (sidecar/ruler/receiver: open-ended). */
function defaultTimeRange(type: StoreType, now: Date): [number | bigint, number | bigint] {
  const aligned = Math.floor(now.getTime() / TWO_HOURS) * TWO_HOURS;
  switch (type) {
    case "store":
      return [aligned - 30 * 24 * 3600_000, aligned - TWO_HOURS];
    case "query":
      return [MIN_INT64, MAX_INT64];
    default:
      return [aligned - 2 * 24 * 3600_000, MAX_INT64];
  }
}

function connectionRefused(address: string): string {
  return `rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp ${address}: connect: connection refused"`;
}

/** Accepts a Date, an ISO string, or Unix seconds (the gauge's own unit). */
function toDate(value: Date | string | number | null): Date | null {
  if (value === null) return null;
  if (value instanceof Date) return value;
  return typeof value === "number" ? new Date(value * 1000) : new Date(value);
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text.trim() === "" ? {} : JSON.parse(text);
}
