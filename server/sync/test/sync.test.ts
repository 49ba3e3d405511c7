// Sync status end to end: real SQLite, the app's deploy service and route handlers, the Kubernetes API
// test server changed behind the studio's back with the real kubectl. Deploy 1 → Synced; save 2 →
// OutOfSync (latest not deployed); deploy 2 → Synced; kubectl scale → OutOfSync naming the field with
// its live and desired values; kubectl delete → missing; an object applied by hand under the studio's
// field manager → extra; deploy again → Synced. Twenty concurrent reads cost one computation.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as syncRoute from "@/app/api/designs/[id]/sync/route";
import * as shareSyncRoute from "@/app/api/share/[token]/sync/route";
import { startKubeApi, type KubeApiServer } from "@/e2e/kube-api";
import type { Actor } from "@/server/auth/actor";
import { setAllowedNamespaces } from "@/server/clusters/allowed-namespaces";
import { registerCluster } from "@/server/clusters/service";
import { db } from "@/server/db/client";
import { useTestDatabase } from "@/server/db/testing";
import { getDeployment, startDeployment } from "@/server/deployments/service";
import { call, makeUser, type TestUser } from "@/server/designs/test/fixtures";
import { designService } from "@/server/designs/service";
import { OWNER_LABEL } from "@/server/render";
import { createShare, CreateShareBody } from "@/server/shares/service";
import type { ClusterSync, SyncReport } from "../report";
import { syncRefresh } from "../service";

process.env.STUDIO_SECRET_KEY ??= "sync-test-secret-key";
process.env.STUDIO_ROLLOUT_INTERVAL_MS = "150";
process.env.STUDIO_ROLLOUT_TIMEOUT_MS = "20000";
process.env.STUDIO_KUBE_TIMEOUT_MS = "2000";
// Every read computes (concurrent reads still share one computation): the test sees each change at once.
process.env.STUDIO_SYNC_TTL_MS = "0";
process.env.STUDIO_SYNC_STALE_MS = "0";

const KUBECTL = ["/usr/bin/kubectl", "/usr/local/bin/kubectl"].find((p) => existsSync(p));
const run = promisify(execFile);
const NS = "sync-a";

let kube: KubeApiServer;
let dir: string;
let kubeconfigFile: string;
let deployer: Actor;
let viewer: TestUser;
let designId: string;
let clusterId: string;

async function kubectl(...args: string[]) {
  const r = await run(KUBECTL!, ["--kubeconfig", kubeconfigFile, ...args], { timeout: 30_000 });
  return r.stdout;
}

async function actor(role: Actor["user"]["role"]): Promise<Actor> {
  const u = await db().user.create({
    data: { email: `${role}-${Math.random()}@sync.test`, name: `${role} person`, role, passwordHash: "x" },
  });
  return { user: { id: u.id, email: u.email, name: u.name, role }, via: "session" };
}

type Doc = Awaited<ReturnType<ReturnType<typeof designService>["get"]>>["design"];
async function edit(change: (d: Doc) => void): Promise<number> {
  const svc = designService();
  const cur = await svc.get(designId);
  const d = structuredClone(cur.design);
  change(d);
  return (await svc.save(deployer.user, designId, { baseRevision: cur.revision, design: d })).revision;
}

async function deploy(): Promise<void> {
  const { id } = await startDeployment(deployer, designId, { cluster: "prod" });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const d = await getDeployment(id);
    if (d.status !== "running") {
      expect(d.status, d.error ?? "").toBe("succeeded");
      return;
    }
    if (Date.now() > deadline) throw new Error(`deployment ${id} still running`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function sync(): Promise<SyncReport> {
  const res = await call(syncRoute.GET, "GET", `/api/designs/${designId}/sync`, {
    as: viewer,
    params: { id: designId },
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as SyncReport;
}

async function prod(): Promise<ClusterSync> {
  const report = await sync();
  expect(report.clusters.map((c) => c.cluster)).toEqual(["prod"]);
  return report.clusters[0]!;
}

const refreshCount = async () =>
  (await syncRefresh.get()).values
    .filter((v) => v.metricName === "studio_sync_refresh_duration_seconds_count")
    .reduce((n, v) => n + v.value, 0);

beforeAll(async () => {
  await useTestDatabase();
  kube = await startKubeApi({ readyDelayMs: 150 });
  dir = mkdtempSync(join(tmpdir(), "sync-kubectl-"));
  kubeconfigFile = join(dir, "admin.yaml");
  kube.writeKubeconfig(kubeconfigFile, "admin");
  const admin = await actor("admin");
  deployer = await actor("deployer");
  viewer = await makeUser("viewer", "Vic");
  clusterId = (await registerCluster(admin, { name: "sandbox", kubeconfig: kube.kubeconfig("admin") })).id;
  designId = (await designService().create(deployer.user, { name: "sync-me", template: "sidecar-ha" })).id;
  await edit((d) => {
    const c = d.components.find((x) => x.kind === "cluster")!;
    Object.assign(c.settings as Record<string, unknown>, { registeredClusterId: clusterId, namespace: NS });
  });
}, 60_000);

afterAll(async () => {
  await kube?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!KUBECTL)("sync status against the Kubernetes API test server", () => {
  it("a bound cluster never deployed is Unknown, saying so", async () => {
    const c = await prod();
    expect(c).toMatchObject({
      status: "Unknown",
      cause: "never-deployed",
      deployedRevision: null,
      latestRevision: 2,
      differences: [],
    });
  });

  it("deploying the latest revision makes it Synced to that revision", async () => {
    await deploy();
    const c = await prod();
    expect(c).toMatchObject({ status: "Synced", deployedRevision: 2, latestRevision: 2, differences: [] });
    expect(c.reason).toBe("live is revision 2");
    expect(Date.parse(c.checkedAt!)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("a saved revision that renders differently is OutOfSync until it is deployed", async () => {
    const saved = await edit((d) => {
      const q = d.components.find((x) => x.kind === "query")!;
      (q.settings as Record<string, unknown>).replicas = 3;
    });
    expect(saved).toBe(3);
    const out = await prod();
    expect(out).toMatchObject({
      status: "OutOfSync",
      cause: "latest-not-deployed",
      deployedRevision: 2,
      latestRevision: 3,
      differences: [],
    });
    expect(out.reason).toBe("latest revision 3 is not deployed; live is revision 2");

    await deploy();
    expect(await prod()).toMatchObject({ status: "Synced", deployedRevision: 3, latestRevision: 3 });
  });

  it("a revision that moves only the canvas renders the same objects: still Synced, both revisions named", async () => {
    await edit((d) => {
      const q = d.components.find((x) => x.kind === "query")!;
      q.position = { x: (q.position?.x ?? 0) + 40, y: q.position?.y ?? 0 };
    });
    const c = await prod();
    expect(c).toMatchObject({ status: "Synced", deployedRevision: 3, latestRevision: 4 });
    expect(c.reason).toBe("live is revision 3 (latest revision 4 renders the same objects)");
  });

  it("kubectl scale by someone else: OutOfSync with the field, its live and its desired value", async () => {
    const sts = JSON.parse(await kubectl("get", "statefulsets", "-n", NS, "-o", "json")) as {
      items: { metadata: { name: string }; spec: { replicas: number } }[];
    };
    const prometheus = sts.items.find((s) => s.spec.replicas === 2)!;
    expect(prometheus).toBeDefined();
    await kubectl("scale", "statefulset", prometheus.metadata.name, "-n", NS, "--replicas=5");
    const c = await prod();
    expect(c.status).toBe("OutOfSync");
    expect(c.cause).toBe("live-differs");
    expect(c.differences).toContainEqual({
      object: `StatefulSet/${NS}/${prometheus.metadata.name}`,
      change: "changed",
      field: "spec.replicas",
      live: 5,
      desired: 2,
    });
    expect(c.reason).toMatch(/^live differs from deployed revision 3: 1 object changed by someone else/);
  });

  it("kubectl delete of a deployed object: OutOfSync, the object missing", async () => {
    const services = (await kubectl("get", "services", "-n", NS, "-o", "name")).trim().split("\n");
    const victim = services[0]!.replace(/^service\//, "");
    await kubectl("delete", "service", victim, "-n", NS);
    const c = await prod();
    expect(c.status).toBe("OutOfSync");
    expect(c.differences).toContainEqual({ object: `Service/${NS}/${victim}`, change: "missing" });
    expect(c.reason).toContain("1 object missing");
  });

  it("an object applied under the studio's field manager with the design's label, not rendered: extra", async () => {
    const file = join(dir, "extra.yaml");
    writeFileSync(
      file,
      [
        "apiVersion: v1",
        "kind: ConfigMap",
        "metadata:",
        "  name: left-behind",
        `  namespace: ${NS}`,
        `  labels: { "${OWNER_LABEL}": "${designId}" }`,
        "data: { a: b }",
      ].join("\n"),
    );
    await kubectl("apply", "--server-side", "--field-manager=topology-studio", "-f", file);
    const c = await prod();
    expect(c.differences).toContainEqual({ object: `ConfigMap/${NS}/left-behind`, change: "extra" });
  });

  it("deploying again puts everything back: Synced, no differences", async () => {
    await deploy();
    const c = await prod();
    expect(c).toMatchObject({ status: "Synced", deployedRevision: 4, latestRevision: 4, differences: [] });
    expect(await kubectl("get", "configmap", "left-behind", "-n", NS, "--ignore-not-found", "-o", "name")).toBe("");
  });

  it("a Git export of a later revision counts as deployed: OutOfSync until live is that revision, Synced once it is", async () => {
    const exported = await edit((d) => {
      const q = d.components.find((x) => x.kind === "query")!;
      (q.settings as Record<string, unknown>).replicas = 2;
    });
    // What the export service records once its commit is pushed (server/git/exports.ts).
    await db().gitExport.create({
      data: {
        designId,
        clusterNode: "prod",
        revision: exported,
        status: "succeeded",
        commit: "0123456789abcdef0123456789abcdef01234567",
        branch: "main",
        repoUrl: "http://127.0.0.1:9/fleet.git",
        startedById: deployer.user.id,
        finishedAt: new Date(Date.now() + 1000),
      },
    });
    const pending = await prod();
    // Argo CD has not applied the commit yet: live still runs the previous revision's replicas.
    expect(pending).toMatchObject({ status: "OutOfSync", deployedRevision: exported, latestRevision: exported });
    expect(pending.differences.some((d) => d.field === "spec.replicas")).toBe(true);
    // A review-branch export is not what the cluster follows: it never counts as deployed.
    await db().gitExport.create({
      data: {
        designId,
        clusterNode: "prod",
        revision: exported + 99,
        status: "succeeded",
        branch: "topology-studio/sync-me-r99",
        repoUrl: "http://127.0.0.1:9/fleet.git",
        startedById: deployer.user.id,
        finishedAt: new Date(Date.now() + 2000),
      },
    });
    expect((await prod()).deployedRevision).toBe(exported);
    await deploy(); // what the GitOps controller does with the commit
    expect(await prod()).toMatchObject({ status: "Synced", deployedRevision: exported, differences: [] });
  });

  it("twenty concurrent reads cost one computation: one plan's worth of API calls, one refresh observed", async () => {
    // The previous read's requests have all been answered; measure one computation alone first.
    const before1 = kube.requests.length;
    const c1 = await refreshCount();
    await sync();
    const one = kube.requests.length - before1;
    expect(await refreshCount()).toBe(c1 + 1);
    expect(one).toBeGreaterThan(10);

    const before = kube.requests.length;
    const c0 = await refreshCount();
    const bodies = await Promise.all(Array.from({ length: 20 }, () => sync()));
    expect(await refreshCount()).toBe(c0 + 1);
    expect(kube.requests.length - before).toBe(one);
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
  });

  it("a cluster that does not answer is Unknown (unreachable), with what failed", async () => {
    kube.faults.set({ failRate: 1, failCode: 503 });
    try {
      const c = await prod();
      expect(c).toMatchObject({ status: "Unknown", cause: "unreachable", deployedRevision: 5 });
      expect(c.reason).toMatch(/^cannot compare with cluster "sandbox": /);
    } finally {
      kube.faults.clear();
    }
    expect((await prod()).status).toBe("Synced");
  });

  it("an unbound cluster node is Unknown (unbound)", async () => {
    await edit((d) => {
      const c = d.components.find((x) => x.kind === "cluster")!;
      delete (c.settings as Record<string, unknown>).registeredClusterId;
    });
    expect(await prod()).toMatchObject({ status: "Unknown", cause: "unbound", deployedRevision: null });
    await edit((d) => {
      const c = d.components.find((x) => x.kind === "cluster")!;
      (c.settings as Record<string, unknown>).registeredClusterId = clusterId;
    });
  });

  it("a namespace the admin no longer allows on the cluster is not dry-run: Unknown (namespace-not-allowed)", async () => {
    const before = kube.requests.length;
    await setAllowedNamespaces(clusterId, ["elsewhere"]);
    try {
      const c = await prod();
      expect(c).toMatchObject({ status: "Unknown", cause: "namespace-not-allowed" });
      expect(c.reason).toBe(`namespace ${NS} not allowed on registered cluster "sandbox"`);
      expect(kube.requests.slice(before).filter((r) => r.path.includes(`/namespaces/${NS}/`))).toEqual([]);
    } finally {
      await setAllowedNamespaces(clusterId, null);
    }
    expect((await prod()).status).toBe("Synced");
  });

  it("a share link with status gets the same shape without values or failure text; one without status gets 403", async () => {
    kube.faults.clear();
    await kubectl("scale", "deployment", "--all", "-n", NS, "--replicas=7");
    const owner = await actor("editor");
    const body = (allowStatus: boolean) => CreateShareBody.parse({ allowStatus });
    const withStatus = (await createShare(owner, designId, body(true), "http://s")).token;
    const without = (await createShare(owner, designId, body(false), "http://s")).token;
    const get = (token: string) =>
      call(shareSyncRoute.GET, "GET", `/api/share/${token}/sync`, { as: null, params: { token } });

    const res = await get(withStatus);
    expect(res.status).toBe(200);
    const report = (await res.json()) as SyncReport;
    const c = report.clusters[0]!;
    expect(Object.keys(report).sort()).toEqual(["checkedAt", "clusters", "designId", "latestRevision"]);
    expect(c).toMatchObject({ cluster: "prod", status: "OutOfSync", deployedRevision: 5, latestRevision: 7 });
    const scaled = c.differences.filter((d) => d.field === "spec.replicas");
    expect(scaled.length).toBeGreaterThan(0);
    for (const d of c.differences) {
      expect(d).not.toHaveProperty("live");
      expect(d).not.toHaveProperty("desired");
    }
    expect((await get(without)).status).toBe(403);
  });

  it("a malformed recheck is a 400 naming the parameter", async () => {
    const res = await call(syncRoute.GET, "GET", `/api/designs/${designId}/sync`, {
      as: viewer,
      params: { id: designId },
      query: { recheck: "yes" },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { issues: { path: string }[] }).issues[0]!.path).toBe("recheck");
  });

  it("a design that does not exist is 404; no credentials is 401", async () => {
    const res = await call(syncRoute.GET, "GET", `/api/designs/nope/sync`, { as: viewer, params: { id: "nope" } });
    expect(res.status).toBe(404);
    const anon = await call(syncRoute.GET, "GET", `/api/designs/${designId}/sync`, {
      as: null,
      params: { id: designId },
    });
    expect(anon.status).toBe(401);
  });
});
