import type { DesignInput } from "../design";

/**
 * Document 03: every Thanos component on Kubernetes with Tencent COS, plus a Receiver (hashring ConfigMap,
 * local endpoint in its own namespace, receive_replica) fed by a Prometheus in remote-write mode. The bucket is
 * reached through COS's S3-compatible endpoint, so credentials can come from the pod environment instead of
 * being stored in the template (add accessKey/secretKey, or switch the provider to `cos`, in your copy).
 */
export const fullStackReceiver: DesignInput = {
  name: "Full stack with receiver",
  description:
    "Both ways into Thanos side by side: a Prometheus with a sidecar, and a Prometheus that remote-writes to three Receiver replicas. Query reads from both; Ruler, Store Gateway and Compactor work on a Tencent COS bucket through its S3 endpoint.",
  components: [
    {
      id: "cluster",
      kind: "cluster",
      name: "tke",
      position: { x: 0, y: 0 },
      settings: { namespace: "thanos", externalLabels: { cluster: "tke" }, width: 1240, height: 609 },
    },
    {
      id: "prometheus",
      kind: "prometheus",
      name: "prometheus",
      cluster: "cluster",
      position: { x: 684, y: 327 },
      settings: {
        replicas: 2,
        replicaLabel: "prometheus_replica",
        scrapeInterval: "15s",
        retention: "10d",
        scrapeJobs: [
          {
            name: "cadvisor",
            kubernetesSd: { role: "node" },
            metricsPath: "/metrics/cadvisor",
            scheme: "https",
            scrapeInterval: "10s",
          },
        ],
        ruleGroups: [
          {
            name: "k8s.rules",
            rules: [
              {
                record: "namespace:container_cpu_usage_seconds_total:sum_rate",
                expr: 'sum(rate(container_cpu_usage_seconds_total{job="cadvisor", image!="", container!=""}[5m])) by (namespace)',
              },
              {
                record: "namespace:container_memory_usage_bytes:sum",
                expr: 'sum(container_memory_usage_bytes{job="cadvisor", image!="", container!=""}) by (namespace)',
              },
            ],
          },
        ],
        storage: { size: "50Gi" },
        thanos: { mode: "sidecar" },
      },
    },
    {
      id: "prometheus-rw",
      kind: "prometheus",
      name: "prometheus-rw",
      cluster: "cluster",
      position: { x: 356, y: 346 },
      settings: {
        replicas: 2,
        replicaLabel: "prometheus_replica",
        retention: "1d",
        scrapeJobs: [{ name: "kubernetes-pods", kubernetesSd: { role: "pod" } }],
        thanos: { mode: "remote-write" },
      },
    },
    {
      id: "query",
      kind: "query",
      name: "thanos-query",
      cluster: "cluster",
      position: { x: 356, y: 118 },
      settings: { replicas: 3, replicaLabels: ["prometheus_replica", "rule_replica", "receive_replica"] },
    },
    {
      id: "store",
      kind: "storeGateway",
      name: "thanos-store",
      cluster: "cluster",
      position: { x: 684, y: 118 },
      settings: { replicas: 2, storage: { size: "10Gi" } },
    },
    {
      id: "ruler",
      kind: "ruler",
      name: "thanos-rule",
      cluster: "cluster",
      position: { x: 28, y: 68 },
      settings: {
        replicas: 2,
        ruleGroups: [
          {
            name: "k8s.rules",
            rules: [
              {
                record: "namespace_pod_container:container_cpu_usage_seconds_total:sum_rate",
                expr: 'sum by (namespace, pod, container) (rate(container_cpu_usage_seconds_total{job="cadvisor", image!="", container!=""}[5m]))',
              },
            ],
          },
        ],
        storage: { size: "100Gi" },
      },
    },
    {
      id: "compactor",
      kind: "compactor",
      name: "thanos-compact",
      cluster: "cluster",
      position: { x: 28, y: 513 },
      settings: { retentionRaw: "90d", retention5m: "180d", retention1h: "360d", storage: { size: "100Gi" } },
    },
    {
      id: "receiver",
      kind: "receiver",
      name: "thanos-receive",
      cluster: "cluster",
      position: { x: 684, y: 223 },
      settings: {
        replicas: 3,
        replicationFactor: 1,
        retention: "12h",
        hashrings: [{ name: "soft-tenants", tenants: [], endpoints: [] }],
        resources: { requests: { cpu: "2", memory: "4Gi" }, limits: { cpu: "4", memory: "8Gi" } },
        storage: { size: "200Gi" },
      },
    },
    {
      id: "alertmanager",
      kind: "alertmanager",
      name: "alertmanager",
      cluster: "cluster",
      position: { x: 1012, y: 385 },
      settings: { replicas: 3 },
    },
    {
      id: "bucket",
      kind: "objectStore",
      name: "thanos-cos",
      position: { x: 1576, y: 310 },
      settings: {
        provider: "s3",
        bucket: "thanos-metrics-1250000000",
        endpoint: "cos.ap-guangzhou.myqcloud.com",
        region: "ap-guangzhou",
      },
    },
  ],
  connections: [
    { id: "q-prom", kind: "storeApi", from: "query", to: "prometheus" },
    { id: "q-store", kind: "storeApi", from: "query", to: "store" },
    { id: "q-ruler", kind: "storeApi", from: "query", to: "ruler" },
    { id: "q-recv", kind: "storeApi", from: "query", to: "receiver" },
    { id: "rw", kind: "remoteWrite", from: "prometheus-rw", to: "receiver" },
    { id: "ruler-q", kind: "queries", from: "ruler", to: "query" },
    { id: "ruler-am", kind: "alerts", from: "ruler", to: "alertmanager" },
    { id: "prom-am", kind: "alerts", from: "prometheus", to: "alertmanager" },
    { id: "promrw-am", kind: "alerts", from: "prometheus-rw", to: "alertmanager" },
    { id: "prom-bucket", kind: "uploadsTo", from: "prometheus", to: "bucket" },
    { id: "ruler-bucket", kind: "uploadsTo", from: "ruler", to: "bucket" },
    { id: "recv-bucket", kind: "uploadsTo", from: "receiver", to: "bucket" },
    { id: "store-bucket", kind: "uploadsTo", from: "store", to: "bucket" },
    { id: "compactor-bucket", kind: "uploadsTo", from: "compactor", to: "bucket" },
  ],
};
