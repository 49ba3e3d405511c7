// Manifests in the shapes the field deploys from (kube-thanos, the bitnami chart, kube-prometheus-stack), each
// imported into its expected design; a bundle with objects the studio does not model; secrets stay write-only.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDesign, type Design } from "@/lib/topology";
import { TEMPLATES } from "@/lib/topology/templates";
import { render, renderAll, toYaml } from "@/server/render";
import { ManifestParseError, importYaml, parseManifests } from "../index";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", `${name}.yaml`), "utf8");

function shape(d: Design) {
  const byId = new Map(d.components.map((c) => [c.id, c]));
  return {
    components: d.components.map((c) => `${c.kind} ${c.name}`).sort(),
    connections: d.connections.map((e) => `${e.kind} ${byId.get(e.from)!.name} -> ${byId.get(e.to)!.name}`).sort(),
  };
}
const settingsOf = (d: Design, name: string) =>
  d.components.find((c) => c.name === name && c.kind !== "cluster")!.settings as Record<string, unknown>;

describe("kube-thanos shaped manifests", () => {
  const { design, report } = importYaml("kube-thanos", [{ manifests: fixture("kube-thanos") }]);

  it("gives one component per workload, wired through their Services and the shared bucket", () => {
    expect(shape(design)).toEqual({
      components: [
        "cluster thanos",
        "compactor thanos-compact",
        "objectStore thanos",
        "query thanos-query",
        "queryFrontend thanos-query-frontend",
        "receiver thanos-receive-default",
        "ruler thanos-rule",
        "storeGateway thanos-store",
      ],
      connections: [
        "downstream thanos-query-frontend -> thanos-query",
        "queries thanos-rule -> thanos-query",
        "storeApi thanos-query -> thanos-receive-default",
        "storeApi thanos-query -> thanos-rule",
        "storeApi thanos-query -> thanos-store",
        "uploadsTo thanos-compact -> thanos",
        "uploadsTo thanos-receive-default -> thanos",
        "uploadsTo thanos-rule -> thanos",
        "uploadsTo thanos-store -> thanos",
      ],
    });
    expect(design.versions.thanos).toBe("v0.39.2");
  });

  it("reads the settings from flags, the hashring ConfigMap, rule files and the bucket Secret", () => {
    expect(settingsOf(design, "thanos-query")).toMatchObject({
      replicas: 2,
      replicaLabels: ["prometheus_replica", "rule_replica", "replica"],
      autoDownsampling: true,
      resources: { requests: { cpu: "0.123", memory: "123Mi" }, limits: { cpu: "0.42", memory: "420Mi" } },
      // Flags the model has no field for, and an endpoint outside the bundle, are kept verbatim.
      extraArgs: [
        "--query.timeout=5m",
        "--query.lookback-delta=15m",
        "--endpoint=dnssrv+_grpc._tcp.prometheus-k8s.monitoring.svc.cluster.local",
      ],
    });
    expect(settingsOf(design, "thanos-query-frontend")).toMatchObject({
      splitInterval: "12h",
      maxRetries: 10,
      cache: "in-memory",
      cacheMaxSize: "256MB",
      cacheValidity: "12h",
      extraArgs: [],
    });
    expect(settingsOf(design, "thanos-compact")).toMatchObject({
      retentionRaw: "30d",
      retention5m: "90d",
      retention1h: "1y",
      downsampling: true,
      deleteDelay: "48h",
      deduplicationReplicaLabels: ["prometheus_replica"],
      extraArgs: ["--debug.accept-malformed-index"],
    });
    expect(settingsOf(design, "thanos-receive-default")).toMatchObject({
      replicas: 3,
      role: "router-ingestor",
      replicationFactor: 2,
      replicaLabel: "replica",
      retention: "15d",
      // The hashring lists exactly its own pods and the local endpoint names its own Service: render's defaults.
      hashrings: [{ name: "default", tenants: [], endpoints: [] }],
      storage: { size: "10Gi" },
    });
    expect(settingsOf(design, "thanos-receive-default").localEndpoint).toBeUndefined();
    const rule = settingsOf(design, "thanos-rule");
    expect(rule).toMatchObject({ replicaLabel: "rule_replica", alertLabelDrop: ["rule_replica"] });
    expect((rule.ruleGroups as { name: string }[]).map((g) => g.name)).toEqual(["thanos-query"]);
    expect(settingsOf(design, "thanos")).toMatchObject({
      provider: "s3",
      bucket: "metrics-archive",
      endpoint: "minio.storage.svc.cluster.local:9000",
      insecure: true,
      accessKey: "KT-ACCESS-KEY-0001",
    });
  });

  it("maps every object, companions included, and names what it could not connect", () => {
    expect(report.objects.filter((o) => o.status !== "mapped")).toEqual([]);
    expect(report.objects.find((o) => o.kind === "PodDisruptionBudget")?.component).toBe("thanos-receive-default");
    expect(report.objects.find((o) => o.kind === "ServiceMonitor")?.component).toBe("thanos-query");
    expect(report.notes.map((n) => n.message)).toContainEqual(expect.stringContaining("alertmanager-main.monitoring"));
  });

  it("never echoes bucket keys in the report", () => {
    const text = JSON.stringify(report);
    expect(text).not.toContain("KT-ACCESS-KEY-0001");
    expect(text).not.toContain("KT-SECRET-KEY-0002");
  });

  it("re-renders the flags it kept", () => {
    const args = render(design, "thanos")
      .filter((o) => o.kind === "Deployment" && o.metadata.name === "thanos-query")
      .flatMap((o) => JSON.stringify(o));
    expect(args.join()).toContain("--query.timeout=5m");
  });
});

describe("bitnami chart release", () => {
  const { design, report } = importYaml("bitnami", [{ manifests: fixture("bitnami-thanos") }]);

  it("names components after the release and keeps bitnami images per component", () => {
    expect(shape(design)).toEqual({
      components: [
        "cluster monitoring",
        "compactor my-release-thanos-compactor",
        "objectStore my-release-thanos",
        "query my-release-thanos-query",
        "queryFrontend my-release-thanos-query-frontend",
        "storeGateway my-release-thanos-storegateway",
      ],
      connections: [
        "downstream my-release-thanos-query-frontend -> my-release-thanos-query",
        "storeApi my-release-thanos-query -> my-release-thanos-storegateway",
        "uploadsTo my-release-thanos-compactor -> my-release-thanos",
        "uploadsTo my-release-thanos-storegateway -> my-release-thanos",
      ],
    });
    expect(settingsOf(design, "my-release-thanos-query")).toMatchObject({
      image: "docker.io/bitnami/thanos:0.39.2-debian-12-r0",
      replicaLabels: ["replica"],
      extraEndpoints: ["prometheus-operated.monitoring.svc.cluster.local:10901"],
    });
    expect(settingsOf(design, "my-release-thanos-compactor")).toMatchObject({
      retention1h: "10y",
      extraArgs: ["--consistency-delay=30m"],
    });
    expect(settingsOf(design, "my-release-thanos")).toMatchObject({ provider: "gcs", bucket: "my-release-blocks" });
    expect(report.objects.filter((o) => o.status !== "mapped")).toEqual([]);
    expect(JSON.stringify(report)).not.toContain("BITNAMI-PRIVATE-KEY");
  });
});

describe("kube-prometheus-stack release", () => {
  const { design, report } = importYaml("kps", [{ manifests: fixture("kube-prometheus-stack") }]);

  it("imports the Prometheus resource with its sidecar bucket, rules and Alertmanager", () => {
    expect(shape(design)).toEqual({
      components: [
        "alertmanager kps-kube-prometheus-stack-alertmanager",
        "cluster eu-west",
        "grafana kps-grafana",
        "objectStore thanos",
        "prometheus kps-kube-prometheus-stack-prometheus",
      ],
      connections: [
        "alerts kps-kube-prometheus-stack-prometheus -> kps-kube-prometheus-stack-alertmanager",
        "uploadsTo kps-kube-prometheus-stack-prometheus -> thanos",
      ],
    });
    const p = settingsOf(design, "kps-kube-prometheus-stack-prometheus");
    expect(p).toMatchObject({
      deployment: "operator",
      replicas: 2,
      retention: "10d",
      storage: { size: "50Gi" },
      thanos: { mode: "sidecar" },
    });
    expect((p.ruleGroups as { name: string }[]).map((g) => g.name)).toEqual(["alertmanager.rules"]);
    const cluster = design.components.find((c) => c.kind === "cluster")!;
    expect(cluster.settings).toMatchObject({ namespace: "monitoring", externalLabels: { cluster: "eu-west" } });
    expect(design.versions).toMatchObject({
      prometheus: "v3.5.0",
      alertmanager: "v0.28.1",
      thanos: "v0.39.2",
      grafana: "12.0.2",
    });
  });

  it("lists the operator, exporters, their monitors and the CRD as not understood, with reasons", () => {
    const not = report.objects.filter((o) => o.status === "not-understood").map((o) => `${o.kind}/${o.name}`);
    expect(not.sort()).toEqual([
      "CustomResourceDefinition/prometheuses.monitoring.coreos.com",
      "DaemonSet/kps-prometheus-node-exporter",
      "Deployment/kps-kube-prometheus-stack-operator",
      "ServiceMonitor/kps-kube-state-metrics",
    ]);
    for (const o of report.objects) if (o.status === "not-understood") expect(o.reason).toBeTruthy();
    // Grafana's datasource points at Prometheus directly, which the model cannot wire: said, not dropped silently.
    expect(report.notes.map((n) => n.message)).toContainEqual(
      expect.stringContaining("kps-kube-prometheus-stack-prometheus.monitoring"),
    );
    expect(JSON.stringify(report)).not.toContain("prom-operator");
  });
});

describe("a bundle with objects the studio does not model", () => {
  const template = parseDesign(TEMPLATES.find((t) => t.name === "sidecar-ha")!.design);
  const rendered = toYaml(renderAll(template)[0].objects);
  const extra = `---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: kube-mon }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: nginx, image: "nginx:1.27" }] }
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: widgets.example.com }
spec: { group: example.com, names: { kind: Widget, plural: widgets }, scope: Namespaced, versions: [] }
`;
  const { design, report } = importYaml("mixed", [{ manifests: `${rendered}${extra}` }]);

  it("lists them as not understood with kind, name and reason, and imports the rest", () => {
    expect(report.objects.filter((o) => o.status === "not-understood")).toEqual([
      expect.objectContaining({ kind: "Deployment", name: "web", reason: expect.stringContaining("nginx:1.27") }),
      expect.objectContaining({
        kind: "CustomResourceDefinition",
        name: "widgets.example.com",
        reason: expect.stringContaining("CRD"),
      }),
    ]);
    expect(design.components.map((c) => c.name).sort()).toEqual(template.components.map((c) => c.name).sort());
  });
});

describe("bad input", () => {
  it("names the document index and line of a document that is not YAML", () => {
    const text = "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n---\napiVersion: v1\nkind: [unclosed\n";
    const err = (() => {
      try {
        parseManifests(text);
      } catch (e) {
        return e;
      }
    })() as ManifestParseError;
    expect(err).toBeInstanceOf(ManifestParseError);
    expect(err.document).toBe(1);
    expect(err.line).toBeGreaterThanOrEqual(6);
  });

  it("names a document without apiVersion or kind", () => {
    expect(() =>
      parseManifests("apiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\nmetadata:\n  name: b\n"),
    ).toThrow(/document 1 \(line 5\): missing apiVersion/);
  });

  it("imports a component whose bucket Secret cannot be parsed, without the bucket, and says so", () => {
    const template = parseDesign(TEMPLATES.find((t) => t.name === "sidecar-ha")!.design);
    const yaml = toYaml(renderAll(template, { secrets: "clear" })[0].objects).replace(
      /objstore\.yml: \|\n(\s+)type: S3/,
      "objstore.yml: |\n$1type: [S3",
    );
    const { design, report } = importYaml("broken", [{ manifests: yaml }]);
    expect(design.components.some((c) => c.kind === "objectStore")).toBe(false);
    expect(design.components.some((c) => c.kind === "storeGateway")).toBe(true);
    expect(report.notes.map((n) => n.message)).toContainEqual(expect.stringContaining("cannot be parsed"));
  });
});

describe("per-workload companions", () => {
  // What hardened renders add around each workload: they must map to it, never be "not understood".
  const template = parseDesign(TEMPLATES.find((t) => t.name === "sidecar-ha")!.design);
  const objects = renderAll(template)[0].objects;
  const query = objects.find((o) => o.kind === "Deployment" && o.metadata.name === "thanos-querier")!;
  const sel = (query.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels;
  const ns = query.metadata.namespace;
  const companions = [
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "thanos-querier", namespace: ns } },
    {
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: { name: "thanos-querier", namespace: ns },
      spec: { maxUnavailable: 1, selector: { matchLabels: sel } },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "thanos-querier-public", namespace: ns },
      spec: { type: "LoadBalancer", selector: sel, ports: [{ port: 9090 }] },
    },
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: { name: "thanos-querier", namespace: ns },
      spec: {
        rules: [
          {
            http: {
              paths: [
                {
                  path: "/",
                  pathType: "Prefix",
                  backend: { service: { name: "thanos-querier-public", port: { number: 9090 } } },
                },
              ],
            },
          },
        ],
      },
    },
    {
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: { name: "thanos-querier", namespace: ns },
      spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "thanos-querier" }, maxReplicas: 4 },
    },
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "thanos-querier", namespace: ns },
      spec: { podSelector: { matchLabels: sel } },
    },
    {
      apiVersion: "monitoring.coreos.com/v1",
      kind: "PodMonitor",
      metadata: { name: "thanos-querier", namespace: ns },
      spec: { selector: { matchLabels: sel } },
    },
    {
      apiVersion: "monitoring.coreos.com/v1",
      kind: "ServiceMonitor",
      metadata: { name: "thanos-querier", namespace: ns },
      spec: { selector: { matchLabels: query.metadata.labels } },
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: { name: "prometheus-config", namespace: ns },
      rules: [],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "prometheus-config", namespace: ns },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "prometheus-config" },
      subjects: [{ kind: "ServiceAccount", name: "prometheus", namespace: ns }],
    },
  ];
  const { report } = importYaml("hardened", [{ manifests: toYaml([...objects, ...(companions as typeof objects)]) }]);

  it("maps each to the workload it selects, names or binds", () => {
    const mappedTo = (kind: string, name: string) =>
      report.objects.find((o) => o.kind === kind && o.name === name)?.component;
    for (const c of companions.slice(0, 8))
      expect(mappedTo(c.kind, c.metadata.name), `${c.kind}/${c.metadata.name}`).toBe("thanos-querier");
    expect(mappedTo("RoleBinding", "prometheus-config")).toBe("prometheus");
    expect(mappedTo("Role", "prometheus-config")).toBe("prometheus");
    expect(report.objects.filter((o) => o.status !== "mapped")).toEqual([]);
  });
});
