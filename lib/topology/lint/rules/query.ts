import { KINDS } from "../../catalog";
import type { Component, ComponentOf } from "../../design";
import type { DesignGraph } from "../../graph";
import { receiverPodEndpoints } from "../../naming";
import type { LintRule } from "../types";
import { bucketKey, bucketsOf, connectionId, isSidecar, named } from "../util";

/** A replica label a StoreAPI endpoint attaches to the series it serves. */
interface AttachedLabel {
  label: string;
  /** The component whose pods set it (a store gateway serves the labels of whoever uploaded the blocks). */
  origin: Component;
  /** Whether identical series really arrive more than once (replicas > 1, or receiver replication). */
  duplicated: boolean;
}

/** Replica labels each StoreAPI endpoint serves; memoized per lint pass because queries nest. */
class ReplicaLabelIndex {
  private readonly memo = new Map<string, AttachedLabel[]>();
  private writersByBucket?: Map<string, AttachedLabel[]>;
  private receiverLabels?: Map<string, AttachedLabel[]>;

  constructor(private readonly g: DesignGraph) {}

  of(store: Component, visiting = new Set<string>()): AttachedLabel[] {
    const hit = this.memo.get(store.id);
    if (hit) return hit;
    let labels: AttachedLabel[] = [];
    switch (store.kind) {
      case "prometheus":
        if (isSidecar(store)) labels = [prometheusLabel(store)];
        break;
      case "ruler":
        labels = [{ label: store.settings.replicaLabel, origin: store, duplicated: store.settings.replicas > 1 }];
        break;
      case "receiver":
        labels = this.receivers().get(store.id) ?? [];
        break;
      case "storeGateway":
        labels = bucketsOf(this.g, store).flatMap((b) => this.uploaders().get(bucketKey(b)) ?? []);
        break;
      case "query":
        // A leaf query's StoreAPI proxies raw series with their replica labels; the outermost query dedups.
        if (visiting.has(store.id)) return [];
        visiting.add(store.id);
        labels = this.g.targets(store, "storeApi").flatMap((t) => this.of(t, visiting));
        visiting.delete(store.id);
        break;
    }
    this.memo.set(store.id, labels);
    return labels;
  }

  /** Blocks carry the labels of whoever uploaded them. */
  private uploaders(): Map<string, AttachedLabel[]> {
    if (this.writersByBucket) return this.writersByBucket;
    const m = new Map<string, AttachedLabel[]>();
    // Whoever ships blocks in its current configuration (sidecars, rulers, ingesting receivers).
    const writers = this.g.design.components.filter((c) => KINDS[c.kind].capabilities.uploads?.service(c));
    for (const w of writers) {
      const own = this.of(w);
      for (const b of bucketsOf(this.g, w)) {
        const k = bucketKey(b);
        m.set(k, [...(m.get(k) ?? []), ...own]);
      }
    }
    return (this.writersByBucket = m);
  }

  /**
   * What each ingesting receiver stores: its own replica label, plus the external labels (replica label included)
   * of every Prometheus that remote-writes to it directly or through a routing receiver's hashring.
   */
  private receivers(): Map<string, AttachedLabel[]> {
    if (this.receiverLabels) return this.receiverLabels;
    const receivers = this.g.ofKind("receiver");
    const podOwner = new Map<string, ComponentOf<"receiver">>();
    for (const r of receivers)
      if (r.settings.role !== "router") for (const e of receiverPodEndpoints(this.g, r)) podOwner.set(e, r);
    const written = (r: ComponentOf<"receiver">) =>
      this.g
        .sources(r, "remoteWrite")
        .filter(
          (p): p is ComponentOf<"prometheus"> => p.kind === "prometheus" && p.settings.thanos.mode === "remote-write",
        )
        .map(prometheusLabel);
    const incoming = new Map<string, AttachedLabel[]>();
    const replicatedBy = new Map<string, boolean>();
    const add = (r: ComponentOf<"receiver">, labels: AttachedLabel[], replicated: boolean) => {
      incoming.set(r.id, [...(incoming.get(r.id) ?? []), ...labels]);
      replicatedBy.set(r.id, (replicatedBy.get(r.id) ?? false) || replicated);
    };
    for (const r of receivers) {
      const direct = written(r);
      add(r, direct, r.settings.replicationFactor > 1);
      if (r.settings.role === "ingestor") continue;
      const targets = new Set<ComponentOf<"receiver">>();
      for (const h of r.settings.hashrings)
        for (const e of h.endpoints.length ? h.endpoints : receiverPodEndpoints(this.g, r)) {
          const t = podOwner.get(e);
          if (t && t !== r) targets.add(t);
        }
      for (const t of targets) add(t, direct, r.settings.replicationFactor > 1);
    }
    const m = new Map<string, AttachedLabel[]>();
    for (const r of receivers) {
      if (r.settings.role === "router") continue; // stores nothing
      m.set(r.id, [
        { label: r.settings.replicaLabel, origin: r, duplicated: replicatedBy.get(r.id) ?? false },
        ...(incoming.get(r.id) ?? []),
      ]);
    }
    return (this.receiverLabels = m);
  }
}

function prometheusLabel(p: ComponentOf<"prometheus">): AttachedLabel {
  return { label: p.settings.replicaLabel, origin: p, duplicated: p.settings.replicas > 1 };
}

const replicaIndexes = new WeakMap<DesignGraph, ReplicaLabelIndex>();
function replicaIndex(g: DesignGraph): ReplicaLabelIndex {
  let i = replicaIndexes.get(g);
  if (!i) replicaIndexes.set(g, (i = new ReplicaLabelIndex(g)));
  return i;
}

/** The headline Thanos trap: an unlisted replica label means Query never merges the replicas' series. */
export const queryReplicaLabels: LintRule = {
  id: "query-replica-labels",
  severity: "error",
  title: "Query does not dedup on a replica label its stores attach",
  check(g) {
    const out: ReturnType<LintRule["check"]> = [];
    const idx = replicaIndex(g);
    for (const q of g.ofKind("query")) {
      const listed = new Set(q.settings.replicaLabels);
      const missing = new Map<string, Set<string>>();
      for (const t of g.targets(q, "storeApi"))
        for (const a of idx.of(t))
          if (a.duplicated && !listed.has(a.label)) {
            const origins = missing.get(a.label) ?? new Set<string>();
            origins.add(named(a.origin));
            missing.set(a.label, origins);
          }
      for (const [label, origins] of missing)
        out.push({
          componentId: q.id,
          message: `${named(q)} does not dedup on "${label}", which ${[...origins].join(", ")} attach${origins.size > 1 ? "" : "es"}: every replicated series shows up once per replica and sums and counts come out multiplied.`,
          hint: `Add "${label}" to ${q.name}'s replica labels (--query.replica-label).`,
        });
    }
    return out;
  },
};

export const queryUnusedReplicaLabels: LintRule = {
  id: "query-unused-replica-labels",
  severity: "info",
  title: "Query replica labels that no store attaches",
  check(g) {
    const out: ReturnType<LintRule["check"]> = [];
    const idx = replicaIndex(g);
    for (const q of g.ofKind("query")) {
      const targets = g.targets(q, "storeApi");
      // Endpoints outside the design may attach anything.
      if (targets.length === 0 || q.settings.extraEndpoints.length > 0) continue;
      const attached = new Set(targets.flatMap((t) => idx.of(t).map((a) => a.label)));
      const unused = q.settings.replicaLabels.filter((l) => !attached.has(l));
      if (unused.length)
        out.push({
          componentId: q.id,
          message: `${named(q)} lists replica label${unused.length > 1 ? "s" : ""} ${unused.map((l) => `"${l}"`).join(", ")} that none of its stores attach: harmless, but it hides a typo if you meant another name.`,
          hint: `Remove ${unused.join(", ")} from ${q.name}'s replica labels, or check the spelling against your stores.`,
        });
    }
    return out;
  },
};

export const queryNoStores: LintRule = {
  id: "query-no-stores",
  severity: "error",
  title: "Query with no StoreAPI endpoints",
  check(g) {
    return g
      .ofKind("query")
      .filter((q) => g.targets(q, "storeApi").length === 0 && q.settings.extraEndpoints.length === 0)
      .map((q) => ({
        componentId: q.id,
        message: `${named(q)} has no StoreAPI endpoints: every query returns empty results.`,
        hint: `Connect ${q.name} to sidecars, store gateways, rulers or receivers with StoreAPI connections.`,
      }));
  },
};

/** Query-frontend takes exactly one --query-frontend.downstream-url. */
export const queryFrontendDownstream: LintRule = {
  id: "query-frontend-downstream",
  severity: "error",
  title: "Query frontend without exactly one downstream query",
  check(g) {
    const out: ReturnType<LintRule["check"]> = [];
    for (const f of g.ofKind("queryFrontend")) {
      const n = g.targets(f, "downstream").length;
      if (n === 0)
        out.push({
          componentId: f.id,
          message: `${named(f)} has no downstream query: it has nowhere to send queries and answers every request with an error.`,
          hint: `Connect ${f.name} to a Query with a "downstream" connection.`,
        });
      else if (n > 1)
        out.push({
          componentId: f.id,
          message: `${named(f)} has ${n} downstream queries, but --query-frontend.downstream-url takes one: all but one are ignored.`,
          hint: `Keep one downstream connection from ${f.name}; put a Query over the others if you need them all.`,
        });
    }
    return out;
  },
};

/** Going around an existing frontend forgoes its splitting, retries and cache. */
export const grafanaBypassesFrontend: LintRule = {
  id: "grafana-bypasses-frontend",
  severity: "info",
  title: "Grafana queries Query directly although a query frontend sits in front of it",
  check(g) {
    const out: ReturnType<LintRule["check"]> = [];
    for (const gr of g.ofKind("grafana"))
      for (const q of g.targets(gr, "queries")) {
        if (q.kind !== "query") continue;
        const front = g.sources(q, "downstream")[0];
        if (front)
          out.push({
            componentId: gr.id,
            connectionId: connectionId(g, gr, q, "queries"),
            message: `${named(gr)} queries ${named(q)} directly, bypassing ${named(front)}: dashboards miss its query splitting, retries and result cache.`,
            hint: `Point ${gr.name}'s datasource at ${front.name} instead.`,
          });
      }
    return out;
  },
};

export const grafanaNoDatasource: LintRule = {
  id: "grafana-no-datasource",
  severity: "warning",
  title: "Grafana with no datasource",
  check(g) {
    return g
      .ofKind("grafana")
      .filter((gr) => g.targets(gr, "queries").length === 0)
      .map((gr) => ({
        componentId: gr.id,
        message: `${named(gr)} queries nothing: its provisioned datasource is empty and dashboards show no data.`,
        hint: `Connect ${gr.name} to a Query Frontend (or Query) with a "queries" connection.`,
      }));
  },
};

export const rulerNoQuery: LintRule = {
  id: "ruler-no-query",
  severity: "error",
  title: "Ruler with no query endpoint",
  check(g) {
    return g
      .ofKind("ruler")
      .filter((r) => g.targets(r, "queries").length === 0)
      .map((r) => ({
        componentId: r.id,
        message: `${named(r)} has no query endpoint: every rule evaluation fails and no alert or recording rule ever produces data.`,
        hint: `Connect ${r.name} to a Query (or Query Frontend) with a "queries" connection.`,
      }));
  },
};

type Cached = ComponentOf<"queryFrontend"> | ComponentOf<"storeGateway">;
const cacheSetting = (c: Cached) => (c.kind === "queryFrontend" ? c.settings.cache : c.settings.indexCache);
const cacheField = (c: Cached) => (c.kind === "queryFrontend" ? "response cache" : "index cache");

export const cacheMissing: LintRule = {
  id: "cache-missing",
  severity: "error",
  title: "Memcached cache selected without a cache connection",
  check(g) {
    return [...g.ofKind("queryFrontend"), ...g.ofKind("storeGateway")]
      .filter((c) => cacheSetting(c) === "memcached" && g.targets(c, "cache").length === 0)
      .map((c) => ({
        componentId: c.id,
        message: `${named(c)} uses a memcached ${cacheField(c)} but is connected to no Memcached: its cache config has no addresses and the component fails to start.`,
        hint: `Connect ${c.name} to a Memcached with a "cache" connection, or switch its ${cacheField(c)} to in-memory.`,
      }));
  },
};

export const cacheUnused: LintRule = {
  id: "cache-unused",
  severity: "warning",
  title: "Cache connection to memcached while the cache is in-memory",
  check(g) {
    const out: ReturnType<LintRule["check"]> = [];
    for (const c of [...g.ofKind("queryFrontend"), ...g.ofKind("storeGateway")]) {
      if (cacheSetting(c) === "memcached") continue;
      for (const m of g.targets(c, "cache"))
        out.push({
          componentId: c.id,
          connectionId: connectionId(g, c, m, "cache"),
          message: `${named(c)} is connected to ${named(m)} but its ${cacheField(c)} is in-memory: memcached is never used.`,
          hint: `Set ${c.name}'s ${cacheField(c)} to memcached, or delete the connection.`,
        });
    }
    return out;
  },
};

export const QUERY_RULES = [
  queryReplicaLabels,
  queryUnusedReplicaLabels,
  queryNoStores,
  queryFrontendDownstream,
  grafanaBypassesFrontend,
  grafanaNoDatasource,
  rulerNoQuery,
  cacheMissing,
  cacheUnused,
];
