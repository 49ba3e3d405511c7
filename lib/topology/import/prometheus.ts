import { parse as parseYaml } from "yaml";
import { arr, isObj, num, obj, str, stringMap, strings, type Obj } from "./objects";
import type { Draft } from "./draft";
import { isPodNameRef } from "./flag-set";

/**
 * Render's own self-monitoring: the scrape job and the rule group it adds (server/render/self-monitoring.ts spells
 * them the same). They map to `selfMonitoring`, never to the user's scrape jobs or rule groups.
 */
export const SELF_JOB = "topology-studio-stack";
export const STACK_RULE_GROUP = "topology-studio-stack-health";

/** The label render adds to tell hashmod shards apart in the bucket. */
const SHARD_EXTERNAL_LABEL = "shard";

export function parseConfigText(text: string | undefined): Obj | undefined {
  if (text === undefined) return undefined;
  try {
    const v: unknown = parseYaml(text);
    return isObj(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

export const looksLikePrometheusConfig = (v: Obj | undefined) =>
  !!v && (isObj(v.global) || Array.isArray(v.scrape_configs));

/** What one shard's configuration says, before the shards of a group are merged. */
export interface ShardConfig {
  externalLabels: Record<string, string>;
  replicaLabel?: string;
  jobs: Obj[];
  /** The configuration carries render's self-monitoring job. */
  selfScrape: boolean;
  hashmod?: { modulus: number; sourceLabels: string[]; keepRule: boolean };
}

/** Scrape config keys the model keeps or render writes itself (TLS and token files for https, role relabelling). */
const SCRAPE_KEYS = [
  "job_name",
  "scrape_interval",
  "scrape_timeout",
  "metrics_path",
  "scheme",
  "tls_config",
  "authorization",
  "kubernetes_sd_configs",
  "static_configs",
  "relabel_configs",
];

/** Config keys the model has no field for are named in the report, never dropped silently. */
function unmodelled(o: Obj, known: string[], where: string, note: (m: string) => void) {
  const extra = Object.keys(o).filter((k) => !known.includes(k));
  if (extra.length) note(`${where}: ${extra.join(", ")} not modelled, not kept`);
}

/** One scrape job → the model's scrape job; hashmod relabelling is returned apart (it is the group's sharding). */
function scrapeJob(sc: Obj): { job: Obj; hashmod?: ShardConfig["hashmod"] } {
  const sd = arr(sc.kubernetes_sd_configs).filter(isObj)[0];
  const job: Obj = {
    name: str(sc.job_name) ?? "job",
    metricsPath: str(sc.metrics_path) ?? "/metrics",
    scheme: str(sc.scheme) ?? "http",
    staticTargets: arr(sc.static_configs).flatMap((s) => strings(obj(s).targets)),
  };
  if (sd) job.kubernetesSd = { role: str(sd.role) ?? "pod", namespaces: strings(obj(sd.namespaces).names) };
  if (str(sc.scrape_interval)) job.scrapeInterval = sc.scrape_interval;
  const relabel = arr(sc.relabel_configs).filter(isObj);
  const h = relabel.find((r) => r.action === "hashmod");
  if (!h) return { job };
  const target = str(h.target_label);
  const keep = relabel.some(
    (r) =>
      r.action === "keep" && strings(r.source_labels).includes(target ?? "") && /^\^?\d+\$?$/.test(str(r.regex) ?? ""),
  );
  return { job, hashmod: { modulus: num(h.modulus) ?? 1, sourceLabels: strings(h.source_labels), keepRule: keep } };
}

/** A Prometheus configuration file (one shard) → settings, refs (alerts, remote write) and notes. */
export function readPrometheusConfig(
  draft: Draft,
  cfg: Obj,
  note: (m: string) => void,
  remoteWriteTenant: (tenant: string) => void,
): ShardConfig {
  unmodelled(
    cfg,
    ["global", "rule_files", "alerting", "scrape_configs", "remote_write"],
    "the Prometheus configuration",
    note,
  );
  unmodelled(
    obj(cfg.global),
    ["scrape_interval", "scrape_timeout", "evaluation_interval", "external_labels"],
    "global",
    note,
  );
  for (const sc of arr(cfg.scrape_configs).filter(isObj))
    unmodelled(sc, SCRAPE_KEYS, `scrape job ${String(sc.job_name)}`, note);
  for (const rw of arr(cfg.remote_write).filter(isObj))
    unmodelled(rw, ["url", "headers"], `remote_write ${String(rw.url)}`, note);
  const s = draft.settings;
  const global = obj(cfg.global);
  if (str(global.scrape_interval)) s.scrapeInterval = global.scrape_interval;
  if (str(global.evaluation_interval)) s.evaluationInterval = global.evaluation_interval;
  const labels = stringMap(global.external_labels);
  let replicaLabel: string | undefined;
  for (const [k, v] of Object.entries(labels))
    if (isPodNameRef(v)) {
      replicaLabel = k;
      delete labels[k];
    }
  const alerting = obj(cfg.alerting);
  const relabels = arr(alerting.alert_relabel_configs).filter(isObj);
  s.alertLabelDrop = relabels.some((r) => r.action === "labeldrop" && r.regex === replicaLabel);
  const others = relabels.filter((r) => !(r.action === "labeldrop" && r.regex === replicaLabel));
  if (others.length)
    note(`${others.length} alert_relabel_configs other than the replica-label drop are not modelled and were dropped`);
  for (const am of arr(alerting.alertmanagers).filter(isObj)) {
    for (const sc of arr(am.static_configs))
      for (const t of strings(obj(sc).targets)) draft.refs.push({ kind: "alerts", address: t });
    if (arr(am.kubernetes_sd_configs).length || arr(am.dns_sd_configs).length)
      note("Alertmanager discovery other than static targets is not modelled");
  }
  for (const rw of arr(cfg.remote_write).filter(isObj)) {
    const url = str(rw.url);
    if (!url) continue;
    draft.refs.push({ kind: "remoteWrite", address: url });
    const headers = stringMap(rw.headers);
    const tenant = Object.entries(headers).find(([k]) => /tenant/i.test(k))?.[1];
    if (tenant) remoteWriteTenant(tenant);
  }
  return { externalLabels: labels, replicaLabel, ...readScrapeJobs(arr(cfg.scrape_configs)) };
}

/** `scrape_configs` → scrape jobs, and the hashmod sharding their relabelling applies. */
export function readScrapeJobs(list: unknown[]): Pick<ShardConfig, "jobs" | "hashmod" | "selfScrape"> {
  const jobs: Obj[] = [];
  let hashmod: ShardConfig["hashmod"];
  let selfScrape = false;
  for (const sc of list.filter(isObj)) {
    if (sc.job_name === SELF_JOB) {
      selfScrape = true;
      continue;
    }
    const r = scrapeJob(sc);
    jobs.push(r.job);
    hashmod ??= r.hashmod;
  }
  return { jobs, hashmod, selfScrape };
}

/** Merge the shards of one group: hashmod when they share jobs behind a hashmod, functional otherwise. */
export function mergeShards(draft: Draft, shards: ShardConfig[]): void {
  const s = draft.settings;
  s.shards = Math.max(1, shards.length);
  const first = shards[0];
  if (!first) return;
  selfMonitoring(s).scrape = shards.some((sh) => sh.selfScrape);
  if (first.replicaLabel) s.replicaLabel = first.replicaLabel;
  const labels = { ...first.externalLabels };
  if (shards.length > 1) delete labels[SHARD_EXTERNAL_LABEL];
  draft.externalLabels = labels;
  if (first.hashmod || shards.length === 1) {
    s.sharding = "hashmod";
    s.scrapeJobs = first.jobs;
    if (first.hashmod)
      s.hashmod = {
        modulus: first.hashmod.modulus,
        sourceLabels: first.hashmod.sourceLabels,
        keepRule: first.hashmod.keepRule,
      };
  } else {
    s.sharding = "functional";
    s.scrapeJobs = shards.flatMap((sh, k) => sh.jobs.map((j) => ({ ...j, shard: k })));
  }
}

/** Rule groups from rule files (`groups:`). */
export function ruleGroupsOf(texts: string[]): unknown[] {
  return texts.flatMap((t) => arr(parseConfigText(t)?.groups));
}

/** The settings' `selfMonitoring` object, created off: it is on only where render's own job or group is found. */
export function selfMonitoring(s: Obj): { scrape: boolean; rules: boolean } {
  if (!isObj(s.selfMonitoring)) s.selfMonitoring = { scrape: false, rules: false };
  return s.selfMonitoring as { scrape: boolean; rules: boolean };
}

/** User rule groups, with render's stack-health group taken out into `selfMonitoring.rules`. */
export function userRuleGroups(s: Obj, groups: unknown[]): unknown[] {
  const own = groups.filter((g) => isObj(g) && g.name === STACK_RULE_GROUP);
  selfMonitoring(s).rules = own.length > 0;
  return groups.filter((g) => !own.includes(g));
}
