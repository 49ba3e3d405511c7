import type { Component } from "@/lib/topology";
import type { WorkloadSettings } from "@/lib/topology/kinds/workload";
import {
  antiAffinity,
  containerSecurityContext,
  goMemLimit,
  podDisruptionBudget,
  podSecurityContext,
  zoneSpread,
} from "./hardening";
import { COMPONENT_ANNOTATION, objectLabels, selectorLabels, type AppIdentity } from "./labels";
import type { KubeObject, RenderContext } from "./types";

export { PORTS } from "@/lib/topology/ports";

export type Obj = Record<string, unknown>;

export function metadata(
  ctx: RenderContext,
  c: Component,
  id: AppIdentity,
  name: string,
  extraLabels: Record<string, string> = {},
): KubeObject["metadata"] {
  return {
    name,
    namespace: ctx.namespace,
    labels: { ...objectLabels(ctx, c, id), ...extraLabels },
    annotations: { [COMPONENT_ANNOTATION]: c.id },
  };
}

/** Cluster-scoped objects (ClusterRole/Binding) carry no namespace. */
export function clusterMetadata(
  ctx: RenderContext,
  c: Component,
  id: AppIdentity,
  name: string,
): KubeObject["metadata"] {
  const { namespace: _ns, ...m } = metadata(ctx, c, id, name);
  return m;
}

export function thanosImage(ctx: RenderContext, image: string | undefined): string {
  return image ?? `quay.io/thanos/thanos:${ctx.versions.thanos}`;
}

interface ResourceSettings {
  requests: { cpu?: string; memory?: string };
  limits: { cpu?: string; memory?: string };
}

/** Container resources with unset values left out; undefined when nothing is set. */
export function resources(r: ResourceSettings | undefined): Obj | undefined {
  if (!r) return undefined;
  const pick = (x: { cpu?: string; memory?: string }) => {
    const o: Record<string, string> = {};
    if (x.cpu) o.cpu = x.cpu;
    if (x.memory) o.memory = x.memory;
    return Object.keys(o).length ? o : undefined;
  };
  const out: Obj = {};
  const req = pick(r.requests);
  const lim = pick(r.limits);
  if (req) out.requests = req;
  if (lim) out.limits = lim;
  return Object.keys(out).length ? out : undefined;
}

/** Liveness on /-/healthy, readiness on /-/ready: what Thanos and Prometheus serve. */
export function probes(port: string | number, path = { healthy: "/-/healthy", ready: "/-/ready" }): Obj {
  return {
    livenessProbe: {
      httpGet: { path: path.healthy, port, scheme: "HTTP" },
      periodSeconds: 30,
      failureThreshold: 4,
      timeoutSeconds: 5,
    },
    readinessProbe: {
      httpGet: { path: path.ready, port, scheme: "HTTP" },
      periodSeconds: 5,
      failureThreshold: 20,
      timeoutSeconds: 5,
    },
  };
}

export interface ContainerSpec {
  name: string;
  image: string;
  args?: string[];
  env?: Obj[];
  /** Named container ports; UDP ones as `[port, "UDP"]`. */
  ports: Record<string, number | [number, "UDP"]>;
  /** Liveness/readiness; default: /-/healthy and /-/ready on the `http` port. */
  probes?: Obj;
  resources?: ResourceSettings;
  mounts?: Obj[];
  /** A Go process: GOMEMLIMIT is derived from its memory limit. */
  go?: boolean;
}

/** A container as every module writes it: ports by name, probes, resources when set, logs on failure. */
export function container(s: ContainerSpec): Obj {
  const res = resources(s.resources);
  const env = [...(s.env ?? []), ...(s.go ? goMemLimit(s.resources?.limits.memory) : [])];
  return {
    name: s.name,
    image: s.image,
    ...(s.args ? { args: s.args } : {}),
    ...(env.length ? { env } : {}),
    ports: Object.entries(s.ports).map(([name, p]) =>
      Array.isArray(p) ? { name, containerPort: p[0], protocol: p[1] } : { name, containerPort: p, protocol: "TCP" },
    ),
    ...(s.probes ?? probes("http")),
    ...(res ? { resources: res } : {}),
    terminationMessagePolicy: "FallbackToLogsOnError",
    ...(s.mounts?.length ? { volumeMounts: s.mounts } : {}),
  };
}

export function fieldEnv(name: string, fieldPath = "metadata.name"): Obj {
  return { name, valueFrom: { fieldRef: { fieldPath } } };
}

export interface ServicePort {
  name: string;
  port: number;
  targetPort?: number | string;
  protocol?: "TCP" | "UDP";
}

function servicePorts(ports: ServicePort[]): Obj[] {
  return ports.map((p) => ({
    name: p.name,
    port: p.port,
    targetPort: p.targetPort ?? p.name,
    protocol: p.protocol ?? "TCP",
  }));
}

/**
 * Headless Service: its SRV records list every ready pod, which `dnssrv+_grpc._tcp.<svc>` discovery needs
 * (a ClusterIP Service would hand Query one pod at a time). Also the StatefulSet's governing service.
 */
export function headlessService(
  ctx: RenderContext,
  c: Component,
  id: AppIdentity,
  name: string,
  ports: ServicePort[],
  selector: Record<string, string>,
  extra: Obj = {},
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: metadata(ctx, c, id, name),
    spec: { clusterIP: "None", ports: servicePorts(ports), selector, ...extra },
  };
}

export function clusterIpService(
  ctx: RenderContext,
  c: Component,
  id: AppIdentity,
  name: string,
  ports: ServicePort[],
  selector: Record<string, string>,
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: metadata(ctx, c, id, name),
    spec: { type: "ClusterIP", ports: servicePorts(ports), selector },
  };
}

export function volumeClaimTemplate(
  ctx: RenderContext,
  c: Component,
  id: AppIdentity,
  storage: { size: string; storageClass?: string },
  name = "data",
): Obj {
  return {
    metadata: { name, labels: selectorLabels(c, id) },
    spec: {
      accessModes: ["ReadWriteOnce"],
      ...(storage.storageClass ? { storageClassName: storage.storageClass } : {}),
      resources: { requests: { storage: storage.size } },
    },
  };
}

export interface WorkloadSpec {
  ctx: RenderContext;
  c: Component;
  id: AppIdentity;
  /** Default: the component's name. */
  name?: string;
  /** Default: the component's `replicas` setting. */
  replicas?: number;
  selector: Record<string, string>;
  podLabels?: Record<string, string>;
  podAnnotations?: Record<string, string>;
  /** The kind's `workload` settings: identity, security context, spread, grace period. */
  hardening: WorkloadSettings;
  /** Default: the component's name (its own ServiceAccount). */
  serviceAccountName?: string;
  pod: Obj;
}

const nameOf = (w: WorkloadSpec) => w.name ?? w.c.name;
const replicasOf = (w: WorkloadSpec) => w.replicas ?? (w.c.settings as { replicas?: number }).replicas ?? 1;

/** Every container of the pod runs unprivileged, read-only, with no capabilities. */
function hardenContainers(list: unknown, h: WorkloadSettings): Obj[] | undefined {
  if (!Array.isArray(list)) return undefined;
  return (list as Obj[]).map((c) => ({ ...c, securityContext: containerSecurityContext(h) }));
}

function podTemplate(w: WorkloadSpec): Obj {
  const h = w.hardening;
  const affinity = antiAffinity(h, w.selector);
  const spread = zoneSpread(h.zoneSpread, w.selector);
  const initContainers = hardenContainers(w.pod.initContainers, h);
  return {
    metadata: {
      labels: { ...objectLabels(w.ctx, w.c, w.id), ...w.selector, ...(w.podLabels ?? {}) },
      ...(w.podAnnotations ? { annotations: w.podAnnotations } : {}),
    },
    spec: {
      serviceAccountName: w.serviceAccountName ?? w.c.name,
      automountServiceAccountToken: h.automountServiceAccountToken,
      securityContext: podSecurityContext(h),
      terminationGracePeriodSeconds: h.terminationGracePeriodSeconds,
      ...(affinity ? { affinity } : {}),
      ...(spread ? { topologySpreadConstraints: spread } : {}),
      ...w.pod,
      ...(initContainers ? { initContainers } : {}),
      containers: hardenContainers(w.pod.containers, h),
    },
  };
}

/** The workload's PodDisruptionBudget (same name and selector), when it runs 2+ replicas. */
export function disruptionBudget(w: WorkloadSpec, maxUnavailable?: number): KubeObject[] {
  const pdb = podDisruptionBudget(
    w.ctx,
    w.c,
    w.id,
    nameOf(w),
    w.selector,
    replicasOf(w),
    maxUnavailable ?? w.hardening.maxUnavailable ?? 1,
  );
  return pdb ? [pdb] : [];
}

/** A StatefulSet governed by the component's headless Service (`serviceName` defaults to the component name). */
export function statefulSet(w: WorkloadSpec & { serviceName?: string; volumeClaimTemplates?: Obj[] }): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: metadata(w.ctx, w.c, w.id, nameOf(w), w.podLabels),
    spec: {
      replicas: replicasOf(w),
      serviceName: w.serviceName ?? w.c.name,
      // Replicas do not depend on each other's start order; Parallel halves rollout time.
      podManagementPolicy: "Parallel",
      selector: { matchLabels: w.selector },
      template: podTemplate(w),
      ...(w.volumeClaimTemplates?.length ? { volumeClaimTemplates: w.volumeClaimTemplates } : {}),
    },
  };
}

export function deployment(w: WorkloadSpec): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: metadata(w.ctx, w.c, w.id, nameOf(w)),
    spec: { replicas: replicasOf(w), selector: { matchLabels: w.selector }, template: podTemplate(w) },
  };
}

export function configMap(
  ctx: RenderContext,
  c: Component,
  id: AppIdentity,
  name: string,
  data: Record<string, string>,
): KubeObject {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: metadata(ctx, c, id, name), data };
}

/** Drop undefined values so YAML output carries no `null`s and stays byte-stable. */
export function compact<T extends Obj>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
