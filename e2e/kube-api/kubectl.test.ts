// The real kubectl against the test server: the proof that it is faithful enough.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKubeApi, type KubeApiServer } from "./index";
import { waitFor } from "./test-client";

const KUBECTL = ["/usr/bin/kubectl", "/usr/local/bin/kubectl"].find((p) => existsSync(p));
const run = promisify(execFile);
const BUNDLE = join(import.meta.dirname, "testdata", "bundle");

describe.skipIf(!KUBECTL)("real kubectl", () => {
  let server: KubeApiServer;
  let dir: string;
  let admin: string;
  let readonly: string;
  const kubectl = async (kc: string, ...args: string[]) => {
    try {
      const r = await run(KUBECTL!, ["--kubeconfig", kc, ...args], { timeout: 20_000 });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (e) {
      const err = e as { code?: number; stdout?: string; stderr?: string };
      return { code: err.code ?? 1, stdout: err.stdout ?? "", stderr: err.stderr ?? "" };
    }
  };

  beforeAll(async () => {
    server = await startKubeApi({ readyDelayMs: 100 });
    dir = mkdtempSync(join(tmpdir(), "kube-api-kubectl-"));
    admin = join(dir, "admin.yaml");
    readonly = join(dir, "readonly.yaml");
    server.writeKubeconfig(admin, "admin");
    server.writeKubeconfig(readonly, "readonly");
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("kubectl apply --server-side creates every object of the bundle", async () => {
    const r = await kubectl(admin, "apply", "--server-side", "-f", BUNDLE);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    for (const line of [
      "namespace/monitoring serverside-applied",
      "serviceaccount/prometheus serverside-applied",
      "role.rbac.authorization.k8s.io/prometheus serverside-applied",
      "rolebinding.rbac.authorization.k8s.io/prometheus serverside-applied",
      "configmap/prometheus-config serverside-applied",
      "secret/thanos-objstore serverside-applied",
      "service/prometheus serverside-applied",
      "statefulset.apps/prometheus-shard-0 serverside-applied",
      "deployment.apps/thanos-query serverside-applied",
    ])
      expect(r.stdout).toContain(line);
  });

  it("kubectl get statefulsets shows them, ready once the controller has run", async () => {
    const out = await waitFor(async () => {
      const r = await kubectl(admin, "get", "statefulsets", "-n", "monitoring");
      return /prometheus-shard-0\s+2\/2/.test(r.stdout) ? r.stdout : undefined;
    });
    expect(out).toMatch(/^NAME\s+READY\s+AGE/);
    const pods = await kubectl(admin, "get", "pods", "-n", "monitoring", "-l", "app.kubernetes.io/name=prometheus");
    expect(pods.stdout).toMatch(/prometheus-shard-0-0\s+2\/2\s+Running/);
    expect(pods.stdout).toMatch(/prometheus-shard-0-1\s+2\/2\s+Running/);
    const status = await kubectl(
      admin,
      "rollout",
      "status",
      "deployment/thanos-query",
      "-n",
      "monitoring",
      "--timeout=10s",
    );
    expect(status.stdout).toContain('deployment "thanos-query" successfully rolled out');
  });

  it("re-applying the same bundle is a no-op for the API server", async () => {
    const before = (
      await kubectl(
        admin,
        "get",
        "sts",
        "prometheus-shard-0",
        "-n",
        "monitoring",
        "-o",
        "jsonpath={.metadata.generation}",
      )
    ).stdout;
    const r = await kubectl(admin, "apply", "--server-side", "-f", BUNDLE);
    expect(r.code).toBe(0);
    const after = (
      await kubectl(
        admin,
        "get",
        "sts",
        "prometheus-shard-0",
        "-n",
        "monitoring",
        "-o",
        "jsonpath={.metadata.generation}",
      )
    ).stdout;
    expect(after).toBe(before);
  });

  it("kubectl auth can-i answers per user", async () => {
    const no = await kubectl(readonly, "auth", "can-i", "create", "statefulsets", "-n", "monitoring");
    expect(no.stdout.trim()).toBe("no");
    expect(no.code).toBe(1);
    const yes = await kubectl(readonly, "auth", "can-i", "list", "pods", "-n", "monitoring");
    expect(yes.stdout.trim()).toBe("yes");
    expect((await kubectl(admin, "auth", "can-i", "delete", "configmaps", "-n", "monitoring")).stdout.trim()).toBe(
      "yes",
    );
  });

  it("the readonly user is refused writes with Forbidden", async () => {
    const r = await kubectl(readonly, "delete", "configmap", "prometheus-config", "-n", "monitoring");
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("Error from server (Forbidden)");
  });

  it("kubectl delete removes objects and their pods", async () => {
    const r = await kubectl(admin, "delete", "statefulset", "prometheus-shard-0", "-n", "monitoring");
    expect(r.stdout).toContain('statefulset.apps "prometheus-shard-0" deleted');
    const gone = await kubectl(admin, "get", "statefulsets", "-n", "monitoring");
    expect(gone.stderr).toContain("No resources found in monitoring namespace.");
    expect(
      (await kubectl(admin, "get", "pods", "-n", "monitoring", "-l", "app.kubernetes.io/name=prometheus")).stderr,
    ).toContain("No resources found");
    const ns = await kubectl(admin, "delete", "-f", join(BUNDLE, "00-namespace.yaml"));
    expect(ns.stdout).toContain('namespace "monitoring" deleted');
    expect((await kubectl(admin, "get", "configmaps", "-n", "monitoring")).stderr).toContain("No resources found");
  });

  it("applies the renderer's golden manifests (real compiler output) with --server-side", async () => {
    const golden = join(import.meta.dirname, "..", "..", "server", "render", "golden");
    if (!existsSync(golden)) return; // produced by the render helper
    for (const dir of readdirSync(golden)) {
      const r = await kubectl(admin, "apply", "--server-side", "-f", join(golden, dir));
      expect(r.stderr).toBe("");
      expect(r.stdout).toMatch(/statefulset\.apps\/\S+ serverside-applied/);
    }
    const sts = await kubectl(admin, "get", "statefulsets", "-A");
    expect(sts.stdout.split("\n").length).toBeGreaterThan(5);
  });
});
