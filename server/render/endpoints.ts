// The naming rules live in lib/topology/naming.ts (lint and status use them too); these read them from the
// cluster being rendered.
import { queryHttpUrl as queryUrl, serviceAddress, storeApiEndpoint as endpointOf } from "@/lib/topology/naming";
import type { Component, ComponentOf } from "@/lib/topology";

export { externalHost, storeApiService } from "@/lib/topology/naming";
import type { RenderContext } from "./types";

/** The cluster node a component runs in, or undefined outside any cluster. */
export function clusterOf(ctx: RenderContext, c: Component): ComponentOf<"cluster"> | undefined {
  return ctx.graph.clusterOf(c);
}

export function isLocal(ctx: RenderContext, target: Component): boolean {
  return target.cluster === ctx.cluster.id;
}

/** The host name under which `service` of `target` is reached from the cluster being rendered. */
export function hostOf(ctx: RenderContext, target: Component, service: string): string {
  return serviceAddress(ctx.graph, ctx.cluster, target, service);
}

/** A Query `--endpoint` for one StoreAPI target, or null when it serves none. */
export function storeApiEndpoint(ctx: RenderContext, target: Component): string | null {
  return endpointOf(ctx.graph, ctx.cluster, target);
}

/** HTTP base URL of a Query or Query Frontend (what Grafana, rulers and frontends call). */
export function queryHttpUrl(ctx: RenderContext, target: Component): string {
  return queryUrl(ctx.graph, ctx.cluster, target);
}
