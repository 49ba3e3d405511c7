/**
 * What to check for a design, derived from the same render output deploy applies: the workloads each
 * component owns, the services whose `/-/ready` answers for it, which StoreAPI endpoints each Query
 * must list, which components upload blocks, and which buckets to list. Pure: no I/O.
 */
import { DesignGraph, type Component, type ComponentOf, type Design } from "@/lib/topology";
import { render, type KubeObject } from "@/server/render";
import { COMPONENT_ANNOTATION, OWNER_LABEL } from "@/server/render/labels";
import type { ExpectedStore } from "./compare";
import type { ExpectedUploader } from "./bucket";
import type { Labels } from "./labels";
import type { ServiceRef } from "./readers";

export interface WorkloadTarget {
  componentId: string;
  /** StatefulSet, Deployment, or the prometheus-operator `Prometheus` resource. */
  kind: string;
  apiVersion: string;
  namespace: string;
  name: string;
  desired: number;
  /** Pod selector as rendered (pods are matched to their workload by it). */
  selector: Record<string, string>;
}

export interface ProbeTarget extends ServiceRef {
  componentId: string;
  role: "prometheus" | "sidecar" | "http";
}

export interface QueryTarget {
  componentId: string;
  ref: ServiceRef;
  expected: ExpectedStore[];
  /** `--endpoint` values outside the design (query `extraEndpoints`): listed, never "unexpected". */
  extraEndpoints: string[];
}

export interface UploaderTarget extends ServiceRef {
  componentId: string;
  role: "sidecar" | "ruler" | "receiver";
}

export interface ClusterTargets {
  /** The cluster node. */
  node: ComponentOf<"cluster">;
  namespace: string;
  registeredClusterId?: string;
  /** Label selector for everything the design owns in this cluster. */
  ownerSelector: string;
  workloads: WorkloadTarget[];
  probes: ProbeTarget[];
  queries: QueryTarget[];
  uploaders: UploaderTarget[];
  /** Component ids placed in this cluster (they show Unknown when the cluster cannot be read). */
  componentIds: string[];
  /** Set when render refused the cluster (the design cannot be checked there). */
  renderError?: string;
}

export interface BucketTarget {
  store: ComponentOf<"objectStore">;
  uploaders: ExpectedUploader[];
}

export interface StatusTargets {
  clusters: ClusterTargets[];
  buckets: BucketTarget[];
}

const GRPC_PORT = 10901;
const WORKLOAD_KINDS = new Set(["StatefulSet", "Deployment", "Prometheus"]);
/** Kinds whose HTTP port answers Prometheus-style `/-/ready` and `/-/healthy`. Grafana and memcached do not. */
const PROBED_KINDS = new Set([
  "prometheus",
  "query",
  "queryFrontend",
  "storeGateway",
  "compactor",
  "ruler",
  "receiver",
  "bucketWeb",
  "alertmanager",
]);

export function statusTargets(design: Design, designId: string): StatusTargets {
  const graph = new DesignGraph(design);
  const clusters = graph.clusters().map((node) => clusterTargets(graph, design, designId, node));
  return { clusters, buckets: bucketTargets(graph) };
}

function clusterTargets(
  graph: DesignGraph,
  design: Design,
  designId: string,
  node: ComponentOf<"cluster">,
): ClusterTargets {
  const members = graph.inCluster(node.id);
  const base: ClusterTargets = {
    node,
    namespace: node.settings.namespace,
    registeredClusterId: node.settings.registeredClusterId,
    ownerSelector: `${OWNER_LABEL}=${designId}`,
    workloads: [],
    probes: [],
    queries: [],
    uploaders: [],
    componentIds: [node.id, ...members.map((c) => c.id)],
  };
  let objects: KubeObject[];
  try {
    objects = render(design, node.name, { designId });
  } catch (err) {
    return { ...base, renderError: err instanceof Error ? err.message : String(err) };
  }
  const ownerOf = (o: KubeObject) => o.metadata.annotations?.[COMPONENT_ANNOTATION];
  for (const o of objects) {
    const componentId = ownerOf(o);
    if (!componentId) continue;
    if (WORKLOAD_KINDS.has(o.kind)) {
      const spec = (o.spec ?? {}) as {
        replicas?: number;
        shards?: number;
        selector?: { matchLabels?: Record<string, string> };
      };
      const perShard = spec.replicas ?? 1;
      base.workloads.push({
        componentId,
        kind: o.kind,
        apiVersion: o.apiVersion,
        namespace: o.metadata.namespace ?? base.namespace,
        name: o.metadata.name,
        // The operator's Prometheus runs `replicas` pods per shard.
        desired: o.kind === "Prometheus" ? perShard * (spec.shards ?? 1) : perShard,
        selector: spec.selector?.matchLabels ?? {},
      });
    }
  }
  for (const c of members) {
    base.probes.push(
      ...probeTargets(
        c,
        objects.filter((o) => o.kind === "Service" && ownerOf(o) === c.id),
      ),
    );
    const uploader = uploaderTarget(graph, c, base.namespace, objects);
    if (uploader) base.uploaders.push(uploader);
    if (c.kind === "query") {
      base.queries.push({
        componentId: c.id,
        ref: { namespace: base.namespace, service: c.name, port: httpPort(objects, c.name) },
        expected: graph.targets(c, "storeApi").flatMap((t) => expectedStores(graph, c, t)),
        extraEndpoints: c.settings.extraEndpoints,
      });
    }
  }
  return base;
}

/**
 * Ports by number: the API server accepts a port name or number after `service:`, but a name such as
 * `http` reads like a scheme prefix to some proxies (`[scheme:]name[:port]`), a number never does.
 */
function servicePorts(svc: KubeObject): Array<{ name: string; port: number | string }> {
  const ports = (svc.spec as { ports?: Array<{ name?: string; port?: number }> } | undefined)?.ports ?? [];
  return ports.map((p) => ({ name: p.name ?? "", port: p.port ?? p.name ?? "" }));
}

function httpPort(objects: KubeObject[], service: string): number | string {
  const svc = objects.find((o) => o.kind === "Service" && o.metadata.name === service);
  return (svc && servicePorts(svc).find((p) => p.name === "http")?.port) ?? "http";
}

/** One probe per HTTP-ish port of the component's own Services: `web` is Prometheus, `http` the Thanos side. */
function probeTargets(c: Component, services: KubeObject[]): ProbeTarget[] {
  if (!PROBED_KINDS.has(c.kind)) return [];
  const out: ProbeTarget[] = [];
  const seen = new Set<string>();
  for (const svc of services) {
    for (const { name, port } of servicePorts(svc)) {
      const role =
        name === "web" ? "prometheus" : name === "http" ? (c.kind === "prometheus" ? "sidecar" : "http") : null;
      if (!role || seen.has(role)) continue;
      seen.add(role);
      out.push({ componentId: c.id, role, namespace: svc.metadata.namespace ?? "", service: svc.metadata.name, port });
    }
  }
  return out;
}

/** Sidecars, rulers and ingesting receivers with an object store ship blocks; their `/metrics` say how that goes. */
function uploaderTarget(
  graph: DesignGraph,
  c: Component,
  namespace: string,
  objects: KubeObject[],
): UploaderTarget | null {
  if (!graph.targets(c, "uploadsTo").some((t) => t.kind === "objectStore")) return null;
  const at = (role: UploaderTarget["role"], service: string): UploaderTarget => ({
    componentId: c.id,
    role,
    namespace,
    service,
    port: httpPort(objects, service),
  });
  switch (c.kind) {
    case "prometheus":
      if (c.settings.thanos.mode !== "sidecar") return null;
      return at("sidecar", c.settings.deployment === "operator" ? `${c.name}-thanos-discovery` : c.name);
    case "ruler":
      return at("ruler", c.name);
    case "receiver":
      return c.settings.role === "router" ? null : at("receiver", c.name);
    default:
      return null;
  }
}

function clusterLabels(graph: DesignGraph, c: Component): Labels {
  return { ...(graph.clusterOf(c)?.settings.externalLabels ?? {}) };
}

/** `<name>` for one shard, `<name>-shard-<k>` otherwise (render's StatefulSet names). */
function shardSet(c: ComponentOf<"prometheus">, k: number): string {
  return c.settings.shards === 1 ? c.name : `${c.name}-shard-${k}`;
}

/** External labels of each Prometheus pod, as render writes them (`$(POD_NAME)` resolved to the pod name). */
export function prometheusPodLabels(graph: DesignGraph, c: ComponentOf<"prometheus">): Labels[] {
  const out: Labels[] = [];
  for (let k = 0; k < c.settings.shards; k++) {
    for (let i = 0; i < c.settings.replicas; i++) {
      const labels: Labels = { ...clusterLabels(graph, c), ...c.settings.externalLabels };
      if (c.settings.shards > 1) labels.shard = String(k);
      // The operator names pods itself; only plain StatefulSets have predictable replica values.
      if (c.settings.deployment === "statefulset") labels[c.settings.replicaLabel] = `${shardSet(c, k)}-${i}`;
      out.push(labels);
    }
  }
  return out;
}

/**
 * One expectation per pod behind a StoreAPI target: Query resolves the headless Service with DNS SRV
 * and lists each pod. Across clusters Query dials one static `host:10901`, so one endpoint is expected.
 */
function expectedStores(graph: DesignGraph, query: Component, target: Component): ExpectedStore[] {
  const local = target.cluster === query.cluster;
  const crossName = local ? undefined : crossClusterEndpoint(graph, target);
  const one = (type: string, labels: Labels[] | null, count: number): ExpectedStore[] => {
    if (!local) {
      const first = labels?.[0];
      const shared = first
        ? Object.fromEntries(Object.entries(first).filter(([k]) => labels!.every((l) => l[k] === first[k])))
        : undefined;
      return [
        {
          componentId: target.id,
          type,
          name: crossName,
          externalLabels: shared && Object.keys(shared).length ? shared : undefined,
        },
      ];
    }
    return Array.from({ length: count }, (_, i) => {
      const l = labels?.[i];
      return { componentId: target.id, type, externalLabels: l && Object.keys(l).length ? l : undefined };
    });
  };
  switch (target.kind) {
    case "prometheus":
      if (target.settings.thanos.mode !== "sidecar") return [];
      return one("sidecar", prometheusPodLabels(graph, target), target.settings.shards * target.settings.replicas);
    case "storeGateway":
      return one("store", null, target.settings.replicas * target.settings.blockShards);
    case "ruler": {
      const labels = Array.from({ length: target.settings.replicas }, (_, i) => ({
        ...clusterLabels(graph, target),
        [target.settings.replicaLabel]: `${target.name}-${i}`,
      }));
      return one("rule", labels, target.settings.replicas);
    }
    case "receiver": {
      if (target.settings.role === "router") return [];
      const labels = Array.from({ length: target.settings.replicas }, (_, i) => ({
        [target.settings.replicaLabel]: `${target.name}-${i}`,
      }));
      return one("receive", labels, target.settings.replicas);
    }
    case "query":
      return one("query", null, target.settings.replicas);
    default:
      return [];
  }
}

function crossClusterEndpoint(graph: DesignGraph, target: Component): string | undefined {
  const tc = graph.clusterOf(target);
  const pattern = tc?.settings.externalHostPattern;
  if (!tc || !pattern) return undefined;
  const service =
    target.kind === "prometheus" && target.settings.deployment === "operator"
      ? `${target.name}-thanos-discovery`
      : target.name;
  return `${pattern.replaceAll("{service}", service).replaceAll("{cluster}", tc.name)}:${GRPC_PORT}`;
}

/** Buckets to list, with the sidecars that should keep filling them (the 3 h gap warning). */
function bucketTargets(graph: DesignGraph): BucketTarget[] {
  return graph.ofKind("objectStore").map((store) => {
    const uploaders: ExpectedUploader[] = [];
    for (const c of graph.sources(store, "uploadsTo")) {
      if (c.kind === "prometheus" && c.settings.thanos.mode === "sidecar") {
        for (const labels of prometheusPodLabels(graph, c)) uploaders.push({ componentId: c.id, labels });
      }
    }
    return { store, uploaders };
  });
}
