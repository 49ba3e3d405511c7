import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SECRET_MASK, parseDesign, validateDesign } from "@/lib/topology";
import { hashmodShard } from "@/lib/topology/hashmod";
import { lintDesign } from "@/lib/topology/lint";
import { TEMPLATES, getTemplate } from "@/lib/topology/templates";
import { OWNER_LABEL, render, renderAll, toYaml, type KubeObject } from "..";
import { byKind, containersOf, find, oneCluster, renderedTemplates } from "./fixtures";

const args = (o: KubeObject, container?: string) => {
  const cs = containersOf(o);
  return (container ? cs.find((c) => c.name === container) : cs[0])?.args ?? [];
};
const cmData = (o: KubeObject) => o.data as Record<string, string>;

describe("templates", () => {
  it("offers one template per document architecture, under the contract's names", () => {
    expect(TEMPLATES.map((t) => t.name)).toEqual([
      "sidecar-ha",
      "hashmod-shards",
      "full-stack-receiver",
      "operator-sidecar",
      "multi-cluster-receivers",
    ]);
    expect(getTemplate("hashmod-shards")?.title).toBe("Hashmod shards");
    expect(getTemplate("nope")).toBeUndefined();
  });

  for (const t of TEMPLATES) {
    it(`${t.name} validates and lints clean (info findings only where intended)`, () => {
      const v = validateDesign(t.design);
      expect(v.ok && v.design.components.length).toBeGreaterThan(0);
      const findings = lintDesign(parseDesign(t.design)).filter((f) => f.severity !== "info");
      expect(findings).toEqual([]);
    });

    it(`${t.name} places components inside their cluster box`, () => {
      const d = parseDesign(t.design);
      for (const c of d.components) {
        if (!c.cluster) continue;
        const cl = d.components.find((x) => x.id === c.cluster);
        if (cl?.kind !== "cluster") throw new Error("cluster expected");
        expect(c.position.x).toBeGreaterThanOrEqual(0);
        expect(c.position.y).toBeGreaterThanOrEqual(40);
        expect(c.position.x + 150).toBeLessThanOrEqual(cl.settings.width);
        expect(c.position.y + 80).toBeLessThanOrEqual(cl.settings.height);
      }
    });
  }
});

describe("render is deterministic", () => {
  it("renders byte-identical YAML for the same design, however often and from a copy", () => {
    for (const t of TEMPLATES) {
      const a = renderAll(parseDesign(t.design))
        .map((r) => toYaml(r.objects))
        .join("\n");
      const b = renderAll(parseDesign(structuredClone(t.design)))
        .map((r) => toYaml(r.objects))
        .join("\n");
      expect(b).toBe(a);
      expect(a).not.toMatch(/&a\d|\*a\d/); // no YAML anchors/aliases
    }
  });

  it("does not mutate the design", () => {
    const d = parseDesign(getTemplate("full-stack-receiver")!.design);
    const before = JSON.stringify(d);
    renderAll(d);
    expect(JSON.stringify(d)).toBe(before);
  });

  it("names an unknown cluster in its error", () => {
    expect(() => render(parseDesign(getTemplate("sidecar-ha")!.design), "nowhere")).toThrow(
      /unknown cluster "nowhere".*"prod"/,
    );
  });
});

describe("what the documents require", () => {
  const sha = render(parseDesign(getTemplate("sidecar-ha")!.design), "prod");

  it("Prometheus: StatefulSet with volumeClaimTemplates, Parallel, hard anti-affinity, sidecar reloader into a shared emptyDir", () => {
    const sts = find(sha, "StatefulSet", "prometheus");
    const spec = sts.spec as Record<string, any>;
    expect(spec.podManagementPolicy).toBe("Parallel");
    expect(spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe("20Gi");
    expect(spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution).toHaveLength(1);
    const prom = args(sts, "prometheus");
    expect(prom).toEqual(
      expect.arrayContaining([
        "--web.enable-lifecycle",
        "--web.enable-admin-api",
        "--storage.tsdb.min-block-duration=2h",
        "--storage.tsdb.max-block-duration=2h",
        "--storage.tsdb.retention.time=6h",
      ]),
    );
    const side = args(sts, "thanos-sidecar");
    expect(side[0]).toBe("sidecar");
    expect(side).toEqual(
      expect.arrayContaining([
        "--reloader.config-file=/etc/prometheus/config/prometheus.yaml.tmpl",
        "--reloader.config-envsubst-file=/etc/prometheus/config_out/prometheus.yaml",
        "--objstore.config-file=/etc/thanos/objstore/objstore.yml",
      ]),
    );
    const sidecar = spec.template.spec.containers.find((c: any) => c.name === "thanos-sidecar");
    expect(sidecar.env).toEqual([
      { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
      // 90% of the sidecar's default 512Mi limit.
      { name: "GOMEMLIMIT", value: "460MiB" },
    ]);
    expect(spec.template.spec.volumes).toContainEqual({ name: "config-out", emptyDir: {} });
    expect(spec.template.metadata.labels["thanos-store-api"]).toBe("true");
    for (const c of spec.template.spec.containers) {
      expect(c.livenessProbe.httpGet.path).toBe("/-/healthy");
      expect(c.readinessProbe.httpGet.path).toBe("/-/ready");
    }
  });

  it("an init container renders the template the way the reloader does, untouched by Kubernetes' $(VAR) expansion", () => {
    const spec = (find(sha, "StatefulSet", "prometheus").spec as any).template.spec;
    const init = spec.initContainers[0];
    expect(init.command.join(" ")).not.toContain("$(POD_NAME)"); // Kubernetes would substitute it
    const dir = mkdtempSync(path.join(tmpdir(), "init-config-"));
    try {
      const tmpl = cmData(find(sha, "ConfigMap", "prometheus-config"))["prometheus.yaml.tmpl"];
      mkdirSync(path.join(dir, "config"));
      mkdirSync(path.join(dir, "config_out"));
      writeFileSync(path.join(dir, "config", "prometheus.yaml.tmpl"), tmpl);
      const script = init.command[2]
        .replaceAll("/etc/prometheus/config/", `${dir}/config/`)
        .replaceAll("/etc/prometheus/config_out/", `${dir}/config_out/`);
      execFileSync("sh", ["-c", script], { env: { ...process.env, POD_NAME: "prometheus-1" } });
      const out = readFileSync(path.join(dir, "config_out", "prometheus.yaml"), "utf8");
      expect(out).toBe(tmpl.replaceAll("$(POD_NAME)", "prometheus-1"));
      expect(parse(out).global.external_labels.prometheus_replica).toBe("prometheus-1");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("Prometheus config: external_labels replica from $(POD_NAME), alert labeldrop of the replica label", () => {
    const cfg = parse(cmData(find(sha, "ConfigMap", "prometheus-config"))["prometheus.yaml.tmpl"]);
    expect(cfg.global.external_labels).toEqual({ cluster: "prod", prometheus_replica: "$(POD_NAME)" });
    expect(cfg.alerting.alert_relabel_configs).toEqual([{ regex: "prometheus_replica", action: "labeldrop" }]);
    expect(cfg.alerting.alertmanagers[0].static_configs[0].targets).toContain(
      "alertmanager-2.alertmanager.kube-mon.svc.cluster.local:9093",
    );
  });

  it("headless Services with named grpc ports; Query finds them with dnssrv+_grpc._tcp and dedups on the replica label", () => {
    const svc = find(sha, "Service", "prometheus").spec as Record<string, any>;
    expect(svc.clusterIP).toBe("None");
    expect(svc.ports).toContainEqual({ name: "grpc", port: 10901, targetPort: "grpc", protocol: "TCP" });
    const q = args(find(sha, "Deployment", "thanos-querier"));
    expect(q).toEqual(
      expect.arrayContaining([
        "--query.replica-label=prometheus_replica",
        "--endpoint=dnssrv+_grpc._tcp.prometheus.kube-mon.svc.cluster.local",
        "--endpoint=dnssrv+_grpc._tcp.thanos-store-gateway.kube-mon.svc.cluster.local",
        "--query.auto-downsampling",
        "--query.partial-response",
        "--http-address=0.0.0.0:9090",
      ]),
    );
    expect(q.some((a) => a.startsWith("--store="))).toBe(false);
    const aff = (find(sha, "Deployment", "thanos-querier").spec as any).template.spec.affinity.podAntiAffinity;
    expect(aff.preferredDuringSchedulingIgnoredDuringExecution[0].weight).toBe(100);
  });

  it("RBAC for kubernetes_sd: ServiceAccount, ClusterRole and binding", () => {
    const role = find(sha, "ClusterRole", "kube-mon-prometheus") as any;
    expect(role.rules[0].resources).toEqual(expect.arrayContaining(["pods", "endpoints", "services", "nodes"]));
    const binding = find(sha, "ClusterRoleBinding", "kube-mon-prometheus") as any;
    expect(binding.subjects).toEqual([{ kind: "ServiceAccount", name: "prometheus", namespace: "kube-mon" }]);
    expect((find(sha, "StatefulSet", "prometheus").spec as any).template.spec.serviceAccountName).toBe("prometheus");
  });

  it("compactor: one replica, --wait, retention per resolution; store gateway reads the objstore Secret", () => {
    const c = find(sha, "StatefulSet", "thanos-compactor");
    expect((c.spec as any).replicas).toBe(1);
    expect(args(c)).toEqual(
      expect.arrayContaining([
        "compact",
        "--wait",
        "--retention.resolution-raw=30d",
        "--retention.resolution-5m=90d",
        "--retention.resolution-1h=1y",
      ]),
    );
    expect(args(c)).not.toContain("--downsampling.disable");
    const st = find(sha, "StatefulSet", "thanos-store-gateway");
    expect((st.spec as any).template.spec.volumes).toContainEqual({
      name: "objstore",
      secret: { secretName: "thanos-objstore" },
    });
  });

  it("hashmod shards: a StatefulSet and config per shard, hashmod into __tmp_hash with keep ^k$, matching hashmodShard", () => {
    const objs = render(parseDesign(getTemplate("hashmod-shards")!.design), "prometheus-ha");
    expect(
      byKind(objs, "StatefulSet")
        .filter((o) => o.metadata.name.startsWith("prometheus-shard-"))
        .map((o) => o.metadata.name),
    ).toEqual(["prometheus-shard-0", "prometheus-shard-1", "prometheus-shard-2"]);
    for (let k = 0; k < 3; k++) {
      const cfg = parse(cmData(find(objs, "ConfigMap", `prometheus-shard-${k}-config`))["prometheus.yaml.tmpl"]);
      expect(cfg.global.external_labels.shard).toBe(String(k));
      for (const job of cfg.scrape_configs) {
        const rc = job.relabel_configs.slice(-2);
        expect(rc).toEqual([
          { source_labels: ["__address__"], modulus: 3, target_label: "__tmp_hash", action: "hashmod" },
          { source_labels: ["__tmp_hash"], regex: `^${k}$`, action: "keep" },
        ]);
      }
    }
    // The keep regex of the shard hashmodShard predicts is the one that keeps a target.
    const k = hashmodShard(["10.0.0.7:9100"], 3);
    expect(k).toBeGreaterThanOrEqual(0);
    expect(k).toBeLessThan(3);
  });

  it("query-frontend: downstream URL, split interval, retries, in-memory response cache", () => {
    const objs = render(parseDesign(getTemplate("hashmod-shards")!.design), "prometheus-ha");
    const a = args(find(objs, "Deployment", "thanos-query-frontend"));
    expect(a).toEqual(
      expect.arrayContaining([
        "--query-frontend.downstream-url=http://thanos-query.thanos.svc.cluster.local:9090",
        "--query-range.split-interval=12h",
        "--query-range.max-retries-per-request=10",
      ]),
    );
    const cache = a.find((x) => x.startsWith("--query-range.response-cache-config="))!;
    expect(parse(cache.slice(cache.indexOf("=") + 1))).toEqual({
      type: "IN-MEMORY",
      config: { max_size: "512MB", max_size_items: 0, validity: "24h" },
    });
  });

  it("ruler: replica label from $(NAME), alert label drop, query and Alertmanager endpoints, rule files", () => {
    const objs = render(parseDesign(getTemplate("hashmod-shards")!.design), "prometheus-ha");
    const a = args(find(objs, "StatefulSet", "thanos-rule"));
    expect(a).toEqual(
      expect.arrayContaining([
        "rule",
        '--label=rule_replica="$(NAME)"',
        "--alert.label-drop=rule_replica",
        "--query=thanos-query.thanos.svc.cluster.local:9090",
        "--alertmanagers.url=dnssrv+http://_http._tcp.thanos-alertmanager.thanos.svc.cluster.local",
        "--rule-file=/etc/thanos/rules/*.yaml",
      ]),
    );
  });

  it("receiver: hashring JSON lists exactly the pods whose local-endpoint it names; write Service is ClusterIP on 19291", () => {
    for (const { objects } of renderedTemplates()) {
      const endpoints = new Set(
        objects
          .filter((o) => o.kind === "ConfigMap" && cmData(o)["hashrings.json"])
          .flatMap((o) =>
            (JSON.parse(cmData(o)["hashrings.json"]) as { endpoints: string[] }[]).flatMap((h) => h.endpoints),
          ),
      );
      for (const sts of objects.filter((o) => o.kind === "StatefulSet" && args(o)[0] === "receive")) {
        const local = args(sts)
          .find((x) => x.startsWith("--receive.local-endpoint="))!
          .split("=")[1];
        expect(local).toMatch(/^\$\(NAME\)\./);
        const replicas = (sts.spec as any).replicas as number;
        for (let i = 0; i < replicas; i++)
          expect(
            endpoints.has(local.replace("$(NAME)", `${sts.metadata.name}-${i}`)),
            `${sts.metadata.name}-${i}`,
          ).toBe(true);
        const write = find(objects, "Service", `${sts.metadata.name}-write`).spec as any;
        expect(write.type).toBe("ClusterIP");
        expect(write.ports).toEqual([
          { name: "remote-write", port: 19291, targetPort: "remote-write", protocol: "TCP" },
        ]);
      }
      for (const e of endpoints)
        expect(e).toMatch(/^[a-z0-9-]+-\d+\.[a-z0-9-]+\.[a-z0-9-]+\.svc\.cluster\.local:10901$/);
    }
  });

  it("remote write: to the receiver's write Service with the tenant header, across clusters through the external host", () => {
    const d = parseDesign(getTemplate("multi-cluster-receivers")!.design);
    const kazusa = parse(cmData(find(render(d, "kazusa"), "ConfigMap", "prometheus-config"))["prometheus.yaml"]);
    // Across clusters: https through the observer cluster's Ingress, with the tenant header.
    expect(kazusa.remote_write).toEqual([
      {
        url: "https://thanos-receiver-default-write.observer.example.com/api/v1/receive",
        headers: { "THANOS-TENANT": "kazusa" },
      },
    ]);
    expect(kazusa.global.external_labels.prometheus_replica).toBe("${POD_NAME}");
    const local = parse(cmData(find(render(d, "observer"), "ConfigMap", "prometheus-config"))["prometheus.yaml"]);
    expect(local.remote_write).toEqual([
      { url: "http://thanos-receiver-default-write.thanos.svc.cluster.local:19291/api/v1/receive" },
    ]);
  });

  it("operator: a Prometheus resource with spec.thanos (objectStorageConfig, blockSize 2h), shards, replica label", () => {
    const objs = render(parseDesign(getTemplate("operator-sidecar")!.design), "idc");
    const p = find(objs, "Prometheus", "kube-prometheus-stack") as any;
    expect(p.apiVersion).toBe("monitoring.coreos.com/v1");
    expect(p.spec).toMatchObject({
      replicas: 2,
      shards: 1,
      replicaExternalLabelName: "prometheus_replica",
      externalLabels: { cluster: "idc" },
    });
    expect(p.spec.thanos).toMatchObject({
      version: "v0.42.4",
      blockSize: "2h",
      objectStorageConfig: { name: "kubernetes-prometheus-objstore", key: "objstore.yml" },
    });
    const q = args(find(objs, "Deployment", "thanos-query"));
    expect(q).toContain(
      "--endpoint=dnssrv+_grpc._tcp.kube-prometheus-stack-thanos-discovery.monitoring.svc.cluster.local",
    );
    const ds = parse(cmData(find(objs, "ConfigMap", "grafana-datasources"))["datasources.yaml"]);
    expect(ds.datasources[0].url).toBe("http://thanos-query-frontend.monitoring.svc.cluster.local:9090");
  });
});

describe("across clusters", () => {
  it("a global Query reaches another cluster's Query through that cluster's externalHostPattern", () => {
    const d = parseDesign({
      name: "global",
      components: [
        { id: "g", kind: "cluster", name: "global", settings: { namespace: "obs" } },
        {
          id: "e",
          kind: "cluster",
          name: "eu-1",
          settings: { namespace: "mon", externalHostPattern: "{service}.{cluster}.example.com" },
        },
        { id: "gq", kind: "query", name: "global-query", cluster: "g", settings: {} },
        { id: "eq", kind: "query", name: "thanos-query", cluster: "e", settings: {} },
        { id: "es", kind: "storeGateway", name: "thanos-store", cluster: "e", settings: {} },
      ],
      connections: [
        { id: "c1", kind: "storeApi", from: "gq", to: "eq" },
        { id: "c2", kind: "storeApi", from: "eq", to: "es" },
      ],
    });
    const global = args(find(render(d, "global"), "Deployment", "global-query"));
    expect(global.filter((a) => a.startsWith("--endpoint="))).toEqual([
      "--endpoint=thanos-query.eu-1.example.com:10901",
    ]);
    const eu = render(d, "eu-1");
    expect(args(find(eu, "Deployment", "thanos-query")).filter((a) => a.startsWith("--endpoint="))).toEqual([
      "--endpoint=dnssrv+_grpc._tcp.thanos-store.mon.svc.cluster.local",
    ]);
    expect(eu.some((o) => o.metadata.name === "global-query")).toBe(false);
  });
});

describe("secrets", () => {
  const design = oneCluster(
    [
      { id: "s", kind: "storeGateway", name: "store", settings: {} },
      {
        id: "b",
        kind: "objectStore",
        name: "bucket",
        settings: {
          provider: "s3",
          bucket: "b",
          endpoint: "s3.example.com",
          accessKey: "AKIAEXAMPLEKEY",
          secretKey: "very-secret-value",
        },
      },
      { id: "g", kind: "grafana", name: "grafana", settings: { adminPassword: "grafana-pass" } },
    ],
    [{ id: "e", kind: "uploadsTo", from: "s", to: "b" }],
  );

  it("are masked by default and appear in clear only when asked (deploy)", () => {
    const masked = toYaml(render(design, "test"));
    expect(masked).not.toMatch(/AKIAEXAMPLEKEY|very-secret-value|grafana-pass/);
    expect(masked).toContain(SECRET_MASK);
    const clear = render(design, "test", { secrets: "clear" });
    const objstore = parse(
      (find(clear, "Secret", "bucket-objstore").stringData as Record<string, string>)["objstore.yml"],
    );
    expect(objstore).toEqual({
      type: "S3",
      config: {
        bucket: "b",
        endpoint: "s3.example.com",
        access_key: "AKIAEXAMPLEKEY",
        secret_key: "very-secret-value",
        insecure: false,
      },
    });
    expect((find(clear, "Secret", "grafana-admin").stringData as Record<string, string>).password).toBe("grafana-pass");
  });

  it("objstore.yml follows Thanos's format for every provider", () => {
    const cases: [Record<string, unknown>, unknown][] = [
      [
        { provider: "gcs", bucket: "g", serviceAccount: "{}" },
        { type: "GCS", config: { bucket: "g", service_account: "{}" } },
      ],
      [
        { provider: "azure", bucket: "c", storageAccount: "acct", storageAccountKey: "k" },
        { type: "AZURE", config: { storage_account: "acct", storage_account_key: "k", container: "c" } },
      ],
      [
        { provider: "cos", bucket: "b", region: "ap-guangzhou", appId: "125", accessKey: "id", secretKey: "k" },
        {
          type: "COS",
          config: { bucket: "b", region: "ap-guangzhou", app_id: "125", secret_id: "id", secret_key: "k" },
        },
      ],
      [
        { provider: "oss", bucket: "b", endpoint: "oss.example.com", accessKey: "id", secretKey: "k" },
        {
          type: "ALIYUNOSS",
          config: { endpoint: "oss.example.com", bucket: "b", access_key_id: "id", access_key_secret: "k" },
        },
      ],
      [
        { provider: "filesystem", bucket: "b", directory: "/data" },
        { type: "FILESYSTEM", config: { directory: "/data" } },
      ],
    ];
    for (const [settings, expected] of cases) {
      const d = oneCluster(
        [
          { id: "c", kind: "compactor", name: "compact", settings: {} },
          { id: "b", kind: "objectStore", name: "bucket", settings },
        ],
        [{ id: "e", kind: "uploadsTo", from: "c", to: "b" }],
      );
      const s = find(render(d, "test", { secrets: "clear" }), "Secret", "bucket-objstore");
      expect(parse((s.stringData as Record<string, string>)["objstore.yml"])).toEqual(expected);
    }
  });
});

describe("settings reach the flags", () => {
  it("memcached caches, disabled downsampling, store time partitions and block shards, partial response off", () => {
    const d = oneCluster(
      [
        {
          id: "q",
          kind: "query",
          name: "q",
          settings: { partialResponse: false, autoDownsampling: false, replicaLabels: ["a"] },
        },
        { id: "f", kind: "queryFrontend", name: "f", settings: { cache: "memcached" } },
        { id: "m", kind: "memcached", name: "mc", settings: {} },
        {
          id: "s",
          kind: "storeGateway",
          name: "st",
          settings: { blockShards: 2, indexCache: "memcached", timePartition: { minTime: "-2w", maxTime: "-1h" } },
        },
        { id: "c", kind: "compactor", name: "compact", settings: { downsampling: false } },
      ],
      [
        { id: "e1", kind: "downstream", from: "f", to: "q" },
        { id: "e2", kind: "cache", from: "f", to: "m" },
        { id: "e3", kind: "cache", from: "s", to: "m" },
        { id: "e4", kind: "storeApi", from: "q", to: "s" },
      ],
    );
    const objs = render(d, "test");
    const q = args(find(objs, "Deployment", "q"));
    expect(q).toContain("--no-query.partial-response");
    expect(q).not.toContain("--query.auto-downsampling");
    const fe = args(find(objs, "Deployment", "f")).find((a) => a.startsWith("--query-range.response-cache-config="))!;
    expect(parse(fe.slice(fe.indexOf("=") + 1)).config.addresses).toEqual([
      "dnssrv+_client._tcp.mc.mon.svc.cluster.local",
    ]);
    const shard1 = args(find(objs, "StatefulSet", "st-shard-1"));
    expect(shard1).toEqual(expect.arrayContaining(["--min-time=-2w", "--max-time=-1h"]));
    const sel = shard1.find((a) => a.startsWith("--selector.relabel-config="))!;
    expect(parse(sel.slice(sel.indexOf("=") + 1))).toEqual([
      { action: "hashmod", source_labels: ["__block_id"], target_label: "shard", modulus: 2 },
      { action: "keep", source_labels: ["shard"], regex: "^1$" },
    ]);
    expect(args(find(objs, "StatefulSet", "compact"))).toContain("--downsampling.disable");
  });

  it("functional sharding gives each shard only its jobs, with no hashmod", () => {
    const d = oneCluster([
      {
        id: "p",
        kind: "prometheus",
        name: "p",
        settings: {
          shards: 2,
          sharding: "functional",
          scrapeJobs: [
            { name: "nodes", staticTargets: ["n:9100"], shard: 0 },
            { name: "apps", staticTargets: ["a:8080"], shard: 1 },
          ],
        },
      },
    ]);
    const objs = render(d, "test");
    const jobs = (k: number) =>
      parse(cmData(find(objs, "ConfigMap", `p-shard-${k}-config`))["prometheus.yaml.tmpl"]).scrape_configs;
    // Shard 0 also owns the stack's self-monitoring job.
    expect(jobs(0)[0]).toEqual({
      job_name: "nodes",
      metrics_path: "/metrics",
      scheme: "http",
      static_configs: [{ targets: ["n:9100"] }],
    });
    expect(jobs(0).map((j: { job_name: string }) => j.job_name)).toEqual(["nodes", "topology-studio-stack"]);
    expect(jobs(1).map((j: { job_name: string }) => j.job_name)).toEqual(["apps"]);
  });

  it("operator mode with several shards spreads pods softly (one affinity covers every shard)", () => {
    const d = oneCluster(
      [
        {
          id: "p",
          kind: "prometheus",
          name: "p",
          settings: { deployment: "operator", shards: 2, thanos: { mode: "remote-write", tenant: "t1" } },
        },
        { id: "r", kind: "receiver", name: "recv", settings: {} },
      ],
      [{ id: "e", kind: "remoteWrite", from: "p", to: "r" }],
    );
    const p = find(render(d, "test"), "Prometheus", "p") as any;
    expect(p.spec.shards).toBe(2);
    expect(p.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution).toHaveLength(1);
    expect(p.spec.thanos).toBeUndefined();
    expect(p.spec.remoteWrite).toEqual([
      { url: "http://recv-write.mon.svc.cluster.local:19291/api/v1/receive", headers: { "THANOS-TENANT": "t1" } },
    ]);
  });

  it("every object carries the owner label with the given design id", () => {
    const objs = render(parseDesign(getTemplate("sidecar-ha")!.design), "prod", { designId: "d-123" });
    expect(new Set(objs.map((o) => o.metadata.labels?.[OWNER_LABEL]))).toEqual(new Set(["d-123"]));
  });
});
