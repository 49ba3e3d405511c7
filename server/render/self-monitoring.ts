import type { Component } from "@/lib/topology";
import type { RuleGroup } from "@/lib/topology/kinds/prometheus";
import { MANAGED_BY, OWNER_LABEL } from "./labels";
import type { KubeObject, RenderContext } from "./types";
import type { Obj } from "./common";

/** Name of the scrape job (and rule group) that watches the stack itself. */
export const SELF_JOB = "topology-studio-stack";
export const STACK_RULE_GROUP = "topology-studio-stack-health";

/** Container ports that serve /metrics: `http` on every Thanos component, Alertmanager and Grafana; `web` on Prometheus. */
const METRICS_PORTS = "http|web";

/** Kinds that serve Prometheus metrics (memcached has no exporter in the design; buckets and clusters are not pods). */
export function servesMetrics(c: Component): boolean {
  return !["cluster", "objectStore", "memcached"].includes(c.kind);
}

const podLabel = (l: string) => `__meta_kubernetes_pod_label_${l.replace(/[^a-zA-Z0-9_]/g, "_")}`;

/**
 * The stack's own pods, found by the recommended labels every rendered pod carries: the design (`part-of`) and
 * `managed-by`, then one target per metrics port. `job` is the app name (`thanos-query`…), as PodMonitors' jobLabel
 * gives with the operator, so the default rules read the same either way.
 */
export function selfMonitoringJob(ctx: RenderContext): Obj {
  return {
    job_name: SELF_JOB,
    kubernetes_sd_configs: [{ role: "pod", namespaces: { names: [ctx.namespace] } }],
    relabel_configs: [
      { source_labels: [podLabel("app.kubernetes.io/part-of")], regex: ctx.designId, action: "keep" },
      { source_labels: [podLabel("app.kubernetes.io/managed-by")], regex: MANAGED_BY, action: "keep" },
      { source_labels: ["__meta_kubernetes_pod_container_port_name"], regex: METRICS_PORTS, action: "keep" },
      { source_labels: ["__meta_kubernetes_pod_phase"], regex: "Pending|Succeeded|Failed", action: "drop" },
      { source_labels: [podLabel("app.kubernetes.io/name")], target_label: "job", action: "replace" },
      { source_labels: ["__meta_kubernetes_namespace"], target_label: "namespace", action: "replace" },
      { source_labels: ["__meta_kubernetes_pod_name"], target_label: "pod", action: "replace" },
      { source_labels: ["__meta_kubernetes_pod_container_name"], target_label: "container", action: "replace" },
      { regex: "__meta_kubernetes_pod_label_(app_kubernetes_io_(?:instance|component))", action: "labelmap" },
    ],
  };
}

/** prometheus-operator: one PodMonitor per component, selected by the design's Prometheus resources (`podMonitorSelector`). */
export function podMonitor(ctx: RenderContext, c: Component, selector: Record<string, string>): KubeObject {
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PodMonitor",
    metadata: {
      name: c.name,
      namespace: ctx.namespace,
      labels: {
        "app.kubernetes.io/instance": c.name,
        "app.kubernetes.io/part-of": ctx.designId,
        "app.kubernetes.io/managed-by": MANAGED_BY,
        [OWNER_LABEL]: ctx.designId,
      },
    },
    spec: {
      jobLabel: "app.kubernetes.io/name",
      podTargetLabels: ["app.kubernetes.io/instance", "app.kubernetes.io/component"],
      selector: { matchLabels: selector },
      podMetricsEndpoints: METRICS_PORTS.split("|").map((port) => ({ port, path: "/metrics" })),
    },
  };
}

/** The label selector an operator Prometheus uses to pick up this design's PodMonitors. */
export const podMonitorSelector = (ctx: RenderContext) => ({ matchLabels: { [OWNER_LABEL]: ctx.designId } });

/**
 * Default alerts for the stack's health, from the metrics the processes export (Thanos: cmd/thanos/compact.go,
 * pkg/shipper, cmd/thanos/sidecar.go, pkg/query/endpointset.go, pkg/receive/handler.go; Prometheus's rule manager,
 * which Thanos Rule reuses). Scoped to this cluster's namespace.
 */
export function stackHealthRules(ctx: RenderContext): RuleGroup {
  const ns = `namespace="${ctx.namespace}"`;
  const rule = (alert: string, expr: string, severity: string, summary: string, forDuration = "5m") => ({
    alert,
    expr,
    for: forDuration,
    labels: { severity },
    annotations: { summary, description: `${summary} ({{ $labels.namespace }}/{{ $labels.pod }})` },
  });
  return {
    name: STACK_RULE_GROUP,
    rules: [
      rule(
        "ThanosComponentDown",
        `up{${ns}, job=~"thanos-.*|prometheus|alertmanager|grafana"} == 0`,
        "critical",
        "A component of the stack cannot be scraped: it is down or its /metrics is unreachable.",
      ),
      rule(
        "ThanosCompactHalted",
        `max by (namespace, pod) (thanos_compact_halted{${ns}}) == 1`,
        "critical",
        "The compactor halted on a bucket problem: nothing is compacted, downsampled or deleted until it is fixed.",
      ),
      rule(
        "ThanosShipperUploadFailures",
        `sum by (namespace, pod) (increase(thanos_shipper_upload_failures_total{${ns}}[15m])) > 0`,
        "warning",
        "A sidecar, ruler or receiver fails to upload blocks to the bucket: history is missing for long-term queries.",
      ),
      rule(
        "ThanosSidecarPrometheusDown",
        `thanos_sidecar_prometheus_up{${ns}} == 0`,
        "critical",
        "A sidecar cannot reach its Prometheus: recent data is not served to Query.",
      ),
      rule(
        "ThanosQueryNoStoreEndpoints",
        `(sum by (namespace, pod) (thanos_store_nodes_grpc_connections{${ns}}) or sum by (namespace, pod) (up{${ns}, job="thanos-query"}) * 0) == 0`,
        "critical",
        "A Query has no connected StoreAPI endpoint: every query returns nothing.",
      ),
      rule(
        "ThanosReceiveReplicationErrors",
        `sum by (namespace, pod) (rate(thanos_receive_replications_total{${ns}, result="error"}[5m])) / sum by (namespace, pod) (rate(thanos_receive_replications_total{${ns}}[5m])) > 0.05`,
        "warning",
        "A receiver fails more than 5% of replications: writes miss their replication factor.",
      ),
      rule(
        "ThanosReceiveForwardErrors",
        `sum by (namespace, pod) (rate(thanos_receive_forward_requests_total{${ns}, result="error"}[5m])) / sum by (namespace, pod) (rate(thanos_receive_forward_requests_total{${ns}}[5m])) > 0.05`,
        "warning",
        "A receiver fails more than 5% of forwards to other hashring members: remote-written samples are lost.",
      ),
      rule(
        "PrometheusRuleEvaluationFailures",
        `sum by (namespace, pod) (increase(prometheus_rule_evaluation_failures_total{${ns}}[5m])) > 0`,
        "warning",
        "A Prometheus or Thanos Ruler fails to evaluate rules: recording rules have gaps and alerts may not fire.",
      ),
    ],
  };
}
