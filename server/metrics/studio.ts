// The studio's own metrics (GET /metrics), on one prom-client registry kept on globalThis: Next can load
// a module once per route bundle, and a second registry would split the counters between them.
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

interface StudioMetrics {
  registry: Registry;
  httpRequests: Counter<"method" | "route" | "status">;
  httpDuration: Histogram<"method" | "route">;
  deployRuns: Counter<"result">;
  statusRefresh: Histogram<"result">;
  loginFailures: Counter<"reason">;
  responseCacheRequests: Counter<"rule" | "result">;
}

const KEY = Symbol.for("topology-studio.metrics");

function create(): StudioMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "studio_process_" });
  return {
    registry,
    httpRequests: new Counter({
      name: "studio_http_requests_total",
      help: "API requests answered, by route pattern, method and status code.",
      labelNames: ["method", "route", "status"],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: "studio_http_request_duration_seconds",
      help: "Time to answer an API request, by route pattern and method.",
      labelNames: ["method", "route"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    deployRuns: new Counter({
      name: "studio_deploy_runs_total",
      help: "Deploy runs finished, by result (succeeded, failed, interrupted).",
      labelNames: ["result"],
      registers: [registry],
    }),
    statusRefresh: new Histogram({
      name: "studio_status_refresh_duration_seconds",
      help: "Time of one live status refresh of a design.",
      labelNames: ["result"],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    loginFailures: new Counter({
      name: "studio_login_failures_total",
      help: "Failed sign-ins, by reason (invalid, rate-limited).",
      labelNames: ["reason"],
      registers: [registry],
    }),
    responseCacheRequests: new Counter({
      name: "studio_response_cache_requests_total",
      help: "Requests a response-cache rule applied to, by rule and result (hit: answered from memory, miss: sent to Next).",
      labelNames: ["rule", "result"],
      registers: [registry],
    }),
  };
}

const g = globalThis as unknown as { [KEY]?: StudioMetrics };
export const metrics: StudioMetrics = (g[KEY] ??= create());
export const { httpRequests, httpDuration, deployRuns, statusRefresh, loginFailures, responseCacheRequests } = metrics;
