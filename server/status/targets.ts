/**
 * What to check for a design, derived from the same render output deploy applies: the workloads each
 * component owns, the services whose `/-/ready` answers for it, which StoreAPI endpoints each Query
 * must list, which components upload blocks, and which buckets to list. Pure: no I/O.
 */
import { DesignGraph, KINDS, type Component, type ComponentOf, type Design } from "@/lib/topology";
import { externalStoreApiEndpoint, shardedName, storeApiService } from "@/lib/topology/naming";
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
    const owner = componentId ? graph.get(componentId) : undefined;
    if (owner && (KINDS[owner.kind].capabilities.workloads as readonly string[]).includes(o.kind)) {
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

/** One probe per port of the component's own Services that its kind says answers `/-/ready` (one per role). */
function probeTargets(c: Component, services: KubeObject[]): ProbeTarget[] {
  const probed = KINDS[c.kind].capabilities.probes?.ports;
  if (!probed) return [];
  const out: ProbeTarget[] = [];
  const seen = new Set<string>();
  for (const svc of services) {
    for (const { name, port } of servicePorts(svc)) {
      const role = Object.hasOwn(probed, name) ? probed[name] : undefined;
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
  const uploads = KINDS[c.kind].capabilities.uploads;
  const service = uploads?.service(c);
  if (!uploads || !service) return null;
  return { componentId: c.id, role: uploads.role, namespace, service, port: httpPort(objects, service) };
}

function clusterLabels(graph: DesignGraph, c: Component): Labels {
  return { ...(graph.clusterOf(c)?.settings.externalLabels ?? {}) };
}

/** `<name>` for one shard, `<name>-shard-<k>` otherwise (render's StatefulSet names). */
function shardSet(c: ComponentOf<"prometheus">, k: number): string {
  return shardedName(c.name, c.settings.shards, k);
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
  const crossName = local ? undefined : externalStoreApiEndpoint(graph, target);
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
  const api = KINDS[target.kind].capabilities.storeApi;
  const count = api && storeApiService(target) ? api.endpoints(target) : 0;
  if (!api || count === 0) return [];
  return one(api.storeType, storeLabels(graph, target), count);
}

/** External labels each StoreAPI pod of `target` announces, when render decides them (null: not predicted). */
function storeLabels(graph: DesignGraph, target: Component): Labels[] | null {
  switch (target.kind) {
    case "prometheus":
      return prometheusPodLabels(graph, target);
    case "ruler":
      return Array.from({ length: target.settings.replicas }, (_, i) => ({
        ...clusterLabels(graph, target),
        [target.settings.replicaLabel]: `${target.name}-${i}`,
      }));
    case "receiver":
      return Array.from({ length: target.settings.replicas }, (_, i) => ({
        [target.settings.replicaLabel]: `${target.name}-${i}`,
      }));
    default:
      return null;
  }
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
