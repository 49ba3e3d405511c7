import type { DesignInput } from "../design";

/**
 * Document 02: three hashmod shards × two replicas (prometheus_replica), Query with one replica label per
 * replica source, Query Frontend with an in-memory response cache, Ruler (rule_replica + --alert.label-drop),
 * Store Gateway, a single Compactor with per-resolution retention, Alertmanager.
 */
export const hashmodShards: DesignInput = {
  name: "Hashmod shards",
  description:
    "For more targets than one Prometheus can scrape: three shards split the targets between them, each shard running two replicas. Query and Query Frontend give one view over every shard; Ruler, Store Gateway, Compactor and Alertmanager complete the stack.",
  components: [
    {
      id: "cluster",
      kind: "cluster",
      name: "prometheus-ha",
      position: { x: 0, y: 0 },
      settings: { namespace: "thanos", externalLabels: { cluster: "prometheus-ha" }, width: 1657, height: 513 },
    },
    {
      id: "prometheus",
      kind: "prometheus",
      name: "prometheus",
      cluster: "cluster",
      position: { x: 1065, y: 172 },
      settings: {
        shards: 3,
        sharding: "hashmod",
        hashmod: { modulus: 3, sourceLabels: ["__address__"], keepRule: true },
        replicas: 2,
        replicaLabel: "prometheus_replica",
        externalLabels: { monitor: "thanos" },
        scrapeInterval: "30s",
        retention: "1d",
        scrapeJobs: [
          { name: "kubernetes-pods", kubernetesSd: { role: "pod" } },
          { name: "kubernetes-service-endpoints", kubernetesSd: { role: "endpoints" } },
        ],
        thanos: { mode: "sidecar" },
      },
    },
    {
      id: "query",
      kind: "query",
      name: "thanos-query",
      cluster: "cluster",
      position: { x: 737, y: 172 },
      settings: { replicas: 2, replicaLabels: ["prometheus_replica", "rule_replica"] },
    },
    {
      id: "frontend",
      kind: "queryFrontend",
      name: "thanos-query-frontend",
      cluster: "cluster",
      position: { x: 356, y: 85 },
      settings: { replicas: 2, splitInterval: "12h", maxRetries: 10, cache: "in-memory" },
    },
    {
      id: "store",
      kind: "storeGateway",
      name: "thanos-store",
      cluster: "cluster",
      position: { x: 1065, y: 68 },
      settings: { replicas: 2 },
    },
    {
      id: "ruler",
      kind: "ruler",
      name: "thanos-rule",
      cluster: "cluster",
      position: { x: 409, y: 289 },
      settings: {
        replicas: 2,
        replicaLabel: "rule_replica",
        alertLabelDrop: ["rule_replica"],
        ruleGroups: [
          {
            name: "k8s.rules",
            rules: [
              {
                record: "namespace:container_cpu_usage_seconds_total:sum_rate",
                expr: 'sum(rate(container_cpu_usage_seconds_total{job="kubernetes-cadvisor", image!="", container!=""}[5m])) by (namespace)',
              },
              {
                record: "namespace:container_memory_usage_bytes:sum",
                expr: 'sum(container_memory_usage_bytes{job="kubernetes-cadvisor", image!="", container!=""}) by (namespace)',
              },
              {
                alert: "PrometheusShardDown",
                expr: 'up{job="kubernetes-pods"} == 0',
                for: "5m",
                labels: { severity: "warning" },
                annotations: { summary: "{{ $labels.pod }} is down" },
              },
            ],
          },
        ],
      },
    },
    {
      id: "compactor",
      kind: "compactor",
      name: "thanos-compact",
      cluster: "cluster",
      position: { x: 28, y: 417 },
      settings: { retentionRaw: "90d", retention5m: "180d", retention1h: "360d" },
    },
    {
      id: "alertmanager",
      kind: "alertmanager",
      name: "thanos-alertmanager",
      cluster: "cluster",
      position: { x: 1393, y: 230 },
      settings: { replicas: 3 },
    },
    { id: "grafana", kind: "grafana", name: "grafana", cluster: "cluster", position: { x: 28, y: 85 }, settings: {} },
    {
      id: "bucket",
      kind: "objectStore",
      name: "thanos",
      position: { x: 1993, y: 286 },
      settings: { provider: "s3", bucket: "thanos", endpoint: "minio.thanos.svc.cluster.local:9000", insecure: true },
    },
  ],
  connections: [
    { id: "q-prom", kind: "storeApi", from: "query", to: "prometheus" },
    { id: "q-store", kind: "storeApi", from: "query", to: "store" },
    { id: "q-ruler", kind: "storeApi", from: "query", to: "ruler" },
    { id: "fe-q", kind: "downstream", from: "frontend", to: "query" },
    { id: "ruler-q", kind: "queries", from: "ruler", to: "query" },
    { id: "ruler-am", kind: "alerts", from: "ruler", to: "alertmanager" },
    { id: "prom-am", kind: "alerts", from: "prometheus", to: "alertmanager" },
    { id: "grafana-fe", kind: "queries", from: "grafana", to: "frontend" },
    { id: "prom-bucket", kind: "uploadsTo", from: "prometheus", to: "bucket" },
    { id: "ruler-bucket", kind: "uploadsTo", from: "ruler", to: "bucket" },
    { id: "store-bucket", kind: "uploadsTo", from: "store", to: "bucket" },
    { id: "compactor-bucket", kind: "uploadsTo", from: "compactor", to: "bucket" },
  ],
};
