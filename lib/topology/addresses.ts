import type { ComponentOf } from "./design";
import type { DesignGraph } from "./graph";

/**
 * In-cluster DNS names the design implies. Lint (receiver endpoints, local-endpoint) and render must agree on
 * them, so they live here once. Naming follows the documents: a receiver's headless Service is named after
 * the receiver and its pods are `<name>-<i>` (StatefulSet), e.g.
 * `thanos-receive-0.thanos-receive.thanos.svc.cluster.local:10901`.
 */
export const GRPC_PORT = 10901;
export const HTTP_PORT = 10902;
export const REMOTE_WRITE_PORT = 19291;

export interface ClusterDns {
  namespace: string;
  clusterDomain: string;
}

/** Namespace and domain of the cluster a component runs in (defaults when it sits outside any cluster). */
export function clusterDns(graph: DesignGraph, c: { cluster?: string }): ClusterDns {
  const cl = c.cluster ? graph.get(c.cluster) : undefined;
  if (cl?.kind === "cluster") return { namespace: cl.settings.namespace, clusterDomain: cl.settings.clusterDomain };
  return { namespace: "monitoring", clusterDomain: "cluster.local" };
}

/** `<service>.<namespace>.svc.<domain>` */
export function serviceHost(service: string, dns: ClusterDns): string {
  return `${service}.${dns.namespace}.svc.${dns.clusterDomain}`;
}

/** The receiver's headless Service (the one whose SRV records list every pod). */
export function receiverHeadlessService(r: ComponentOf<"receiver">): string {
  return r.name;
}

/** gRPC addresses of every pod of a receiver, in ordinal order: what a hashring lists. */
export function receiverPodEndpoints(graph: DesignGraph, r: ComponentOf<"receiver">): string[] {
  const host = serviceHost(receiverHeadlessService(r), clusterDns(graph, r));
  return Array.from({ length: r.settings.replicas }, (_, i) => `${r.name}-${i}.${host}:${GRPC_PORT}`);
}

/** `--receive.local-endpoint`: `$(NAME)` is the pod name from the Downward API. */
export function receiverLocalEndpoint(graph: DesignGraph, r: ComponentOf<"receiver">): string {
  return `$(NAME).${serviceHost(receiverHeadlessService(r), clusterDns(graph, r))}:${GRPC_PORT}`;
}
