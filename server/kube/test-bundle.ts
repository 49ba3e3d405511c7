// A small rendered-design stand-in for the engine's tests: what the renderer emits, by kind.
import type { KubeObject } from "./kinds";

export function testBundle(
  ns = "obs",
  opts: { replicas?: number; withQuery?: boolean; image?: string } = {},
): KubeObject[] {
  const labels = (name: string) => ({ "app.kubernetes.io/name": name });
  const objects: KubeObject[] = [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: { name: `${ns}-prometheus` },
      rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch"] }],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: `${ns}-prometheus` },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: `${ns}-prometheus` },
      subjects: [{ kind: "ServiceAccount", name: "prometheus", namespace: ns }],
    },
    {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: "prometheus", namespace: ns, labels: labels("prometheus") },
    },
    {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "prometheus-config", namespace: ns, labels: labels("prometheus") },
      data: { "prometheus.yml": "global:\n  scrape_interval: 30s\n" },
    },
    {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "objstore", namespace: ns },
      type: "Opaque",
      data: {
        "objstore.yml": Buffer.from("type: S3\nconfig: {bucket: thanos, secret_key: hunter2}\n").toString("base64"),
      },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "prometheus", namespace: ns, labels: labels("prometheus") },
      spec: { clusterIP: "None", selector: labels("prometheus"), ports: [{ name: "web", port: 9090 }] },
    },
    {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "prometheus", namespace: ns, labels: labels("prometheus") },
      spec: {
        replicas: opts.replicas ?? 2,
        serviceName: "prometheus",
        selector: { matchLabels: labels("prometheus") },
        template: {
          metadata: { labels: labels("prometheus") },
          spec: {
            serviceAccountName: "prometheus",
            containers: [{ name: "prometheus", image: opts.image ?? "quay.io/prometheus/prometheus:v2.53.0" }],
          },
        },
      },
    },
  ];
  if (opts.withQuery ?? true) {
    objects.push(
      {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name: "thanos-query", namespace: ns, labels: labels("thanos-query") },
        spec: { selector: labels("thanos-query"), ports: [{ name: "http", port: 9090 }] },
      },
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "thanos-query", namespace: ns, labels: labels("thanos-query") },
        spec: {
          replicas: 1,
          selector: { matchLabels: labels("thanos-query") },
          template: {
            metadata: { labels: labels("thanos-query") },
            spec: { containers: [{ name: "query", image: "quay.io/thanos/thanos:v0.36.1" }] },
          },
        },
      },
    );
  }
  return objects;
}
