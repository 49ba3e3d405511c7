import { createHash } from "node:crypto";
import { stringify } from "./yaml";
import type { ComponentOf } from "@/lib/topology";
import { shardRelabelConfigs } from "@/lib/topology/hashmod";
import { durationMs } from "@/lib/topology/primitives";
import {
  PORTS,
  container,
  clusterMetadata,
  configMap,
  disruptionBudget,
  fieldEnv,
  headlessService,
  metadata,
  probes,
  resources,
  statefulSet,
  thanosImage,
  volumeClaimTemplate,
  type Obj,
  type WorkloadSpec,
} from "./common";
import { receiverWriteService, shardedName, thanosDiscoveryService } from "@/lib/topology/naming";
import { exposedRemoteWriteUrl } from "./exposure";
import { antiAffinity, goMemLimit, podSecurityContext, serviceAccount, zoneSpread } from "./hardening";
import { podMonitor, podMonitorSelector, selfMonitoringJob, servesMetrics, stackHealthRules } from "./self-monitoring";
import { hostOf, isLocal } from "./endpoints";
import {
  SHARD_LABEL,
  STORE_API_LABEL,
  componentPodSelector,
  objectLabels,
  selectorLabels,
  type AppIdentity,
} from "./labels";
import { objectStoreOf, objstoreSecretName, objstoreWiring, defaults as objstoreDefaults } from "./object-store";
import { externalLabelFeatures } from "./flags";
import { ruleFile, ruleFileObject } from "./rules";
import type { KubeObject, RenderContext } from "./types";

type Prometheus = ComponentOf<"prometheus">;

export const defaults = {
  configDir: "/etc/prometheus/config",
  configOutDir: "/etc/prometheus/config_out",
  rulesDir: "/etc/prometheus/rules",
  dataDir: "/prometheus",
  serviceAccountDir: "/var/run/secrets/kubernetes.io/serviceaccount",
  templateFile: "prometheus.yaml.tmpl",
  configFile: "prometheus.yaml",
  rulesFile: "rules.yaml",
  /** Label that tells shards apart in the bucket (shards with equal external labels would overlap for the compactor). */
  shardExternalLabel: "shard",
  image: (v: string) => `quay.io/prometheus/prometheus:${v}`,
  /** The init container only runs sed once. */
  initResources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { cpu: "100m", memory: "32Mi" } },
} as const;

const identity = (ctx: RenderContext): AppIdentity => ({
  app: "prometheus",
  component: "metrics-collector",
  version: ctx.versions.prometheus,
});

/** StatefulSet of shard `k`: `<name>` for a single shard, `<name>-shard-<k>` otherwise. */
export function shardName(c: Prometheus, k: number): string {
  return shardedName(c.name, c.settings.shards, k);
}

function shardSelector(c: Prometheus, ctx: RenderContext, k: number): Record<string, string> {
  return { ...selectorLabels(c, identity(ctx)), [SHARD_LABEL]: String(k) };
}

/** `$(POD_NAME)` is what the sidecar's reloader substitutes; Prometheus 3 expands `${POD_NAME}` itself. */
function podNameRef(c: Prometheus): string {
  return c.settings.thanos.mode === "sidecar" && c.settings.deployment === "statefulset"
    ? "$(POD_NAME)"
    : "${POD_NAME}";
}

function externalLabels(ctx: RenderContext, c: Prometheus, k: number, withReplica: boolean): Record<string, string> {
  const labels: Record<string, string> = { ...ctx.cluster.settings.externalLabels, ...c.settings.externalLabels };
  if (c.settings.shards > 1) labels[defaults.shardExternalLabel] = String(k);
  if (withReplica) labels[c.settings.replicaLabel] = podNameRef(c);
  return labels;
}

/** Per-role relabelling: annotation-driven opt-in for workloads, node labels for nodes. */
function roleRelabels(role: string | undefined): Obj[] {
  switch (role) {
    case "pod":
      return [
        { source_labels: ["__meta_kubernetes_pod_annotation_prometheus_io_scrape"], regex: "true", action: "keep" },
        { source_labels: ["__meta_kubernetes_pod_phase"], regex: "Pending|Succeeded|Failed", action: "drop" },
        { source_labels: ["__meta_kubernetes_namespace"], target_label: "namespace", action: "replace" },
        { source_labels: ["__meta_kubernetes_pod_name"], target_label: "pod", action: "replace" },
      ];
    case "service":
    case "endpoints":
    case "endpointslice":
      return [
        { source_labels: ["__meta_kubernetes_service_annotation_prometheus_io_scrape"], regex: "true", action: "keep" },
        { source_labels: ["__meta_kubernetes_namespace"], target_label: "namespace", action: "replace" },
        { source_labels: ["__meta_kubernetes_service_name"], target_label: "service", action: "replace" },
      ];
    case "node":
      return [{ regex: "__meta_kubernetes_node_label_(.+)", action: "labelmap" }];
    case "ingress":
      return [
        { source_labels: ["__meta_kubernetes_namespace"], target_label: "namespace", action: "replace" },
        { source_labels: ["__meta_kubernetes_ingress_name"], target_label: "ingress", action: "replace" },
      ];
    default:
      return [];
  }
}

/** Jobs a shard scrapes: all of them with hashmod (the relabel splits targets), its own with functional sharding. */
function jobsOf(c: Prometheus, k: number) {
  if (c.settings.sharding === "hashmod") return c.settings.scrapeJobs;
  return c.settings.scrapeJobs.filter((j) => (j.shard ?? 0) === k);
}

/** The stack's own job, when this group scrapes the stack: all hashmod shards split it, functional shard 0 owns it. */
function selfJobs(ctx: RenderContext, c: Prometheus, k: number | null): Obj[] {
  if (!c.settings.selfMonitoring.scrape || c.settings.deployment === "operator") return [];
  if (k !== null && c.settings.sharding === "functional" && k !== 0) return [];
  const job = selfMonitoringJob(ctx);
  if (k !== null) job.relabel_configs = [...(job.relabel_configs as Obj[]), ...shardRelabelConfigs(c.settings, k)];
  return [job];
}

/** scrape_configs for shard `k`; `shard` null = no sharding relabels (the operator adds its own). */
export function scrapeConfigs(c: Prometheus, k: number | null): Obj[] {
  const jobs = k === null ? c.settings.scrapeJobs : jobsOf(c, k);
  return jobs.map((job) => {
    const sc: Obj = { job_name: job.name };
    if (job.scrapeInterval) {
      sc.scrape_interval = job.scrapeInterval;
      // The global 10s timeout would exceed a shorter job interval, which Prometheus rejects.
      if (durationMs(job.scrapeInterval) < 10_000) sc.scrape_timeout = job.scrapeInterval;
    }
    sc.metrics_path = job.metricsPath;
    sc.scheme = job.scheme;
    if (job.scheme === "https") {
      sc.tls_config = {
        ca_file: `${defaults.serviceAccountDir}/ca.crt`,
        ...(job.kubernetesSd?.role === "node" ? { insecure_skip_verify: true } : {}),
      };
      sc.authorization = { credentials_file: `${defaults.serviceAccountDir}/token` };
    }
    if (job.kubernetesSd) {
      sc.kubernetes_sd_configs = [
        {
          role: job.kubernetesSd.role,
          ...(job.kubernetesSd.namespaces.length ? { namespaces: { names: job.kubernetesSd.namespaces } } : {}),
        },
      ];
    }
    if (job.staticTargets.length) sc.static_configs = [{ targets: job.staticTargets }];
    const relabel = [
      ...roleRelabels(job.kubernetesSd?.role),
      ...(k === null ? [] : shardRelabelConfigs(c.settings, k)),
    ];
    if (relabel.length) sc.relabel_configs = relabel;
    return sc;
  });
}

/** Alertmanager addresses: every replica in-cluster (each must get every alert), the external host across clusters. */
export function alertmanagerTargets(ctx: RenderContext, c: Prometheus): string[] {
  const out: string[] = [];
  for (const am of ctx.graph.targets(c, "alerts")) {
    if (am.kind !== "alertmanager") continue;
    if (isLocal(ctx, am)) {
      const host = hostOf(ctx, am, am.name);
      for (let i = 0; i < am.settings.replicas; i++) out.push(`${am.name}-${i}.${host}:${PORTS.alertmanager}`);
    } else out.push(`${hostOf(ctx, am, am.name)}:${PORTS.alertmanager}`);
  }
  return out;
}

/** remote_write entries: each receiver's ClusterIP write Service, with the tenant header when a tenant is set. */
export function remoteWrites(ctx: RenderContext, c: Prometheus): Obj[] {
  return ctx.graph.targets(c, "remoteWrite").flatMap((r) => {
    if (r.kind !== "receiver") return [];
    if (!isLocal(ctx, r)) {
      // Across clusters: through what exposes the receiver there (https via its Ingress), always naming the tenant.
      const tenant = c.settings.thanos.tenant ?? r.settings.defaultTenant;
      return [{ url: exposedRemoteWriteUrl(ctx, r), headers: { [r.settings.tenantHeader]: tenant } }];
    }
    const url = `http://${hostOf(ctx, r, receiverWriteService(r))}:${PORTS.remoteWrite}/api/v1/receive`;
    const tenant = c.settings.thanos.tenant;
    return [{ url, ...(tenant ? { headers: { [r.settings.tenantHeader]: tenant } } : {}) }];
  });
}

/** The Prometheus configuration of shard `k` (a template with `$(POD_NAME)` in sidecar mode). */
export function prometheusConfig(ctx: RenderContext, c: Prometheus, k: number): Obj {
  const s = c.settings;
  const cfg: Obj = {
    global: {
      scrape_interval: s.scrapeInterval,
      evaluation_interval: s.evaluationInterval,
      external_labels: externalLabels(ctx, c, k, true),
    },
    rule_files: [`${defaults.rulesDir}/*.yaml`],
  };
  const targets = alertmanagerTargets(ctx, c);
  if (targets.length || s.alertLabelDrop) {
    cfg.alerting = {
      // Both replicas fire the same alert; dropping the replica label lets Alertmanager dedup them.
      ...(s.alertLabelDrop ? { alert_relabel_configs: [{ regex: s.replicaLabel, action: "labeldrop" }] } : {}),
      ...(targets.length ? { alertmanagers: [{ scheme: "http", static_configs: [{ targets }] }] } : {}),
    };
  }
  cfg.scrape_configs = [...scrapeConfigs(c, k), ...selfJobs(ctx, c, k)];
  const rw = remoteWrites(ctx, c);
  if (rw.length) cfg.remote_write = rw;
  return cfg;
}

function rbac(ctx: RenderContext, c: Prometheus): KubeObject[] {
  const id = identity(ctx);
  const roleName = `${ctx.namespace}-${c.name}`;
  return [
    serviceAccount(ctx, c, id, c.settings.workload),
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: clusterMetadata(ctx, c, id, roleName),
      // What kubernetes_sd_configs needs to list and watch targets (the ClusterRole of the classic sidecar setup, with current API groups).
      rules: [
        {
          apiGroups: [""],
          resources: ["nodes", "nodes/proxy", "nodes/metrics", "services", "endpoints", "pods"],
          verbs: ["get", "list", "watch"],
        },
        { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: ["get", "list", "watch"] },
        { apiGroups: ["networking.k8s.io"], resources: ["ingresses"], verbs: ["get", "list", "watch"] },
        { apiGroups: [""], resources: ["configmaps"], verbs: ["get"] },
        { nonResourceURLs: ["/metrics", "/metrics/cadvisor"], verbs: ["get"] },
      ],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: clusterMetadata(ctx, c, id, roleName),
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: roleName },
      subjects: [{ kind: "ServiceAccount", name: c.name, namespace: ctx.namespace }],
    },
  ];
}

function prometheusArgs(ctx: RenderContext, c: Prometheus, configFile: string): string[] {
  const s = c.settings;
  const features = externalLabelFeatures(ctx.versions.prometheus, externalLabels(ctx, c, 0, true));
  const args = [
    ...features.map((f) => `--enable-feature=${f}`),
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${defaults.dataDir}`,
    // Deprecated in favour of the config file's storage section since 3.x, still accepted; kept for promtool 2.x compatibility.
    `--storage.tsdb.retention.time=${s.retention}`,
    // The sidecar reloads config and rules through the lifecycle API, and reads metadata through the admin API.
    "--web.enable-lifecycle",
    "--web.enable-admin-api",
  ];
  if (s.thanos.mode === "sidecar") {
    // Thanos compacts in the bucket: Prometheus must cut fixed 2h blocks and never compact them locally.
    args.push(
      `--storage.tsdb.min-block-duration=${s.thanos.minBlockDuration}`,
      `--storage.tsdb.max-block-duration=${s.thanos.maxBlockDuration}`,
    );
  }
  // Arguments the model has no field for (kept by import) go last, verbatim.
  return [...args, ...s.extraArgs];
}

/**
 * Renders the template once before Prometheus starts, as the sidecar's reloader will (it substitutes
 * `$(POD_NAME)`), so Prometheus does not crash-loop until the sidecar has written its first config.
 * `[$]` keeps Kubernetes from expanding `$(POD_NAME)` in the command itself.
 */
export const INIT_CONFIG_SCRIPT = `sed -e 's/[$](POD_NAME)/'"$POD_NAME"'/g' ${defaults.configDir}/${defaults.templateFile} > ${defaults.configOutDir}/${defaults.configFile}`;

function initConfig(image: string): Obj {
  return {
    name: "init-config",
    image,
    command: ["sh", "-c", INIT_CONFIG_SCRIPT],
    env: [fieldEnv("POD_NAME")],
    resources: defaults.initResources,
    volumeMounts: [
      { name: "config", mountPath: defaults.configDir, readOnly: true },
      { name: "config-out", mountPath: defaults.configOutDir },
    ],
  };
}

function shardStatefulSet(ctx: RenderContext, c: Prometheus, k: number, configText: string): KubeObject[] {
  const s = c.settings;
  const id = identity(ctx);
  const name = shardName(c, k);
  const selector = shardSelector(c, ctx, k);
  const sidecar = s.thanos.mode === "sidecar";
  const objstore = sidecar ? objstoreWiring(ctx, c) : null;
  const image = s.image ?? defaults.image(ctx.versions.prometheus);

  const volumes: Obj[] = [
    { name: "config", configMap: { name: `${name}-config` } },
    { name: "rules", configMap: { name: `${c.name}-rules` } },
  ];
  if (sidecar) volumes.push({ name: "config-out", emptyDir: {} });
  if (objstore) volumes.push(objstore.volume);

  const promMounts: Obj[] = sidecar
    ? [
        { name: "config-out", mountPath: defaults.configOutDir, readOnly: true },
        { name: "rules", mountPath: defaults.rulesDir, readOnly: true },
        { name: "data", mountPath: defaults.dataDir },
      ]
    : [
        { name: "config", mountPath: defaults.configDir, readOnly: true },
        { name: "rules", mountPath: defaults.rulesDir, readOnly: true },
        { name: "data", mountPath: defaults.dataDir },
      ];

  const containers: Obj[] = [
    container({
      name: "prometheus",
      image,
      args: prometheusArgs(
        ctx,
        c,
        sidecar ? `${defaults.configOutDir}/${defaults.configFile}` : `${defaults.configDir}/${defaults.configFile}`,
      ),
      // Without the sidecar Prometheus 3 expands ${POD_NAME} in external_labels itself.
      env: sidecar ? [] : [fieldEnv("POD_NAME")],
      ports: { web: PORTS.prometheus },
      probes: probes("web"),
      resources: s.resources,
      mounts: promMounts,
      go: true,
    }),
  ];
  if (sidecar) {
    const args = [
      "sidecar",
      "--log.level=info",
      `--tsdb.path=${defaults.dataDir}`,
      `--prometheus.url=http://localhost:${PORTS.prometheus}`,
      `--grpc-address=0.0.0.0:${PORTS.grpc}`,
      `--http-address=0.0.0.0:${PORTS.http}`,
      // The reloader renders the template (substituting $(POD_NAME)) into the shared emptyDir Prometheus reads.
      `--reloader.config-file=${defaults.configDir}/${defaults.templateFile}`,
      `--reloader.config-envsubst-file=${defaults.configOutDir}/${defaults.configFile}`,
      `--reloader.rule-dir=${defaults.rulesDir}/`,
    ];
    if (objstore) args.push(objstore.flag);
    args.push(...s.thanos.extraArgs);
    containers.push(
      container({
        name: "thanos-sidecar",
        image: thanosImage(ctx, undefined),
        args,
        env: [fieldEnv("POD_NAME")],
        ports: { grpc: PORTS.grpc, http: PORTS.http },
        resources: s.thanos.sidecarResources,
        go: true,
        mounts: [
          { name: "config", mountPath: defaults.configDir, readOnly: true },
          { name: "config-out", mountPath: defaults.configOutDir },
          { name: "rules", mountPath: defaults.rulesDir, readOnly: true },
          { name: "data", mountPath: defaults.dataDir },
          ...(objstore ? [objstore.mount] : []),
        ],
      }),
    );
  }

  const w: WorkloadSpec & { serviceName: string; volumeClaimTemplates: Obj[] } = {
    ctx,
    c,
    id,
    name,
    replicas: s.replicas,
    serviceName: c.name,
    selector,
    hardening: s.workload,
    podLabels: sidecar ? { [SHARD_LABEL]: String(k), [STORE_API_LABEL]: "true" } : { [SHARD_LABEL]: String(k) },
    // Without a reloader, a changed config must roll the pods.
    podAnnotations: sidecar
      ? undefined
      : { "checksum/config": createHash("sha256").update(configText).digest("hex").slice(0, 16) },
    pod: {
      ...(sidecar ? { initContainers: [initConfig(image)] } : {}),
      containers,
      volumes,
    },
    volumeClaimTemplates: [volumeClaimTemplate(ctx, c, id, s.storage)],
  };
  return [statefulSet(w), ...disruptionBudget(w)];
}

/** User rule groups plus, unless switched off, the stack's health group. */
function ruleGroupsOf(ctx: RenderContext, c: Prometheus) {
  return c.settings.selfMonitoring.rules ? [...c.settings.ruleGroups, stackHealthRules(ctx)] : c.settings.ruleGroups;
}

function renderStatefulSets(ctx: RenderContext, c: Prometheus): KubeObject[] {
  const s = c.settings;
  const id = identity(ctx);
  const sidecar = s.thanos.mode === "sidecar";
  const out: KubeObject[] = [
    ...rbac(ctx, c),
    configMap(ctx, c, id, `${c.name}-rules`, { [defaults.rulesFile]: ruleFile(ruleGroupsOf(ctx, c)) }),
  ];
  const sets: KubeObject[] = [];
  for (let k = 0; k < s.shards; k++) {
    const text = stringify(prometheusConfig(ctx, c, k));
    out.push(
      configMap(ctx, c, id, `${shardName(c, k)}-config`, {
        [sidecar ? defaults.templateFile : defaults.configFile]: text,
      }),
    );
    sets.push(...shardStatefulSet(ctx, c, k, text));
  }
  const ports = [
    { name: "web", port: PORTS.prometheus },
    ...(sidecar
      ? [
          { name: "grpc", port: PORTS.grpc },
          { name: "http", port: PORTS.http },
        ]
      : []),
  ];
  // One headless Service governs every shard: Query's dnssrv+_grpc._tcp lookup then finds all sidecars.
  out.push(headlessService(ctx, c, id, c.name, ports, selectorLabels(c, id), { publishNotReadyAddresses: false }));
  return [...out, ...sets];
}

/** `--name=value` → the operator's `additionalArgs` entry `{name, value}` (name without dashes). */
function operatorArgs(args: string[]): Obj[] {
  return args.map((a) => {
    const eq = a.indexOf("=");
    const name = (eq === -1 ? a : a.slice(0, eq)).replace(/^-+/, "");
    return eq === -1 ? { name } : { name, value: a.slice(eq + 1) };
  });
}

/** prometheus-operator: a `Prometheus` resource whose `spec.thanos` runs the sidecar (the kube-prometheus-stack + Thanos shape). */
function renderOperator(ctx: RenderContext, c: Prometheus): KubeObject[] {
  const s = c.settings;
  const id = identity(ctx);
  const out: KubeObject[] = rbac(ctx, c);
  const scrapeSecret = `${c.name}-additional-scrape-configs`;
  out.push({
    apiVersion: "v1",
    kind: "Secret",
    metadata: metadata(ctx, c, id, scrapeSecret),
    type: "Opaque",
    // The operator adds its own hashmod sharding to additional scrape configs, so ours carry none.
    stringData: { "scrape-configs.yaml": stringify(scrapeConfigs(c, null)) },
  });
  const ruleLabels = { ...objectLabels(ctx, c, id), prometheus: c.name };
  const groups = ruleGroupsOf(ctx, c);
  if (groups.length) {
    out.push({
      apiVersion: "monitoring.coreos.com/v1",
      kind: "PrometheusRule",
      metadata: { ...metadata(ctx, c, id, `${c.name}-rules`), labels: ruleLabels },
      spec: ruleFileObject(groups),
    });
  }
  const store = s.thanos.mode === "sidecar" ? objectStoreOf(ctx, c) : undefined;
  const localAms = ctx.graph.targets(c, "alerts").filter((a) => a.kind === "alertmanager" && isLocal(ctx, a));
  const selector = { "operator.prometheus.io/name": c.name };
  const features = externalLabelFeatures(ctx.versions.prometheus, externalLabels(ctx, c, 0, false));
  const spec: Obj = {
    version: ctx.versions.prometheus,
    ...(s.image ? { image: s.image } : {}),
    replicas: s.replicas,
    shards: s.shards,
    replicaExternalLabelName: s.replicaLabel,
    externalLabels: externalLabels(ctx, c, 0, false),
    ...(features.length ? { enableFeatures: features } : {}),
    serviceAccountName: c.name,
    retention: s.retention,
    scrapeInterval: s.scrapeInterval,
    evaluationInterval: s.evaluationInterval,
    podMetadata: {
      labels: {
        ...selectorLabels(c, id),
        "app.kubernetes.io/part-of": ctx.designId,
        ...(s.thanos.mode === "sidecar" ? { [STORE_API_LABEL]: "true" } : {}),
      },
    },
    additionalScrapeConfigs: { name: scrapeSecret, key: "scrape-configs.yaml" },
    ruleSelector: { matchLabels: { prometheus: c.name, "topology-studio.dev/design": ctx.designId } },
    ruleNamespaceSelector: {},
    enableAdminAPI: true,
    ...(s.selfMonitoring.scrape
      ? { podMonitorSelector: podMonitorSelector(ctx), podMonitorNamespaceSelector: {} }
      : {}),
    // The operator hardens its containers itself; the pod's identity and security context come from the design.
    automountServiceAccountToken: s.workload.automountServiceAccountToken,
    securityContext: podSecurityContext(s.workload),
    ...operatorSpread(s, selector),
    storage: {
      volumeClaimTemplate: {
        spec: {
          accessModes: ["ReadWriteOnce"],
          ...(s.storage.storageClass ? { storageClassName: s.storage.storageClass } : {}),
          resources: { requests: { storage: s.storage.size } },
        },
      },
    },
  };
  spec.resources = resources(s.resources);
  spec.containers = [{ name: "prometheus", env: goMemLimit(s.resources.limits.memory) }];
  if (s.extraArgs.length) spec.additionalArgs = operatorArgs(s.extraArgs);
  if (localAms.length)
    spec.alerting = { alertmanagers: localAms.map((a) => ({ namespace: ctx.namespace, name: a.name, port: "http" })) };
  const rw = remoteWrites(ctx, c);
  if (rw.length) spec.remoteWrite = rw;
  if (s.thanos.mode === "sidecar") {
    spec.thanos = {
      version: ctx.versions.thanos,
      image: thanosImage(ctx, undefined),
      ...(store ? { objectStorageConfig: { name: objstoreSecretName(store), key: objstoreDefaults.key } } : {}),
      blockSize: s.thanos.minBlockDuration,
      resources: resources(s.thanos.sidecarResources),
      ...(s.thanos.extraArgs.length ? { additionalArgs: operatorArgs(s.thanos.extraArgs) } : {}),
    };
    (spec.containers as Obj[]).push({
      name: "thanos-sidecar",
      env: goMemLimit(s.thanos.sidecarResources.limits.memory),
    });
  }
  out.push({
    apiVersion: "monitoring.coreos.com/v1",
    kind: "Prometheus",
    metadata: metadata(ctx, c, id, c.name),
    spec,
  });
  if (s.thanos.mode === "sidecar") {
    // The operator's own `prometheus-operated` Service is shared by every Prometheus in the namespace;
    // this one selects only this group's sidecars for Query (named like kube-prometheus-stack's `-thanos-discovery` Service).
    out.push(
      headlessService(
        ctx,
        c,
        id,
        thanosDiscoveryService(c.name),
        [
          { name: "grpc", port: PORTS.grpc },
          { name: "http", port: PORTS.http },
        ],
        selector,
      ),
    );
  }
  // One budget per shard: the operator labels each shard's pods with `operator.prometheus.io/shard`.
  for (let k = 0; k < s.shards && s.replicas >= 2; k++) {
    out.push({
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: metadata(ctx, c, id, shardName(c, k)),
      spec: {
        maxUnavailable: s.workload.maxUnavailable ?? 1,
        selector: { matchLabels: { ...selector, "operator.prometheus.io/shard": String(k) } },
      },
    });
  }
  if (s.selfMonitoring.scrape && firstOperatorScraper(ctx) === c) {
    for (const m of ctx.graph.inCluster(ctx.cluster.id))
      if (servesMetrics(m)) out.push(podMonitor(ctx, m, componentPodSelector(ctx, m)));
  }
  return out;
}

/** PodMonitors are rendered once per cluster, by the first operator-managed Prometheus that scrapes the stack. */
function firstOperatorScraper(ctx: RenderContext): Prometheus | undefined {
  return ctx.graph
    .inCluster(ctx.cluster.id)
    .find(
      (m): m is Prometheus =>
        m.kind === "prometheus" && m.settings.deployment === "operator" && m.settings.selfMonitoring.scrape,
    );
}

/** One affinity covers every shard's pods: required only for a single shard, or shards could not share nodes at all. */
function operatorSpread(s: Prometheus["settings"], selector: Record<string, string>): Obj {
  const mode = s.shards > 1 && s.workload.antiAffinity === "required" ? "preferred" : s.workload.antiAffinity;
  const affinity = antiAffinity(
    { antiAffinity: mode, antiAffinityTopology: s.workload.antiAffinityTopology },
    selector,
  );
  const spread = zoneSpread(s.workload.zoneSpread, selector);
  return {
    ...(affinity ? { affinity } : {}),
    ...(spread ? { topologySpreadConstraints: spread } : {}),
    terminationGracePeriodSeconds: s.workload.terminationGracePeriodSeconds,
  };
}

export function renderPrometheus(ctx: RenderContext, c: Prometheus): KubeObject[] {
  return c.settings.deployment === "operator" ? renderOperator(ctx, c) : renderStatefulSets(ctx, c);
}
