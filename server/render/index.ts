import { DesignGraph, type Component, type Design } from "@/lib/topology";
import { renderAlertmanager } from "./alertmanager";
import { renderBucketWeb } from "./bucket-web";
import { renderCluster } from "./cluster";
import { renderCompactor } from "./compactor";
import { renderGrafana } from "./grafana";
import { designSlug } from "./labels";
import { renderMemcached } from "./memcached";
import { renderObjectStoreSecrets } from "./object-store";
import { renderPrometheus } from "./prometheus";
import { renderQuery } from "./query";
import { renderQueryFrontend } from "./query-frontend";
import { renderReceiver } from "./receiver";
import { renderRuler } from "./ruler";
import { renderStoreGateway } from "./store-gateway";
import type { KubeObject, RenderContext, RenderOptions } from "./types";
import { stringify } from "./yaml";

export type { KubeObject, RenderOptions } from "./types";
export { OWNER_LABEL, designSlug } from "./labels";

/** Order in which kinds are applied: what others reference comes first. */
const APPLY_ORDER = [
  "Namespace",
  "ServiceAccount",
  "ClusterRole",
  "ClusterRoleBinding",
  "Secret",
  "ConfigMap",
  "PrometheusRule",
  "Service",
  "StatefulSet",
  "Deployment",
  "Prometheus",
];
const rank = (kind: string) => {
  const i = APPLY_ORDER.indexOf(kind);
  return i === -1 ? APPLY_ORDER.length : i;
};

function renderComponent(ctx: RenderContext, c: Component): KubeObject[] {
  switch (c.kind) {
    case "prometheus":
      return renderPrometheus(ctx, c);
    case "query":
      return renderQuery(ctx, c);
    case "queryFrontend":
      return renderQueryFrontend(ctx, c);
    case "storeGateway":
      return renderStoreGateway(ctx, c);
    case "compactor":
      return renderCompactor(ctx, c);
    case "ruler":
      return renderRuler(ctx, c);
    case "receiver":
      return renderReceiver(ctx, c);
    case "bucketWeb":
      return renderBucketWeb(ctx, c);
    case "alertmanager":
      return renderAlertmanager(ctx, c);
    case "memcached":
      return renderMemcached(ctx, c);
    case "grafana":
      return renderGrafana(ctx, c);
    case "objectStore":
      // Buckets are not deployed; each cluster gets the Secret its uploaders need (renderObjectStoreSecrets).
      return [];
    case "cluster":
      return [];
  }
}

function renderWith(graph: DesignGraph, design: Design, clusterName: string, opts: RenderOptions): KubeObject[] {
  const cluster = graph.clusters().find((c) => c.name === clusterName);
  if (!cluster) {
    const names = graph.clusters().map((c) => c.name);
    throw new Error(
      `unknown cluster "${clusterName}"; the design has ${names.length ? names.map((n) => `"${n}"`).join(", ") : "no clusters"}`,
    );
  }
  const ctx: RenderContext = {
    design,
    graph,
    cluster,
    namespace: cluster.settings.namespace,
    domain: cluster.settings.clusterDomain,
    designId: opts.designId ?? designSlug(design.name),
    secrets: opts.secrets ?? "masked",
    versions: design.versions,
  };
  const members = graph.inCluster(cluster.id);
  const objects = [
    ...renderCluster(ctx, cluster),
    ...renderObjectStoreSecrets(ctx, members),
    ...members.flatMap((c) => renderComponent(ctx, c)),
  ];
  // Stable sort: within a kind, objects keep component (document) order, so output is deterministic.
  return objects
    .map((o, i) => [o, i] as const)
    .sort((a, b) => rank(a[0].kind) - rank(b[0].kind) || a[1] - b[1])
    .map(([o]) => o);
}

/** Kubernetes objects for one cluster of the design, in apply order. Pure: same input, same objects. */
export function render(design: Design, clusterName: string, opts: RenderOptions = {}): KubeObject[] {
  return renderWith(new DesignGraph(design), design, clusterName, opts);
}

/** Every cluster of the design, in document order. */
export function renderAll(design: Design, opts: RenderOptions = {}): { cluster: string; objects: KubeObject[] }[] {
  const graph = new DesignGraph(design);
  return graph.clusters().map((c) => ({ cluster: c.name, objects: renderWith(graph, design, c.name, opts) }));
}

/** One multi-document YAML stream (`---` between objects); long flags are never folded, no anchors. */
export function toYaml(objects: KubeObject[]): string {
  return objects.map((o) => stringify(o)).join("---\n");
}

export { writeClusterFolders } from "./write";
