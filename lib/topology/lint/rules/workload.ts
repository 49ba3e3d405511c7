import type { Component, ComponentOf } from "../../design";
import { quantityValue, type WorkloadSettings } from "../../kinds/workload";
import type { LintRule } from "../types";
import { named, plural, replicasOf } from "../util";

type Finding = ReturnType<LintRule["check"]>[number];

function workloadOf(c: Component): WorkloadSettings | undefined {
  return (c.settings as { workload?: WorkloadSettings }).workload;
}

/** Replicas that must be placed apart: per shard for Prometheus (each shard is its own StatefulSet). */
const podsApart = (c: Component) => replicasOf(c) ?? 0;

/** Required anti-affinity needs one node (or zone) per replica; past that, pods stay Pending forever. */
export const antiAffinityUnschedulable: LintRule = {
  id: "anti-affinity-unschedulable",
  severity: "error",
  title: "Required anti-affinity with more replicas than nodes or zones",
  check(g) {
    const out: Finding[] = [];
    for (const c of g.design.components) {
      const w = workloadOf(c);
      const cluster = g.clusterOf(c);
      if (!w || !cluster || w.antiAffinity !== "required") continue;
      const zone = w.antiAffinityTopology === "zone";
      const domains = zone ? cluster.settings.zones : cluster.settings.nodes;
      const n = podsApart(c);
      if (domains === undefined || n <= domains) continue;
      const what = zone ? "zone" : "node";
      out.push({
        componentId: c.id,
        message: `${named(c)} requires its ${n} replicas on different ${what}s, but cluster "${cluster.name}" has ${plural(domains, what)}: ${n - domains} of them can never be scheduled and stay Pending.`,
        hint: `Lower replicas to ${domains}, set anti-affinity to preferred, ${zone ? "spread by node instead of zone" : "or declare more nodes"}.`,
      });
    }
    return out;
  },
};

/** A budget of zero disruptions makes `kubectl drain` and node upgrades hang on these pods. */
export const pdbBlocksEviction: LintRule = {
  id: "pdb-blocks-eviction",
  severity: "error",
  title: "PodDisruptionBudget that allows no eviction at all",
  check(g) {
    const out: Finding[] = [];
    for (const c of g.design.components) {
      const w = workloadOf(c);
      const n = replicasOf(c) ?? 0;
      if (!w || n < 2 || w.maxUnavailable !== 0) continue;
      out.push({
        componentId: c.id,
        message: `${named(c)} has a PodDisruptionBudget with maxUnavailable 0: no pod may ever be evicted, so draining or upgrading any node it runs on blocks forever.`,
        hint: "Set maxUnavailable to at least 1 (leave it empty for the default).",
      });
    }
    return out;
  },
};

/** More receivers down than the replication factor tolerates loses write quorum during a drain. */
export const receiverPdbQuorum: LintRule = {
  id: "receiver-pdb-quorum",
  severity: "warning",
  title: "Receiver disruption budget larger than its replication factor tolerates",
  check(g) {
    const out: Finding[] = [];
    for (const r of g.ofKind("receiver")) {
      const tolerated = Math.floor(r.settings.replicationFactor / 2);
      const max = r.settings.workload.maxUnavailable;
      if (max === undefined || max <= Math.max(1, tolerated) || r.settings.replicas < 2) continue;
      out.push({
        componentId: r.id,
        message: `${named(r)} lets ${max} pods be evicted at once, but replication factor ${r.settings.replicationFactor} keeps write quorum with only ${tolerated} down: a drain makes remote write fail.`,
        hint: `Set maxUnavailable to ${Math.max(1, tolerated)} or leave it empty.`,
      });
    }
    return out;
  },
};

/** Vertical compaction is irreversible and merges replicas' samples; the user should opt in knowingly. */
export const verticalCompaction: LintRule = {
  id: "vertical-compaction",
  severity: "warning",
  title: "Vertical compaction merges replica blocks irreversibly",
  check(g) {
    return g.ofKind("compactor").flatMap((k: ComponentOf<"compactor">) => {
      const labels = k.settings.deduplicationReplicaLabels;
      if (!labels.length) return [];
      return [
        {
          componentId: k.id,
          message: `${named(k)} deduplicates blocks on ${labels.map((l) => `"${l}"`).join(", ")} (vertical compaction): replicas' blocks are merged into one, which halves the bucket and the blocks Store Gateways load, but it cannot be undone, keeps every sample of both replicas where they disagree (no penalty-based dedup as Query does), and any label in the list that tells different data apart merges that data too.`,
          hint: "Keep it only for pure HA replica labels (prometheus_replica, rule_replica, receive_replica), and keep Query's replica labels as they are.",
        },
      ];
    });
  },
};

/** A cross-cluster connection into a cluster that exposes nothing: the external host resolves to nothing of ours. */
export const externalHostUnexposed: LintRule = {
  id: "external-host-unexposed",
  severity: "warning",
  title: "External host with nothing in the design exposing it",
  check(g) {
    const out: Finding[] = [];
    for (const e of g.design.connections) {
      if (e.kind === "uploadsTo") continue;
      const from = g.get(e.from);
      const to = g.get(e.to);
      if (!from || !to) continue;
      const a = g.clusterOf(from);
      const b = g.clusterOf(to);
      if (!a || !b || a.id === b.id || !b.settings.externalHostPattern) continue;
      if (b.settings.exposure.type !== "none") continue;
      out.push({
        componentId: to.id,
        connectionId: e.id,
        message: `${named(from)} in cluster "${a.name}" reaches ${named(to)} through the external host of cluster "${b.name}", but that cluster's exposure is "none": no Ingress or LoadBalancer in the design serves the host.`,
        hint: `Set cluster "${b.name}" exposure to ingress or loadBalancer, or make sure something outside the design exposes it.`,
      });
    }
    return out;
  },
};

/** Remote write through a LoadBalancer crosses networks in clear text. */
export const remoteWritePlaintext: LintRule = {
  id: "remote-write-plaintext",
  severity: "warning",
  title: "Cross-cluster remote write without TLS",
  check(g) {
    const out: Finding[] = [];
    for (const e of g.design.connections) {
      if (e.kind !== "remoteWrite") continue;
      const from = g.get(e.from);
      const to = g.get(e.to);
      if (!from || !to) continue;
      const a = g.clusterOf(from);
      const b = g.clusterOf(to);
      if (!a || !b || a.id === b.id || b.settings.exposure.type !== "loadBalancer") continue;
      out.push({
        componentId: from.id,
        connectionId: e.id,
        message: `${named(from)} remote-writes to ${named(to)} in cluster "${b.name}" over a LoadBalancer in plain http: samples and the tenant header cross networks unencrypted.`,
        hint: `Set cluster "${b.name}" exposure to ingress (TLS at the Ingress).`,
      });
    }
    return out;
  },
};

/** memcached allocates up to `-m` MB of items; a container limit below that gets it OOM-killed as the cache fills. */
export const memcachedMemoryLimit: LintRule = {
  id: "memcached-memory-limit",
  severity: "error",
  title: "memcached cache size above its container memory limit",
  check(g) {
    return g.ofKind("memcached").flatMap((m) => {
      const cache = m.settings.memoryLimitMb * 2 ** 20;
      const limit = quantityValue(m.settings.resources.limits.memory);
      if (!(cache > limit)) return [];
      return [
        {
          componentId: m.id,
          message: `${named(m)} caches up to ${m.settings.memoryLimitMb} MB but its container may use ${m.settings.resources.limits.memory}: it is OOM-killed once the cache fills, and every cache user loses its entries.`,
          hint: `Raise resources.limits.memory to at least ${Math.ceil((m.settings.memoryLimitMb * 1.25) / 64) * 64}Mi, or lower the cache size.`,
        },
      ];
    });
  },
};

export const WORKLOAD_RULES = [
  memcachedMemoryLimit,
  antiAffinityUnschedulable,
  pdbBlocksEviction,
  receiverPdbQuorum,
  verticalCompaction,
  externalHostUnexposed,
  remoteWritePlaintext,
];
