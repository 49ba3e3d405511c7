import type { Component, ComponentOf } from "@/lib/topology";
import { PORTS } from "./common";
import type { RenderContext } from "./types";

/** The cluster component `c` sits in, or undefined for components outside any cluster. */
export function clusterOf(ctx: RenderContext, c: Component): ComponentOf<"cluster"> | undefined {
  return ctx.graph.clusterOf(c);
}

export function isLocal(ctx: RenderContext, target: Component): boolean {
  return target.cluster === ctx.cluster.id;
}

/**
 * The host name under which `service` of `target` is reached from the cluster being rendered:
 * in-cluster DNS when both sit in the same cluster, otherwise the target cluster's externalHostPattern
 * (`{service}` and `{cluster}` substituted). Without a pattern we still emit the target's in-cluster name;
 * lint reports the cross-cluster connection as unreachable.
 */
export function hostOf(ctx: RenderContext, target: Component, service: string): string {
  const tc = clusterOf(ctx, target);
  if (!tc || tc.id === ctx.cluster.id) {
    const ns = tc?.settings.namespace ?? ctx.namespace;
    const domain = tc?.settings.clusterDomain ?? ctx.domain;
    return `${service}.${ns}.svc.${domain}`;
  }
  return externalHost(tc, service) ?? `${service}.${tc.settings.namespace}.svc.${tc.settings.clusterDomain}`;
}

/** `service` of cluster `tc` under its externalHostPattern, or undefined without one. */
export function externalHost(tc: ComponentOf<"cluster">, service: string): string | undefined {
  const pattern = tc.settings.externalHostPattern;
  return pattern?.replaceAll("{service}", service).replaceAll("{cluster}", tc.name);
}

/** Service that exposes a component's StoreAPI (gRPC), or null when it has none. */
export function storeApiService(c: Component): string | null {
  switch (c.kind) {
    case "prometheus":
      if (c.settings.thanos.mode !== "sidecar") return null;
      return c.settings.deployment === "operator" ? `${c.name}-thanos-discovery` : c.name;
    case "storeGateway":
    case "ruler":
    case "receiver":
    case "query":
      return c.name;
    default:
      return null;
  }
}

/**
 * A Query `--endpoint` for one StoreAPI target: DNS SRV over the headless Service in the same cluster
 * (every pod, as the documents do), a static `host:10901` through the external host across clusters.
 */
export function storeApiEndpoint(ctx: RenderContext, target: Component): string | null {
  const svc = storeApiService(target);
  if (!svc) return null;
  if (isLocal(ctx, target)) return `dnssrv+_grpc._tcp.${hostOf(ctx, target, svc)}`;
  return `${hostOf(ctx, target, svc)}:${PORTS.grpc}`;
}

/** HTTP base URL of a Query or Query Frontend (what Grafana, rulers and frontends call). */
export function queryHttpUrl(ctx: RenderContext, target: Component): string {
  return `http://${hostOf(ctx, target, target.name)}:${PORTS.queryHttp}`;
}
