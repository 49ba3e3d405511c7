import type { DesignInput } from "../design";

const ns = "thanos";
const pods = (name: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${name}-${i}.${name}.${ns}.svc.cluster.local:10901`);

/**
 * Document 05: an observer cluster with a soft-tenant receiver that routes the `kazusa` and `setsuna` tenants to
 * their own hard-tenant receivers (hashrings with tenants and endpoints), a global Query over every receiver's
 * headless Service, and two workload clusters whose Prometheus remote-write with a THANOS-TENANT header.
 */
export const multiClusterReceivers: DesignInput = {
  name: "Multi-cluster multi-tenant receivers",
  description:
    "Central monitoring for many clusters: three clusters send their metrics to one entry point, which routes each team (tenant) to its own receiver. One global Query, Store Gateway and Compactor serve everything from the shared bucket.",
  components: [
    {
      id: "observer",
      kind: "cluster",
      name: "observer",
      position: { x: 704, y: 0 },
      settings: {
        namespace: ns,
        externalLabels: { cluster: "observer" },
        externalHostPattern: "{service}.observer.example.com",
        width: 654,
        height: 708,
      },
    },
    {
      id: "receiver-default",
      kind: "receiver",
      name: "thanos-receiver-default",
      cluster: "observer",
      position: { x: 356, y: 380 },
      settings: {
        role: "router-ingestor",
        replicas: 3,
        replicationFactor: 3,
        hashrings: [
          { name: "hashring-setsuna", tenants: ["setsuna"], endpoints: pods("thanos-receiver-setsuna", 3) },
          { name: "hashring-kazusa", tenants: ["kazusa"], endpoints: pods("thanos-receiver-kazusa", 3) },
          { name: "default", tenants: [], endpoints: [] },
        ],
      },
    },
    {
      id: "receiver-kazusa",
      kind: "receiver",
      name: "thanos-receiver-kazusa",
      cluster: "observer",
      position: { x: 361, y: 172 },
      settings: { role: "ingestor", replicas: 3, replicationFactor: 3 },
    },
    {
      id: "receiver-setsuna",
      kind: "receiver",
      name: "thanos-receiver-setsuna",
      cluster: "observer",
      position: { x: 356, y: 68 },
      settings: { role: "ingestor", replicas: 3, replicationFactor: 3 },
    },
    {
      id: "query",
      kind: "query",
      name: "thanos-querier",
      cluster: "observer",
      position: { x: 28, y: 276 },
      settings: { replicas: 2, replicaLabels: ["prometheus_replica", "receive_replica"] },
    },
    {
      id: "store",
      kind: "storeGateway",
      name: "thanos-store",
      cluster: "observer",
      position: { x: 391, y: 276 },
      settings: { replicas: 2 },
    },
    {
      id: "compactor",
      kind: "compactor",
      name: "thanos-compact",
      cluster: "observer",
      position: { x: 28, y: 612 },
      settings: {},
    },
    {
      id: "prometheus-local",
      kind: "prometheus",
      name: "prometheus",
      cluster: "observer",
      position: { x: 28, y: 467 },
      settings: { replicas: 2, retention: "1d", thanos: { mode: "remote-write" } },
    },
    {
      id: "alertmanager",
      kind: "alertmanager",
      name: "alertmanager",
      cluster: "observer",
      position: { x: 356, y: 484 },
      settings: { replicas: 3 },
    },
    {
      id: "bucket",
      kind: "objectStore",
      name: "thanos",
      position: { x: 1454, y: 520 },
      settings: { provider: "s3", bucket: "thanos", endpoint: "s3.eu-west-1.amazonaws.com", region: "eu-west-1" },
    },

    {
      id: "kazusa",
      kind: "cluster",
      name: "kazusa",
      position: { x: 0, y: 444 },
      settings: { namespace: "monitoring", externalLabels: { cluster: "kazusa" }, width: 584, height: 223 },
    },
    {
      id: "prometheus-kazusa",
      kind: "prometheus",
      name: "prometheus",
      cluster: "kazusa",
      position: { x: 28, y: 68 },
      settings: { replicas: 2, retention: "1d", thanos: { mode: "remote-write", tenant: "kazusa" } },
    },
    {
      id: "alertmanager-kazusa",
      kind: "alertmanager",
      name: "alertmanager",
      cluster: "kazusa",
      position: { x: 356, y: 127 },
      settings: { replicas: 2 },
    },

    {
      id: "setsuna",
      kind: "cluster",
      name: "setsuna",
      position: { x: 0, y: 125 },
      settings: { namespace: "monitoring", externalLabels: { cluster: "setsuna" }, width: 584, height: 223 },
    },
    {
      id: "prometheus-setsuna",
      kind: "prometheus",
      name: "prometheus",
      cluster: "setsuna",
      position: { x: 28, y: 68 },
      settings: { replicas: 2, retention: "1d", thanos: { mode: "remote-write", tenant: "setsuna" } },
    },
    {
      id: "alertmanager-setsuna",
      kind: "alertmanager",
      name: "alertmanager",
      cluster: "setsuna",
      position: { x: 356, y: 127 },
      settings: { replicas: 2 },
    },
  ],
  connections: [
    { id: "rw-local", kind: "remoteWrite", from: "prometheus-local", to: "receiver-default" },
    { id: "rw-kazusa", kind: "remoteWrite", from: "prometheus-kazusa", to: "receiver-default" },
    { id: "rw-setsuna", kind: "remoteWrite", from: "prometheus-setsuna", to: "receiver-default" },
    { id: "q-default", kind: "storeApi", from: "query", to: "receiver-default" },
    { id: "q-kazusa", kind: "storeApi", from: "query", to: "receiver-kazusa" },
    { id: "q-setsuna", kind: "storeApi", from: "query", to: "receiver-setsuna" },
    { id: "q-store", kind: "storeApi", from: "query", to: "store" },
    { id: "am-local", kind: "alerts", from: "prometheus-local", to: "alertmanager" },
    { id: "am-kazusa", kind: "alerts", from: "prometheus-kazusa", to: "alertmanager-kazusa" },
    { id: "am-setsuna", kind: "alerts", from: "prometheus-setsuna", to: "alertmanager-setsuna" },
    { id: "default-bucket", kind: "uploadsTo", from: "receiver-default", to: "bucket" },
    { id: "kazusa-bucket", kind: "uploadsTo", from: "receiver-kazusa", to: "bucket" },
    { id: "setsuna-bucket", kind: "uploadsTo", from: "receiver-setsuna", to: "bucket" },
    { id: "store-bucket", kind: "uploadsTo", from: "store", to: "bucket" },
    { id: "compactor-bucket", kind: "uploadsTo", from: "compactor", to: "bucket" },
  ],
};
