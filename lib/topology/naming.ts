/**
 * Service names, ports and DNS addresses the design implies, in one place: render writes them into
 * manifests, lint checks what users typed against them, status and import find objects by them.
 * Naming follows the Thanos documents: a component's headless Service is named after the component and
 * its StatefulSet pods are `<name>-<i>`, e.g. `thanos-receive-0.thanos-receive.thanos.svc.cluster.local:10901`.
 */
import { KINDS } from "./catalog";
import type { Component, ComponentOf } from "./design";
import type { DesignGraph } from "./graph";
import { PORTS } from "./ports";

export { PORTS } from "./ports";
export { thanosDiscoveryService } from "./kinds/prometheus";

export interface ClusterDns {
  namespace: string;
  clusterDomain: string;
}

type Cluster = ComponentOf<"cluster">;
const dnsOf = (cl: Cluster): ClusterDns => ({
  namespace: cl.settings.namespace,
  clusterDomain: cl.settings.clusterDomain,
});

/** Namespace and domain of the cluster a component runs in (defaults when it sits outside any cluster). */
export function clusterDns(graph: DesignGraph, c: { cluster?: string }): ClusterDns {
  const cl = c.cluster ? graph.get(c.cluster) : undefined;
  if (cl?.kind === "cluster") return dnsOf(cl);
  return { namespace: "monitoring", clusterDomain: "cluster.local" };
}

/** `<service>.<namespace>.svc.<domain>` */
export function serviceHost(service: string, dns: ClusterDns): string {
  return `${service}.${dns.namespace}.svc.${dns.clusterDomain}`;
}

/** The host other clusters reach `service` of `cluster` under (its externalHostPattern), or undefined without one. */
export function externalHost(cluster: Cluster, service: string): string | undefined {
  const pattern = cluster.settings.externalHostPattern;
  return pattern ? pattern.replaceAll("{service}", service).replaceAll("{cluster}", cluster.name) : undefined;
}

/**
 * The host name under which `service` of `target` is reached from `from`: in-cluster DNS when both sit in
 * the same cluster (or the target in none), otherwise the target cluster's external host. Without a pattern
 * it is still the target's in-cluster name; lint reports the cross-cluster connection as unreachable.
 */
export function serviceAddress(graph: DesignGraph, from: Cluster, target: Component, service: string): string {
  const tc = graph.clusterOf(target);
  if (!tc || tc.id === from.id) return serviceHost(service, dnsOf(tc ?? from));
  return externalHost(tc, service) ?? serviceHost(service, dnsOf(tc));
}

/** Service that exposes a component's StoreAPI (gRPC), or null when it serves none. */
export function storeApiService(c: Component): string | null {
  return KINDS[c.kind].capabilities.storeApi?.service(c) ?? null;
}

/**
 * A Query `--endpoint` for one StoreAPI target: DNS SRV over the headless Service in the same cluster
 * (every pod, as the documents do), a static `host:10901` through the external host across clusters.
 */
export function storeApiEndpoint(graph: DesignGraph, from: Cluster, target: Component): string | null {
  const svc = storeApiService(target);
  if (!svc) return null;
  const host = serviceAddress(graph, from, target, svc);
  return target.cluster === from.id ? `dnssrv+_grpc._tcp.${host}` : `${host}:${PORTS.grpc}`;
}

/** The one `host:10901` a Query in another cluster dials for `target`, or undefined when its cluster has no external host. */
export function externalStoreApiEndpoint(graph: DesignGraph, target: Component): string | undefined {
  const tc = graph.clusterOf(target);
  const host = tc && externalHost(tc, storeApiService(target) ?? target.name);
  return host ? `${host}:${PORTS.grpc}` : undefined;
}

/** HTTP base URL of a Query or Query Frontend (what Grafana, rulers and frontends call). */
export function queryHttpUrl(graph: DesignGraph, from: Cluster, target: Component): string {
  return `http://${serviceAddress(graph, from, target, target.name)}:${PORTS.queryHttp}`;
}

/** `<name>` for a single shard, `<name>-shard-<k>` otherwise: Prometheus shard and store block-shard StatefulSets. */
export function shardedName(name: string, shards: number, k: number): string {
  return shards === 1 ? name : `${name}-shard-${k}`;
}

/** The receiver's ClusterIP Service for remote write (Prometheus pushes to it, any pod takes it). */
export function receiverWriteService(r: { name: string }): string {
  return `${r.name}-write`;
}

/** The receiver's headless Service (the one whose SRV records list every pod). */
export function receiverHeadlessService(r: ComponentOf<"receiver">): string {
  return r.name;
}

/** gRPC addresses of every pod of a receiver, in ordinal order: what a hashring lists. */
export function receiverPodEndpoints(graph: DesignGraph, r: ComponentOf<"receiver">): string[] {
  const host = serviceHost(receiverHeadlessService(r), clusterDns(graph, r));
  return Array.from({ length: r.settings.replicas }, (_, i) => `${r.name}-${i}.${host}:${PORTS.grpc}`);
}

/** `--receive.local-endpoint`: `$(NAME)` is the pod name from the Downward API. */
export function receiverLocalEndpoint(graph: DesignGraph, r: ComponentOf<"receiver">): string {
  return `$(NAME).${serviceHost(receiverHeadlessService(r), clusterDns(graph, r))}:${PORTS.grpc}`;
}
