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
import { storeApiEndpoint } from "./endpoints";
import { hasFlag } from "./flags";
import { selectorLabels, type AppIdentity } from "./labels";
import type { KubeObject, RenderContext } from "./types";

type Query = ComponentOf<"query">;

export const defaults = {
  httpPort: PORTS.queryHttp,
  grpcPort: PORTS.grpc,
  logLevel: "info",
} as const;

const identity = (ctx: RenderContext): AppIdentity => ({
  app: "thanos-query",
  component: "query-layer",
  version: ctx.versions.thanos,
});

/** `thanos query` arguments: one `--endpoint` per StoreAPI connection, one `--query.replica-label` per replica label. */
export function queryArgs(ctx: RenderContext, c: Query): string[] {
  const s = c.settings;
  const args = [
    "query",
    `--log.level=${defaults.logLevel}`,
    `--grpc-address=0.0.0.0:${defaults.grpcPort}`,
    `--http-address=0.0.0.0:${defaults.httpPort}`,
    ...s.replicaLabels.map((l) => `--query.replica-label=${l}`),
  ];
  if (s.autoDownsampling) args.push("--query.auto-downsampling");
  args.push(s.partialResponse ? "--query.partial-response" : "--no-query.partial-response");
  const endpoints = new Set<string>();
  for (const t of ctx.graph.targets(c, "storeApi")) {
    const e = storeApiEndpoint(ctx, t);
    if (e) endpoints.add(e);
  }
  for (const e of s.extraEndpoints) endpoints.add(e);
  // `--endpoint` (same dns+/dnssrv+ forms) replaced `--store`, which v0.38 removed; name what the release has.
  const endpointFlag = hasFlag("thanos", ctx.versions.thanos, "endpoint", "query") ? "endpoint" : "store";
  for (const e of endpoints) args.push(`--${endpointFlag}=${e}`);
  // Arguments the model has no field for (kept by import) go last, verbatim.
  return [...args, ...s.extraArgs];
}

export function renderQuery(ctx: RenderContext, c: Query): KubeObject[] {
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
          name: "thanos-query",
          image: thanosImage(ctx, c.settings.image),
          args: queryArgs(ctx, c),
          ports: { grpc: PORTS.grpc, http: defaults.httpPort },
          resources: c.settings.resources,
          go: true,
        }),
      ],
    },
  };
  return [
    serviceAccount(ctx, c, id, c.settings.workload),
    clusterIpService(
      ctx,
      c,
      id,
      c.name,
      [
        { name: "grpc", port: PORTS.grpc },
        { name: "http", port: defaults.httpPort },
      ],
      selector,
    ),
    deployment(w),
    ...disruptionBudget(w),
  ];
}
