import type { DesignInput } from "../design";

/** Document 01: an HA pair of Prometheus with Thanos sidecars, Query, Store Gateway and Compactor over one bucket. */
export const sidecarHa: DesignInput = {
  name: "Sidecar HA pair",
  description:
    "Highly available Prometheus for one cluster: two identical replicas with Thanos sidecars upload their data to S3-compatible storage. Query merges the replicas into one view without duplicates, Store Gateway serves the history and a single Compactor keeps the bucket tidy.",
  components: [
    {
      id: "cluster",
      kind: "cluster",
      name: "prod",
      position: { x: 0, y: 0 },
      settings: { namespace: "kube-mon", externalLabels: { cluster: "prod" }, width: 971, height: 369 },
    },
    {
      id: "prometheus",
      kind: "prometheus",
      name: "prometheus",
      cluster: "cluster",
      position: { x: 497, y: 184 },
      settings: {
        shards: 1,
        replicas: 2,
        replicaLabel: "prometheus_replica",
        scrapeInterval: "15s",
        evaluationInterval: "15s",
        retention: "6h",
        scrapeJobs: [
          { name: "kubernetes-pods", kubernetesSd: { role: "pod" } },
          {
            name: "kubernetes-cadvisor",
            kubernetesSd: { role: "node" },
            metricsPath: "/metrics/cadvisor",
            scheme: "https",
          },
        ],
        ruleGroups: [
          {
            name: "Deployment",
            rules: [
              {
                alert: "DeploymentAtZeroReplicas",
                expr: "sum(kube_deployment_status_replicas) by (deployment, namespace) < 1",
                for: "1m",
                labels: { team: "node" },
                annotations: {
                  summary: "Deployment {{$labels.deployment}} in {{$labels.namespace}} has no pods running",
                },
              },
            ],
          },
          {
            name: "Pods",
            rules: [
              {
                alert: "ContainerRestarted",
                expr: "sum(increase(kube_pod_container_status_restarts_total[1m])) by (pod, namespace, container) > 0",
                labels: { team: "node" },
                annotations: {
                  summary: "Container {{$labels.container}} in {{$labels.pod}} ({{$labels.namespace}}) was restarted",
                },
              },
            ],
          },
        ],
        resources: { requests: { cpu: "1", memory: "2Gi" }, limits: { memory: "2Gi" } },
        storage: { size: "20Gi" },
        thanos: { mode: "sidecar" },
      },
    },
    {
      id: "query",
      kind: "query",
      name: "thanos-querier",
      cluster: "cluster",
      position: { x: 248, y: 184 },
      settings: { replicas: 2, replicaLabels: ["prometheus_replica"] },
    },
    {
      id: "store",
      kind: "storeGateway",
      name: "thanos-store-gateway",
      cluster: "cluster",
      position: { x: 468, y: 68 },
      settings: { replicas: 2 },
    },
    {
      id: "compactor",
      kind: "compactor",
      name: "thanos-compactor",
      cluster: "cluster",
      position: { x: 732, y: 273 },
      settings: { replicas: 1 },
    },
    {
      id: "alertmanager",
      kind: "alertmanager",
      name: "alertmanager",
      cluster: "cluster",
      position: { x: 732, y: 201 },
      settings: { replicas: 3 },
    },
    { id: "grafana", kind: "grafana", name: "grafana", cluster: "cluster", position: { x: 28, y: 201 }, settings: {} },
    {
      id: "bucket",
      kind: "objectStore",
      name: "thanos",
      position: { x: 1104, y: 57 },
      settings: { provider: "s3", bucket: "thanos", endpoint: "minio.minio.svc.cluster.local:9000", insecure: true },
    },
  ],
  connections: [
    { id: "q-prom", kind: "storeApi", from: "query", to: "prometheus" },
    { id: "q-store", kind: "storeApi", from: "query", to: "store" },
    { id: "prom-bucket", kind: "uploadsTo", from: "prometheus", to: "bucket" },
    { id: "store-bucket", kind: "uploadsTo", from: "store", to: "bucket" },
    { id: "compactor-bucket", kind: "uploadsTo", from: "compactor", to: "bucket" },
    { id: "prom-am", kind: "alerts", from: "prometheus", to: "alertmanager" },
    { id: "grafana-q", kind: "queries", from: "grafana", to: "query" },
  ],
};
