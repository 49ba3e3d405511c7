import type { Component, ComponentOf } from "@/lib/topology";
import { PORTS } from "./common";
import { clusterOf, externalHost, hostOf, storeApiService } from "./endpoints";
import { COMPONENT_ANNOTATION, MANAGED_BY, OWNER_LABEL, componentPodSelector } from "./labels";
import type { KubeObject, RenderContext } from "./types";

/**
 * What other clusters reach in this one, and the objects that make it reachable under the cluster's external host
 * pattern. Remote write is HTTP: with `exposure.type: ingress` it goes through an Ingress with TLS, because samples
 * and tenant headers cross networks the operator does not own. Everything addressed as `host:port` (StoreAPI gRPC, Query HTTP, Alertmanager) gets a
 * LoadBalancer Service on that port: a plain Ingress carries neither gRPC without end-to-end TLS nor other ports.
 */
export interface ExternalAccess {
  target: Component;
  service: string;
  port: { name: string; number: number };
  /** Served through the Ingress (remote write) rather than a LoadBalancer. */
  http: boolean;
}

const REMOTE_WRITE_PATH = "/api/v1/receive";

/** The access a connection from another cluster needs into `to`, or null when it needs none. */
export function accessFor(kind: string, to: Component): ExternalAccess | null {
  switch (kind) {
    case "remoteWrite":
      return to.kind === "receiver"
        ? {
            target: to,
            service: `${to.name}-write`,
            port: { name: "remote-write", number: PORTS.remoteWrite },
            http: true,
          }
        : null;
    case "storeApi": {
      const svc = storeApiService(to);
      return svc ? { target: to, service: svc, port: { name: "grpc", number: PORTS.grpc }, http: false } : null;
    }
    case "queries":
    case "downstream":
      return to.kind === "query" || to.kind === "queryFrontend"
        ? { target: to, service: to.name, port: { name: "http", number: PORTS.queryHttp }, http: false }
        : null;
    case "alerts":
      return to.kind === "alertmanager"
        ? { target: to, service: to.name, port: { name: "http", number: PORTS.alertmanager }, http: false }
        : null;
    default:
      return null;
  }
}

/** Every distinct access other clusters need into `cluster` (one per service and port). */
export function externalAccesses(ctx: RenderContext, cluster: ComponentOf<"cluster">): ExternalAccess[] {
  const out = new Map<string, ExternalAccess>();
  for (const e of ctx.design.connections) {
    const from = ctx.graph.get(e.from);
    const to = ctx.graph.get(e.to);
    if (!from || !to || to.cluster !== cluster.id) continue;
    const fc = clusterOf(ctx, from);
    if (!fc || fc.id === cluster.id) continue;
    const a = accessFor(e.kind, to);
    if (a) out.set(`${a.service}:${a.port.number}`, a);
  }
  return [...out.values()];
}

/** Remote write URL from another cluster: https through the receiver cluster's Ingress, else its LoadBalancer port. */
export function exposedRemoteWriteUrl(ctx: RenderContext, r: ComponentOf<"receiver">): string {
  const host = hostOf(ctx, r, `${r.name}-write`);
  return clusterOf(ctx, r)?.settings.exposure.type === "ingress"
    ? `https://${host}${REMOTE_WRITE_PATH}`
    : `http://${host}:${PORTS.remoteWrite}${REMOTE_WRITE_PATH}`;
}

function meta(ctx: RenderContext, of: Component, name: string, annotations: Record<string, string> = {}) {
  return {
    name,
    namespace: ctx.namespace,
    labels: {
      "app.kubernetes.io/instance": of.name,
      "app.kubernetes.io/component": "external-access",
      "app.kubernetes.io/part-of": ctx.designId,
      "app.kubernetes.io/managed-by": MANAGED_BY,
      [OWNER_LABEL]: ctx.designId,
    },
    annotations: { [COMPONENT_ANNOTATION]: of.id, ...annotations },
  };
}

/** Ingress / LoadBalancer Services for what other clusters reach in the cluster being rendered. */
export function renderExposure(ctx: RenderContext): KubeObject[] {
  const cluster = ctx.cluster;
  const exposure = cluster.settings.exposure;
  if (exposure.type === "none" || !cluster.settings.externalHostPattern) return [];
  const out: KubeObject[] = [];
  const ingressRules: Record<string, unknown>[] = [];
  const ingressHosts: string[] = [];
  for (const a of externalAccesses(ctx, cluster)) {
    const host = externalHost(cluster, a.service)!;
    if (a.http && exposure.type === "ingress") {
      ingressHosts.push(host);
      ingressRules.push({
        host,
        http: {
          paths: [
            {
              path: REMOTE_WRITE_PATH,
              pathType: "Prefix",
              backend: { service: { name: a.service, port: { name: a.port.name } } },
            },
          ],
        },
      });
      continue;
    }
    out.push({
      apiVersion: "v1",
      kind: "Service",
      // external-dns publishes the pattern's host for the load balancer's address.
      metadata: meta(ctx, a.target, `${a.service}-external`, { "external-dns.alpha.kubernetes.io/hostname": host }),
      spec: {
        type: "LoadBalancer",
        ports: [{ name: a.port.name, port: a.port.number, targetPort: a.port.name, protocol: "TCP" }],
        selector: componentPodSelector(ctx, a.target),
      },
    });
  }
  if (ingressRules.length) {
    out.push({
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: meta(ctx, cluster, `${cluster.name}-external`),
      spec: {
        ingressClassName: exposure.ingressClassName,
        tls: [{ hosts: ingressHosts, secretName: exposure.tlsSecretName ?? `${cluster.name}-external-tls` }],
        rules: ingressRules,
      },
    });
  }
  return out;
}
