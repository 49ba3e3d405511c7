import { durationMs } from "../../primitives";
import type { LintRule } from "../types";
import { bucketsOf, connectionId, hasAlertingRules, named, plural } from "../util";

const TWO_HOURS = 2 * 3_600_000;

/** Hashmod shards partition targets only when modulus = shards and each shard keeps its own residue. */
export const hashmodShards: LintRule = {
  id: "hashmod-shards",
  severity: "error",
  title: "Hashmod modulus differs from the shard count, or shards lack the keep rule",
  check(g) {
    const out: ReturnType<LintRule["check"]> = [];
    for (const p of g.ofKind("prometheus")) {
      const s = p.settings;
      if (s.sharding !== "hashmod") continue;
      const modulus = s.hashmod.modulus;
      if (modulus !== undefined && modulus !== s.shards)
        out.push({
          componentId: p.id,
          message:
            modulus > s.shards
              ? `${named(p)} hashes targets modulo ${modulus} but has ${plural(s.shards, "shard")}: targets hashing to ${s.shards}..${modulus - 1} are scraped by no shard.`
              : `${named(p)} hashes targets modulo ${modulus} but has ${plural(s.shards, "shard")}: shards ${modulus}..${s.shards - 1} scrape nothing while the others carry every target.`,
          hint: `Set the hashmod modulus to ${s.shards} (or leave it empty: it defaults to the shard count).`,
        });
      if (!s.hashmod.keepRule && s.shards > 1)
        out.push({
          componentId: p.id,
          message: `${named(p)} has ${s.shards} hashmod shards without the per-shard keep rule: every shard scrapes every target, multiplying load by ${s.shards} with no sharding at all.`,
          hint: "Turn the keep rule on so shard k keeps only targets whose __tmp_hash is k.",
        });
    }
    return out;
  },
};

/** Functional sharding: each job names the shard that scrapes it. */
export const functionalShardRange: LintRule = {
  id: "functional-shard-range",
  severity: "error",
  title: "A scrape job assigned to a shard that does not exist",
  check(g) {
    const out: ReturnType<LintRule["check"]> = [];
    for (const p of g.ofKind("prometheus")) {
      const s = p.settings;
      if (s.sharding !== "functional") continue;
      for (const j of s.scrapeJobs)
        if (j.shard !== undefined && j.shard >= s.shards)
          out.push({
            componentId: p.id,
            message: `${named(p)} assigns job "${j.name}" to shard ${j.shard}, but shards are numbered 0..${s.shards - 1}: nothing scrapes it.`,
            hint: `Assign "${j.name}" to a shard between 0 and ${s.shards - 1}, or add shards.`,
          });
    }
    return out;
  },
};

export const functionalShardUnassigned: LintRule = {
  id: "functional-shard-unassigned",
  severity: "warning",
  title: "Functional sharding with jobs or shards left unassigned",
  check(g) {
    const out: ReturnType<LintRule["check"]> = [];
    for (const p of g.ofKind("prometheus")) {
      const s = p.settings;
      if (s.sharding !== "functional" || s.shards < 2) continue;
      const unassigned = s.scrapeJobs.filter((j) => j.shard === undefined).map((j) => `"${j.name}"`);
      if (unassigned.length)
        out.push({
          componentId: p.id,
          message: `${named(p)} shards by function, but job${unassigned.length > 1 ? "s" : ""} ${unassigned.join(", ")} name${unassigned.length > 1 ? "" : "s"} no shard: which shard scrapes ${unassigned.length > 1 ? "them" : "it"} is left to chance.`,
          hint: "Give every scrape job a shard number.",
        });
      const used = new Set(s.scrapeJobs.map((j) => j.shard));
      const idle = Array.from({ length: s.shards }, (_, k) => k).filter((k) => !used.has(k));
      if (unassigned.length === 0 && idle.length)
        out.push({
          componentId: p.id,
          message: `${named(p)} runs shard${idle.length > 1 ? "s" : ""} ${idle.join(", ")} with no scrape job: idle Prometheus pods.`,
          hint: "Assign a job to every shard or reduce the shard count.",
        });
    }
    return out;
  },
};

/** Thanos requires equal 2h block durations so the sidecar uploads whole, uncompacted blocks. */
export const sidecarBlockDuration: LintRule = {
  id: "sidecar-block-duration",
  severity: "error",
  title: "Sidecar mode without min-block-duration = max-block-duration = 2h",
  check(g) {
    return g
      .ofKind("prometheus")
      .filter((p) => p.settings.thanos.mode === "sidecar")
      .filter(
        (p) =>
          durationMs(p.settings.thanos.minBlockDuration) !== TWO_HOURS ||
          durationMs(p.settings.thanos.maxBlockDuration) !== TWO_HOURS,
      )
      .map((p) => ({
        componentId: p.id,
        message: `${named(p)} runs a Thanos sidecar with block durations min ${p.settings.thanos.minBlockDuration} / max ${p.settings.thanos.maxBlockDuration}: local compaction makes the sidecar skip or duplicate uploads and corrupts the compactor's view.`,
        hint: "Set --storage.tsdb.min-block-duration and --storage.tsdb.max-block-duration both to 2h.",
      }));
  },
};

/** A sidecar with no bucket still serves recent data, so this is a warning, not an error. */
export const sidecarNoUpload: LintRule = {
  id: "sidecar-no-upload",
  severity: "warning",
  title: "Sidecar-mode Prometheus that uploads nowhere",
  check(g) {
    return g
      .ofKind("prometheus")
      .filter((p) => p.settings.thanos.mode === "sidecar" && bucketsOf(g, p).length === 0)
      .map((p) => ({
        componentId: p.id,
        message: `${named(p)} runs a Thanos sidecar with no object store: blocks are never uploaded and data older than its ${p.settings.retention} retention is lost.`,
        hint: `Connect ${p.name} to an Object Store ("uploads to").`,
      }));
  },
};

/** Remote-write mode pushes to a receiver; without a remoteWrite connection the samples go nowhere. */
export const remoteWriteMissing: LintRule = {
  id: "remote-write-missing",
  severity: "error",
  title: "Remote-write Prometheus with no receiver",
  check(g) {
    return g
      .ofKind("prometheus")
      .filter((p) => p.settings.thanos.mode === "remote-write" && g.targets(p, "remoteWrite").length === 0)
      .map((p) => ({
        componentId: p.id,
        message: `${named(p)} is in remote-write mode but writes to no receiver: nothing leaves the pod and nothing reaches Thanos.`,
        hint: `Connect ${p.name} to a Receiver with a "remote write" connection, or switch its Thanos mode to sidecar.`,
      }));
  },
};

export const remoteWriteNotEnabled: LintRule = {
  id: "remote-write-not-enabled",
  severity: "warning",
  title: "remoteWrite connection from a Prometheus not in remote-write mode",
  check(g) {
    const out: ReturnType<LintRule["check"]> = [];
    for (const p of g.ofKind("prometheus")) {
      if (p.settings.thanos.mode === "remote-write") continue;
      for (const r of g.targets(p, "remoteWrite"))
        out.push({
          componentId: p.id,
          connectionId: connectionId(g, p, r, "remoteWrite"),
          message: `${named(p)} is in ${p.settings.thanos.mode} mode, so its remote write connection to ${named(r)} is ignored: no samples reach the receiver.`,
          hint: `Set ${p.name}'s Thanos mode to remote-write, or delete the connection.`,
        });
    }
    return out;
  },
};

/** StoreAPI on a Prometheus is the sidecar's gRPC port; without a sidecar nothing listens there. */
export const storeApiWithoutSidecar: LintRule = {
  id: "storeapi-without-sidecar",
  severity: "error",
  title: "StoreAPI connection to a Prometheus that runs no sidecar",
  check(g) {
    const out: ReturnType<LintRule["check"]> = [];
    for (const p of g.ofKind("prometheus")) {
      if (p.settings.thanos.mode === "sidecar") continue;
      for (const q of g.sources(p, "storeApi"))
        out.push({
          componentId: q.id,
          connectionId: connectionId(g, q, p, "storeApi"),
          message: `${named(q)} fans out to ${named(p)}, which runs no Thanos sidecar (mode ${p.settings.thanos.mode}): nothing listens on gRPC and the endpoint stays unhealthy.`,
          hint:
            p.settings.thanos.mode === "remote-write"
              ? `Point ${q.name} at the Receiver ${p.name} writes to instead.`
              : `Set ${p.name}'s Thanos mode to sidecar, or delete the connection.`,
        });
    }
    return out;
  },
};

/** alert_relabel_configs labeldrop of the replica label, so both replicas send identical alerts that Alertmanager merges. */
export const prometheusAlertLabelDrop: LintRule = {
  id: "prometheus-alert-label-drop",
  severity: "warning",
  title: "Prometheus sends alerts without dropping its replica label",
  check(g) {
    return g
      .ofKind("prometheus")
      .filter(
        (p) =>
          !p.settings.alertLabelDrop && (g.targets(p, "alerts").length > 0 || hasAlertingRules(p.settings.ruleGroups)),
      )
      .map((p) => ({
        componentId: p.id,
        message: `${named(p)} sends alerts carrying its "${p.settings.replicaLabel}" label: each replica's alert looks different to Alertmanager, so every alert is notified ${p.settings.replicas > 1 ? `${p.settings.replicas} times` : "once per replica"}.`,
        hint: `Turn on "alert label drop" so alert_relabel_configs drops ${p.settings.replicaLabel}.`,
      }));
  },
};

/** Alerting rules with no Alertmanager fire into the void. */
export const alertsNowhere: LintRule = {
  id: "alerts-nowhere",
  severity: "warning",
  title: "Alerting rules with no Alertmanager to send them to",
  check(g) {
    const out: ReturnType<LintRule["check"]> = [];
    for (const c of [...g.ofKind("prometheus"), ...g.ofKind("ruler")])
      if (hasAlertingRules(c.settings.ruleGroups) && g.targets(c, "alerts").length === 0)
        out.push({
          componentId: c.id,
          message: `${named(c)} has alerting rules but no Alertmanager: alerts fire in its UI and notify no one.`,
          hint: `Connect ${c.name} to an Alertmanager with an "alerts" connection.`,
        });
    return out;
  },
};

export const PROMETHEUS_RULES = [
  hashmodShards,
  functionalShardRange,
  functionalShardUnassigned,
  sidecarBlockDuration,
  sidecarNoUpload,
  remoteWriteMissing,
  remoteWriteNotEnabled,
  storeApiWithoutSidecar,
  prometheusAlertLabelDrop,
  alertsNowhere,
];
