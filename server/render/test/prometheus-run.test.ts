import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { parseDesign } from "@/lib/topology";
import { getTemplate } from "@/lib/topology/templates";
import { render } from "..";
import { startThanosFixture, type ThanosFixture } from "@/e2e/thanos-fixture";
import { OWNER_LABEL } from "..";
import { INIT_CONFIG_SCRIPT, defaults } from "../prometheus";
import { SELF_JOB, STACK_RULE_GROUP } from "../self-monitoring";
import { find } from "./fixtures";

/**
 * A real Prometheus (Debian's 2.42; every flag render gives Prometheus exists there too) started with the
 * rendered container args and the config the rendered init container produces: it must become ready, report
 * the 2h block durations and the per-pod replica label, and accept a lifecycle reload as the sidecar sends it.
 * Kubernetes SD is swapped for file SD only because Debian builds Prometheus without it.
 */
const work = mkdtempSync(path.join(tmpdir(), "render-prom-run-"));
let proc: ChildProcess | undefined;
afterAll(() => {
  proc?.kill("SIGKILL");
  rmSync(work, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > until) throw new Error(`${url} not ready after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("a real Prometheus runs the rendered StatefulSet's args and config", () => {
  it("starts ready, with 2h blocks, the pod's replica label and the lifecycle API", { timeout: 60_000 }, async () => {
    const objects = render(parseDesign(getTemplate("sidecar-ha")!.design), "prod");
    const sts = find(objects, "StatefulSet", "prometheus").spec as any;
    const prom = sts.template.spec.containers.find((c: { name: string }) => c.name === "prometheus");
    const init = sts.template.spec.initContainers[0];
    const cm = find(objects, "ConfigMap", "prometheus-config").data as Record<string, string>;
    const rules = find(objects, "ConfigMap", "prometheus-rules").data as Record<string, string>;

    const dirs = {
      config: path.join(work, "config"),
      out: path.join(work, "config_out"),
      rules: path.join(work, "rules"),
      data: path.join(work, "data"),
      sa: path.join(work, "sa"),
    };
    for (const d of Object.values(dirs)) mkdirSync(d);
    writeFileSync(path.join(dirs.config, defaults.templateFile), cm[defaults.templateFile]);
    writeFileSync(path.join(dirs.rules, defaults.rulesFile), rules[defaults.rulesFile]);
    writeFileSync(path.join(dirs.sa, "token"), "t\n");
    writeFileSync(path.join(dirs.sa, "ca.crt"), "");
    writeFileSync(path.join(work, "targets.json"), "[]\n");
    const local = (s: string) =>
      s
        .replaceAll(`${defaults.configOutDir}/`, `${dirs.out}/`)
        .replaceAll(`${defaults.configDir}/`, `${dirs.config}/`)
        .replaceAll(`${defaults.rulesDir}/`, `${dirs.rules}/`)
        .replaceAll(`${defaults.serviceAccountDir}/`, `${dirs.sa}/`)
        .replace(/^--storage\.tsdb\.path=.*$/, `--storage.tsdb.path=${dirs.data}`);

    // The init container's own script renders the template (POD_NAME from the Downward API).
    expect(init.command[2]).toBe(INIT_CONFIG_SCRIPT);
    const sh = spawn("sh", ["-c", local(INIT_CONFIG_SCRIPT)], { env: { ...process.env, POD_NAME: "prometheus-0" } });
    await new Promise((r) => sh.on("exit", r));
    const configFile = path.join(dirs.out, defaults.configFile);
    const config = parse(readFileSync(configFile, "utf8"));
    expect(config.global.external_labels.prometheus_replica).toBe("prometheus-0");
    for (const sc of config.scrape_configs)
      if (sc.kubernetes_sd_configs) {
        delete sc.kubernetes_sd_configs;
        sc.file_sd_configs = [{ files: [path.join(work, "targets.json")] }];
      }
    writeFileSync(configFile, local(stringify(config)));

    const port = await freePort();
    const args = [...(prom.args as string[]).map(local), `--web.listen-address=127.0.0.1:${port}`];
    proc = spawn("prometheus", args, { stdio: ["ignore", "ignore", "pipe"] });
    let log = "";
    proc.stderr!.on("data", (b) => (log += String(b)));
    const base = `http://127.0.0.1:${port}`;
    await waitReady(`${base}/-/ready`, 30_000).catch((e) => {
      throw new Error(`${(e as Error).message}\n${log}`);
    });
    expect((await fetch(`${base}/-/healthy`)).ok).toBe(true);

    const flags = (await (await fetch(`${base}/api/v1/status/flags`)).json()).data;
    expect(flags["storage.tsdb.min-block-duration"]).toBe("2h");
    expect(flags["storage.tsdb.max-block-duration"]).toBe("2h");
    expect(flags["web.enable-lifecycle"]).toBe("true");
    expect(flags["web.enable-admin-api"]).toBe("true");
    expect(flags["storage.tsdb.retention.time"]).toBe("6h");

    const loaded = parse((await (await fetch(`${base}/api/v1/status/config`)).json()).data.yaml);
    expect(loaded.global.external_labels).toEqual({ cluster: "prod", prometheus_replica: "prometheus-0" });
    expect(loaded.alerting.alert_relabel_configs[0]).toMatchObject({
      regex: "prometheus_replica",
      action: "labeldrop",
    });

    const groups = (await (await fetch(`${base}/api/v1/rules`)).json()).data.groups.map(
      (g: { name: string }) => g.name,
    );
    expect(groups).toEqual(["Deployment", "Pods", STACK_RULE_GROUP]);

    // What the sidecar's reloader does after rewriting the config.
    expect((await fetch(`${base}/-/reload`, { method: "POST" })).status).toBe(200);
  });
});

/**
 * Self-monitoring, end to end: a real Prometheus runs the rendered config and scrapes a component's /metrics, served
 * by the Thanos fixture, through the rendered `topology-studio-stack` job. Debian's Prometheus has no Kubernetes SD,
 * so the job's `kubernetes_sd_configs` becomes a file_sd target group carrying the `__meta_kubernetes_pod_*` labels
 * Kubernetes SD would attach; the job's relabelling runs unchanged. Only its interval is shortened to 1s.
 */
describe("a real Prometheus scrapes the stack through the rendered self-monitoring job", () => {
  let fixture: ThanosFixture | undefined;
  let prom: ChildProcess | undefined;
  afterAll(async () => {
    prom?.kill("SIGKILL");
    await fixture?.stop();
  });

  it(
    "keeps the design's own metrics ports, labels them by component and drops the rest",
    { timeout: 60_000 },
    async () => {
      fixture = await startThanosFixture();
      const ruler = await fixture.addComponent("thanos-rule", "rule");
      fixture.setUploads("thanos-rule", { uploads: 7, failures: 1 });

      const objects = render(parseDesign(getTemplate("sidecar-ha")!.design), "prod");
      const design = find(objects, "StatefulSet", "prometheus").metadata.labels![OWNER_LABEL];
      const sts = find(objects, "StatefulSet", "prometheus").spec as {
        template: { spec: { containers: { name: string; args: string[] }[] } };
      };
      const promArgs = sts.template.spec.containers.find((c) => c.name === "prometheus")!.args;
      const template = (find(objects, "ConfigMap", "prometheus-config").data as Record<string, string>)[
        defaults.templateFile
      ];
      const rules = (find(objects, "ConfigMap", "prometheus-rules").data as Record<string, string>)[defaults.rulesFile];

      const dir = path.join(work, "self");
      const d = { rules: path.join(dir, "rules"), data: path.join(dir, "data"), sa: path.join(dir, "sa") };
      for (const x of Object.values(d)) mkdirSync(x, { recursive: true });
      writeFileSync(path.join(d.rules, defaults.rulesFile), rules);
      writeFileSync(path.join(d.sa, "token"), "t\n");
      writeFileSync(path.join(d.sa, "ca.crt"), "");
      writeFileSync(path.join(dir, "empty.json"), "[]\n");

      const pod = (over: Record<string, string>) => ({
        __meta_kubernetes_namespace: "monitoring",
        __meta_kubernetes_pod_name: "thanos-rule-0",
        __meta_kubernetes_pod_container_name: "thanos-rule",
        __meta_kubernetes_pod_container_port_name: "http",
        __meta_kubernetes_pod_phase: "Running",
        __meta_kubernetes_pod_label_app_kubernetes_io_name: "thanos-rule",
        __meta_kubernetes_pod_label_app_kubernetes_io_instance: "thanos-rule",
        __meta_kubernetes_pod_label_app_kubernetes_io_component: "rule-evaluation-engine",
        __meta_kubernetes_pod_label_app_kubernetes_io_part_of: design,
        __meta_kubernetes_pod_label_app_kubernetes_io_managed_by: "topology-studio",
        ...over,
      });
      const target = `127.0.0.1:${ruler.port}`;
      writeFileSync(
        path.join(dir, "stack.json"),
        JSON.stringify([
          { targets: [target], labels: pod({}) },
          // What the job must drop: another design's pod, a gRPC port, a pod that is not running yet.
          { targets: ["127.0.0.1:1"], labels: pod({ __meta_kubernetes_pod_label_app_kubernetes_io_part_of: "other" }) },
          { targets: ["127.0.0.1:2"], labels: pod({ __meta_kubernetes_pod_container_port_name: "grpc" }) },
          { targets: ["127.0.0.1:3"], labels: pod({ __meta_kubernetes_pod_phase: "Pending" }) },
        ]),
      );

      const config = parse(template.replaceAll("$(POD_NAME)", "prometheus-0"));
      for (const sc of config.scrape_configs) {
        if (!sc.kubernetes_sd_configs) continue;
        delete sc.kubernetes_sd_configs;
        const self = sc.job_name === SELF_JOB;
        sc.file_sd_configs = [{ files: [path.join(dir, self ? "stack.json" : "empty.json")] }];
        if (self) Object.assign(sc, { scrape_interval: "1s", scrape_timeout: "1s" });
      }
      const configFile = path.join(dir, "prometheus.yaml");
      writeFileSync(
        configFile,
        stringify(config)
          .replaceAll(`${defaults.rulesDir}/`, `${d.rules}/`)
          .replaceAll(`${defaults.serviceAccountDir}/`, `${d.sa}/`),
      );

      const port = await freePort();
      const args = [
        ...promArgs
          .filter((a) => !a.startsWith("--config.file=") && !a.startsWith("--storage.tsdb.path="))
          .concat(`--config.file=${configFile}`, `--storage.tsdb.path=${d.data}`),
        `--web.listen-address=127.0.0.1:${port}`,
      ];
      prom = spawn("prometheus", args, { stdio: ["ignore", "ignore", "pipe"] });
      let log = "";
      prom.stderr!.on("data", (b) => (log += String(b)));
      const base = `http://127.0.0.1:${port}`;
      await waitReady(`${base}/-/ready`, 30_000).catch((e) => {
        throw new Error(`${(e as Error).message}\n${log}`);
      });

      type Target = { labels: Record<string, string>; health: string; scrapePool: string };
      let active: Target[] = [];
      for (const until = Date.now() + 20_000; Date.now() < until; await new Promise((r) => setTimeout(r, 250))) {
        const t = (await (await fetch(`${base}/api/v1/targets`)).json()).data;
        active = t.activeTargets.filter((x: Target) => x.scrapePool === SELF_JOB);
        if (active[0]?.health === "up") break;
      }
      expect(active).toHaveLength(1);
      expect(active[0].health).toBe("up");
      expect(active[0].labels).toEqual({
        instance: target,
        job: "thanos-rule",
        namespace: "monitoring",
        pod: "thanos-rule-0",
        container: "thanos-rule",
        app_kubernetes_io_instance: "thanos-rule",
        app_kubernetes_io_component: "rule-evaluation-engine",
      });
      const dropped = (await (await fetch(`${base}/api/v1/targets?state=dropped`)).json()).data.droppedTargets;
      expect(
        dropped.filter((x: { discoveredLabels: { job: string } }) => x.discoveredLabels.job === SELF_JOB),
      ).toHaveLength(3);

      // The fixture's shipper counters arrive under the component's job, as the default rules expect them.
      const q = encodeURIComponent('thanos_shipper_upload_failures_total{job="thanos-rule",namespace="monitoring"}');
      const result = (await (await fetch(`${base}/api/v1/query?query=${q}`)).json()).data.result;
      expect(result.map((r: { value: [number, string] }) => r.value[1])).toEqual(["1"]);
      const groups = (await (await fetch(`${base}/api/v1/rules`)).json()).data.groups.map(
        (g: { name: string }) => g.name,
      );
      expect(groups).toContain(STACK_RULE_GROUP);
    },
  );
});
