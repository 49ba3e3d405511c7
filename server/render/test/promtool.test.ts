import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import type { KubeObject } from "..";
import { defaults as prom } from "../prometheus";
import { STACK_RULE_GROUP } from "../self-monitoring";
import { render } from "..";
import { oneCluster, renderedTemplates } from "./fixtures";

/**
 * The real tools of the field judge what render emits: Debian's promtool 2.42 and amtool 0.25.
 * Render uses no Prometheus-3-only config field, so a 2.x promtool accepting the config is meaningful;
 * `${POD_NAME}` (Prometheus 3's own expansion) and `$(POD_NAME)` (the sidecar's) are substituted first.
 *
 * One honest gap: Debian builds Prometheus without Kubernetes service discovery, so its promtool rejects
 * `kubernetes_sd_configs` as an unknown field. For promtool each such block becomes an equivalent
 * `file_sd_configs` (relabelling, global, alerting and remote_write are checked as emitted), and the
 * Kubernetes SD blocks themselves are checked against Prometheus 3.14's documented fields below.
 */
const work = mkdtempSync(path.join(tmpdir(), "render-promtool-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(cmd: string, args: string[]): { ok: boolean; out: string } {
  try {
    return { ok: true, out: execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }) };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return { ok: false, out: `${err.stdout ?? ""}${err.stderr ?? ""}` };
  }
}

/** kubernetes_sd_config fields and roles from prometheus docs/configuration/configuration.md (v3.14.0). */
const K8S_SD_FIELDS = new Set([
  "api_server",
  "role",
  "kubeconfig_file",
  "namespaces",
  "selectors",
  "attach_metadata",
  "basic_auth",
  "authorization",
  "oauth2",
  "follow_redirects",
  "enable_http2",
  "tls_config",
  "proxy_url",
  "no_proxy",
  "proxy_from_environment",
  "proxy_connect_header",
  "http_headers",
]);
const K8S_SD_ROLES = new Set(["node", "service", "pod", "endpoints", "endpointslice", "ingress"]);

/** Swap kubernetes_sd_configs for file_sd_configs (see above); returns the Kubernetes SD blocks it removed. */
function withoutKubernetesSd(config: Record<string, unknown>, targetsFile: string): Record<string, unknown>[] {
  const removed: Record<string, unknown>[] = [];
  for (const sc of (config.scrape_configs ?? []) as Record<string, unknown>[]) {
    if (!sc.kubernetes_sd_configs) continue;
    removed.push(...(sc.kubernetes_sd_configs as Record<string, unknown>[]));
    delete sc.kubernetes_sd_configs;
    sc.file_sd_configs = [{ files: [targetsFile] }];
  }
  return removed;
}

function checkKubernetesSd(blocks: Record<string, unknown>[]): void {
  for (const b of blocks) {
    expect(Object.keys(b).filter((k) => !K8S_SD_FIELDS.has(k))).toEqual([]);
    expect(K8S_SD_ROLES.has(String(b.role)), `role ${String(b.role)}`).toBe(true);
    if (b.namespaces)
      expect(Object.keys(b.namespaces as object).every((k) => k === "names" || k === "own_namespace")).toBe(true);
  }
}

const data = (o: KubeObject) => (o.data ?? o.stringData ?? {}) as Record<string, string>;

describe("promtool / amtool accept every config and rule file", () => {
  let n = 0;
  for (const { template, cluster, objects } of renderedTemplates()) {
    const dir = path.join(work, `${template}-${cluster}`);
    mkdirSync(dir, { recursive: true });
    // The service account files scrape configs reference must exist for a full (not syntax-only) check.
    const sa = path.join(dir, "sa");
    mkdirSync(sa);
    writeFileSync(path.join(sa, "token"), "token\n");
    writeFileSync(path.join(sa, "ca.crt"), "");
    const targets = path.join(dir, "targets.json");
    writeFileSync(targets, "[]\n");
    const rulesDir = path.join(dir, "rules");
    mkdirSync(rulesDir);

    const rulesFiles = objects.filter((o) => o.kind === "ConfigMap" && data(o)["rules.yaml"] !== undefined);
    for (const o of rulesFiles) writeFileSync(path.join(rulesDir, `${o.metadata.name}.yaml`), data(o)["rules.yaml"]);
    for (const o of objects.filter((o) => o.kind === "PrometheusRule"))
      writeFileSync(path.join(rulesDir, `${o.metadata.name}-cr.yaml`), stringify(o.spec));

    const configs = objects.filter(
      (o) => o.kind === "ConfigMap" && (data(o)[prom.templateFile] ?? data(o)[prom.configFile]) !== undefined,
    );
    for (const o of configs) {
      it(`${template}/${cluster}: promtool check config ${o.metadata.name}`, () => {
        const text = (data(o)[prom.templateFile] ?? data(o)[prom.configFile])
          .replaceAll("$(POD_NAME)", `${o.metadata.name}-0`)
          .replaceAll("${POD_NAME}", `${o.metadata.name}-0`)
          .replaceAll(`${prom.rulesDir}/`, `${rulesDir}/`)
          .replaceAll(`${prom.serviceAccountDir}/`, `${sa}/`);
        expect(text).not.toMatch(/\$[({]POD_NAME/);
        const config = parse(text) as Record<string, unknown>;
        checkKubernetesSd(withoutKubernetesSd(config, targets));
        const file = path.join(dir, `${o.metadata.name}.yaml`);
        writeFileSync(file, stringify(config));
        const r = run("promtool", ["check", "config", file]);
        expect(r.out, r.out).toMatch(/SUCCESS/);
        expect(r.ok, r.out).toBe(true);
      });
      n++;
    }
    // prometheus-operator: the additional scrape configs must be valid scrape_configs too.
    for (const o of objects.filter((o) => o.kind === "Secret" && data(o)["scrape-configs.yaml"] !== undefined)) {
      it(`${template}/${cluster}: promtool check config (operator additional scrape configs) ${o.metadata.name}`, () => {
        const config = { scrape_configs: parse(data(o)["scrape-configs.yaml"]) };
        checkKubernetesSd(withoutKubernetesSd(config, targets));
        const text = stringify(config);
        const file = path.join(dir, `${o.metadata.name}.yaml`);
        writeFileSync(file, text);
        const r = run("promtool", ["check", "config", file]);
        expect(r.ok, r.out).toBe(true);
      });
      n++;
    }
    if (rulesFiles.length || objects.some((o) => o.kind === "PrometheusRule")) {
      it(`${template}/${cluster}: promtool check rules`, () => {
        const files = [
          ...rulesFiles.map((o) => path.join(rulesDir, `${o.metadata.name}.yaml`)),
          ...objects
            .filter((o) => o.kind === "PrometheusRule")
            .map((o) => path.join(rulesDir, `${o.metadata.name}-cr.yaml`)),
        ];
        const r = run("promtool", ["check", "rules", ...files]);
        expect(r.ok, r.out).toBe(true);
      });
    }
    for (const o of objects.filter((o) => o.kind === "ConfigMap" && data(o)["alertmanager.yml"] !== undefined)) {
      it(`${template}/${cluster}: amtool check-config ${o.metadata.name}`, () => {
        const file = path.join(dir, `${o.metadata.name}.yml`);
        writeFileSync(file, data(o)["alertmanager.yml"]);
        const r = run("amtool", ["check-config", file]);
        expect(r.out, r.out).toMatch(/SUCCESS/);
        expect(r.ok, r.out).toBe(true);
      });
    }
  }

  it("covers a config per Prometheus shard of every template", () => {
    expect(n).toBeGreaterThanOrEqual(10);
  });

  it("amtool accepts the webhook receiver form too", () => {
    const d = oneCluster([
      {
        id: "a",
        kind: "alertmanager",
        name: "am",
        settings: {
          replicas: 1,
          webhookUrl: "https://hooks.example.com/alerts",
          groupBy: ["alertname", "cluster", "severity"],
        },
      },
    ]);
    const cm = render(d, "test").find((o) => o.kind === "ConfigMap" && o.metadata.name === "am-config")!;
    const file = path.join(work, "webhook.yml");
    writeFileSync(file, data(cm)["alertmanager.yml"]);
    const r = run("amtool", ["check-config", file]);
    expect(r.ok, r.out).toBe(true);
    expect(r.out).toMatch(/1 receivers/);
  });

  it("promtool test rules: the stack-health alerts fire on the failures they name, and stay quiet otherwise", () => {
    const objs = render(oneCluster([{ id: "p", kind: "prometheus", name: "p" }]), "test");
    const rulesText = data(objs.find((o) => o.kind === "ConfigMap" && o.metadata.name === "p-rules")!)["rules.yaml"];
    const group = (parse(rulesText) as { groups: { name: string; rules: Record<string, unknown>[] }[] }).groups.find(
      (g) => g.name === STACK_RULE_GROUP,
    )!;
    const dir = path.join(work, "stack-rules");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "rules.yaml"), rulesText);
    const ann = (alert: string, pod: string) => {
      const a = group.rules.find((r) => r.alert === alert)!.annotations as Record<string, string>;
      const expand = (t: string) => t.replaceAll("{{ $labels.namespace }}", "mon").replaceAll("{{ $labels.pod }}", pod);
      return { summary: expand(a.summary), description: expand(a.description) };
    };
    const fires = (alert: string, labels: Record<string, string>) => ({
      eval_time: "10m",
      alertname: alert,
      exp_alerts: [{ exp_labels: labels, exp_annotations: ann(alert, labels.pod) }],
    });
    const ns = { namespace: "mon" };
    const tests = {
      rule_files: ["rules.yaml"],
      evaluation_interval: "1m",
      tests: [
        {
          interval: "1m",
          input_series: [
            { series: 'thanos_compact_halted{namespace="mon",pod="k-0",job="thanos-compact"}', values: "1x15" },
            { series: 'up{namespace="mon",pod="q-0",job="thanos-query"}', values: "1x15" },
            { series: 'up{namespace="mon",pod="q-1",job="thanos-query"}', values: "1x15" },
            {
              series: 'thanos_store_nodes_grpc_connections{namespace="mon",pod="q-1",store_type="sidecar"}',
              values: "2x15",
            },
            { series: 'thanos_receive_replications_total{namespace="mon",pod="r-0",result="error"}', values: "0+6x15" },
            {
              series: 'thanos_receive_replications_total{namespace="mon",pod="r-0",result="success"}',
              values: "0+60x15",
            },
            {
              series: 'thanos_shipper_upload_failures_total{namespace="mon",pod="p-0"}',
              values: "0 0 1 1 2 2 2 2 2 2 2 2 2 2 2 2",
            },
            // Another namespace's compactor is not this stack's.
            { series: 'thanos_compact_halted{namespace="other",pod="k-0"}', values: "1x15" },
          ],
          alert_rule_test: [
            fires("ThanosCompactHalted", { ...ns, pod: "k-0", severity: "critical" }),
            fires("ThanosQueryNoStoreEndpoints", { ...ns, pod: "q-0", severity: "critical" }),
            fires("ThanosReceiveReplicationErrors", { ...ns, pod: "r-0", severity: "warning" }),
            fires("ThanosShipperUploadFailures", { ...ns, pod: "p-0", severity: "warning" }),
            { eval_time: "10m", alertname: "ThanosReceiveForwardErrors", exp_alerts: [] },
            { eval_time: "10m", alertname: "ThanosComponentDown", exp_alerts: [] },
          ],
        },
      ],
    };
    const file = path.join(dir, "tests.yaml");
    writeFileSync(file, stringify(tests));
    const r = run("promtool", ["test", "rules", file]);
    expect(r.out, r.out).toMatch(/SUCCESS/);
    expect(r.ok, r.out).toBe(true);
  });

  it("promtool rejects a broken config (the check is real)", () => {
    const file = path.join(work, "broken.yaml");
    writeFileSync(file, "global:\n  scrape_interval: 5s\n  scrape_timeout: 10s\n");
    expect(run("promtool", ["check", "config", file]).ok).toBe(false);
  });
});
