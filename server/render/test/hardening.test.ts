import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { KubeObject } from "..";
import { render } from "..";
import { getTemplate } from "@/lib/topology/templates";
import { parseDesign } from "@/lib/topology";
import { SELF_JOB, STACK_RULE_GROUP } from "../self-monitoring";
import { byKind, find, oneCluster, renderedTemplates } from "./fixtures";

type Pod = { metadata: { labels: Record<string, string> }; spec: any };

const WORKLOADS = new Set(["Deployment", "StatefulSet"]);
/** Processes written in Go, whose heap GOMEMLIMIT bounds (memcached is C). */
const isGo = (image: string) => /thanos|prometheus|alertmanager|configmap-reload/.test(image);

const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

/** Every hardening rule the issue names, as problems found in one cluster's objects (empty = hardened). */
function hardeningProblems(objects: KubeObject[]): string[] {
  const out: string[] = [];
  const accounts = new Set(byKind(objects, "ServiceAccount").map((o) => o.metadata.name));
  const pdbs = byKind(objects, "PodDisruptionBudget");
  for (const o of objects.filter((x) => WORKLOADS.has(x.kind))) {
    const at = `${o.kind}/${o.metadata.name}`;
    const spec = o.spec as { replicas: number; template: Pod };
    const pod = spec.template.spec;
    if (!pod.serviceAccountName || pod.serviceAccountName === "default" || !accounts.has(pod.serviceAccountName))
      out.push(`${at}: no ServiceAccount of its own`);
    if (typeof pod.automountServiceAccountToken !== "boolean") out.push(`${at}: token automount not decided`);
    const sc = pod.securityContext ?? {};
    if (sc.runAsNonRoot !== true || !(sc.runAsUser > 0) || !(sc.fsGroup > 0)) out.push(`${at}: pod may run as root`);
    if (sc.seccompProfile?.type !== "RuntimeDefault") out.push(`${at}: no RuntimeDefault seccomp profile`);
    for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
      const cs = c.securityContext ?? {};
      if (cs.allowPrivilegeEscalation !== false) out.push(`${at}/${c.name}: privilege escalation allowed`);
      if (cs.readOnlyRootFilesystem !== true) out.push(`${at}/${c.name}: writable root filesystem`);
      if (JSON.stringify(cs.capabilities?.drop) !== '["ALL"]') out.push(`${at}/${c.name}: capabilities not dropped`);
      for (const k of ["requests", "limits"])
        for (const r of ["cpu", "memory"])
          if (!c.resources?.[k]?.[r]) out.push(`${at}/${c.name}: no ${r} ${k.slice(0, -1)}`);
      if (isGo(c.image) && !pod.initContainers?.includes(c) && !c.env?.some((e: any) => e.name === "GOMEMLIMIT"))
        out.push(`${at}/${c.name}: Go process without GOMEMLIMIT`);
    }
    const labels = spec.template.metadata.labels;
    if (spec.replicas >= 2 && !pdbs.some((p) => matches((p.spec as any).selector.matchLabels, labels)))
      out.push(`${at}: ${spec.replicas} replicas and no PodDisruptionBudget`);
  }
  for (const p of pdbs) {
    const sel = (p.spec as any).selector.matchLabels;
    if ((p.spec as any).maxUnavailable < 1) out.push(`PodDisruptionBudget/${p.metadata.name}: blocks every eviction`);
    if (!Object.keys(sel).length) out.push(`PodDisruptionBudget/${p.metadata.name}: empty selector`);
  }
  for (const p of byKind(objects, "Prometheus")) {
    const spec = p.spec as any;
    if (spec.securityContext?.seccompProfile?.type !== "RuntimeDefault")
      out.push(`Prometheus/${p.metadata.name}: seccomp`);
    if (!spec.resources?.limits?.memory) out.push(`Prometheus/${p.metadata.name}: no limits`);
    if (!accounts.has(spec.serviceAccountName)) out.push(`Prometheus/${p.metadata.name}: no ServiceAccount`);
    for (let k = 0; k < spec.shards && spec.replicas >= 2; k++)
      if (!pdbs.some((b) => (b.spec as any).selector.matchLabels["operator.prometheus.io/shard"] === String(k)))
        out.push(`Prometheus/${p.metadata.name}: shard ${k} has no PodDisruptionBudget`);
  }
  return out;
}

const podSpec = (o: KubeObject) => (o.spec as { template: Pod }).template.spec;
const data = (o: KubeObject) => (o.data ?? o.stringData) as Record<string, string>;

describe("hardening, on every template and every cluster", () => {
  for (const { template, cluster, objects } of renderedTemplates()) {
    it(`${template}/${cluster}: every workload has its ServiceAccount, security context, requests, limits and PDB`, () => {
      expect(hardeningProblems(objects)).toEqual([]);
    });
  }

  it("the checks are real: a workload stripped of its hardening fails each one", () => {
    const objects = structuredClone(render(parseDesign(getTemplate("sidecar-ha")!.design), "prod"));
    const sts = find(objects, "StatefulSet", "thanos-store-gateway");
    const pod = podSpec(sts);
    pod.serviceAccountName = "default";
    delete pod.securityContext.seccompProfile;
    delete pod.containers[0].securityContext;
    delete pod.containers[0].resources.limits;
    const pdb = objects.findIndex(
      (o) => o.kind === "PodDisruptionBudget" && o.metadata.name === "thanos-store-gateway",
    );
    objects.splice(pdb, 1);
    expect(hardeningProblems(objects)).toEqual([
      "StatefulSet/thanos-store-gateway: no ServiceAccount of its own",
      "StatefulSet/thanos-store-gateway: no RuntimeDefault seccomp profile",
      "StatefulSet/thanos-store-gateway/thanos-store: privilege escalation allowed",
      "StatefulSet/thanos-store-gateway/thanos-store: writable root filesystem",
      "StatefulSet/thanos-store-gateway/thanos-store: capabilities not dropped",
      "StatefulSet/thanos-store-gateway/thanos-store: no cpu limit",
      "StatefulSet/thanos-store-gateway/thanos-store: no memory limit",
      "StatefulSet/thanos-store-gateway: 2 replicas and no PodDisruptionBudget",
    ]);
  });

  it("anti-affinity: required for Prometheus shards, Receivers and Store Gateways; preferred for Query and Query Frontend", () => {
    const objs = render(parseDesign(getTemplate("full-stack-receiver")!.design), "tke");
    const aff = (o: KubeObject) => Object.keys(podSpec(o).affinity?.podAntiAffinity ?? {})[0];
    let required = 0;
    let preferred = 0;
    for (const o of byKind(objs, "StatefulSet")) {
      const app = o.metadata.labels!["app.kubernetes.io/name"];
      if (!["prometheus", "thanos-receive", "thanos-store"].includes(app)) continue;
      expect(aff(o), o.metadata.name).toBe("requiredDuringSchedulingIgnoredDuringExecution");
      required++;
    }
    for (const o of byKind(objs, "Deployment")) {
      const app = o.metadata.labels!["app.kubernetes.io/name"];
      if (!["thanos-query", "thanos-query-frontend"].includes(app)) continue;
      expect(aff(o), o.metadata.name).toBe("preferredDuringSchedulingIgnoredDuringExecution");
      preferred++;
    }
    // full-stack-receiver: Prometheus, 2 receiver groups and the store gateway are required; its one Query preferred.
    expect([required, preferred]).toEqual([4, 1]);
  });

  it("a receiver drains its TSDB for 900 s and may lose floor(RF/2) pods to a disruption", () => {
    const d = oneCluster([
      { id: "r", kind: "receiver", name: "recv", settings: { replicas: 5, replicationFactor: 5 } },
    ]);
    const objs = render(d, "test");
    expect(podSpec(find(objs, "StatefulSet", "recv")).terminationGracePeriodSeconds).toBe(900);
    expect((find(objs, "PodDisruptionBudget", "recv").spec as any).maxUnavailable).toBe(2);
  });

  it("settings change what is rendered: zone spread, zone anti-affinity, a writable root, no PDB for one replica", () => {
    const d = oneCluster([
      {
        id: "q",
        kind: "query",
        name: "q",
        settings: {
          workload: { zoneSpread: "required", antiAffinity: "required", antiAffinityTopology: "zone" },
        },
      },
      {
        id: "f",
        kind: "queryFrontend",
        name: "f",
        settings: { replicas: 1, workload: { readOnlyRootFilesystem: false } },
      },
    ]);
    const objs = render(d, "test");
    const q = podSpec(find(objs, "Deployment", "q"));
    expect(q.topologySpreadConstraints).toEqual([
      expect.objectContaining({ topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule" }),
    ]);
    expect(q.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey).toBe(
      "topology.kubernetes.io/zone",
    );
    expect(podSpec(find(objs, "Deployment", "f")).containers[0].securityContext.readOnlyRootFilesystem).toBe(false);
    expect(objs.some((o) => o.kind === "PodDisruptionBudget" && o.metadata.name === "f")).toBe(false);
  });

  it("GOMEMLIMIT is 90% of the memory limit", () => {
    const d = oneCluster([
      { id: "q", kind: "query", name: "q", settings: { resources: { limits: { memory: "10Gi" } } } },
    ]);
    const env = podSpec(find(render(d, "test"), "Deployment", "q")).containers[0].env;
    expect(env).toContainEqual({ name: "GOMEMLIMIT", value: "9216MiB" });
  });

  it("the ruler reloads rule changes through a config reloader; the compactor delays deletion; vertical compaction is opt-in", () => {
    const objs = render(parseDesign(getTemplate("full-stack-receiver")!.design), "tke");
    const ruler = byKind(objs, "StatefulSet").find(
      (o) => o.metadata.labels!["app.kubernetes.io/name"] === "thanos-rule",
    )!;
    const reloader = podSpec(ruler).containers.find((c: any) => c.name === "configmap-reloader");
    expect(reloader.args).toEqual(["--webhook-url=http://localhost:10902/-/reload", "--volume-dir=/etc/thanos/rules"]);
    const compact = byKind(objs, "StatefulSet").find(
      (o) => o.metadata.labels!["app.kubernetes.io/name"] === "thanos-compact",
    )!;
    const args: string[] = podSpec(compact).containers[0].args;
    expect(args).toContain("--delete-delay=48h");
    expect(args.some((a) => a.startsWith("--deduplication.replica-label"))).toBe(false);
    const d = oneCluster([
      { id: "k", kind: "compactor", name: "k", settings: { deduplicationReplicaLabels: ["prometheus_replica"] } },
    ]);
    expect(podSpec(find(render(d, "test"), "StatefulSet", "k")).containers[0].args).toContain(
      "--deduplication.replica-label=prometheus_replica",
    );
  });
});

describe("self-monitoring", () => {
  it("every StatefulSet-mode Prometheus config scrapes the stack's own pods and loads the stack-health rules", () => {
    let configs = 0;
    for (const { objects } of renderedTemplates()) {
      for (const cm of byKind(objects, "ConfigMap")) {
        const text = data(cm)["prometheus.yaml.tmpl"] ?? data(cm)["prometheus.yaml"];
        if (!text) continue;
        configs++;
        const job = parse(text).scrape_configs.find((j: any) => j.job_name === SELF_JOB);
        expect(job, cm.metadata.name).toBeDefined();
        expect(job.kubernetes_sd_configs[0]).toEqual({ role: "pod", namespaces: { names: [cm.metadata.namespace] } });
      }
      for (const cm of byKind(objects, "ConfigMap").filter((o) => o.metadata.name.endsWith("-rules"))) {
        if (cm.metadata.labels!["app.kubernetes.io/name"] !== "prometheus") continue;
        expect(parse(data(cm)["rules.yaml"]).groups.map((g: any) => g.name)).toContain(STACK_RULE_GROUP);
      }
    }
    expect(configs).toBeGreaterThanOrEqual(9);
  });

  it("with prometheus-operator: a PodMonitor per component with metrics, selected by the Prometheus resource", () => {
    const objs = render(parseDesign(getTemplate("operator-sidecar")!.design), "idc");
    const monitors = byKind(objs, "PodMonitor");
    const prom = byKind(objs, "Prometheus")[0].spec as any;
    const owner = byKind(objs, "Prometheus")[0].metadata.labels!["topology-studio.dev/design"];
    expect(prom.podMonitorSelector.matchLabels).toEqual({ "topology-studio.dev/design": owner });
    for (const m of monitors) expect(matches(prom.podMonitorSelector.matchLabels, m.metadata.labels!)).toBe(true);
    // Every pod template of the cluster is selected by exactly one PodMonitor, memcached (no exporter) aside.
    for (const o of objs.filter((x) => WORKLOADS.has(x.kind))) {
      const labels = (o.spec as { template: Pod }).template.metadata.labels;
      const n = monitors.filter((m) => matches((m.spec as any).selector.matchLabels, labels)).length;
      expect(n, o.metadata.name).toBe(labels["app.kubernetes.io/name"] === "memcached" ? 0 : 1);
    }
    expect(monitors.find((m) => m.metadata.name === prom.serviceAccountName)).toBeDefined();
    const rules = byKind(objs, "PrometheusRule")[0].spec as any;
    expect(rules.groups.map((g: any) => g.name)).toContain(STACK_RULE_GROUP);
  });

  it("can be switched off per Prometheus", () => {
    const d = oneCluster([
      { id: "p", kind: "prometheus", name: "p", settings: { selfMonitoring: { scrape: false, rules: false } } },
    ]);
    const objs = render(d, "test");
    const cfg = parse(data(find(objs, "ConfigMap", "p-config"))["prometheus.yaml.tmpl"]);
    expect(cfg.scrape_configs.map((j: any) => j.job_name)).not.toContain(SELF_JOB);
    expect(parse(data(find(objs, "ConfigMap", "p-rules"))["rules.yaml"]).groups).toEqual([]);
  });
});

describe("reachability across clusters", () => {
  const d = parseDesign(getTemplate("multi-cluster-receivers")!.design);
  const observer = render(d, "observer");

  it("what remote clusters write to is served by an Ingress with TLS at the host they use", () => {
    const ing = byKind(observer, "Ingress")[0] as any;
    const kazusa = parse(data(find(render(d, "kazusa"), "ConfigMap", "prometheus-config"))["prometheus.yaml"]);
    const url = new URL(kazusa.remote_write[0].url);
    expect(url.protocol).toBe("https:");
    expect(kazusa.remote_write[0].headers["THANOS-TENANT"]).toBe("kazusa");
    const rule = ing.spec.rules.find((r: any) => r.host === url.hostname);
    expect(rule.http.paths[0]).toMatchObject({
      path: url.pathname,
      backend: { service: { port: { name: "remote-write" } } },
    });
    expect(find(observer, "Service", rule.http.paths[0].backend.service.name)).toBeDefined();
    expect(ing.spec.tls[0]).toEqual({
      hosts: expect.arrayContaining([url.hostname]),
      secretName: "observer-external-tls",
    });
    expect(ing.spec.ingressClassName).toBe("nginx");
  });

  it("a Query in another cluster reaches a StoreAPI through a LoadBalancer named for its host", () => {
    const design = parseDesign({
      name: "two",
      components: [
        {
          id: "a",
          kind: "cluster",
          name: "a",
          settings: { namespace: "mon", externalHostPattern: "{service}.{cluster}.example.com" },
        },
        { id: "b", kind: "cluster", name: "b", settings: { namespace: "mon" } },
        { id: "s", kind: "storeGateway", name: "store", cluster: "a" },
        { id: "q", kind: "query", name: "query", cluster: "b" },
      ],
      connections: [{ id: "e", kind: "storeApi", from: "q", to: "s" }],
    });
    const endpoint = (podSpec(find(render(design, "b"), "Deployment", "query")).containers[0].args as string[]).find(
      (x) => x.startsWith("--endpoint="),
    );
    expect(endpoint).toBe("--endpoint=store.a.example.com:10901");
    const lb = find(render(design, "a"), "Service", "store-external") as any;
    expect(lb.spec.type).toBe("LoadBalancer");
    expect(lb.metadata.annotations["external-dns.alpha.kubernetes.io/hostname"]).toBe("store.a.example.com");
    expect(lb.spec.ports).toEqual([{ name: "grpc", port: 10901, targetPort: "grpc", protocol: "TCP" }]);
    const pods = (find(render(design, "a"), "StatefulSet", "store").spec as { template: Pod }).template.metadata.labels;
    expect(matches(lb.spec.selector, pods)).toBe(true);
  });
});
