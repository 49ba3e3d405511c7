import { CONNECTIONS, KINDS, type ComponentKind, type ConnectionKind } from "../catalog";
import { validateDesign, type Design, type DesignInput } from "../design";
import { DEFAULT_VERSIONS, versionsSchema } from "../versions";
import { PORTS } from "../ports";
import { addressHost, imageTag, isObj, key, matchLabels, obj, selects, str, stringMap } from "./objects";
import { readMaxUnavailable, receiverMaxUnavailable } from "./hardening";
import { ClusterIndex } from "./cluster-index";
import { ClusterBuilder, OWNER_LABEL, componentName, type BucketRef } from "./build";
import type { Draft, ImageFamily } from "./draft";
import { readBucket, type Bucket } from "./bucket";
import { mapCompanions } from "./companions";
import { readExposure } from "./exposure";
import { parseManifests, type KubeObject } from "./parse";
import type { ImportReport, ReportNote, ReportObject } from "./report";
import { CANONICAL_IMAGES } from "./workloads";

export { parseManifests, ManifestParseError, ImportLimitError, MAX_IMPORT_BYTES, MAX_IMPORT_OBJECTS } from "./parse";
export type { KubeObject } from "./parse";
export type { ImportReport, ReportObject, ReportNote } from "./report";

export interface ImportCluster {
  /** Cluster name in the design; default: the `cluster` external label, else the namespace. */
  name?: string;
  objects: KubeObject[];
}

export interface ImportInput {
  name: string;
  clusters: ImportCluster[];
}

export interface ImportResult {
  design: Design;
  report: ImportReport;
}

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
export { OWNER_LABEL };

/** Which cluster and Service an address names, and the external host pattern it implies across clusters. */
interface ServiceHit {
  cluster: ClusterIndex;
  service: string;
  pattern?: string;
  domain?: string;
}

/**
 * Manifests → a design and a report. Pure: no I/O; the same objects always give the same design.
 * Every object ends up in the report, mapped to a component or not understood with a reason.
 */
export function importManifests(input: ImportInput): ImportResult {
  const notes: ReportNote[] = [];
  const ids = new Set<string>();
  const newId = (preferred: string | undefined, name: string, prefix = "") => {
    if (preferred && ID_RE.test(preferred) && !ids.has(preferred)) {
      ids.add(preferred);
      return preferred;
    }
    const base = `${prefix}${componentName(name)}`.slice(0, 60);
    let id = base;
    for (let i = 2; ids.has(id); i++) id = `${base}-${i}`;
    ids.add(id);
    return id;
  };

  const indexes = input.clusters.map((c, i) => new ClusterIndex(c.name ?? `cluster-${i + 1}`, c.objects));
  const builders = indexes.map((idx) => {
    const b = new ClusterBuilder(
      idx,
      { note: (message, d) => notes.push({ cluster: idx.name, ...(d ? { component: d.name } : {}), message }) },
      (pref, name) => newId(pref, name, input.clusters.length > 1 && !pref ? `${idx.name}-` : ""),
    );
    b.customResources(idx.objects);
    b.workloads(idx.objects);
    return b;
  });
  const drafts = builders.flatMap((b) => b.drafts);

  // Cluster names: given, else the `cluster` external label its Prometheus and rulers share, else the namespace.
  indexes.forEach((idx, i) => {
    if (input.clusters[i].name) return;
    const label = builders[i].drafts.map((d) => d.externalLabels?.cluster).find(Boolean);
    (idx as { name: string }).name = componentName(label ?? idx.namespace);
    for (const d of builders[i].drafts) d.cluster = idx.name;
  });

  // Buckets: one Object Store per distinct (provider, bucket, endpoint).
  const stores = new Map<string, { id: string; bucket: Bucket; from: Draft[]; secrets: KubeObject[] }>();
  builders.forEach((b) => {
    for (const [d, refs] of b.buckets)
      for (const ref of refs) {
        const bucket = readBucket(ref as BucketRef, (m) =>
          notes.push({ cluster: b.idx.name, component: d.name, message: m }),
        );
        if (!bucket) continue;
        let s = stores.get(bucket.key);
        if (!s) {
          const name = componentName(bucket.name);
          s = {
            id: newId(ref.secret?.metadata.annotations?.["topology-studio.dev/component-id"], name),
            bucket,
            from: [],
            secrets: [],
          };
          stores.set(bucket.key, s);
        }
        if (!s.from.includes(d)) s.from.push(d);
        if (ref.secret && !s.secrets.includes(ref.secret)) s.secrets.push(ref.secret);
      }
  });

  // Connections.
  const connections: { kind: ConnectionKind; from: string; to: string }[] = [];
  const connect = (
    kind: ConnectionKind,
    from: { id: string; kind: ComponentKind },
    to: { id: string; kind: ComponentKind },
  ) => {
    const c = CONNECTIONS[kind];
    if (from.id === to.id || !c.from.includes(from.kind) || !c.to.includes(to.kind)) return false;
    if (!connections.some((e) => e.kind === kind && e.from === from.id && e.to === to.id))
      connections.push({ kind, from: from.id, to: to.id });
    return true;
  };
  for (const s of stores.values()) for (const d of s.from) connect("uploadsTo", d, { id: s.id, kind: "objectStore" });

  const byCluster = new Map(indexes.map((idx, i) => [idx, builders[i].drafts]));
  const patterns = new Map<ClusterIndex, string>();
  const domains = new Map<ClusterIndex, string>();
  const selected = (idx: ClusterIndex, service: string): Draft[] => {
    const svc = idx.services.get(service);
    const list = byCluster.get(idx) ?? [];
    if (!svc) return list.filter((d) => d.name === service);
    const sel = stringMap(obj(svc.spec).selector);
    return list.filter((d) => d.podLabels.some((l) => selects(sel, l)));
  };
  const resolveHost = (host: string, from: ClusterIndex): ServiceHit | null => {
    const parts = host.split(".");
    const svcAt = parts.indexOf("svc");
    if (svcAt >= 2) {
      const service = parts[svcAt - 2];
      const ns = parts[svcAt - 1];
      const domain = parts.slice(svcAt + 1).join(".") || undefined;
      const order = [from, ...indexes.filter((x) => x !== from)];
      const cluster =
        order.find((x) => x.namespace === ns && x.services.has(service)) ?? order.find((x) => x.services.has(service));
      return cluster ? { cluster, service, domain } : null;
    }
    if (
      parts.length <= 2 &&
      (from.services.has(parts[0]) || (byCluster.get(from) ?? []).some((d) => d.name === parts[0]))
    )
      return { cluster: from, service: parts[0] };
    // Another cluster's external host: the longest of its Service names the host starts with.
    let best: ServiceHit | null = null;
    for (const idx of indexes)
      for (const s of idx.services.keys())
        if ((host === s || host.startsWith(`${s}.`)) && (!best || s.length > best.service.length))
          best = { cluster: idx, service: s, pattern: `{service}${host.slice(s.length)}` };
    return best;
  };
  const resolve = (d: Draft, ref: Draft["refs"][number]): Draft[] => {
    const from = indexes.find((x) => x.name === d.cluster)!;
    if (ref.service) return selected(from, ref.service);
    const addr = ref.address ? addressHost(ref.address) : null;
    if (!addr) return [];
    const hit = resolveHost(addr.host, from);
    if (!hit) return [];
    if (hit.domain) domains.set(hit.cluster, hit.domain);
    const targets = selected(hit.cluster, hit.service);
    if (hit.pattern && hit.cluster !== from && targets.length) patterns.set(hit.cluster, hit.pattern);
    return targets;
  };
  for (const d of drafts)
    for (const ref of d.refs) {
      if (ref.kind === "uploadsTo") continue;
      const found = resolve(d, ref);
      let made = false;
      for (const t of found) made = connect(ref.kind, d, t) || made;
      if (!made) {
        if (ref.fallback) ref.fallback();
        const what = `${CONNECTIONS[ref.kind].label} target ${ref.address ?? ref.service}`;
        const kept = ref.fallback ? " (kept as written)" : "";
        notes.push({
          cluster: d.cluster,
          component: d.name,
          message: found.length
            ? `${what} is ${found.map((t) => `${KINDS[t.kind].label} ${t.name}`).join(", ")}, which a ${KINDS[d.kind].label} "${CONNECTIONS[ref.kind].label}" connection cannot reach; not connected${kept}`
            : `${what} matches no imported component${kept}`,
        });
      }
    }

  // Cluster external labels: the ones every Prometheus and Ruler of the cluster attaches alike.
  const clusterLabels = new Map<ClusterIndex, Record<string, string>>();
  for (const [idx, list] of byCluster) {
    const sets = list
      .filter((d) => d.externalLabels && (d.kind === "prometheus" || d.kind === "ruler"))
      .map((d) => d.externalLabels!);
    const common: Record<string, string> = { ...(sets[0] ?? {}) };
    for (const s of sets.slice(1)) for (const k of Object.keys(common)) if (s[k] !== common[k]) delete common[k];
    clusterLabels.set(idx, common);
    for (const d of list) {
      if (!d.externalLabels) continue;
      const own = Object.fromEntries(Object.entries(d.externalLabels).filter(([k, v]) => common[k] !== v));
      if (d.kind === "prometheus") d.settings.externalLabels = own;
      else if (d.kind === "ruler")
        for (const [k, v] of Object.entries(own))
          (d.settings.extraArgs as string[]).push(`--label=${k}=${JSON.stringify(v)}`);
    }
  }

  for (const [idx, list] of byCluster)
    for (const d of list) if (d.kind === "receiver") ownPods(d, domains.get(idx) ?? "cluster.local");

  builders.forEach(disruptionBudgets);

  const versions = pickVersions(drafts);

  // Assemble and validate; a setting that fails its schema is dropped (and reported), never the component.
  const components: DesignInput["components"] = [];
  const clusterIds = new Map<ClusterIndex, string>();
  const exposureOf = (idx: ClusterIndex) => {
    const exposure = readExposure(idx.objects, idx.name, patterns.has(idx));
    return exposure ? { exposure } : {};
  };
  for (const idx of indexes) {
    const nsObj = idx.objects.find((o) => o.kind === "Namespace");
    const id = newId(nsObj?.metadata.annotations?.["topology-studio.dev/component-id"], idx.name, "cluster-");
    clusterIds.set(idx, id);
    components.push({
      id,
      kind: "cluster",
      name: idx.name,
      settings: {
        namespace: idx.namespace,
        clusterDomain: domains.get(idx) ?? "cluster.local",
        externalLabels: clusterLabels.get(idx) ?? {},
        ...(patterns.get(idx) ? { externalHostPattern: patterns.get(idx) } : {}),
        ...exposureOf(idx),
      },
    });
  }
  for (const d of drafts) {
    const idx = indexes.find((x) => x.name === d.cluster)!;
    if (d.kind !== "prometheus" && d.kind !== "ruler") delete d.settings.externalLabels;
    components.push({
      id: d.id,
      kind: d.kind,
      name: d.name,
      cluster: clusterIds.get(idx),
      settings: cleanSettings(d.kind, d.settings, notes, { cluster: d.cluster, component: d.name }),
    } as DesignInput["components"][number]);
  }
  for (const s of stores.values())
    components.push({
      id: s.id,
      kind: "objectStore",
      name: componentName(s.bucket.name),
      settings: cleanSettings("objectStore", s.bucket.settings, notes, { component: componentName(s.bucket.name) }),
    } as DesignInput["components"][number]);
  uniqueNames(components);

  // Objects a studio design deployed carry its owner label; a deploy of the new design takes them over.
  for (const [idx, list] of byCluster) {
    const owners = new Set(idx.objects.map((o) => o.metadata.labels?.[OWNER_LABEL]).filter((v): v is string => !!v));
    // Render's self-monitoring job keeps the pods whose part-of label is the design's: it follows the relabel.
    const selfScrape = list.some((d) => d.kind === "prometheus" && obj(d.settings.selfMonitoring).scrape === true);
    if (owners.size)
      notes.push({
        cluster: idx.name,
        message: `objects carry the owner label ${OWNER_LABEL}=${[...owners].join(", ")}; deploying this design relabels them as its own (labels ${OWNER_LABEL} and app.kubernetes.io/part-of, pod templates included${selfScrape ? ", and the app.kubernetes.io/part-of value the self-monitoring scrape job keeps" : ""})`,
      });
  }

  const doc: DesignInput = {
    name: input.name,
    description: "Imported from Kubernetes manifests.",
    versions,
    components,
    connections: connections.map((e, i) => ({ id: connectionId(e, i), ...e })),
  };
  const v = validateDesign(doc);
  if (!v.ok)
    throw new Error(`imported design is invalid: ${v.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);

  // The report: every object, mapped or not understood.
  const objects: ReportObject[] = [];
  builders.forEach((b) => {
    const companions = mapCompanions(b, stores, clusterIds.get(b.idx)!);
    for (const o of b.idx.objects) {
      const base = {
        cluster: b.idx.name,
        kind: o.kind,
        name: o.metadata.name,
        ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
      };
      const hit = companions.get(key(o));
      if (hit) objects.push({ ...base, status: "mapped", component: hit.name, componentId: hit.id });
      else objects.push({ ...base, status: "not-understood", reason: b.unknown.get(key(o)) ?? unknownReason(o) });
    }
  });
  const byId = new Map(v.design.components.map((c) => [c.id, c]));
  const report: ImportReport = {
    components: v.design.components.map((c) => ({
      id: c.id,
      name: c.name,
      kind: c.kind,
      ...(c.cluster ? { cluster: byId.get(c.cluster)?.name } : {}),
    })),
    connections: v.design.connections.map((e) => ({
      kind: e.kind,
      from: byId.get(e.from)!.name,
      to: byId.get(e.to)!.name,
    })),
    objects,
    notes,
    summary: {
      objects: objects.length,
      mapped: objects.filter((o) => o.status === "mapped").length,
      notUnderstood: objects.filter((o) => o.status === "not-understood").length,
      components: v.design.components.length,
      connections: v.design.connections.length,
    },
  };
  return { design: v.design, report };
}

/** Parse one YAML stream per cluster and import them together. */
export function importYaml(name: string, clusters: { name?: string; manifests: string }[]): ImportResult {
  return importManifests({
    name,
    clusters: clusters.map((c) => ({ name: c.name, objects: parseManifests(c.manifests, c.name) })),
  });
}

/**
 * A hashring that lists exactly this receiver's own pods, and a local endpoint naming this pod under its own
 * Service, are what render writes by default: keep them implicit so they follow replicas and renames.
 */
function ownPods(d: Draft, domain: string) {
  const sts = d.sources[0];
  const service = str(obj(sts.spec).serviceName) ?? sts.metadata.name;
  const host = `${service}.${d.namespace}.svc.${domain}`;
  const replicas = typeof d.settings.replicas === "number" ? d.settings.replicas : 1;
  const own = Array.from({ length: replicas }, (_, i) => `${sts.metadata.name}-${i}.${host}:${PORTS.grpc}`);
  const rings = Array.isArray(d.settings.hashrings) ? (d.settings.hashrings as { endpoints: string[] }[]) : [];
  for (const h of rings)
    if (h.endpoints.length === own.length && h.endpoints.every((e, i) => e === own[i])) h.endpoints = [];
  const local =
    typeof d.settings.localEndpoint === "string"
      ? d.settings.localEndpoint.replaceAll("$(NAMESPACE)", d.namespace)
      : undefined;
  const short = `$(NAME).${service}.${d.namespace}:${PORTS.grpc}`;
  if (local === `$(NAME).${host}:${PORTS.grpc}` || local === short) delete d.settings.localEndpoint;
}

/** PodDisruptionBudgets → `workload.maxUnavailable` of the component they select, when not render's default. */
function disruptionBudgets(b: ClusterBuilder) {
  for (const pdb of b.idx.objects) {
    if (pdb.kind !== "PodDisruptionBudget") continue;
    const sel = matchLabels(obj(pdb.spec).selector);
    const d = b.drafts.find((x) => x.podLabels.some((l) => selects(sel, l)));
    if (!d || !isObj(d.settings.workload)) continue;
    const rf = typeof d.settings.replicationFactor === "number" ? d.settings.replicationFactor : 1;
    const v = readMaxUnavailable(obj(pdb), d.kind === "receiver" ? receiverMaxUnavailable(rf) : 1);
    if (v !== undefined) d.settings.workload.maxUnavailable = v;
  }
}

function connectionId(e: { kind: string; from: string; to: string }, i: number): string {
  const id = `${e.kind}-${e.from}-${e.to}`;
  return id.length <= 64 ? id : `${e.kind}-${i + 1}`;
}

/** Names must be unique per cluster (they become object names); a clash gets a numeric suffix. */
function uniqueNames(components: DesignInput["components"]) {
  const seen = new Set<string>();
  for (const c of components) {
    const scope = c.kind === "cluster" ? "<clusters>" : (c.cluster ?? "<outside>");
    let name = c.name;
    for (let i = 2; seen.has(`${scope}/${name}`); i++) name = `${c.name.slice(0, 36)}-${i}`;
    seen.add(`${scope}/${name}`);
    c.name = name;
  }
}

/** Drop settings that fail the kind's schema (reporting each), so one odd value never loses a component. */
function cleanSettings(
  kind: ComponentKind,
  input: Record<string, unknown>,
  notes: ReportNote[],
  where: { cluster?: string; component: string },
): Record<string, unknown> {
  const schema = KINDS[kind].settings;
  const settings = { ...input };
  for (let attempt = 0; attempt < 20; attempt++) {
    const r = schema.safeParse(settings);
    if (r.success) return settings;
    const top = new Set(r.error.issues.map((i) => String(i.path[0])));
    for (const k of top) {
      const issue = r.error.issues.find((i) => String(i.path[0]) === k)!;
      // Secret values are never echoed, not even when they fail validation.
      const shown = KINDS[kind].secretPaths.includes(k) ? "(secret value)" : JSON.stringify(settings[k])?.slice(0, 120);
      notes.push({ ...where, message: `setting ${issue.path.join(".")} = ${shown} not imported: ${issue.message}` });
      delete settings[k];
    }
  }
  return {};
}

/** The most common tag of each family's canonical image becomes the design's version; other images stay per component. */
function pickVersions(drafts: Draft[]): DesignInput["versions"] {
  const counts = new Map<ImageFamily, Map<string, number>>();
  for (const d of drafts)
    for (const i of d.images) {
      const { repository, tag } = imageTag(i.image);
      if (repository !== CANONICAL_IMAGES[i.family] || !tag) continue;
      const m = counts.get(i.family) ?? new Map<string, number>();
      m.set(tag, (m.get(tag) ?? 0) + 1);
      counts.set(i.family, m);
    }
  const versions: Record<string, string> = {};
  for (const [family, m] of counts) {
    const tag = [...m.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    if (tag && versionsSchema.safeParse({ [family]: tag }).success) versions[family] = tag;
  }
  for (const d of drafts)
    for (const i of d.images) {
      const expected = `${CANONICAL_IMAGES[i.family]}:${versions[i.family] ?? DEFAULT_VERSIONS[i.family]}`;
      if (i.image !== expected) i.setting(i.image);
    }
  return versions;
}

function unknownReason(o: KubeObject): string {
  if (o.kind === "CustomResourceDefinition") return "a CustomResourceDefinition: the studio does not manage CRDs";
  if (["ConfigMap", "Secret"].includes(o.kind)) return "not referenced by any imported component";
  if (o.kind === "Service") return "selects no imported workload";
  if (["ServiceAccount", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"].includes(o.kind))
    return "not used by any imported workload";
  if (
    [
      "PodDisruptionBudget",
      "ServiceMonitor",
      "PodMonitor",
      "NetworkPolicy",
      "HorizontalPodAutoscaler",
      "Ingress",
      "PrometheusRule",
    ].includes(o.kind)
  )
    return "selects no imported workload";
  if (["DaemonSet", "Job", "CronJob", "Pod", "ReplicaSet"].includes(o.kind))
    return `a ${o.kind} is not a component the studio models`;
  return `${o.kind} (${o.apiVersion}) is not part of a Prometheus/Thanos topology the studio models`;
}
