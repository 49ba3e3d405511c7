import { parse as parseYaml } from "yaml";
import {
  arr,
  containers,
  imageTag,
  isObj,
  key,
  labelsOf,
  matchLabels,
  num,
  obj,
  podLabels,
  podSpec,
  str,
  stringMap,
  strings,
  parseArgs,
  type Container,
  type Obj,
} from "./objects";
import { ClusterIndex, isMasked } from "./cluster-index";
import { configRef, type Draft, type ImageFamily } from "./draft";
import { FlagSet } from "./flag-set";
import type { KubeObject } from "./parse";
import {
  looksLikePrometheusConfig,
  mergeShards,
  parseConfigText,
  readPrometheusConfig,
  readScrapeJobs,
  ruleGroupsOf,
  selfMonitoring,
  userRuleGroups,
  type ShardConfig,
} from "./prometheus";
import { THANOS_READERS, type ReadContext } from "./thanos";
import { classify, type Classification } from "./workloads";
import { readWorkload } from "./hardening";

/** Annotation render puts on every object: the design component it came from (keeps ids stable on a round trip). */
export const COMPONENT_ANNOTATION = "topology-studio.dev/component-id";
const SHARD_LABEL = "topology-studio.dev/shard";
/** The label render puts on every object a design owns (server/render/labels.ts spells it the same). */
export const OWNER_LABEL = "topology-studio.dev/design";

const THANOS_KIND: Record<string, Draft["kind"]> = {
  query: "query",
  "query-frontend": "queryFrontend",
  store: "storeGateway",
  compact: "compactor",
  rule: "ruler",
  receive: "receiver",
  "tools bucket web": "bucketWeb",
};

/** A bucket config read from a Secret, before buckets are merged across components. */
export interface BucketRef {
  text: string | undefined;
  source: string;
  secret?: KubeObject;
}

export interface BuildNotes {
  note(message: string, draft?: Draft): void;
}

/** Kubernetes names → a design component name (DNS label of at most 40 characters). */
export function componentName(raw: string): string {
  const s = raw
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .slice(0, 40)
    .replace(/^-+|-+$/g, "");
  return s || "component";
}

function resources(c: Container | Obj | undefined): Obj {
  const r = obj(isObj(c) && "resources" in c ? c.resources : undefined);
  const pick = (x: unknown) => {
    const o = obj(x);
    const out: Obj = {};
    for (const k of ["cpu", "memory"]) {
      const v = o[k];
      if (typeof v === "string" || typeof v === "number") out[k] = String(v);
    }
    return out;
  };
  return { requests: pick(r.requests), limits: pick(r.limits) };
}

function storageOf(o: KubeObject): Obj | undefined {
  const vct = arr(obj(o.spec).volumeClaimTemplates).filter(isObj)[0];
  if (!vct) return undefined;
  const spec = obj(vct.spec);
  const size = obj(obj(spec.resources).requests).storage;
  return {
    ...(typeof size === "string" ? { size } : {}),
    ...(str(spec.storageClassName) ? { storageClass: spec.storageClassName } : {}),
  };
}

/** Group key and shard index of a workload: `<name>-shard-<k>` StatefulSets of one component are one group. */
function groupOf(o: KubeObject): { group: string; shard: number } {
  const labels = labelsOf(o);
  const m = /^(.*)-shard-(\d+)$/.exec(o.metadata.name);
  const shardLabel = labels[SHARD_LABEL] ?? podLabels(o)[SHARD_LABEL];
  const instance = labels["app.kubernetes.io/instance"];
  if (m) return { group: instance && m[1].startsWith(instance) ? instance : m[1], shard: Number(shardLabel ?? m[2]) };
  // kube-thanos store shards: thanos-store-0, thanos-store-1 with `store.thanos.io/shard`.
  const ks = /^(.*)-(\d+)$/.exec(o.metadata.name);
  if (ks && labels["store.thanos.io/shard"]) return { group: ks[1], shard: Number(ks[2]) };
  return { group: o.metadata.name, shard: 0 };
}

/** The raw container of a workload by name (security context and the like are not in the read `Container`). */
function rawContainer(o: KubeObject, name: string): Obj | undefined {
  return arr(podSpec(o).containers)
    .filter(isObj)
    .find((c) => c.name === name);
}

interface Workload {
  obj: KubeObject;
  cls: Exclude<Classification, { kind: "unknown" }>;
  group: string;
  shard: number;
}

/** The draft builder for one cluster: workloads and custom resources → drafts with settings and references. */
export class ClusterBuilder {
  readonly drafts: Draft[] = [];
  readonly buckets = new Map<Draft, BucketRef[]>();
  readonly unknown = new Map<string, string>();
  /** Companion objects already mapped: object key → draft. */
  readonly mapped = new Map<string, Draft>();

  constructor(
    readonly idx: ClusterIndex,
    private readonly notes: BuildNotes,
    private readonly newId: (preferred: string | undefined, name: string) => string,
  ) {}

  private draft(kind: Draft["kind"], name: string, source: KubeObject, settings: Obj): Draft {
    const d: Draft = {
      id: this.newId(source.metadata.annotations?.[COMPONENT_ANNOTATION], name),
      kind,
      name: componentName(name),
      cluster: this.idx.name,
      namespace: source.metadata.namespace ?? this.idx.namespace,
      settings,
      sources: [source],
      podLabels: [],
      serviceAccounts: [],
      configRefs: new Set(),
      refs: [],
      images: [],
    };
    this.drafts.push(d);
    return d;
  }

  private note = (d: Draft) => (m: string) => this.notes.note(m, d);

  private readCtx(d: Draft, pod: Obj, c: Container, argv: string[]): ReadContext {
    const flags = new FlagSet(parseArgs(argv).flags);
    return {
      idx: this.idx,
      draft: d,
      pod,
      container: c,
      flags,
      note: this.note(d),
      bucket: (text, source) => {
        // kube-thanos: `--objstore.config=$(OBJSTORE_CONFIG)` with the variable from a Secret key.
        const envRef = text && /^\$\((\w+)\)$/.exec(text.trim());
        if (envRef) {
          const env = c.env.find((e) => e.name === envRef[1]);
          const ref = obj(obj(env?.valueFrom).secretKeyRef);
          const name = str(ref.name);
          if (name) {
            d.configRefs.add(configRef("Secret", name));
            this.addBucket(d, {
              text: this.idx.data("Secret", name)?.[str(ref.key) ?? ""],
              source: `Secret ${name}`,
              secret: this.idx.secrets.get(name),
            });
            return;
          }
        }
        const secretName = /^Secret (\S+)/.exec(source)?.[1];
        this.addBucket(d, { text, source, secret: secretName ? this.idx.secrets.get(secretName) : undefined });
      },
    };
  }

  addBucket(d: Draft, b: BucketRef) {
    const list = this.buckets.get(d) ?? [];
    list.push(b);
    this.buckets.set(d, list);
  }

  private image(d: Draft, family: ImageFamily, image: string, setting: (image: string) => void) {
    if (image) d.images.push({ family, image, setting });
  }

  private fromPod(d: Draft, o: KubeObject) {
    d.podLabels.push(podLabels(o));
    const sa = str(podSpec(o).serviceAccountName);
    if (sa) d.serviceAccounts.push(sa);
    for (const v of arr(podSpec(o).volumes).filter(isObj)) {
      if (isObj(v.configMap) && str(v.configMap.name))
        d.configRefs.add(configRef("ConfigMap", v.configMap.name as string));
      if (isObj(v.secret) && str(v.secret.secretName))
        d.configRefs.add(configRef("Secret", v.secret.secretName as string));
      const claim = str(obj(v.persistentVolumeClaim).claimName);
      if (claim) d.configRefs.add(`PersistentVolumeClaim/${claim}`);
    }
    for (const c of [...containers(o), ...containers(o, "initContainers")])
      for (const e of c.env) {
        const ref = obj(obj(e.valueFrom).secretKeyRef);
        if (str(ref.name)) d.configRefs.add(configRef("Secret", ref.name as string));
        const cm = obj(obj(e.valueFrom).configMapKeyRef);
        if (str(cm.name)) d.configRefs.add(configRef("ConfigMap", cm.name as string));
      }
  }

  /**
   * Containers next to a Thanos one: a Ruler's configmap-reload is what render adds itself (it reloads the rules
   * ConfigMap); any other is named, not kept.
   */
  private sideContainers(d: Draft, o: KubeObject, main: string) {
    for (const c of containers(o)) {
      if (c.name === main) continue;
      if (d.kind === "ruler" && /(^|\/)configmap-reload$/.test(imageTag(c.image).repository)) continue;
      this.notes.note(`container ${c.name} (${c.image || "no image"}) not modelled, not kept`, d);
    }
  }

  /** Deployments and StatefulSets: classify, group shards, read settings. */
  workloads(objects: KubeObject[]): void {
    const found: Workload[] = [];
    for (const o of objects) {
      if (o.kind !== "Deployment" && o.kind !== "StatefulSet") continue;
      const cls = classify(containers(o));
      if (cls.kind === "unknown") {
        this.unknown.set(key(o), cls.reason);
        continue;
      }
      found.push({ obj: o, cls, ...groupOf(o) });
    }
    const groups = new Map<string, Workload[]>();
    for (const w of found) {
      const g = `${w.cls.kind}:${w.cls.kind === "thanos" ? w.cls.subcommand : ""}:${w.group}`;
      const list = groups.get(g) ?? [];
      list.push(w);
      groups.set(g, list);
    }
    for (const list of groups.values()) {
      list.sort((a, b) => a.shard - b.shard);
      const w = list[0];
      if (w.cls.kind === "prometheus") this.prometheusGroup(w.group, list);
      else if (w.cls.kind === "thanos") {
        const d = this.thanos(w.cls, w.obj, w.group);
        // Store shards: one component, the shard count from the StatefulSets.
        for (const other of list.slice(1)) {
          d.sources.push(other.obj);
          this.fromPod(d, other.obj);
        }
        if (d.kind === "storeGateway" && list.length > 1) d.settings.blockShards = list.length;
      } else this.simple(w.cls, w.obj);
    }
  }

  private thanos(cls: Extract<Classification, { kind: "thanos" }>, o: KubeObject, group: string): Draft {
    const kind = THANOS_KIND[cls.subcommand];
    const d = this.draft(kind, group, o, { replicas: num(obj(o.spec).replicas) ?? 1, extraArgs: [] });
    this.fromPod(d, o);
    const ctx = this.readCtx(d, podSpec(o), cls.container, cls.argv);
    THANOS_READERS[cls.subcommand as keyof typeof THANOS_READERS](ctx);
    (d.settings.extraArgs as string[]).push(...ctx.flags.rest());
    d.settings.resources = resources(cls.container);
    d.settings.workload = readWorkload(podSpec(o), rawContainer(o, cls.container.name));
    this.sideContainers(d, o, cls.container.name);
    const storage = storageOf(o);
    if (storage && kind !== "query" && kind !== "queryFrontend" && kind !== "bucketWeb") d.settings.storage = storage;
    this.image(d, "thanos", cls.container.image, (image) => (d.settings.image = image));
    return d;
  }

  private prometheusGroup(group: string, list: Workload[]) {
    const first = list[0];
    const d = this.draft("prometheus", group, first.obj, {
      deployment: "statefulset",
      replicas: num(obj(first.obj.spec).replicas) ?? 1,
      extraArgs: [],
      thanos: {},
    });
    const s = d.settings;
    const thanos = s.thanos as Obj;
    const shards: ShardConfig[] = [];
    let ruleTexts: string[] = [];
    list.forEach((w, i) => {
      if (w.cls.kind !== "prometheus") return;
      if (i > 0) d.sources.push(w.obj);
      this.fromPod(d, w.obj);
      const pod = podSpec(w.obj);
      const prom = w.cls.prometheus;
      const flags = new FlagSet(parseArgs(prom.args).flags);
      flags.fixed("storage.tsdb.path", "web.enable-lifecycle", "web.enable-admin-api");
      flags.expect("web.listen-address", "0.0.0.0:9090");
      const configFile = flags.one("config.file");
      const retention = flags.one("storage.tsdb.retention.time", "storage.tsdb.retention");
      if (retention) s.retention = retention;
      else s.retention = "15d"; // Prometheus's own default
      const minBlock = flags.one("storage.tsdb.min-block-duration");
      const maxBlock = flags.one("storage.tsdb.max-block-duration");
      if (minBlock) thanos.minBlockDuration = minBlock;
      if (maxBlock) thanos.maxBlockDuration = maxBlock;
      if (i === 0) {
        (s.extraArgs as string[]).push(...flags.rest());
        s.resources = resources(prom);
        s.workload = readWorkload(pod, rawContainer(w.obj, prom.name));
        const storage = storageOf(w.obj);
        if (storage) s.storage = storage;
        this.image(d, "prometheus", prom.image, (image) => (s.image = image));
      }
      // The sidecar's reloader reads the template (with `$(POD_NAME)`); Prometheus reads the expanded copy.
      let sidecarFlags: FlagSet | undefined;
      if (w.cls.sidecar) {
        const ctx = this.readCtx(d, pod, w.cls.sidecar.container, w.cls.sidecar.argv);
        THANOS_READERS.sidecar(ctx);
        sidecarFlags = ctx.flags;
        if (i === 0) {
          thanos.extraArgs = ctx.flags.rest();
          thanos.sidecarResources = resources(w.cls.sidecar.container);
          const img = w.cls.sidecar.container.image;
          this.image(d, "thanos", img, () =>
            this.notes.note(
              `sidecar image ${img} differs from the design's Thanos version; render uses the design's`,
              d,
            ),
          );
        }
      }
      const template = sidecarFlags
        ? new FlagSet(parseArgs(w.cls.sidecar!.argv).flags).one("reloader.config-file")
        : undefined;
      let text: string | undefined;
      for (const [c, path] of [
        [w.cls.sidecar?.container, template],
        [prom, configFile],
      ] as const) {
        if (!c || !path || text !== undefined) continue;
        const f = this.idx.fileText(pod, c, path);
        text = f.text;
      }
      let cfg = parseConfigText(text);
      if (!looksLikePrometheusConfig(cfg)) {
        // Fall back to any mounted ConfigMap or Secret that holds a Prometheus configuration.
        for (const ref of d.configRefs) {
          const [kind, name] = ref.split("/") as ["ConfigMap" | "Secret", string];
          for (const t of Object.values(this.idx.data(kind, name) ?? {})) {
            const c = parseConfigText(t);
            if (looksLikePrometheusConfig(c)) cfg = c;
          }
        }
      }
      if (!looksLikePrometheusConfig(cfg)) {
        this.notes.note(
          `${w.obj.metadata.name}: its Prometheus configuration is not in the input; scrape jobs and labels use defaults`,
          d,
        );
        return;
      }
      shards.push(readPrometheusConfig(d, cfg!, this.note(d), (tenant) => (thanos.tenant = tenant)));
      if (i === 0) {
        const texts: string[] = [];
        for (const rf of strings(cfg!.rule_files)) {
          const dir = rf.replace(/\/[^/]*$/, "");
          for (const v of this.idx.volumesUnder(pod, prom, dir)) texts.push(...Object.values(v.data));
        }
        ruleTexts = texts;
      }
    });
    mergeShards(d, shards);
    if (shards.length < list.length && shards.length > 0) s.shards = list.length;
    selfMonitoring(s);
    s.ruleGroups = userRuleGroups(s, ruleGroupsOf(ruleTexts));
    thanos.mode = list.some((w) => w.cls.kind === "prometheus" && w.cls.sidecar)
      ? "sidecar"
      : d.refs.some((r) => r.kind === "remoteWrite")
        ? "remote-write"
        : "none";
  }

  private simple(cls: Extract<Classification, { kind: "alertmanager" | "memcached" | "grafana" }>, o: KubeObject) {
    const d = this.draft(cls.kind, o.metadata.name, o, { replicas: num(obj(o.spec).replicas) ?? 1 });
    this.fromPod(d, o);
    const c = cls.container;
    d.settings.resources = resources(c);
    d.settings.workload = readWorkload(podSpec(o), rawContainer(o, c.name));
    this.image(d, cls.kind, c.image, (image) => (d.settings.image = image));
    const pod = podSpec(o);
    if (cls.kind === "memcached") {
      const argv = [...c.command.slice(1), ...c.args];
      const m = argv.indexOf("-m");
      const mem = num(m === -1 ? argv.find((a) => a.startsWith("--memory-limit="))?.split("=")[1] : argv[m + 1]);
      if (mem) d.settings.memoryLimitMb = mem;
      const other = argv.filter(
        (a) => a.startsWith("-") && !["-m", "-c", "-I", "-p"].includes(a) && !a.startsWith("--memory-limit="),
      );
      if (other.length) this.notes.note(`memcached options not modelled, not kept: ${other.join(" ")}`, d);
    } else if (cls.kind === "alertmanager") {
      const flags = new FlagSet(parseArgs(c.args).flags);
      const file = flags.one("config.file");
      flags.fixed(
        "storage.path",
        "web.listen-address",
        "cluster.listen-address",
        "cluster.advertise-address",
        "cluster.peer",
      );
      if (flags.rest().length)
        this.notes.note(`Alertmanager flags not modelled, not kept: ${flags.rest().join(" ")}`, d);
      const cfg = parseConfigText(file ? this.idx.fileText(pod, c, file).text : undefined);
      if (cfg) this.alertmanagerConfig(d, cfg);
    } else {
      const user = this.envValue(c, "GF_SECURITY_ADMIN_USER");
      if (user) d.settings.adminUser = user;
      const password = this.envValue(c, "GF_SECURITY_ADMIN_PASSWORD");
      if (!isMasked(password)) d.settings.adminPassword = password;
      this.grafanaDatasources(d);
    }
  }

  /** An environment variable's value, literal or from a Secret key. */
  private envValue(c: Container, name: string): string | undefined {
    const e = c.env.find((x) => x.name === name);
    if (str(e?.value)) return e!.value as string;
    const ref = obj(obj(e?.valueFrom).secretKeyRef);
    return str(ref.name) ? this.idx.data("Secret", ref.name as string)?.[str(ref.key) ?? ""] : undefined;
  }

  alertmanagerConfig(d: Draft, cfg: Obj) {
    const route = obj(cfg.route);
    const groupBy = strings(route.group_by);
    if (groupBy.length) d.settings.groupBy = groupBy;
    const receiver = arr(cfg.receivers)
      .filter(isObj)
      .find((r) => r.name === route.receiver);
    const url = str(obj(arr(receiver?.webhook_configs)[0]).url);
    if (url) d.settings.webhookUrl = url;
    if (arr(route.routes).length || arr(cfg.receivers).length > 1)
      this.notes.note("Alertmanager routes beyond one default receiver are not modelled", d);
  }

  /** Datasources from mounted ConfigMaps, or ConfigMaps the Grafana sidecar loads by label (kube-prometheus-stack). */
  private grafanaDatasources(d: Draft) {
    const candidates = [...d.configRefs]
      .filter((r) => r.startsWith("ConfigMap/"))
      .map((r) => r.slice("ConfigMap/".length));
    for (const [name, cm] of this.idx.configMaps) if (labelsOf(cm).grafana_datasource) candidates.push(name);
    for (const name of new Set(candidates)) {
      for (const text of Object.values(this.idx.data("ConfigMap", name) ?? {})) {
        const ds = arr(parseConfigText(text)?.datasources).filter(isObj);
        if (!ds.length) continue;
        d.configRefs.add(configRef("ConfigMap", name));
        for (const x of ds)
          if (str(x.url) && (x.type === "prometheus" || x.type === undefined))
            d.refs.push({ kind: "queries", address: x.url as string });
      }
    }
  }

  /** prometheus-operator resources: Prometheus, ThanosRuler, Alertmanager. */
  customResources(objects: KubeObject[]): void {
    const rules = objects.filter((o) => o.kind === "PrometheusRule");
    const rulesFor = (d: Draft, selector: unknown) => {
      const sel = matchLabels(selector);
      const texts: unknown[] = [];
      for (const r of rules)
        if (Object.keys(sel).length && Object.entries(sel).every(([k, v]) => labelsOf(r)[k] === v)) {
          this.mapped.set(key(r), d);
          texts.push(...arr(obj(r.spec).groups));
        }
      return texts;
    };
    for (const o of objects) {
      const spec = obj(o.spec);
      const name = o.metadata.name;
      const meta = stringMap(obj(spec.podMetadata).labels);
      if (o.kind === "Prometheus" && o.apiVersion.startsWith("monitoring.coreos.com/")) {
        const storage = obj(obj(obj(obj(spec.storage).volumeClaimTemplate).spec));
        const size = obj(obj(storage.resources).requests).storage;
        const th = isObj(spec.thanos) ? spec.thanos : undefined;
        const d = this.draft("prometheus", name, o, {
          deployment: "operator",
          // The operator drops the replica label from alerts itself.
          alertLabelDrop: true,
          replicas: num(spec.replicas) ?? 1,
          shards: num(spec.shards) ?? 1,
          replicaLabel: str(spec.replicaExternalLabelName) ?? "prometheus_replica",
          retention: str(spec.retention) ?? "24h",
          scrapeInterval: str(spec.scrapeInterval) ?? "30s",
          evaluationInterval: str(spec.evaluationInterval) ?? "30s",
          resources: resources(spec),
          storage: {
            ...(typeof size === "string" ? { size } : {}),
            ...(str(storage.storageClassName) ? { storageClass: storage.storageClassName } : {}),
          },
          thanos: {
            mode: th ? "sidecar" : arr(spec.remoteWrite).length ? "remote-write" : "none",
            ...(th && str(th.blockSize) ? { minBlockDuration: th.blockSize, maxBlockDuration: th.blockSize } : {}),
            ...(th ? { sidecarResources: resources(th) } : {}),
          },
          scrapeJobs: [],
          workload: readWorkload(spec, undefined),
        });
        d.externalLabels = stringMap(spec.externalLabels);
        d.settings.extraArgs = operatorArgs(spec.additionalArgs);
        if (th) (d.settings.thanos as Obj).extraArgs = operatorArgs(th.additionalArgs);
        d.podLabels.push({
          ...meta,
          "app.kubernetes.io/name": "prometheus",
          "app.kubernetes.io/instance": name,
          "operator.prometheus.io/name": name,
          prometheus: name,
          "app.kubernetes.io/managed-by": "prometheus-operator",
        });
        if (str(spec.serviceAccountName)) d.serviceAccounts.push(spec.serviceAccountName as string);
        this.crImage(d, "prometheus", spec);
        if (th) {
          const img = str(th.image) ?? (str(th.version) ? `quay.io/thanos/thanos:${th.version as string}` : undefined);
          if (img)
            this.image(d, "thanos", img, () =>
              this.notes.note(
                `sidecar image ${img} differs from the design's Thanos version; render uses the design's`,
                d,
              ),
            );
          const ref = obj(th.objectStorageConfig);
          const secret = str(ref.name);
          if (secret) {
            d.configRefs.add(configRef("Secret", secret));
            this.addBucket(d, {
              text: this.idx.data("Secret", secret)?.[str(ref.key) ?? ""],
              source: `Secret ${secret}`,
              secret: this.idx.secrets.get(secret),
            });
          }
        }
        for (const rw of arr(spec.remoteWrite).filter(isObj)) {
          if (str(rw.url)) d.refs.push({ kind: "remoteWrite", address: rw.url as string });
          const tenant = Object.entries(stringMap(rw.headers)).find(([k]) => /tenant/i.test(k))?.[1];
          if (tenant) (d.settings.thanos as Obj).tenant = tenant;
        }
        for (const am of arr(obj(spec.alerting).alertmanagers).filter(isObj))
          if (str(am.name)) d.refs.push({ kind: "alerts", service: am.name as string });
        const extra = obj(spec.additionalScrapeConfigs);
        if (str(extra.name)) {
          d.configRefs.add(configRef("Secret", extra.name as string));
          const text = this.idx.data("Secret", extra.name as string)?.[str(extra.key) ?? ""];
          d.settings.scrapeJobs = readScrapeJobs(parseYamlList(text)).jobs;
        }
        // Render selects the design's own PodMonitors by its owner label: that is `selfMonitoring.scrape`.
        const ownMonitors = OWNER_LABEL in matchLabels(spec.podMonitorSelector);
        selfMonitoring(d.settings).scrape = ownMonitors;
        if (isObj(spec.serviceMonitorSelector) || (isObj(spec.podMonitorSelector) && !ownMonitors))
          this.notes.note("ServiceMonitor/PodMonitor scrape targets are not modelled as scrape jobs", d);
        d.settings.ruleGroups = userRuleGroups(d.settings, rulesFor(d, spec.ruleSelector));
        this.operatorContainers(d, spec.containers);
        // The operator labels each shard's pods; render's per-shard PodDisruptionBudgets select by it.
        const base = d.podLabels[0];
        for (let k = 0; k < (num(spec.shards) ?? 1); k++)
          d.podLabels.push({ ...base, "operator.prometheus.io/shard": String(k) });
      } else if (o.kind === "ThanosRuler" && o.apiVersion.startsWith("monitoring.coreos.com/")) {
        const d = this.draft("ruler", name, o, {
          replicas: num(spec.replicas) ?? 1,
          replicaLabel: "thanos_ruler_replica",
          alertLabelDrop: strings(spec.alertDropLabels),
          evaluationInterval: str(spec.evaluationInterval) ?? "15s",
          resources: resources(spec),
          extraArgs: [],
        });
        d.externalLabels = stringMap(spec.labels);
        d.podLabels.push({
          ...meta,
          "app.kubernetes.io/name": "thanos-ruler",
          "app.kubernetes.io/instance": name,
          "thanos-ruler": name,
        });
        this.crImage(d, "thanos", spec);
        for (const q of strings(spec.queryEndpoints)) d.refs.push({ kind: "queries", address: q });
        for (const a of strings(spec.alertmanagersUrl)) d.refs.push({ kind: "alerts", address: a });
        const ref = obj(spec.objectStorageConfig);
        if (str(ref.name)) {
          d.configRefs.add(configRef("Secret", ref.name as string));
          this.addBucket(d, {
            text: this.idx.data("Secret", ref.name as string)?.[str(ref.key) ?? ""],
            source: `Secret ${ref.name as string}`,
            secret: this.idx.secrets.get(ref.name as string),
          });
        }
        d.settings.ruleGroups = rulesFor(d, spec.ruleSelector);
        this.notes.note("a ThanosRuler resource is imported as a Ruler; render emits it as a StatefulSet", d);
      } else if (o.kind === "Alertmanager" && o.apiVersion.startsWith("monitoring.coreos.com/")) {
        const d = this.draft("alertmanager", name, o, {
          replicas: num(spec.replicas) ?? 1,
          resources: resources(spec),
        });
        d.podLabels.push({
          ...meta,
          "app.kubernetes.io/name": "alertmanager",
          "app.kubernetes.io/instance": name,
          alertmanager: name,
        });
        this.crImage(d, "alertmanager", spec);
        const secret = `alertmanager-${name}`;
        const cfg = parseConfigText(this.idx.data("Secret", secret)?.["alertmanager.yaml"]);
        if (cfg) {
          d.configRefs.add(configRef("Secret", secret));
          this.alertmanagerConfig(d, cfg);
        }
        this.notes.note("an Alertmanager resource is imported as an Alertmanager; render emits it as a StatefulSet", d);
      }
    }
  }

  /**
   * A Prometheus resource's `containers` patches: render writes only GOMEMLIMIT (derived from the memory limit)
   * into `prometheus` and `thanos-sidecar`; anything else is named, not kept.
   */
  private operatorContainers(d: Draft, list: unknown) {
    for (const c of arr(list).filter(isObj)) {
      const name = str(c.name) ?? "(unnamed)";
      const env = arr(c.env).filter((e) => !(isObj(e) && e.name === "GOMEMLIMIT"));
      const other = Object.keys(c).filter((k) => k !== "name" && k !== "env");
      const own = name === "prometheus" || name === "thanos-sidecar";
      if (!own || env.length || other.length)
        this.notes.note(
          `container patch ${name} (${[...(env.length ? ["env"] : []), ...other].join(", ") || "a container the operator does not run"}) not modelled, not kept`,
          d,
        );
    }
  }

  /** Custom resources name a `version` and optionally an `image`. */
  private crImage(d: Draft, family: ImageFamily, spec: Obj) {
    const image =
      str(spec.image) ??
      (str(spec.version)
        ? `${family === "thanos" ? "quay.io/thanos/thanos" : `quay.io/prometheus/${family}`}:${spec.version as string}`
        : undefined);
    if (image) this.image(d, family, image, (img) => (d.settings.image = img));
  }
}

/** The operator's `additionalArgs: [{name, value}]` → `--name=value`. */
function operatorArgs(v: unknown): string[] {
  return arr(v)
    .filter(isObj)
    .flatMap((a) =>
      str(a.name)
        ? [str(a.value) === undefined ? `--${a.name as string}` : `--${a.name as string}=${a.value as string}`]
        : [],
    );
}

function parseYamlList(text: string | undefined): unknown[] {
  if (text === undefined) return [];
  try {
    return arr(parseYaml(text));
  } catch {
    return [];
  }
}
