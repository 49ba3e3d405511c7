// Clusters + deploy through the app's services, against the Kubernetes API test server (no real cluster
// can be had here) and the real engine: register → bind → plan → deploy → progress to ready → one update
// → prune → rollback; faults (500s, timeouts) never end in a false success; read-only credentials are
// refused; kubeconfig content appears in no result, error or log line.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { RESOURCES, startKubeApi, type KubeApiServer } from "@/e2e/kube-api";
import { parse as parseYaml, stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor";
import { registerCluster, listClusters, checkCluster, deleteCluster } from "@/server/clusters/service";
import { db } from "@/server/db/client";
import { updateSettings } from "@/server/db/settings";
import { useTestDatabase } from "@/server/db/testing";
import { designService } from "@/server/designs/service";
import { open } from "@/server/crypto/secret-box";
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidError,
  NotFoundError,
  UnprocessableError,
} from "@/server/errors";
import type { KubeObject } from "@/server/render";
import { getDeployment, listDeployments, planDeployment, startDeployment, type DeploymentView } from "../service";

process.env.STUDIO_SECRET_KEY ??= "deploy-test-secret-key";
process.env.STUDIO_ROLLOUT_INTERVAL_MS = "150";
process.env.STUDIO_ROLLOUT_TIMEOUT_MS = "20000";
process.env.STUDIO_KUBE_TIMEOUT_MS = "2000";

// Every line anything prints during this file, to prove no kubeconfig content is ever logged.
const printed: string[] = [];
const streams = [process.stdout, process.stderr] as const;
const originalWrites = streams.map((s) => s.write.bind(s));
const originalConsole = {
  log: console.log,
  error: console.error,
  warn: console.warn,
  info: console.info,
  debug: console.debug,
};
function captureOutput() {
  streams.forEach((s, i) => {
    s.write = ((chunk: unknown, ...rest: unknown[]) => {
      printed.push(String(chunk));
      return (originalWrites[i] as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof s.write;
  });
  for (const k of Object.keys(originalConsole) as (keyof typeof originalConsole)[]) {
    console[k] = (...args: unknown[]) => {
      printed.push(
        args
          .map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === "string" ? a : JSON.stringify(a)))
          .join(" "),
      );
      originalConsole[k](...args);
    };
  }
}
function restoreOutput() {
  streams.forEach((s, i) => (s.write = originalWrites[i] as typeof s.write));
  Object.assign(console, originalConsole);
}

// Everything the services answered, to prove no kubeconfig content is ever returned.
const answered: string[] = [];
async function answer<T>(p: Promise<T>): Promise<T> {
  try {
    const v = await p;
    answered.push(JSON.stringify(v));
    return v;
  } catch (err) {
    answered.push(JSON.stringify({ message: (err as Error).message, details: (err as DomainError).details }));
    throw err;
  }
}

let kube: KubeApiServer;
let admin: Actor;
let deployer: Actor;
let clusterId: string;
let readonlyClusterId: string;

async function user(role: Actor["user"]["role"]): Promise<Actor> {
  const u = await db().user.create({
    data: { email: `${role}-${Math.random()}@t.test`, name: `${role} person`, role, passwordHash: "x" },
  });
  return { user: { id: u.id, email: u.email, name: u.name, role }, via: "session" };
}

async function newDesign(name: string, bindTo: string): Promise<string> {
  const svc = designService();
  const { id } = await svc.create(admin.user, { name, template: "sidecar-ha" });
  await edit(id, (d) => {
    const c = d.components.find((x) => x.kind === "cluster")!;
    (c.settings as Record<string, unknown>).registeredClusterId = bindTo;
    (c.settings as Record<string, unknown>).namespace = name;
  });
  return id;
}

type Doc = Awaited<ReturnType<ReturnType<typeof designService>["get"]>>["design"];
async function edit(id: string, change: (d: Doc) => void): Promise<number> {
  const svc = designService();
  const cur = await svc.get(id);
  const d = structuredClone(cur.design);
  change(d);
  return (await svc.save(admin.user, id, { baseRevision: cur.revision, design: d })).revision;
}

/** Plans, then injects `fault` and deploys that plan: the fault hits the apply, not the plan. */
async function deployWithFaultAfterPlan(
  designId: string,
  fault: Parameters<KubeApiServer["faults"]["set"]>[0],
): Promise<string> {
  const plan = await answer(planDeployment(deployer, designId, { cluster: "prod" }));
  kube.faults.set(fault);
  return (await answer(startDeployment(deployer, designId, { cluster: "prod", planId: plan.id }))).id;
}

const KUBECTL = "/usr/bin/kubectl";
const run = promisify(execFile);

async function finished(id: string, timeoutMs = 30_000): Promise<DeploymentView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const d = await answer(getDeployment(id));
    if (d.status !== "running") return d;
    if (Date.now() > deadline)
      throw new Error(`deployment ${id} still running after ${timeoutMs} ms: ${JSON.stringify(d.progress)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const sts = RESOURCES.find((r) => r.kind === "StatefulSet")!;
const dep = RESOURCES.find((r) => r.kind === "Deployment")!;

beforeAll(async () => {
  captureOutput();
  await useTestDatabase();
  kube = await startKubeApi({ readyDelayMs: 150 });
  admin = await user("admin");
  deployer = await user("deployer");
  clusterId = (await answer(registerCluster(admin, { name: "sandbox", kubeconfig: kube.kubeconfig("admin") }))).id;
  readonlyClusterId = (
    await answer(registerCluster(admin, { name: "sandbox-readonly", kubeconfig: kube.kubeconfig("readonly") }))
  ).id;
}, 60_000);

afterAll(async () => {
  restoreOutput();
  await kube?.stop();
});

describe("registered clusters", () => {
  it("stores the kubeconfig sealed and shows only server, context and user", async () => {
    const list = await answer(listClusters());
    const c = list.find((x) => x.id === clusterId)!;
    expect(c).toMatchObject({ name: "sandbox", server: kube.url, inCluster: false });
    expect(Object.keys(c).sort()).toEqual([
      "allowedNamespaces",
      "contextName",
      "createdAt",
      "createdBy",
      "id",
      "inCluster",
      "name",
      "namespaceDefault",
      "production",
      "server",
      "userName",
    ]);
    const row = await db().cluster.findUniqueOrThrow({ where: { id: clusterId } });
    expect(row.kubeconfigEnc).toMatch(/^v1:/);
    expect(row.kubeconfigEnc).not.toContain(kube.tokens.admin);
  });

  it("check connection: server version and every deploy permission for the admin; the read-only user's missing ones listed", async () => {
    const ok = await answer(checkCluster(clusterId, ["monitoring"]));
    expect(ok.serverVersion).toMatch(/^v1\.\d+/);
    expect(ok.ok).toBe(true);
    expect(ok.permissions.length).toBeGreaterThan(20);
    const ro = await answer(checkCluster(readonlyClusterId, ["monitoring"]));
    expect(ro.ok).toBe(false);
    expect(ro.missing.map((p) => p.verb)).toEqual(expect.arrayContaining(["create", "patch", "delete"]));
    expect(ro.missing.some((p) => p.verb === "get" || p.verb === "list")).toBe(false);
  });

  it("rejects every kubeconfig shape that would run a program or read server files, before storing anything", async () => {
    const base = parseYaml(kube.kubeconfig("admin")) as {
      users: { user: Record<string, unknown> }[];
      clusters: { cluster: Record<string, unknown> }[];
    };
    const variant = (f: (k: typeof base) => void) => {
      const k = structuredClone(base);
      f(k);
      return stringify(k);
    };
    const shapes: [string, string, RegExp][] = [
      [
        "exec plugin",
        variant(
          (k) =>
            (k.users[0]!.user = {
              exec: { apiVersion: "client.authentication.k8s.io/v1", command: "/bin/sh", args: ["-c", "id"] },
            }),
        ),
        /exec/i,
      ],
      [
        "auth-provider",
        variant((k) => (k.users[0]!.user = { "auth-provider": { name: "oidc", config: { "id-token": "x" } } })),
        /auth-provider/i,
      ],
      ["tokenFile", variant((k) => (k.users[0]!.user = { tokenFile: "/var/run/secrets/token" })), /tokenFile/],
      ["token-file", variant((k) => (k.users[0]!.user = { "token-file": "/var/run/secrets/token" })), /token-file/],
      [
        "client-certificate path",
        variant((k) => (k.users[0]!.user = { "client-certificate": "/etc/cert.pem", "client-key-data": "eA==" })),
        /client-certificate/,
      ],
      [
        "client-key path",
        variant((k) => (k.users[0]!.user = { "client-certificate-data": "eA==", "client-key": "/etc/key.pem" })),
        /client-key/,
      ],
      [
        "certificate-authority path",
        variant((k) => {
          delete k.clusters[0]!.cluster["certificate-authority-data"];
          k.clusters[0]!.cluster["certificate-authority"] = "/etc/ca.pem";
        }),
        /certificate-authority/,
      ],
      ["not YAML", "{{{ not yaml", /YAML|kubeconfig/i],
    ];
    const before = await db().cluster.count();
    for (const [why, text, message] of shapes) {
      const err = await answer(
        registerCluster(admin, { name: `bad-${why.replace(/[^a-z]+/g, "-").replace(/-$/, "")}`, kubeconfig: text }),
      ).catch((e: unknown) => e);
      expect(err, why).toBeInstanceOf(InvalidError);
      expect((err as Error).message, why).toMatch(/^kubeconfig rejected: /);
      expect((err as Error).message, why).toMatch(message);
      expect((err as Error).message, why).not.toContain("/etc/");
    }
    expect(await db().cluster.count()).toBe(before);
  });

  it("in-cluster is refused with a clear reason when the app does not run inside Kubernetes", async () => {
    const err = await answer(registerCluster(admin, { name: "here", inCluster: true })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidError);
    expect((err as Error).message).toMatch(/inside Kubernetes/);
  });

  it("accepts an exec plugin only when the admin setting allows it (nothing runs at registration)", async () => {
    const k = parseYaml(kube.kubeconfig("admin")) as { users: { user: Record<string, unknown> }[] };
    k.users[0]!.user = { exec: { apiVersion: "client.authentication.k8s.io/v1", command: "/bin/false" } };
    await updateSettings({ allowExecPlugins: true });
    try {
      const c = await answer(registerCluster(admin, { name: "exec-allowed", kubeconfig: stringify(k) }));
      expect(c.userName).toBeTruthy();
      await deleteCluster(c.id);
    } finally {
      await updateSettings({ allowExecPlugins: false });
    }
  });
});

describe("plan and deploy", () => {
  let designId: string;

  it("plans every object as a create, deploys, and reports progress until every workload is ready", async () => {
    designId = await newDesign("deploy-a", clusterId);
    const plan = await answer(planDeployment(deployer, designId, { cluster: "prod" }));
    expect(plan.errors).toEqual([]);
    expect(plan.summary).toMatchObject({ update: 0, unchanged: 0, prune: 0 });
    expect(plan.summary.create).toBe(plan.entries.length);
    expect(plan.cluster).toMatchObject({ id: clusterId, name: "sandbox" });

    // Pods become ready only after a visible wait, so progress between 0 and 100 % is observable however
    // fast this machine applies (with 150 ms the whole run could finish between two progress writes).
    kube.controller.options.readyDelayMs = 2000;
    const { id } = await answer(startDeployment(deployer, designId, { cluster: "prod", revision: 2 }));
    // From its first moment the run names the cluster node and lists every rendered object as pending.
    const first = await answer(getDeployment(id));
    expect(first).toMatchObject({
      status: "running",
      clusterNode: "prod",
      revision: 2,
      startedBy: { name: "deployer person" },
    });
    expect(first.objects).toHaveLength(plan.summary.create);
    // A second deploy of the same design to the same cluster while the first runs: 409.
    const second = await answer(startDeployment(deployer, designId, { cluster: "prod" })).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(ConflictError);
    expect(second).toMatchObject({ details: { runningDeploymentId: id } });

    const seen = new Set<number>();
    for (let d = await answer(getDeployment(id)); d.status === "running"; d = await answer(getDeployment(id))) {
      seen.add(d.progress.percent);
      await new Promise((r) => setTimeout(r, 50));
    }
    const done = await finished(id);
    kube.controller.options.readyDelayMs = 150;
    expect(done.status).toBe("succeeded");
    expect(done.error).toBeNull();
    expect(done.progress).toMatchObject({ percent: 100, done: done.objects.length });
    expect([...seen].some((p) => p > 0 && p < 100)).toBe(true);
    for (const o of done.objects)
      expect(o.phase, o.object).toBe(o.kind === "StatefulSet" || o.kind === "Deployment" ? "ready" : "applied");
    expect(done.plan?.summary.create).toBe(plan.summary.create);
    expect(kube.store.list(sts, "deploy-a").length).toBeGreaterThan(0);
    expect(await db().deploymentLock.count({ where: { designId } })).toBe(0);
    // Unchanged afterwards.
    const again = await answer(planDeployment(deployer, designId, { cluster: "prod" }));
    expect(again.summary).toMatchObject({ create: 0, update: 0, prune: 0 });
  });

  it("changing replicas plans exactly one update with the field diff", async () => {
    await edit(designId, (d) => {
      const p = d.components.find((c) => c.kind === "prometheus")!;
      (p.settings as Record<string, unknown>).replicas = 3;
    });
    const plan = await answer(planDeployment(deployer, designId, { cluster: "prod" }));
    expect(plan.summary).toMatchObject({ create: 0, update: 1, prune: 0 });
    const update = plan.entries.find((e) => e.action === "update")!;
    expect(update.object).toMatch(/^apps\/v1\/StatefulSet deploy-a\//);
    expect(update.diff).toContainEqual(expect.objectContaining({ path: "spec.replicas", from: 2, to: 3 }));
    const done = await finished((await answer(startDeployment(deployer, designId, { cluster: "prod" }))).id);
    expect(done.status).toBe("succeeded");
  });

  it("removing a component prunes its objects", async () => {
    await edit(designId, (d) => {
      const g = d.components.find((c) => c.kind === "grafana")!;
      d.components = d.components.filter((c) => c.id !== g.id);
      d.connections = d.connections.filter((c) => c.from !== g.id && c.to !== g.id);
    });
    const plan = await answer(planDeployment(deployer, designId, { cluster: "prod" }));
    expect(plan.summary.prune).toBeGreaterThan(0);
    expect(plan.summary).toMatchObject({ create: 0, update: 0 });
    const pruned = plan.entries.filter((e) => e.action === "prune").map((e) => e.object);
    expect(pruned).toContainEqual(expect.stringMatching(/^apps\/v1\/Deployment deploy-a\/grafana/));
    const done = await finished((await answer(startDeployment(deployer, designId, { cluster: "prod" }))).id);
    expect(done.status).toBe("succeeded");
    expect(
      done.objects
        .filter((o) => o.phase === "pruned")
        .map((o) => o.object)
        .sort(),
    ).toEqual([...pruned].sort());
    expect(
      kube.store.list(dep, "deploy-a").some((o) => (o.metadata as { name: string }).name.startsWith("grafana")),
    ).toBe(false);
  });

  it("rolling back = deploying an earlier revision: grafana comes back, replicas return to 2", async () => {
    const plan = await answer(planDeployment(deployer, designId, { cluster: "prod", revision: 2 }));
    expect(plan.summary.create).toBeGreaterThan(0);
    expect(plan.summary.update).toBe(1);
    const done = await finished(
      (await answer(startDeployment(deployer, designId, { cluster: "prod", revision: 2 }))).id,
    );
    expect(done.status).toBe("succeeded");
    const history = await answer(listDeployments(designId));
    expect(history.map((h) => [h.revision, h.status])).toEqual([
      [2, "succeeded"],
      [4, "succeeded"],
      [3, "succeeded"],
      [2, "succeeded"],
    ]);
    expect(history[0]).toMatchObject({
      startedBy: { name: "deployer person" },
      clusterNode: "prod",
      cluster: { name: "sandbox" },
    });
  });

  it("policy: only an approved revision may be deployed when the admin setting says so", async () => {
    await updateSettings({ requireApprovedRevision: true });
    try {
      const err = await answer(startDeployment(deployer, designId, { cluster: "prod" })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConflictError);
      expect((err as Error).message).toMatch(/only an approved revision may be deployed/);
      await db().design.update({ where: { id: designId }, data: { approvedRevision: 4 } });
      const err2 = await answer(startDeployment(deployer, designId, { cluster: "prod", revision: 3 })).catch(
        (e: unknown) => e,
      );
      expect((err2 as Error).message).toMatch(/revision 4 is approved, not revision 3/);
      expect(
        (await finished((await answer(startDeployment(deployer, designId, { cluster: "prod", revision: 4 }))).id))
          .status,
      ).toBe("succeeded");
    } finally {
      await updateSettings({ requireApprovedRevision: false });
    }
  });

  it("two cluster nodes bound to one registered cluster deploy together, so neither prunes the other", async () => {
    const { id } = await designService().create(admin.user, { name: "two-nodes", template: "multi-cluster-receivers" });
    await edit(id, (d) => {
      for (const c of d.components.filter((x) => x.kind === "cluster")) {
        const st = c.settings as Record<string, unknown>;
        if (c.name === "observer") continue;
        st.registeredClusterId = clusterId;
        st.namespace = `two-${c.name}`;
      }
    });
    const plan = await answer(planDeployment(deployer, id, { cluster: "kazusa" }));
    expect(plan.alsoNodes).toEqual(["setsuna"]);
    expect(plan.entries.some((e) => e.object === "v1/Namespace two-setsuna")).toBe(true);
    expect((await finished((await answer(startDeployment(deployer, id, { cluster: "kazusa" }))).id)).status).toBe(
      "succeeded",
    );
    // Planning from the other node: everything is live already and nothing is pruned.
    const other = await answer(planDeployment(deployer, id, { cluster: "setsuna" }));
    expect(other.summary).toMatchObject({ create: 0, update: 0, prune: 0 });
  });

  it("an unbound cluster node cannot be planned", async () => {
    const { id } = await designService().create(admin.user, { name: "unbound", template: "sidecar-ha" });
    const err = await answer(planDeployment(deployer, id, { cluster: "prod" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnprocessableError);
    expect((err as Error).message).toMatch(/not bound to a registered cluster/);
    const err2 = await answer(planDeployment(deployer, id, { cluster: "nope" })).catch((e: unknown) => e);
    expect(err2).toBeInstanceOf(NotFoundError);
  });
});

describe("a deploy applies the plan that was reviewed", () => {
  let designId: string;
  let kubeconfigDir: string;
  const kubectl = (...args: string[]) =>
    run(KUBECTL, ["--kubeconfig", join(kubeconfigDir, "admin.yaml"), ...args], { timeout: 20_000 });
  const setReplicas = (n: number) =>
    edit(designId, (d) => {
      (d.components.find((c) => c.kind === "prometheus")!.settings as Record<string, unknown>).replicas = n;
    });
  const refusal = (planId: string) =>
    answer(startDeployment(deployer, designId, { cluster: "prod", planId })).then(
      () => expect.unreachable("the deploy was accepted"),
      (e: unknown) => e as ConflictError,
    );

  beforeAll(async () => {
    kubeconfigDir = mkdtempSync(join(tmpdir(), "deploy-plan-"));
    kube.writeKubeconfig(join(kubeconfigDir, "admin.yaml"), "admin");
    designId = await newDesign("bound", clusterId);
    expect((await finished((await answer(startDeployment(deployer, designId, { cluster: "prod" }))).id)).status).toBe(
      "succeeded",
    );
  }, 60_000);
  afterAll(() => rmSync(kubeconfigDir, { recursive: true, force: true }));

  it("applies exactly the stored plan's objects, one apply each and no second plan", async () => {
    await setReplicas(3);
    const plan = await answer(planDeployment(deployer, designId, { cluster: "prod" }));
    expect(plan.id).toMatch(/^plan_/);
    expect(plan.summary).toMatchObject({ create: 0, update: 1, prune: 0 });
    const row = await db().deploymentPlan.findUniqueOrThrow({ where: { id: plan.id } });
    // Sealed at rest: the objects hold the object-store Secret in clear.
    expect(row.objectsEnc).toMatch(/^v1:/);
    expect(row.objectsEnc).not.toContain("StatefulSet");
    const sealed = JSON.parse(open(row.objectsEnc)) as { planned: { apply: { object: KubeObject }[] } };
    expect(sealed.planned.apply).toHaveLength(plan.entries.filter((e) => e.action !== "prune").length);

    const from = kube.requests.length;
    const { id } = await answer(startDeployment(deployer, designId, { cluster: "prod", planId: plan.id }));
    const done = await finished(id);
    expect(done.status).toBe("succeeded");
    expect(done.planId).toBe(plan.id);
    expect(done.plan).toMatchObject({ id: plan.id, summary: plan.summary });
    expect(done.objects.map((o) => o.object).sort()).toEqual(plan.entries.map((e) => e.object).sort());
    // Applies only: a plan-time dry-run would be a second PATCH per object.
    const patches = kube.requests.slice(from).filter((r) => r.method === "PATCH");
    expect(patches).toHaveLength(sealed.planned.apply.length);
    for (const { object } of sealed.planned.apply) {
      const rt = RESOURCES.find((r) => r.kind === object.kind)!;
      const live = kube.store.get(rt, object.metadata.namespace, object.metadata.name);
      // Secrets are written as stringData and stored as data: compare the rest.
      const { stringData: _sd, ...applied } = object as KubeObject & { stringData?: unknown };
      expect(live, `${object.kind} ${object.metadata.name}`).toMatchObject(applied);
    }
    expect(kube.store.list(sts, "bound").some((o) => (o.spec as { replicas: number }).replicas === 3)).toBe(true);
  });

  it("refuses with 409 when the design was saved after the plan, and changes nothing", async () => {
    const plan = await answer(planDeployment(deployer, designId, { cluster: "prod" }));
    const revision = await setReplicas(2);
    const runs = await db().deployment.count({ where: { designId } });
    const err = await refusal(plan.id);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toMatch(`has revision ${revision}, saved after this plan of revision ${revision - 1}`);
    expect(err.details).toMatchObject({ reason: "stale-revision", latestRevision: revision });
    expect(await db().deployment.count({ where: { designId } })).toBe(runs);
  });

  it("refuses with 409 naming the object when it changed on the cluster since the plan (kubectl), deploys after a re-plan", async () => {
    const plan = await answer(planDeployment(deployer, designId, { cluster: "prod" }));
    expect(plan.summary.update).toBe(1);
    const cm = plan.entries.find((e) => e.key.kind === "ConfigMap")!;
    await kubectl("-n", cm.key.namespace!, "annotate", "configmap", cm.key.name, "changed-by=someone-else");

    const err = await refusal(plan.id);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.message).toMatch(/the cluster changed since this plan was made/);
    expect(err.details).toMatchObject({
      reason: "drift",
      drift: [
        {
          object: cm.object,
          key: cm.key,
          reason: expect.stringMatching(/^changed since the plan \(resourceVersion \d+ → \d+\)$/),
        },
      ],
    });
    // Nothing applied: the StatefulSets still have the 3 replicas of the last deploy.
    expect(kube.store.list(sts, "bound").some((o) => (o.spec as { replicas: number }).replicas === 3)).toBe(true);

    // Re-planned, the annotation stays: server-side apply leaves another manager's fields alone.
    const fresh = await answer(planDeployment(deployer, designId, { cluster: "prod" }));
    expect(fresh.entries.find((e) => e.object === cm.object)?.action).toBe("unchanged");
    const done = await finished(
      (await answer(startDeployment(deployer, designId, { cluster: "prod", planId: fresh.id }))).id,
    );
    expect(done.status).toBe("succeeded");
    // The same plan twice: its creates and updates are live now, so it is stale.
    expect(await refusal(fresh.id)).toMatchObject({ details: { reason: "drift" } });
  });

  it("a plan belongs to its design and cluster node", async () => {
    const plan = await answer(planDeployment(deployer, designId, { cluster: "prod" }));
    const other = await newDesign("bound-other", clusterId);
    await expect(startDeployment(deployer, other, { cluster: "prod", planId: plan.id })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(startDeployment(deployer, designId, { cluster: "staging", planId: plan.id })).rejects.toBeInstanceOf(
      InvalidError,
    );
  });
});

describe("faults and permissions", () => {
  it("500s mid-deploy are retried: the run succeeds and the retries really happened", async () => {
    const designId = await newDesign("fault-retry", clusterId);
    const before = kube.faults.injected.fail;
    const done = await finished(
      await deployWithFaultAfterPlan(designId, { failNext: 4, failCode: 500, onlyFor: { method: "PATCH" } }),
    );
    // Fewer than the engine's 5 attempts, even if all hit the one object of the first apply step.
    expect(kube.faults.injected.fail - before).toBe(4);
    expect(done.status).toBe("succeeded");
    for (const o of done.objects) expect(["applied", "ready"]).toContain(o.phase);
  });

  it("persistent 500s on StatefulSets: the run fails, the StatefulSets are the failed objects, never a success", async () => {
    const designId = await newDesign("fault-fail", clusterId);
    try {
      const id = await deployWithFaultAfterPlan(designId, {
        failRate: 1,
        failCode: 500,
        onlyFor: { method: "PATCH", pathRegex: "/statefulsets/" },
      });
      const done = await finished(id, 60_000);
      expect(done.status).toBe("failed");
      const failed = done.objects.filter((o) => o.phase === "failed");
      expect(failed.length).toBeGreaterThan(0);
      expect(failed.every((o) => o.kind === "StatefulSet")).toBe(true);
      expect(done.objects.filter((o) => o.kind === "StatefulSet").every((o) => o.phase === "failed")).toBe(true);
      expect(done.objects.some((o) => o.kind === "ConfigMap" && o.phase === "applied")).toBe(true);
      expect(done.error).toMatch(/did not reach the desired state/);
      expect(done.progress.percent).toBeLessThan(100);
    } finally {
      kube.faults.clear();
    }
  }, 90_000);

  it("requests that never answer: the run ends failed (timeouts), not running and not succeeded", async () => {
    const designId = await newDesign("fault-timeout", clusterId);
    try {
      const id = await deployWithFaultAfterPlan(designId, {
        timeoutNext: 1000,
        onlyFor: { method: "PATCH", pathRegex: "/configmaps/" },
      });
      const done = await finished(id, 90_000);
      expect(done.status).toBe("failed");
      expect(done.objects.some((o) => o.kind === "ConfigMap" && o.phase === "failed")).toBe(true);
      expect(done.objects.filter((o) => o.kind === "StatefulSet").every((o) => o.phase !== "ready")).toBe(true);
    } finally {
      kube.faults.clear();
    }
  }, 120_000);

  it("read-only credentials: the plan lists the missing permissions and deploy refuses with 403", async () => {
    const designId = await newDesign("readonly", readonlyClusterId);
    const plan = await answer(planDeployment(deployer, designId, { cluster: "prod" }));
    expect(plan.errors.length).toBeGreaterThan(0);
    expect(plan.errors.join("\n")).toMatch(/patch|create/);
    const err = await answer(startDeployment(deployer, designId, { cluster: "prod" })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ForbiddenError);
    expect((err as Error).message).toMatch(/may not deploy: missing /);
    expect(await db().deployment.count({ where: { designId } })).toBe(0);
    expect(kube.store.list(sts, "readonly")).toEqual([]);
  });

  it("no kubeconfig content (tokens, CA data) in any answer or any printed line", () => {
    const k = parseYaml(kube.kubeconfig("admin")) as { clusters: { cluster: Record<string, string> }[] };
    const caData = k.clusters[0]!.cluster["certificate-authority-data"]!;
    const secrets = [kube.tokens.admin, kube.tokens.readonly, caData.slice(20, 80), "BEGIN CERTIFICATE"];
    expect(answered.length).toBeGreaterThan(20);
    const all = { answers: answered.join("\n"), logs: printed.join("") };
    for (const s of secrets) {
      expect(all.answers.includes(s), `answers contain ${s.slice(0, 12)}…`).toBe(false);
      expect(all.logs.includes(s), `logs contain ${s.slice(0, 12)}…`).toBe(false);
    }
  });
});
