// The deploy engine against the Kubernetes API test server (e2e/kube-api): plan, apply order,
// prune, rollout, retries and honest failure under faults, read-only credentials.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type KubeApiServer, startKubeApi } from "../../e2e/kube-api/index";
import { checkConnection, connect, type KubeConnection } from "./connection";
import { runDeploy } from "./deploy";
import type { DeployEvent } from "./events";
import { validateKubeconfig } from "./kubeconfig";
import { plan } from "./plan";
import type { KubeObject } from "./kinds";
import { testBundle } from "./test-bundle";

const owner = { key: "topology-studio.dev/design", value: "d1" };
const fast = { retry: { baseDelayMs: 10, maxDelayMs: 50 }, rolloutIntervalMs: 50, rolloutTimeoutMs: 10_000 };

let api: KubeApiServer;
let conn: KubeConnection;
let ro: KubeConnection;
beforeAll(async () => {
  api = await startKubeApi({ readyDelayMs: 100 });
  conn = await connect(validateKubeconfig(api.kubeconfig("admin")), { timeoutMs: 5000 });
  ro = await connect(validateKubeconfig(api.kubeconfig("readonly")), { timeoutMs: 5000 });
});
afterAll(async () => {
  conn.close();
  ro.close();
  await api.stop();
});
beforeEach(() => {
  api.store.clear();
  api.faults.clear();
  api.controller.options.readyDelayMs = 100;
});

const writesSince = (start: number) => api.requests.slice(start).filter((r) => r.method === "PATCH" && r.status > 0);

describe("plan", () => {
  it("plans every object as create on an empty cluster, with nothing to prune and no writes", async () => {
    const p = await plan(conn, testBundle(), { ownerLabel: owner, ...fast });
    expect(p.errors).toEqual([]);
    expect(p.items.map((i) => i.action)).toEqual(Array(10).fill("create"));
    expect(p.items[0]).toMatchObject({
      object: "v1/Namespace obs",
      key: { group: "", version: "v1", kind: "Namespace", name: "obs" },
    });
    expect(p.prune).toEqual([]);
    expect(
      api.store.list({
        group: "",
        version: "v1",
        kind: "Namespace",
        plural: "namespaces",
        singular: "namespace",
        namespaced: false,
        verbs: [],
      }),
    ).toEqual([]);
  });

  it("after a deploy: unchanged, then one update with a field diff, then a prune entry", async () => {
    expect((await runDeploy(conn, testBundle(), { ownerLabel: owner, ...fast })).status).toBe("succeeded");
    const same = await plan(conn, testBundle(), { ownerLabel: owner, ...fast });
    expect(same.errors).toEqual([]);
    expect(same.items.filter((i) => i.action !== "unchanged")).toEqual([]);

    const scaled = await plan(conn, testBundle("obs", { replicas: 3 }), { ownerLabel: owner, ...fast });
    const changed = scaled.items.filter((i) => i.action !== "unchanged");
    expect(changed).toEqual([
      expect.objectContaining({
        object: "apps/v1/StatefulSet obs/prometheus",
        action: "update",
        diff: [{ path: "spec.replicas", op: "change", from: 2, to: 3 }],
      }),
    ]);

    const removed = await plan(conn, testBundle("obs", { withQuery: false }), { ownerLabel: owner, ...fast });
    expect(removed.prune.map((p) => p.object).sort()).toEqual([
      "apps/v1/Deployment obs/thanos-query",
      "v1/Service obs/thanos-query",
    ]);
    expect(removed.items.every((i) => i.action === "unchanged")).toBe(true);
  });

  it("masks Secret values in diffs", async () => {
    await runDeploy(conn, testBundle(), { ownerLabel: owner, ...fast });
    const b = testBundle();
    (b[5] as unknown as { data: Record<string, string> }).data["objstore.yml"] =
      Buffer.from("rotated").toString("base64");
    const p = await plan(conn, b, { ownerLabel: owner, ...fast });
    const secret = p.items.find((i) => i.key.kind === "Secret")!;
    expect(secret.action).toBe("update");
    expect(secret.diff).toEqual([
      { path: "data.objstore.yml", op: "change", from: "(secret value)", to: "(secret value)" },
    ]);
  });

  it("never prunes objects owned by another design", async () => {
    await runDeploy(conn, testBundle("obs"), { ownerLabel: owner, ...fast });
    await runDeploy(conn, testBundle("other"), { ownerLabel: { ...owner, value: "d2" }, ...fast });
    const p = await plan(conn, testBundle("obs"), { ownerLabel: owner, ...fast, pruneNamespaces: ["other"] });
    expect(p.prune).toEqual([]);
  });
});

describe("runDeploy", () => {
  it("applies in dependency order, waits for rollout and reports every object", async () => {
    const events: DeployEvent[] = [];
    const start = api.requests.length;
    const out = await runDeploy(conn, testBundle(), { ownerLabel: owner, ...fast }, (e) => events.push(e));
    expect(out.status).toBe("succeeded");
    expect(out.results.map((r) => [r.object, r.action, r.status])).toEqual([
      ["v1/Namespace obs", "create", "succeeded"],
      ["v1/ServiceAccount obs/prometheus", "create", "succeeded"],
      ["rbac.authorization.k8s.io/v1/ClusterRole obs-prometheus", "create", "succeeded"],
      ["rbac.authorization.k8s.io/v1/ClusterRoleBinding obs-prometheus", "create", "succeeded"],
      ["v1/ConfigMap obs/prometheus-config", "create", "succeeded"],
      ["v1/Secret obs/objstore", "create", "succeeded"],
      ["v1/Service obs/prometheus", "create", "succeeded"],
      ["v1/Service obs/thanos-query", "create", "succeeded"],
      ["apps/v1/StatefulSet obs/prometheus", "create", "succeeded"],
      ["apps/v1/Deployment obs/thanos-query", "create", "succeeded"],
    ]);
    expect(out.results.find((r) => r.object === "apps/v1/StatefulSet obs/prometheus")!.message).toBe(
      "created; ready (2/2 replicas ready)",
    );
    // Order on the wire: each kind's PATCH after the kinds it depends on.
    const order = writesSince(start).map((r) => r.path.split("/").at(-2));
    const firstIndex = (res: string) => order.indexOf(res);
    const lastIndex = (res: string) => order.lastIndexOf(res);
    expect(lastIndex("namespaces")).toBeLessThan(firstIndex("clusterroles"));
    expect(lastIndex("serviceaccounts")).toBeLessThan(firstIndex("configmaps"));
    expect(lastIndex("secrets")).toBeLessThan(firstIndex("services"));
    expect(lastIndex("services")).toBeLessThan(firstIndex("statefulsets"));
    // Events: applying → applied per object, then waiting (repeated as its health changes) → ready per workload.
    const stsEvents = events.filter((e) => e.object === "apps/v1/StatefulSet obs/prometheus");
    const sts = stsEvents.map((e) => e.phase).filter((p, i, all) => p !== all[i - 1]);
    expect(sts).toEqual(["applying", "applied", "waiting", "ready"]);
    // While waiting it reports the same health words the live tab shows.
    expect(stsEvents.filter((e) => e.phase === "waiting").map((e) => e.health)).toContain("Progressing");
    expect(stsEvents.at(-1)).toMatchObject({ phase: "ready", health: "Healthy" });
    // The owner label was added to every object.
    const cm = api.store.list({
      group: "",
      version: "v1",
      kind: "ConfigMap",
      plural: "configmaps",
      singular: "configmap",
      namespaced: true,
      verbs: [],
    });
    const config = cm.find((o) => (o.metadata as { name: string }).name === "prometheus-config")!;
    expect((config.metadata as { labels: Record<string, string> }).labels[owner.key]).toBe("d1");
  });

  it("prunes what is no longer rendered, dependents first", async () => {
    await runDeploy(conn, testBundle(), { ownerLabel: owner, ...fast });
    const events: DeployEvent[] = [];
    const out = await runDeploy(conn, testBundle("obs", { withQuery: false }), { ownerLabel: owner, ...fast }, (e) =>
      events.push(e),
    );
    expect(out.status).toBe("succeeded");
    const pruned = out.results.filter((r) => r.action === "prune").map((r) => r.object);
    expect(pruned).toEqual(["apps/v1/Deployment obs/thanos-query", "v1/Service obs/thanos-query"]);
    expect(events.filter((e) => e.phase === "pruned").length).toBe(2);
    const after = await plan(conn, testBundle("obs", { withQuery: false }), { ownerLabel: owner, ...fast });
    expect(after.prune).toEqual([]);
  });

  it("succeeds after retries when the API server answers 500s and drops connections", async () => {
    api.faults.set({ failNext: 3, dropNext: 1, onlyFor: { method: "PATCH" } });
    const events: DeployEvent[] = [];
    const out = await runDeploy(conn, testBundle(), { ownerLabel: owner, ...fast }, (e) => events.push(e));
    expect(out.status).toBe("succeeded");
    expect(api.faults.injected).toMatchObject({ fail: 3, drop: 1 });
    expect(events.filter((e) => e.phase === "applying" && e.message?.includes("retrying")).length).toBe(4);
  });

  it("retries 429 throttling", async () => {
    api.faults.set({ failNext: 2, failCode: 429, onlyFor: { method: "PATCH", pathRegex: "/statefulsets/" } });
    expect((await runDeploy(conn, testBundle(), { ownerLabel: owner, ...fast })).status).toBe("succeeded");
    expect(api.requests.filter((r) => r.status === 429).length).toBe(2);
  });

  it("fails honestly under persistent 500s: accurate per-object results, later steps skipped", async () => {
    api.faults.set({ failRate: 1, onlyFor: { method: "PATCH", pathRegex: "/statefulsets/" } });
    const out = await runDeploy(conn, testBundle(), {
      ownerLabel: owner,
      ...fast,
      retry: { attempts: 3, baseDelayMs: 5 },
    });
    expect(out.status).toBe("failed");
    const by = Object.fromEntries(out.results.map((r) => [r.object, r]));
    expect(by["apps/v1/StatefulSet obs/prometheus"]).toMatchObject({
      status: "failed",
      message: "500 InternalError: Internal error occurred: injected fault (after 3 attempts)",
    });
    expect(by["v1/ConfigMap obs/prometheus-config"]!.status).toBe("succeeded");
    // The Deployment shares the failed step: it was attempted and applied; nothing later exists.
    expect(by["apps/v1/Deployment obs/thanos-query"]!.status).toBe("succeeded");
    expect(out.results.filter((r) => r.action === "prune")).toEqual([]);
  });

  it("fails honestly when calls time out, and skips the steps after", async () => {
    api.faults.set({ timeoutNext: 100, onlyFor: { method: "PATCH", pathRegex: "/configmaps/" } });
    const out = await runDeploy(conn, testBundle(), {
      ownerLabel: owner,
      ...fast,
      timeoutMs: 1000,
      retry: { attempts: 2, baseDelayMs: 5 },
    });
    expect(out.status).toBe("failed");
    const by = Object.fromEntries(out.results.map((r) => [r.object, r]));
    expect(by["v1/ConfigMap obs/prometheus-config"]).toMatchObject({
      status: "failed",
      message: "ETIMEDOUT: no answer within 1000 ms (after 2 attempts)",
    });
    expect(by["apps/v1/StatefulSet obs/prometheus"]).toMatchObject({
      status: "skipped",
      message: expect.stringContaining("not applied"),
    });
    expect(
      api.store.get(
        {
          group: "apps",
          version: "v1",
          kind: "StatefulSet",
          plural: "statefulsets",
          singular: "statefulset",
          namespaced: true,
          verbs: [],
        },
        "obs",
        "prometheus",
      ),
    ).toBeUndefined();
  });

  it("reports a workload that never becomes ready as failed, with the last status", async () => {
    api.controller.options.readyDelayMs = Infinity;
    const events: DeployEvent[] = [];
    const out = await runDeploy(conn, testBundle(), { ownerLabel: owner, ...fast, rolloutTimeoutMs: 400 }, (e) =>
      events.push(e),
    );
    expect(out.status).toBe("failed");
    const sts = out.results.find((r) => r.object === "apps/v1/StatefulSet obs/prometheus")!;
    expect(sts).toMatchObject({ status: "failed", message: "created; not ready after 0 s: 0/2 replicas ready" });
    expect(events).toContainEqual({
      object: "apps/v1/StatefulSet obs/prometheus",
      phase: "timeout",
      message: "not ready after 0 s: 0/2 replicas ready",
    });
  });

  it("refuses a bundle with duplicates or namespaced objects without a namespace before any call", async () => {
    const before = api.requests.length;
    const b = testBundle();
    const out = await runDeploy(
      conn,
      [...b, b[4]!, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "loose" } }],
      { ownerLabel: owner, ...fast },
    );
    expect(out.status).toBe("failed");
    expect(out.results.map((r) => r.message)).toEqual([
      "v1/ConfigMap obs/prometheus-config appears twice in the bundle",
      "v1/ConfigMap loose is namespaced but has no metadata.namespace",
    ]);
    expect(api.requests.length).toBe(before);
  });
});

describe("read-only credentials", () => {
  it("checkConnection lists the missing permissions; admin misses none", async () => {
    const admin = await checkConnection(conn, ["obs"]);
    expect(admin.serverVersion).toBe("v1.32.0-topology-sandbox");
    expect(admin.missing).toEqual([]);
    const check = await checkConnection(ro, ["obs"]);
    expect(check.missing.length).toBeGreaterThan(0);
    expect(check.missing).toContainEqual({
      verb: "patch",
      group: "apps",
      resource: "statefulsets",
      namespace: "obs",
      allowed: false,
    });
    expect(check.missing).toContainEqual({
      verb: "create",
      group: "",
      resource: "namespaces",
      namespace: "",
      allowed: false,
    });
    expect(check.missing.every((p) => ["create", "patch", "delete"].includes(p.verb))).toBe(true);
  });

  it("plan shows the missing permissions per object and the deploy fails without retrying 403s", async () => {
    const p = await plan(ro, testBundle(), { ownerLabel: owner, ...fast });
    expect(p.items).toEqual([]);
    expect(p.errors).toContainEqual({
      object: "apps/v1/StatefulSet obs/prometheus",
      permission: { verb: "patch", group: "apps", resource: "statefulsets", namespace: "obs" },
      message: 'missing permission: patch statefulsets.apps in namespace "obs"',
    });
    expect(p.errors).toContainEqual(
      expect.objectContaining({ message: "missing permission: patch namespaces (cluster-wide)" }),
    );
    const before = api.requests.length;
    const out = await runDeploy(ro, testBundle(), { ownerLabel: owner, ...fast });
    expect(out.status).toBe("failed");
    expect(out.results[0]).toMatchObject({
      object: "v1/Namespace obs",
      status: "failed",
      message: expect.stringMatching(/^403 Forbidden: namespaces "obs" is forbidden/),
    });
    expect(out.results.slice(1).every((r) => r.status === "skipped")).toBe(true);
    expect(api.requests.slice(before).filter((r) => r.method === "PATCH").length).toBe(1);
  });
});

describe("no kubeconfig content in messages", () => {
  it("results, events and errors never contain the token or CA data", async () => {
    const secrets = [api.tokens.admin, api.tokens.readonly, Buffer.from(api.caPem).toString("base64").slice(0, 40)];
    const texts: string[] = [];
    api.faults.set({ failRate: 1, onlyFor: { method: "PATCH", pathRegex: "/statefulsets/" } });
    const out = await runDeploy(
      conn,
      testBundle(),
      { ownerLabel: owner, ...fast, retry: { attempts: 2, baseDelayMs: 5 } },
      (e) => texts.push(JSON.stringify(e)),
    );
    texts.push(JSON.stringify(out));
    texts.push(JSON.stringify(await plan(ro, testBundle(), { ownerLabel: owner, ...fast })));
    // A connection to a port nobody listens on: transport errors must not echo the config either.
    const dead = await connect(validateKubeconfig(api.kubeconfig("admin").replace(api.url, "https://127.0.0.1:1")), {
      timeoutMs: 500,
    });
    texts.push(
      JSON.stringify(await runDeploy(dead, testBundle(), { ownerLabel: owner, ...fast, retry: { attempts: 1 } })),
    );
    dead.close();
    for (const t of texts) for (const s of secrets) expect(t).not.toContain(s);
    expect(texts.at(-1)).toContain("ECONNREFUSED");
  });
});

describe("in-cluster connection", () => {
  it("uses the service account token and CA files and KUBERNETES_SERVICE_HOST/PORT", async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const root = mkdtempSync(join(tmpdir(), "incluster-"));
    const sa = join(root, "var/run/secrets/kubernetes.io/serviceaccount");
    mkdirSync(sa, { recursive: true });
    writeFileSync(join(sa, "token"), api.tokens.readonly);
    writeFileSync(join(sa, "ca.crt"), api.caPem);
    const saved = { host: process.env.KUBERNETES_SERVICE_HOST, port: process.env.KUBERNETES_SERVICE_PORT };
    process.env.KUBERNETES_SERVICE_HOST = "127.0.0.1";
    process.env.KUBERNETES_SERVICE_PORT = String(api.port);
    try {
      const c = await connect({ inCluster: true, pathPrefix: root });
      const check = await checkConnection(c, ["obs"]);
      expect(check.serverVersion).toBe("v1.32.0-topology-sandbox");
      // The read-only token was used: writes are missing.
      expect(check.missing).toContainEqual(expect.objectContaining({ verb: "patch", resource: "statefulsets" }));
      c.close();
    } finally {
      process.env.KUBERNETES_SERVICE_HOST = saved.host;
      process.env.KUBERNETES_SERVICE_PORT = saved.port;
      if (saved.host === undefined) delete process.env.KUBERNETES_SERVICE_HOST;
      if (saved.port === undefined) delete process.env.KUBERNETES_SERVICE_PORT;
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("the renderer's golden manifests", () => {
  it("deploy cleanly, become ready and plan as unchanged afterwards", async () => {
    const { existsSync, readdirSync, readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const YAML = (await import("yaml")).default;
    const root = join(import.meta.dirname, "..", "render", "golden");
    if (!existsSync(root)) return; // rendered by the render helper; nothing to prove without it
    const dir = readdirSync(root).find(
      (d) => existsSync(join(root, d)) && readdirSync(join(root, d)).some((f) => f.endsWith(".yaml")),
    )!;
    const file = readdirSync(join(root, dir)).find((f) => f.endsWith(".yaml"))!;
    const objects = YAML.parseAllDocuments(readFileSync(join(root, dir, file), "utf8"))
      .map((d) => d.toJSON())
      .filter(Boolean);
    expect(objects.length).toBeGreaterThan(5);
    const out = await runDeploy(conn, objects, {
      ownerLabel: { key: "topology-studio.dev/design", value: "golden" },
      ...fast,
    });
    expect(out.results.filter((r) => r.status !== "succeeded")).toEqual([]);
    expect(out.status).toBe("succeeded");
    const again = await plan(conn, objects, {
      ownerLabel: { key: "topology-studio.dev/design", value: "golden" },
      ...fast,
    });
    expect(again.errors).toEqual([]);
    expect(again.items.filter((i) => i.action !== "unchanged")).toEqual([]);
    expect(again.prune).toEqual([]);
  });
});

describe("safety", () => {
  it("refuses an empty bundle instead of pruning everything", async () => {
    await runDeploy(conn, testBundle(), { ownerLabel: owner, ...fast });
    const out = await runDeploy(conn, [], { ownerLabel: owner, ...fast });
    expect(out.status).toBe("failed");
    expect(out.results[0]!.message).toMatch(/^the bundle is empty/);
    expect(
      (await plan(conn, testBundle(), { ownerLabel: owner, ...fast })).items.every((i) => i.action === "unchanged"),
    ).toBe(true);
  });

  it("plan names the delete permission a prune would need", async () => {
    await runDeploy(conn, testBundle(), { ownerLabel: owner, ...fast });
    const p = await plan(ro, testBundle("obs", { withQuery: false }), { ownerLabel: owner, ...fast });
    expect(p.prune.length).toBe(2);
    expect(p.errors).toContainEqual({
      permission: { verb: "delete", group: "apps", resource: "deployments", namespace: "obs" },
      message: 'missing permission: delete deployments.apps in namespace "obs" (needed to prune)',
    });
  });
});

describe("cancellation", () => {
  it("an aborted deploy ends failed with applied, failed and skipped objects reported as they are", async () => {
    api.faults.set({ latencyMs: 60 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 150);
    const out = await runDeploy(conn, testBundle(), { ownerLabel: owner, ...fast, signal: ac.signal });
    api.faults.set({ latencyMs: 0 });
    expect(out.status).toBe("failed");
    // Whatever had been applied is reported so; the call in flight fails as aborted; the rest is skipped.
    for (const r of out.results.filter((x) => x.status === "failed")) expect(r.message).toMatch(/ABORTED/);
    for (const r of out.results.filter((x) => x.status === "skipped")) expect(r.message).toMatch(/^not applied: /);
    expect(out.results.at(-1)).toMatchObject({ object: "apps/v1/Deployment obs/thanos-query", status: "skipped" });
  });
});

describe("services/proxy through the connection", () => {
  it("reads a text answer from a workload behind a Service (what live status uses)", async () => {
    const http = await import("node:http");
    const backend = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("Prometheus Server is Ready.\n");
    });
    await new Promise<void>((r) => backend.listen(0, "127.0.0.1", r));
    const port = (backend.address() as { port: number }).port;
    await runDeploy(conn, testBundle(), { ownerLabel: owner, ...fast });
    api.registerServiceBackend("obs", "prometheus", 9090, `http://127.0.0.1:${port}`);
    try {
      const r = await conn.request<string>({
        method: "GET",
        path: "/api/v1/namespaces/obs/services/prometheus:9090/proxy/-/ready",
        accept: "text/plain",
      });
      expect(r.body).toBe("Prometheus Server is Ready.\n");
      api.unregisterServiceBackend("obs", "prometheus", 9090);
      await expect(
        conn.request({ method: "GET", path: "/api/v1/namespaces/obs/services/prometheus:9090/proxy/-/ready" }),
      ).rejects.toMatchObject({ status: 503 });
    } finally {
      await new Promise<void>((r) => backend.close(() => r()));
    }
  });
});

describe("prune only what the engine applied", () => {
  it("leaves labelled objects created by controllers or other tools alone", async () => {
    await runDeploy(conn, testBundle(), { ownerLabel: owner, ...fast });
    const labels = { [owner.key]: owner.value };
    // A PVC as the StatefulSet controller would create it (labels copied from a claim template)…
    await conn.request({
      method: "POST",
      path: "/api/v1/namespaces/obs/persistentvolumeclaims",
      query: { fieldManager: "kube-controller-manager" },
      body: {
        apiVersion: "v1",
        kind: "PersistentVolumeClaim",
        metadata: { name: "data-prometheus-0", labels },
        spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
      },
    });
    // …and a ConfigMap someone applied by hand with the design's label.
    await conn.request({
      method: "PATCH",
      path: "/api/v1/namespaces/obs/configmaps/by-hand",
      query: { fieldManager: "kubectl", force: "true" },
      contentType: "application/apply-patch+yaml",
      body: JSON.stringify({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "by-hand", namespace: "obs", labels },
      }),
    });
    const p = await plan(conn, testBundle("obs", { withQuery: false }), { ownerLabel: owner, ...fast });
    expect(p.prune.map((x) => x.object).sort()).toEqual([
      "apps/v1/Deployment obs/thanos-query",
      "v1/Service obs/thanos-query",
    ]);
  });
});

describe("namespace prune", () => {
  const extra = (): KubeObject[] => [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: "extra" } },
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "extra-config", namespace: "extra" }, data: { a: "1" } },
  ];

  it("prunes a namespace the design no longer renders, after its contents", async () => {
    expect((await runDeploy(conn, [...testBundle(), ...extra()], { ownerLabel: owner, ...fast })).status).toBe(
      "succeeded",
    );
    const out = await runDeploy(conn, testBundle(), { ownerLabel: owner, ...fast });
    expect(out.status).toBe("succeeded");
    expect(out.results.filter((r) => r.action === "prune").map((r) => r.object)).toEqual([
      "v1/ConfigMap extra/extra-config",
      "v1/Namespace extra",
    ]);
    expect(out.kept).toEqual([]);
  });

  it("keeps a namespace that holds objects the design does not own, and says why", async () => {
    await runDeploy(conn, [...testBundle(), ...extra()], { ownerLabel: owner, ...fast });
    await conn.request({
      method: "POST",
      path: "/api/v1/namespaces/extra/configmaps",
      body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "someone-elses" } },
    });
    const p = await plan(conn, testBundle(), { ownerLabel: owner, ...fast });
    expect(p.prune.map((x) => x.object)).toEqual(["v1/ConfigMap extra/extra-config"]);
    expect(p.kept).toEqual([
      expect.objectContaining({
        object: "v1/Namespace extra",
        reason: "namespace holds objects this design does not own: v1/ConfigMap extra/someone-elses",
      }),
    ]);
    const out = await runDeploy(conn, testBundle(), { ownerLabel: owner, ...fast });
    expect(out.status).toBe("succeeded");
    expect(out.kept.map((k) => k.object)).toEqual(["v1/Namespace extra"]);
    expect(
      (await conn.request({ method: "GET", path: "/api/v1/namespaces/extra/configmaps/someone-elses" })).status,
    ).toBe(200);
  });
});
