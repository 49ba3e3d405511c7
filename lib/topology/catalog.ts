import type { z } from "zod";
import { clusterSettings } from "./kinds/cluster";
import { prometheusSettings } from "./kinds/prometheus";
import {
  bucketWebSettings,
  compactorSettings,
  queryFrontendSettings,
  querySettings,
  receiverSettings,
  rulerSettings,
  storeGatewaySettings,
} from "./kinds/thanos";
import { alertmanagerSettings, grafanaSettings, memcachedSettings, objectStoreSettings } from "./kinds/others";

export const COMPONENT_KINDS = [
  "cluster",
  "prometheus",
  "query",
  "queryFrontend",
  "storeGateway",
  "compactor",
  "ruler",
  "receiver",
  "bucketWeb",
  "objectStore",
  "alertmanager",
  "memcached",
  "grafana",
] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

export interface KindInfo {
  kind: ComponentKind;
  label: string;
  description: string;
  category: "Infrastructure" | "Prometheus" | "Thanos" | "Storage" | "Alerting" | "Visualization";
  settings: z.ZodType;
  /** Dotted settings paths holding write-only secret values. */
  secretPaths: readonly string[];
  /** Stateful and meant to be HA: a single replica earns a warning. */
  haReplicas: boolean;
  /** Whether the component must sit inside a cluster node. */
  needsCluster: boolean;
  /** Default name when dropped on the canvas. */
  defaultName: string;
}

const info = (i: KindInfo) => i;

export const KINDS: Record<ComponentKind, KindInfo> = {
  cluster: info({
    kind: "cluster",
    label: "Cluster",
    description: "A Kubernetes cluster and namespace that runs the components inside it.",
    category: "Infrastructure",
    settings: clusterSettings,
    secretPaths: [],
    haReplicas: false,
    needsCluster: false,
    defaultName: "cluster",
  }),
  prometheus: info({
    kind: "prometheus",
    label: "Prometheus",
    description: "A shard group: N shards × M replicas, with a Thanos sidecar or remote write.",
    category: "Prometheus",
    settings: prometheusSettings,
    secretPaths: [],
    haReplicas: true,
    needsCluster: true,
    defaultName: "prometheus",
  }),
  query: info({
    kind: "query",
    label: "Query",
    description: "Thanos Query: fans out over StoreAPI endpoints and deduplicates replicas.",
    category: "Thanos",
    settings: querySettings,
    secretPaths: [],
    haReplicas: true,
    needsCluster: true,
    defaultName: "thanos-query",
  }),
  queryFrontend: info({
    kind: "queryFrontend",
    label: "Query Frontend",
    description: "Splits, retries and caches range queries in front of Query.",
    category: "Thanos",
    settings: queryFrontendSettings,
    secretPaths: [],
    haReplicas: true,
    needsCluster: true,
    defaultName: "thanos-query-frontend",
  }),
  storeGateway: info({
    kind: "storeGateway",
    label: "Store Gateway",
    description: "Serves historical blocks from the bucket over StoreAPI.",
    category: "Thanos",
    settings: storeGatewaySettings,
    secretPaths: [],
    haReplicas: true,
    needsCluster: true,
    defaultName: "thanos-store",
  }),
  compactor: info({
    kind: "compactor",
    label: "Compactor",
    description: "Compacts, downsamples and applies retention. Exactly one per bucket.",
    category: "Thanos",
    settings: compactorSettings,
    secretPaths: [],
    haReplicas: false,
    needsCluster: true,
    defaultName: "thanos-compact",
  }),
  ruler: info({
    kind: "ruler",
    label: "Ruler",
    description: "Evaluates recording and alerting rules against Query; uploads its blocks.",
    category: "Thanos",
    settings: rulerSettings,
    secretPaths: [],
    haReplicas: true,
    needsCluster: true,
    defaultName: "thanos-rule",
  }),
  receiver: info({
    kind: "receiver",
    label: "Receiver",
    description: "Accepts Prometheus remote write per tenant, hashring-distributed and replicated.",
    category: "Thanos",
    settings: receiverSettings,
    secretPaths: [],
    haReplicas: true,
    needsCluster: true,
    defaultName: "thanos-receive",
  }),
  bucketWeb: info({
    kind: "bucketWeb",
    label: "Bucket Web",
    description: "Web UI listing the blocks in a bucket.",
    category: "Thanos",
    settings: bucketWebSettings,
    secretPaths: [],
    haReplicas: false,
    needsCluster: true,
    defaultName: "thanos-bucket",
  }),
  objectStore: info({
    kind: "objectStore",
    label: "Object Store",
    description: "The bucket that holds TSDB blocks (S3, GCS, Azure, COS, OSS).",
    category: "Storage",
    settings: objectStoreSettings,
    secretPaths: ["accessKey", "secretKey", "serviceAccount", "storageAccountKey"],
    haReplicas: false,
    needsCluster: false,
    defaultName: "bucket",
  }),
  alertmanager: info({
    kind: "alertmanager",
    label: "Alertmanager",
    description: "Deduplicates, groups and routes alerts; replicas gossip as one cluster.",
    category: "Alerting",
    settings: alertmanagerSettings,
    secretPaths: [],
    haReplicas: true,
    needsCluster: true,
    defaultName: "alertmanager",
  }),
  memcached: info({
    kind: "memcached",
    label: "Memcached",
    description: "Cache for query-frontend responses or store-gateway index.",
    category: "Storage",
    settings: memcachedSettings,
    secretPaths: [],
    haReplicas: false,
    needsCluster: true,
    defaultName: "memcached",
  }),
  grafana: info({
    kind: "grafana",
    label: "Grafana",
    description: "Dashboards; its datasource points at Query or Query Frontend.",
    category: "Visualization",
    settings: grafanaSettings,
    secretPaths: ["adminPassword"],
    haReplicas: false,
    needsCluster: true,
    defaultName: "grafana",
  }),
};

export const CONNECTION_KINDS = [
  "uploadsTo",
  "storeApi",
  "remoteWrite",
  "downstream",
  "queries",
  "alerts",
  "cache",
] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

export interface ConnectionInfo {
  kind: ConnectionKind;
  label: string;
  description: string;
  from: readonly ComponentKind[];
  to: readonly ComponentKind[];
}

/** Which (source kind → target kind) pairs each connection kind allows. Everything else is rejected. */
export const CONNECTIONS: Record<ConnectionKind, ConnectionInfo> = {
  uploadsTo: {
    kind: "uploadsTo",
    label: "uploads to",
    description: "Reads and writes blocks in the bucket.",
    from: ["prometheus", "ruler", "receiver", "compactor", "storeGateway", "bucketWeb"],
    to: ["objectStore"],
  },
  storeApi: {
    kind: "storeApi",
    label: "StoreAPI",
    description: "Query fans out to this StoreAPI endpoint over gRPC.",
    from: ["query"],
    to: ["prometheus", "storeGateway", "ruler", "receiver", "query"],
  },
  remoteWrite: {
    kind: "remoteWrite",
    label: "remote write",
    description: "Prometheus pushes samples to the receiver.",
    from: ["prometheus"],
    to: ["receiver"],
  },
  downstream: {
    kind: "downstream",
    label: "downstream",
    description: "Query Frontend forwards queries to this Query.",
    from: ["queryFrontend"],
    to: ["query"],
  },
  queries: {
    kind: "queries",
    label: "queries",
    description: "Evaluates or displays queries through this endpoint.",
    from: ["ruler", "grafana"],
    to: ["query", "queryFrontend"],
  },
  alerts: {
    kind: "alerts",
    label: "alerts",
    description: "Sends firing alerts to Alertmanager.",
    from: ["prometheus", "ruler"],
    to: ["alertmanager"],
  },
  cache: {
    kind: "cache",
    label: "cache",
    description: "Uses memcached as its cache.",
    from: ["queryFrontend", "storeGateway"],
    to: ["memcached"],
  },
};

/** Why a connection is illegal, or null when the catalog allows it. */
export function connectionProblem(kind: ConnectionKind, from: ComponentKind, to: ComponentKind): string | null {
  const c = CONNECTIONS[kind];
  if (!c.from.includes(from))
    return `${KINDS[from].label} cannot start a "${c.label}" connection (allowed: ${c.from.map((k) => KINDS[k].label).join(", ")})`;
  if (!c.to.includes(to))
    return `a "${c.label}" connection from ${KINDS[from].label} cannot end at ${KINDS[to].label} (allowed: ${c.to.map((k) => KINDS[k].label).join(", ")})`;
  return null;
}

/** The connection kinds that may join these two kinds, in catalog order (the canvas picks the first). */
export function legalConnectionKinds(from: ComponentKind, to: ComponentKind): ConnectionKind[] {
  return CONNECTION_KINDS.filter((k) => CONNECTIONS[k].from.includes(from) && CONNECTIONS[k].to.includes(to));
}
