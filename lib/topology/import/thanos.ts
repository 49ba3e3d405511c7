import { parse as parseYaml } from "yaml";
import { arr, isObj, num, obj, str, strings, type Container, type Obj } from "./objects";
import type { ClusterIndex } from "./cluster-index";
import type { Draft } from "./draft";
import { FlagSet, THANOS_FIXED, isPodNameRef, labelFlag } from "./flag-set";

/** Everything a reader needs for one Thanos container of one workload. */
export interface ReadContext {
  idx: ClusterIndex;
  draft: Draft;
  pod: Obj;
  container: Container;
  flags: FlagSet;
  note: (message: string) => void;
  /** Registers the bucket config a component reads (from `--objstore.config-file` or `--objstore.config`). */
  bucket: (config: string | undefined, source: string) => void;
}

const yamlOf = (text: string | undefined): unknown => {
  if (text === undefined) return undefined;
  try {
    return parseYaml(text);
  } catch {
    return undefined;
  }
};

/** A config given inline (`--x.config=`) or as a mounted file (`--x.config-file=`). */
function configFlag(ctx: ReadContext, name: string): { value: unknown; text?: string } | undefined {
  const inline = ctx.flags.one(`${name}`);
  if (inline !== undefined) return { value: yamlOf(inline), text: inline };
  const file = ctx.flags.one(`${name}-file`);
  if (file === undefined) return undefined;
  const { text, ref } = ctx.idx.fileText(ctx.pod, ctx.container, file);
  if (ref) ctx.draft.configRefs.add(`${ref.kind}/${ref.name}`);
  if (text === undefined) ctx.note(`--${name}-file=${file}: the file's ConfigMap or Secret is not in the input`);
  return { value: yamlOf(text), text };
}

function objstore(ctx: ReadContext) {
  const inline = ctx.flags.one("objstore.config");
  if (inline !== undefined) return ctx.bucket(inline, "--objstore.config");
  const file = ctx.flags.one("objstore.config-file");
  if (file === undefined) return;
  const { text, ref } = ctx.idx.fileText(ctx.pod, ctx.container, file);
  if (ref) ctx.draft.configRefs.add(`${ref.kind}/${ref.name}`);
  // Bitnami and kube-thanos also pass the file through an env var: `--objstore.config=$(OBJSTORE_CONFIG)`.
  ctx.bucket(text, ref ? `${ref.kind} ${ref.name} key ${ref.key}` : file);
}

function common(ctx: ReadContext) {
  ctx.flags.fixed(...THANOS_FIXED.filter((f) => !f.startsWith("objstore")));
  ctx.flags.expect("log.level", "info");
  objstore(ctx);
}

/** Cache configs (Thanos's `type: MEMCACHED|IN-MEMORY`): memcached addresses become cache references. */
function cacheConfig(ctx: ReadContext, value: unknown): { type?: string; config: Obj } {
  const v = obj(value);
  const type = str(v.type)?.toUpperCase();
  const config = obj(v.config);
  if (type === "MEMCACHED")
    for (const a of strings(config.addresses)) ctx.draft.refs.push({ kind: "cache", address: a });
  return { type, config };
}

export function readQuery(ctx: ReadContext): void {
  const s = ctx.draft.settings;
  common(ctx);
  const labels = ctx.flags.all("query.replica-label");
  s.replicaLabels = labels;
  s.autoDownsampling = ctx.flags.bool("query.auto-downsampling") ?? false;
  s.partialResponse = ctx.flags.bool("query.partial-response") ?? true;
  const extra: string[] = [];
  s.extraEndpoints = extra;
  for (const e of ctx.flags.all("endpoint", "store", "endpoint-strict")) {
    ctx.draft.refs.push({
      kind: "storeApi",
      address: e,
      fallback: () => {
        if (/^[\w.-]+:\d{1,5}$/.test(e)) extra.push(e);
        else (s.extraArgs as string[]).push(`--endpoint=${e}`);
      },
    });
  }
}

export function readQueryFrontend(ctx: ReadContext): void {
  const s = ctx.draft.settings;
  common(ctx);
  const downstream = ctx.flags.one("query-frontend.downstream-url");
  if (downstream) ctx.draft.refs.push({ kind: "downstream", address: downstream });
  ctx.flags.fixed("query-frontend.compress-responses");
  ctx.flags.expect("query-frontend.log-queries-longer-than", "10s");
  const split = ctx.flags.one("query-range.split-interval");
  if (split) s.splitInterval = split;
  const retries = num(ctx.flags.one("query-range.max-retries-per-request"));
  if (retries !== undefined) s.maxRetries = retries;
  ctx.flags.expect("labels.split-interval", str(s.splitInterval) ?? "24h");
  ctx.flags.expect("labels.max-retries-per-request", String(s.maxRetries ?? 5));
  const cache = configFlag(ctx, "query-range.response-cache-config");
  if (cache) {
    const { type, config } = cacheConfig(ctx, cache.value);
    if (type === "MEMCACHED") {
      s.cache = "memcached";
      if (str(config.expiration)) s.cacheValidity = config.expiration;
    } else if (type === "IN-MEMORY" || type === "INMEMORY") {
      s.cache = "in-memory";
      if (str(config.max_size)) s.cacheMaxSize = config.max_size;
      if (str(config.validity)) s.cacheValidity = config.validity;
    } else if (cache.value !== undefined)
      ctx.note(`response cache type ${type ?? "(none)"} is not modelled; using in-memory`);
  }
}

export function readStoreGateway(ctx: ReadContext): void {
  const s = ctx.draft.settings;
  common(ctx);
  const cache = configFlag(ctx, "index-cache.config");
  if (cache) {
    const { type, config } = cacheConfig(ctx, cache.value);
    if (type === "MEMCACHED") s.indexCache = "memcached";
    else {
      s.indexCache = "in-memory";
      if (str(config.max_size)) s.indexCacheSize = config.max_size;
    }
  } else {
    const size = ctx.flags.one("index-cache-size");
    if (size) s.indexCacheSize = size;
  }
  const minTime = ctx.flags.one("min-time");
  const maxTime = ctx.flags.one("max-time");
  if (minTime || maxTime) s.timePartition = { ...(minTime ? { minTime } : {}), ...(maxTime ? { maxTime } : {}) };
  const relabel = configFlag(ctx, "selector.relabel-config");
  if (relabel) {
    const hashmod = arr(relabel.value)
      .filter(isObj)
      .find((r) => r.action === "hashmod");
    const modulus = num(hashmod?.modulus);
    if (modulus) s.blockShards = modulus;
    else if (relabel.text) (s.extraArgs as string[]).push(`--selector.relabel-config=${relabel.text}`);
  }
}

export function readCompactor(ctx: ReadContext): void {
  const s = ctx.draft.settings;
  common(ctx);
  ctx.flags.fixed("wait");
  // Thanos keeps a resolution forever when its retention is not set: 0d.
  s.retentionRaw = ctx.flags.one("retention.resolution-raw") ?? "0d";
  s.retention5m = ctx.flags.one("retention.resolution-5m") ?? "0d";
  s.retention1h = ctx.flags.one("retention.resolution-1h") ?? "0d";
  s.downsampling = !(ctx.flags.bool("downsampling.disable") ?? false);
  // Thanos's own default delay is 48h; vertical compaction is on only with a replica label.
  s.deleteDelay = ctx.flags.one("delete-delay") ?? "48h";
  s.deduplicationReplicaLabels = ctx.flags.all("deduplication.replica-label");
}

/** `--label` flags: the one carrying the pod name is the replica label; the rest are external labels. */
function labels(ctx: ReadContext): { replica?: string; external: Record<string, string> } {
  const external: Record<string, string> = {};
  let replica: string | undefined;
  for (const l of ctx.flags.all("label")) {
    const kv = labelFlag(l);
    if (!kv) continue;
    if (isPodNameRef(kv[1])) replica = kv[0];
    else external[kv[0]] = kv[1];
  }
  return { replica, external };
}

export function readRuler(ctx: ReadContext): void {
  const s = ctx.draft.settings;
  common(ctx);
  const { replica, external } = labels(ctx);
  if (replica) s.replicaLabel = replica;
  else ctx.note("no --label carries the pod name: replicas write identical series Query cannot tell apart");
  ctx.draft.externalLabels = external;
  s.alertLabelDrop = ctx.flags.all("alert.label-drop");
  const interval = ctx.flags.one("eval-interval");
  if (interval) s.evaluationInterval = interval;
  for (const q of ctx.flags.all("query")) ctx.draft.refs.push({ kind: "queries", address: q });
  for (const a of ctx.flags.all("alertmanagers.url")) ctx.draft.refs.push({ kind: "alerts", address: a });
  const groups: unknown[] = [];
  for (const f of ctx.flags.all("rule-file")) {
    const dir = f.replace(/\/[^/]*$/, "");
    for (const v of ctx.idx.volumesUnder(ctx.pod, ctx.container, dir)) {
      ctx.draft.configRefs.add(`${v.kind}/${v.name}`);
      for (const text of Object.values(v.data)) groups.push(...arr(obj(yamlOf(text)).groups));
    }
  }
  s.ruleGroups = groups;
}

export function readReceiver(ctx: ReadContext): void {
  const s = ctx.draft.settings;
  common(ctx);
  ctx.flags.fixed("remote-write.address");
  const { replica, external } = labels(ctx);
  if (replica) s.replicaLabel = replica;
  if (Object.keys(external).length)
    ctx.note(`receiver labels ${Object.keys(external).join(", ")} kept as extra arguments`);
  for (const [k, v] of Object.entries(external)) (s.extraArgs as string[]).push(`--label=${k}=${JSON.stringify(v)}`);
  const retention = ctx.flags.one("tsdb.retention");
  if (retention) s.retention = retention;
  const rf = num(ctx.flags.one("receive.replication-factor"));
  if (rf !== undefined) s.replicationFactor = rf;
  const header = ctx.flags.one("receive.tenant-header");
  if (header) s.tenantHeader = header;
  const tenant = ctx.flags.one("receive.default-tenant-id");
  if (tenant) s.defaultTenant = tenant;
  const tenantLabel = ctx.flags.one("receive.tenant-label-name");
  if (tenantLabel) s.tenantLabel = tenantLabel;

  let ring: unknown;
  const inline = ctx.flags.one("receive.hashrings");
  const file = ctx.flags.one("receive.hashrings-file");
  if (inline !== undefined) ring = jsonOf(inline);
  else if (file !== undefined) {
    const { text, ref } = ctx.idx.fileText(ctx.pod, ctx.container, file);
    if (ref) ctx.draft.configRefs.add(`${ref.kind}/${ref.name}`);
    if (text === undefined) ctx.note(`hashrings file ${file}: its ConfigMap is not in the input`);
    ring = jsonOf(text);
  }
  const local = ctx.flags.one("receive.local-endpoint");
  const routes = inline !== undefined || file !== undefined;
  s.role = routes && local ? "router-ingestor" : routes ? "router" : "ingestor";
  if (local) s.localEndpoint = local;
  if (Array.isArray(ring))
    s.hashrings = ring.filter(isObj).map((h, i) => ({
      name: str(h.hashring) ?? (i === 0 ? "default" : `hashring-${i}`),
      tenants: strings(h.tenants),
      endpoints: arr(h.endpoints).flatMap((e) =>
        typeof e === "string" ? [e] : isObj(e) && str(e.address) ? [e.address as string] : [],
      ),
    }));
}

export function readBucketWeb(ctx: ReadContext): void {
  common(ctx);
  const refresh = ctx.flags.one("refresh");
  if (refresh) ctx.draft.settings.refresh = refresh;
}

/** The sidecar next to a Prometheus: its bucket, and the reloader paths render sets itself. */
export function readSidecar(ctx: ReadContext): void {
  common(ctx);
  ctx.flags.fixed("prometheus.url", "reloader.config-file", "reloader.config-envsubst-file", "reloader.rule-dir");
}

function jsonOf(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return yamlOf(text);
  }
}

export const THANOS_READERS = {
  query: readQuery,
  "query-frontend": readQueryFrontend,
  store: readStoreGateway,
  compact: readCompactor,
  rule: readRuler,
  receive: readReceiver,
  "tools bucket web": readBucketWeb,
  sidecar: readSidecar,
} as const;
