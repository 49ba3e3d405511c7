import { stringify } from "./yaml";
import type { ComponentOf } from "@/lib/topology";
import {
  PORTS,
  clusterIpService,
  container,
  deployment,
  disruptionBudget,
  thanosImage,
  type WorkloadSpec,
} from "./common";
import { serviceAccount } from "./hardening";
import { queryHttpUrl } from "./endpoints";
import { selectorLabels, type AppIdentity } from "./labels";
import { memcachedCacheConfig } from "./memcached";
import type { KubeObject, RenderContext } from "./types";

type QueryFrontend = ComponentOf<"queryFrontend">;

export const defaults = {
  httpPort: PORTS.queryHttp,
  logLevel: "info",
  logQueriesLongerThan: "10s",
} as const;

const identity = (ctx: RenderContext): AppIdentity => ({
  app: "thanos-query-frontend",
  component: "query-cache",
  version: ctx.versions.thanos,
});

/** The response cache: Thanos's IN-MEMORY (fifo) cache, or MEMCACHED through the cache connection. */
export function responseCacheConfig(ctx: RenderContext, c: QueryFrontend): Record<string, unknown> {
  const s = c.settings;
  const mc = ctx.graph.targets(c, "cache").find((t) => t.kind === "memcached");
  if (s.cache === "memcached" && mc?.kind === "memcached") {
    return memcachedCacheConfig(ctx, mc, { expiration: s.cacheValidity });
  }
  return { type: "IN-MEMORY", config: { max_size: s.cacheMaxSize, max_size_items: 0, validity: s.cacheValidity } };
}

export function queryFrontendArgs(ctx: RenderContext, c: QueryFrontend): string[] {
  const s = c.settings;
  const args = ["query-frontend", `--log.level=${defaults.logLevel}`, `--http-address=0.0.0.0:${defaults.httpPort}`];
  const downstream = ctx.graph.targets(c, "downstream")[0];
  if (downstream) args.push(`--query-frontend.downstream-url=${queryHttpUrl(ctx, downstream)}`);
  args.push(
    "--query-frontend.compress-responses",
    `--query-frontend.log-queries-longer-than=${defaults.logQueriesLongerThan}`,
    `--query-range.split-interval=${s.splitInterval}`,
    `--query-range.max-retries-per-request=${s.maxRetries}`,
    `--labels.split-interval=${s.splitInterval}`,
    `--labels.max-retries-per-request=${s.maxRetries}`,
    `--query-range.response-cache-config=${stringify(responseCacheConfig(ctx, c)).trimEnd()}`,
  );
  // Arguments the model has no field for (kept by import) go last, verbatim.
  return [...args, ...s.extraArgs];
}

export function renderQueryFrontend(ctx: RenderContext, c: QueryFrontend): KubeObject[] {
  const id = identity(ctx);
  const selector = selectorLabels(c, id);
  const w: WorkloadSpec = {
    ctx,
    c,
    id,
    selector,
    hardening: c.settings.workload,
    pod: {
      containers: [
        container({
          name: "thanos-query-frontend",
          image: thanosImage(ctx, c.settings.image),
          args: queryFrontendArgs(ctx, c),
          ports: { http: defaults.httpPort },
          resources: c.settings.resources,
          go: true,
        }),
      ],
    },
  };
  return [
    serviceAccount(ctx, c, id, c.settings.workload),
    clusterIpService(ctx, c, id, c.name, [{ name: "http", port: defaults.httpPort }], selector),
    deployment(w),
    ...disruptionBudget(w),
  ];
}
