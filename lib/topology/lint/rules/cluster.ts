import { KINDS } from "../../catalog";
import type { LintRule } from "../types";
import { named, replicasOf } from "../util";

/** Components in another cluster are reached through that cluster's externalHostPattern; without it there is no address. */
export const crossClusterAddress: LintRule = {
  id: "cross-cluster-no-external-host",
  severity: "error",
  title: "Cross-cluster connection into a cluster with no external host pattern",
  check(g) {
    const out: ReturnType<LintRule["check"]> = [];
    for (const e of g.design.connections) {
      if (e.kind === "uploadsTo") continue; // buckets are reached by their own endpoint
      const from = g.get(e.from);
      const to = g.get(e.to);
      if (!from || !to) continue;
      const a = g.clusterOf(from);
      const b = g.clusterOf(to);
      if (!a || !b || a.id === b.id || b.settings.externalHostPattern) continue;
      out.push({
        componentId: from.id,
        connectionId: e.id,
        message: `${named(from)} in cluster "${a.name}" connects to ${named(to)} in cluster "${b.name}", which has no external host pattern: there is no address to reach it from outside, so the connection cannot be rendered.`,
        hint: `Set an external host pattern such as {service}.{cluster}.example.com on cluster "${b.name}" (and expose the service there).`,
      });
    }
    return out;
  },
};

/** Two cluster nodes deploying into one namespace of one real cluster overwrite each other's objects. */
export const clusterBindingConflict: LintRule = {
  id: "cluster-binding-conflict",
  severity: "error",
  title: "Two cluster nodes bound to the same namespace of the same registered cluster",
  check(g) {
    const out: ReturnType<LintRule["check"]> = [];
    const seen = new Map<string, string>();
    for (const c of g.clusters()) {
      const reg = c.settings.registeredClusterId;
      if (!reg) continue;
      const key = `${reg}/${c.settings.namespace}`;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, c.name);
      else
        out.push({
          componentId: c.id,
          message: `Clusters "${first}" and "${c.name}" both deploy to namespace "${c.settings.namespace}" of the same registered cluster: their objects overwrite and prune each other.`,
          hint: `Give "${c.name}" another namespace, or bind it to a different registered cluster.`,
        });
    }
    return out;
  },
};

/** Kinds the catalog marks HA lose availability (and, for Prometheus, data) with one replica. */
export const haSingleReplica: LintRule = {
  id: "ha-single-replica",
  severity: "warning",
  title: "Single replica of a component meant to be highly available",
  check(g) {
    return g.design.components
      .filter((c) => KINDS[c.kind].haReplicas && replicasOf(c) === 1)
      .map((c) => ({
        componentId: c.id,
        message:
          c.kind === "prometheus"
            ? `${named(c)} runs 1 replica per shard: a restart or node loss leaves a gap in its metrics and stops its alerts.`
            : `${named(c)} runs 1 replica: any restart or node loss is an outage of it.`,
        hint: `Run at least 2 replicas of ${c.name}.`,
      }));
  },
};

export const CLUSTER_RULES = [crossClusterAddress, clusterBindingConflict, haSingleReplica];
