import { z } from "zod";
import { duration, extraArgs, image, labelName, labelSet, promqlExpr, replicas, storage } from "../primitives";
import { requirements, workload } from "./workload";
import { prometheusLoad } from "./load";
import { PORTS } from "../ports";
import { defineKind, type KindInstance } from "./define";

const kubernetesSdRole = z.enum(["pod", "service", "endpoints", "endpointslice", "node", "ingress"]);

export const scrapeJob = z.object({
  name: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[a-zA-Z0-9_.:-]+$/, "job names may use letters, digits, '_', '.', ':' and '-'"),
  kubernetesSd: z.object({ role: kubernetesSdRole, namespaces: z.array(z.string().min(1)).default([]) }).optional(),
  staticTargets: z.array(z.string().regex(/^[\w.-]+:\d{1,5}$/, "targets are host:port")).default([]),
  metricsPath: z.string().startsWith("/").default("/metrics"),
  scheme: z.enum(["http", "https"]).default("http"),
  scrapeInterval: duration.optional(),
  /** Functional sharding: the shard (0-based) that scrapes this job. Ignored with hashmod. */
  shard: z.number().int().min(0).optional(),
});

export const alertingRule = z.object({
  alert: z
    .string()
    .min(1)
    .regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, "alert names are metric-name-like"),
  expr: promqlExpr,
  for: duration.optional(),
  labels: labelSet.default({}),
  annotations: z.record(z.string(), z.string()).default({}),
});
export const recordingRule = z.object({
  record: z
    .string()
    .min(1)
    .regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, "record names are metric names"),
  expr: promqlExpr,
  labels: labelSet.default({}),
});
export const ruleGroup = z.object({
  name: z.string().min(1).max(128),
  interval: duration.optional(),
  rules: z.array(z.union([alertingRule, recordingRule])).default([]),
});
export type RuleGroup = z.output<typeof ruleGroup>;

export const prometheusSettings = z.object({
  image,
  /** Number of shards; each shard is its own StatefulSet of `replicas` identical scrapers. */
  shards: z.number().int().min(1, "at least one shard").max(64).default(1),
  sharding: z.enum(["hashmod", "functional"]).default("hashmod"),
  hashmod: z
    .object({
      /** Must equal `shards`; a mismatch leaves targets unscraped or scraped twice. */
      modulus: z.number().int().min(1).max(64).optional(),
      sourceLabels: z.array(labelName).default(["__address__"]),
      /** Without the per-shard `keep` rule every shard scrapes every target. */
      keepRule: z.boolean().default(true),
    })
    .prefault({}),
  replicas: replicas(2, 10),
  /** External label whose value is the pod name; Query dedups on it. */
  replicaLabel: labelName.default("prometheus_replica"),
  externalLabels: labelSet.default({}),
  scrapeInterval: duration.default("30s"),
  evaluationInterval: duration.default("30s"),
  retention: duration.default("2d"),
  scrapeJobs: z.array(scrapeJob).default([
    {
      name: "kubernetes-pods",
      kubernetesSd: { role: "pod", namespaces: [] },
      staticTargets: [],
      metricsPath: "/metrics",
      scheme: "http",
    },
  ]),
  ruleGroups: z.array(ruleGroup).default([]),
  /** `alert_relabel_configs` labeldrop of the replica label, so Alertmanager dedups alerts from both replicas. */
  alertLabelDrop: z.boolean().default(true),
  resources: requirements({ requests: { cpu: "500m", memory: "2Gi" }, limits: { cpu: "2", memory: "4Gi" } }),
  // Service discovery reads the Kubernetes API: the only kind that mounts its token.
  workload: workload({
    user: 65534,
    antiAffinity: "required",
    terminationGracePeriodSeconds: 600,
    automountServiceAccountToken: true,
  }),
  storage: storage,
  /**
   * Scrape the stack's own components (PodMonitors with the operator, a `topology-studio-stack` job otherwise)
   * and load the default rule group for its health.
   */
  selfMonitoring: z.object({ scrape: z.boolean().default(true), rules: z.boolean().default(true) }).prefault({}),
  /** Extra arguments of the Prometheus container (StatefulSet deployment; the operator's `additionalArgs`). */
  extraArgs,
  /** `statefulset` renders plain manifests; `operator` renders a prometheus-operator `Prometheus` resource. */
  deployment: z.enum(["statefulset", "operator"]).default("statefulset"),
  thanos: z
    .object({
      mode: z.enum(["sidecar", "remote-write", "none"]).default("sidecar"),
      minBlockDuration: duration.default("2h"),
      maxBlockDuration: duration.default("2h"),
      /** Remote write: the `THANOS-TENANT` header value. */
      tenant: z
        .string()
        .max(128)
        .regex(/^[\w.-]*$/, "tenant ids use letters, digits, '_', '.', '-'")
        .optional(),
      sidecarResources: requirements({
        requests: { cpu: "100m", memory: "128Mi" },
        limits: { cpu: "500m", memory: "512Mi" },
      }),
      /** Extra arguments of the Thanos sidecar container. */
      extraArgs,
    })
    .prefault({}),
  load: prometheusLoad,
});
export type PrometheusSettings = z.output<typeof prometheusSettings>;

/** Operator mode: the headless Service selecting one group's sidecars (the operator's own one is shared). */
export function thanosDiscoveryService(name: string): string {
  return `${name}-thanos-discovery`;
}

/** The Service that carries a shard group's sidecar ports, or null without a sidecar. */
const sidecarService = (c: KindInstance<PrometheusSettings>) =>
  c.settings.thanos.mode !== "sidecar"
    ? null
    : c.settings.deployment === "operator"
      ? thanosDiscoveryService(c.name)
      : c.name;

export const prometheusKind = defineKind({
  kind: "prometheus",
  label: "Prometheus",
  description: "A shard group: N shards × M replicas, with a Thanos sidecar or remote write.",
  category: "Prometheus",
  icon: "flame",
  settings: prometheusSettings,
  secretPaths: [],
  haReplicas: true,
  needsCluster: true,
  defaultName: "prometheus",
  // `web` is Prometheus itself; `grpc` and `http` are its Thanos sidecar.
  ports: { web: PORTS.prometheus, grpc: PORTS.grpc, http: PORTS.http },
  capabilities: {
    storeApi: {
      service: sidecarService,
      port: "grpc",
      storeType: "sidecar",
      endpoints: (c) => (sidecarService(c) ? c.settings.shards * c.settings.replicas : 0),
    },
    workloads: ["StatefulSet", "Prometheus"],
    probes: { ports: { web: "prometheus", http: "sidecar" }, ready: "/-/ready", healthy: "/-/healthy" },
    metrics: { port: "web" },
    uploads: { role: "sidecar", service: sidecarService },
    thanosCommand: "sidecar",
    image: "prometheus",
  },
  connections: { starts: ["uploadsTo", "remoteWrite", "alerts"], accepts: ["storeApi"] },
});
