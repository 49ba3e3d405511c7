import type { DesignInput } from "../design";

/**
 * Document 04: kube-prometheus-stack style — prometheus-operator runs Prometheus with the Thanos sidecar
 * (`spec.thanos.objectStorageConfig`, blockSize 2h); Query reaches the sidecars through a discovery Service,
 * Grafana reads through Query Frontend.
 */
export const operatorSidecar: DesignInput = {
  name: "Operator with Thanos sidecar",
  description:
    "For clusters that already run prometheus-operator: a Prometheus resource with Thanos switched on uploads to S3, with Query, Query Frontend, Store Gateway, Compactor, Alertmanager and Grafana around it. Needs prometheus-operator and its CRDs installed in the cluster.",
  components: [
    {
      id: "cluster",
      kind: "cluster",
      name: "idc",
      position: { x: 0, y: 0 },
      settings: { namespace: "monitoring", externalLabels: { cluster: "idc" }, width: 1674, height: 407 },
    },
    {
      id: "prometheus",
      kind: "prometheus",
      name: "kube-prometheus-stack",
      cluster: "cluster",
      position: { x: 1065, y: 68 },
      settings: {
        deployment: "operator",
        replicas: 2,
        replicaLabel: "prometheus_replica",
        retention: "7d",
        scrapeJobs: [{ name: "kubernetes-pods", kubernetesSd: { role: "pod" } }],
        storage: { size: "50Gi" },
        thanos: { mode: "sidecar", minBlockDuration: "2h", maxBlockDuration: "2h" },
      },
    },
    {
      id: "query",
      kind: "query",
      name: "thanos-query",
      cluster: "cluster",
      position: { x: 737, y: 172 },
      settings: { replicas: 2, replicaLabels: ["prometheus_replica"] },
    },
    {
      id: "frontend",
      kind: "queryFrontend",
      name: "thanos-query-frontend",
      cluster: "cluster",
      position: { x: 356, y: 183 },
      settings: { replicas: 2 },
    },
    {
      id: "store",
      kind: "storeGateway",
      name: "thanos-storegateway",
      cluster: "cluster",
      position: { x: 1074, y: 172 },
      settings: { replicas: 2 },
    },
    {
      id: "compactor",
      kind: "compactor",
      name: "thanos-compactor",
      cluster: "cluster",
      position: { x: 28, y: 311 },
      settings: {},
    },
    {
      id: "alertmanager",
      kind: "alertmanager",
      name: "alertmanager",
      cluster: "cluster",
      position: { x: 1446, y: 85 },
      settings: { replicas: 3 },
    },
    { id: "grafana", kind: "grafana", name: "grafana", cluster: "cluster", position: { x: 28, y: 183 }, settings: {} },
    {
      id: "bucket",
      kind: "objectStore",
      name: "kubernetes-prometheus",
      position: { x: 2010, y: 236 },
      settings: {
        provider: "s3",
        bucket: "kubernetes-prometheus",
        endpoint: "minio.minio.svc.cluster.local:9000",
        insecure: true,
      },
    },
  ],
  connections: [
    { id: "q-prom", kind: "storeApi", from: "query", to: "prometheus" },
    { id: "q-store", kind: "storeApi", from: "query", to: "store" },
    { id: "fe-q", kind: "downstream", from: "frontend", to: "query" },
    { id: "grafana-fe", kind: "queries", from: "grafana", to: "frontend" },
    { id: "prom-am", kind: "alerts", from: "prometheus", to: "alertmanager" },
    { id: "prom-bucket", kind: "uploadsTo", from: "prometheus", to: "bucket" },
    { id: "store-bucket", kind: "uploadsTo", from: "store", to: "bucket" },
    { id: "compactor-bucket", kind: "uploadsTo", from: "compactor", to: "bucket" },
  ],
};
