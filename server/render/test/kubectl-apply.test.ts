// The real kubectl applies rendered hardening and reachability objects to the Kubernetes API test server.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKubeApi, type KubeApiServer } from "@/e2e/kube-api";
import { parseDesign } from "@/lib/topology";
import { getTemplate } from "@/lib/topology/templates";
import { render, toYaml, type KubeObject } from "..";

const KUBECTL = ["/usr/bin/kubectl", "/usr/local/bin/kubectl"].find((p) => existsSync(p));
const run = promisify(execFile);

/** kubectl's resource name for what it prints after apply (`poddisruptionbudget.policy/x`). */
const printed = (o: KubeObject) => {
  const group = o.apiVersion.includes("/") ? `.${o.apiVersion.split("/")[0]}` : "";
  return `${o.kind.toLowerCase()}${group}/${o.metadata.name} serverside-applied`;
};

describe.skipIf(!KUBECTL)("kubectl apply --server-side of rendered hardening objects", () => {
  let server: KubeApiServer;
  let dir: string;
  let kc: string;
  const kubectl = async (...args: string[]) => {
    try {
      const r = await run(KUBECTL!, ["--kubeconfig", kc, ...args], { timeout: 30_000 });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (e) {
      const err = e as { code?: number; stdout?: string; stderr?: string };
      return { code: err.code ?? 1, stdout: err.stdout ?? "", stderr: err.stderr ?? "" };
    }
  };

  beforeAll(async () => {
    server = await startKubeApi({ readyDelayMs: 100 });
    dir = mkdtempSync(join(tmpdir(), "render-kubectl-"));
    kc = join(dir, "admin.yaml");
    server.writeKubeconfig(kc, "admin");
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [template, cluster] of [
    ["multi-cluster-receivers", "observer"],
    ["operator-sidecar", "idc"],
  ] as const) {
    it(`${template}/${cluster}: ServiceAccounts, PDBs, Ingress, LoadBalancers and PodMonitors are accepted`, async () => {
      const objects = render(parseDesign(getTemplate(template)!.design), cluster);
      const file = join(dir, `${template}-${cluster}.yaml`);
      writeFileSync(file, toYaml(objects));
      const r = await kubectl("apply", "--server-side", "--field-manager=topology-studio", "-f", file);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const kinds = new Set(["ServiceAccount", "PodDisruptionBudget", "Ingress", "PodMonitor", "Service"]);
      const wanted = objects.filter((o) => kinds.has(o.kind));
      expect(wanted.some((o) => o.kind === "PodDisruptionBudget")).toBe(true);
      for (const o of wanted) expect(r.stdout).toContain(printed(o));

      const ns = objects.find((o) => o.kind === "Namespace")!.metadata.name;
      const pdbs = await kubectl("get", "pdb", "-n", ns, "-o", "jsonpath={.items[*].spec.maxUnavailable}");
      const expected = objects
        .filter((o) => o.kind === "PodDisruptionBudget")
        .map((o) => String((o.spec as { maxUnavailable: number }).maxUnavailable));
      expect(pdbs.stdout.split(" ").sort()).toEqual(expected.sort());
      const sa = await kubectl("get", "sa", "-n", ns, "-o", "jsonpath={.items[*].automountServiceAccountToken}");
      expect(sa.stdout.split(" ")).toContain("false");
    });
  }

  it("the Ingress keeps its TLS secret and host through the round trip", async () => {
    const r = await kubectl("get", "ingress", "observer-external", "-n", "thanos", "-o", "json");
    expect(r.code).toBe(0);
    const ing = JSON.parse(r.stdout);
    expect(ing.spec.tls[0].secretName).toBe("observer-external-tls");
    expect(ing.spec.rules[0].host).toBe("thanos-receiver-default-write.observer.example.com");
  });

  it("the operator's PodMonitors are listed back by kubectl, one per component with metrics", async () => {
    const objects = render(parseDesign(getTemplate("operator-sidecar")!.design), "idc");
    const names = objects
      .filter((o) => o.kind === "PodMonitor")
      .map((o) => `podmonitor.monitoring.coreos.com/${o.metadata.name}`);
    expect(names.length).toBeGreaterThan(3);
    const r = await kubectl("get", "podmonitors", "-n", "monitoring", "-o", "name");
    expect(r.stdout.trim().split("\n").sort()).toEqual(names.sort());
  });
});
