// Deploy safety through the real route handlers, real SQLite and the Kubernetes API test server: lint errors
// block plan and deploy (409 naming them) unless a deployer gives a reason, which history and the audit log
// keep; a production cluster takes only a revision approved by someone other than its author; a deployed
// design cannot be deleted until it is undeployed, and ?undeploy=true really removes its objects first;
// registering checks the credentials and the messages tell "never answered" from "answered 401".
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml, stringify } from "yaml";
import * as approvalsRoute from "@/app/api/designs/[id]/approvals/route";
import * as deploymentsRoute from "@/app/api/designs/[id]/deployments/route";
import * as plansRoute from "@/app/api/designs/[id]/plans/route";
import * as designRoute from "@/app/api/designs/[id]/route";
import * as clusterRoute from "@/app/api/clusters/[id]/route";
import * as checkRoute from "@/app/api/clusters/[id]/check/route";
import * as clustersRoute from "@/app/api/clusters/route";
import { RESOURCES, startKubeApi, type KubeApiServer } from "@/e2e/kube-api";
import type { DeploymentSummary, PlanView } from "@/lib/deploy/plan";
import { seal } from "@/server/crypto/secret-box";
import { db } from "@/server/db/client";
import { useTestDatabase } from "@/server/db/testing";
import { call, makeUser, type TestUser } from "@/server/designs/test/fixtures";
import { designService } from "@/server/designs/service";
import { OWNER_LABEL } from "@/server/render";
import { getDeployment } from "../service";

process.env.STUDIO_SECRET_KEY ??= "deploy-safety-test-key";
process.env.STUDIO_ROLLOUT_INTERVAL_MS = "100";
process.env.STUDIO_ROLLOUT_TIMEOUT_MS = "20000";
process.env.STUDIO_KUBE_TIMEOUT_MS = "2000";

let kube: KubeApiServer;
let admin: TestUser;
let deployer: TestUser;
let reviewer: TestUser;
let editor: TestUser;
let sandboxId: string;
let productionId: string;

const REASON = "hotfix for INC-42: the second compactor is drained by hand";

type Doc = Awaited<ReturnType<ReturnType<typeof designService>["get"]>>["design"];

async function edit(id: string, change: (d: Doc) => void): Promise<number> {
  const cur = await designService().get(id);
  const d = structuredClone(cur.design);
  change(d);
  return (await designService().save({ id: admin.id }, id, { baseRevision: cur.revision, design: d })).revision;
}

/** sidecar-ha, saved by the admin, its cluster node bound to `clusterId` in namespace `name`. */
async function boundDesign(name: string, clusterId: string): Promise<string> {
  const { id } = await designService().create({ id: admin.id }, { name, template: "sidecar-ha" });
  await edit(id, (d) => {
    const c = d.components.find((x) => x.kind === "cluster")!;
    Object.assign(c.settings as object, { registeredClusterId: clusterId, namespace: name });
  });
  return id;
}

const plan = (id: string, body: object, as = deployer) =>
  call(plansRoute.POST, "POST", `/api/designs/${id}/plans`, { as, body, params: { id } });
const deploy = (id: string, body: object, as = deployer) =>
  call(deploymentsRoute.POST, "POST", `/api/designs/${id}/deployments`, { as, body, params: { id } });
const approve = (id: string, revision: number, as: TestUser) =>
  call(approvalsRoute.POST, "POST", `/api/designs/${id}/approvals`, { as, body: { revision }, params: { id } });
const remove = (id: string, as: TestUser, query?: Record<string, string>) =>
  call(designRoute.DELETE, "DELETE", `/api/designs/${id}`, { as, params: { id }, query });
const register = (body: object) => call(clustersRoute.POST, "POST", "/api/clusters", { as: admin, body });

async function finished(id: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await getDeployment(id)).status === "running") {
    if (Date.now() > deadline) throw new Error(`deployment ${id} still running`);
    await new Promise((r) => setTimeout(r, 100));
  }
  expect((await getDeployment(id)).status).toBe("succeeded");
}

/** Every object on the test server carrying this design's owner label. */
const ownedOnCluster = (designId: string) =>
  RESOURCES.flatMap((rt) =>
    kube.store.list(
      rt,
      undefined,
      (o) => (o.metadata as { labels?: Record<string, string> }).labels?.[OWNER_LABEL] === designId,
    ),
  );

const kubeconfigWith = (
  change: (k: { users: { user: Record<string, unknown> }[]; clusters: { cluster: Record<string, unknown> }[] }) => void,
) => {
  const k = parseYaml(kube.kubeconfig("admin"));
  change(k);
  return stringify(k);
};

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

beforeAll(async () => {
  await useTestDatabase();
  kube = await startKubeApi({ readyDelayMs: 50 });
  admin = await makeUser("admin", "Ada");
  deployer = await makeUser("deployer", "Dee");
  reviewer = await makeUser("deployer", "Rey");
  editor = await makeUser("editor", "Ed");
  const sandbox = await register({ name: "sandbox", kubeconfig: kube.kubeconfig("admin") });
  expect(sandbox.status, await sandbox.clone().text()).toBe(201);
  sandboxId = ((await sandbox.json()) as { id: string }).id;
  const prod = await register({ name: "prod-eu", kubeconfig: kube.kubeconfig("admin"), production: true });
  expect(prod.status, await prod.clone().text()).toBe(201);
  const prodView = (await prod.json()) as { id: string; production: boolean; warning?: string };
  expect(prodView.production).toBe(true);
  expect(prodView.warning).toBeUndefined();
  productionId = prodView.id;
}, 60_000);

afterAll(async () => {
  await kube?.stop();
});

describe("registering a cluster tries its credentials", () => {
  it("a wrong token is refused with the server's 401 answer on `kubeconfig`, and nothing is stored", async () => {
    const before = await db().cluster.count();
    const res = await register({
      name: "wrong-token",
      kubeconfig: kubeconfigWith((k) => (k.users[0]!.user = { token: "not-the-token" })),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { issues: { path: string; message: string }[] };
    expect(body.issues).toEqual([
      {
        path: "kubeconfig",
        message: expect.stringMatching(/^reached https:\/\/127\.0\.0\.1:\d+, which answered 401 Unauthorized/),
      },
    ]);
    expect(JSON.stringify(body)).not.toContain("not-the-token");
    expect(await db().cluster.count()).toBe(before);
  });

  it("a server nobody answers on is stored with a warning saying it could not be reached (TCP), and Check connection says the same", async () => {
    const port = await closedPort();
    const res = await register({
      name: "not-yet-reachable",
      kubeconfig: kubeconfigWith((k) => (k.clusters[0]!.cluster.server = `https://127.0.0.1:${port}`)),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const view = (await res.json()) as { id: string; warning: string };
    expect(view.warning).toMatch(new RegExp(`cannot reach https://127\\.0\\.0\\.1:${port} \\(TCP: ECONNREFUSED\\)`));
    const check = await call(checkRoute.POST, "POST", `/api/clusters/${view.id}/check`, {
      as: deployer,
      params: { id: view.id },
    });
    expect(check.status).toBe(502);
    const { error } = (await check.json()) as { error: string };
    expect(error).toMatch(/cannot reach https:\/\/127\.0\.0\.1:\d+ \(TCP: ECONNREFUSED\)/);
    expect(error).not.toMatch(/answered/);
  });

  it("Check connection with a token the server no longer accepts: it reached the server, which answered 401 Unauthorized", async () => {
    const res = await register({ name: "revoked-later", kubeconfig: kube.kubeconfig("admin") });
    const { id } = (await res.json()) as { id: string };
    // The token is revoked after registration: the stored kubeconfig now carries one the server refuses.
    const revoked = kubeconfigWith((k) => (k.users[0]!.user = { token: "revoked-token" }));
    await db().cluster.update({ where: { id }, data: { kubeconfigEnc: seal(revoked) } });
    const check = await call(checkRoute.POST, "POST", `/api/clusters/${id}/check`, { as: deployer, params: { id } });
    expect(check.status).toBe(502);
    const { error } = (await check.json()) as { error: string };
    expect(error).toMatch(/reached https:\/\/127\.0\.0\.1:\d+, which answered 401 Unauthorized/);
    expect(error).not.toMatch(/cannot reach/);
  });

  it("an admin marks a cluster production (and back) with PATCH", async () => {
    const patch = (production: boolean) =>
      call(clusterRoute.PATCH, "PATCH", `/api/clusters/${sandboxId}`, {
        as: admin,
        params: { id: sandboxId },
        body: { production },
      });
    expect(((await (await patch(true)).json()) as { production: boolean }).production).toBe(true);
    expect(((await (await patch(false)).json()) as { production: boolean }).production).toBe(false);
    const bad = await call(clusterRoute.PATCH, "PATCH", `/api/clusters/${sandboxId}`, {
      as: admin,
      params: { id: sandboxId },
      body: { production: "yes" },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { issues: { path: string }[] }).issues[0]!.path).toBe("production");
  });
});

describe("lint errors block plan and deploy", () => {
  let id: string;

  beforeAll(async () => {
    id = await boundDesign("safety-lint", sandboxId);
    // Two compactor replicas on one bucket: the compactor-singleton error.
    await edit(id, (d) => {
      const k = d.components.find((c) => c.kind === "compactor")!;
      (k.settings as { replicas: number }).replicas = 2;
    });
  });

  it("plan and deploy answer 409 lint-errors naming the rule and the component, and store nothing", async () => {
    const plans = await db().deploymentPlan.count();
    for (const res of [await plan(id, { cluster: "prod" }), await deploy(id, { cluster: "prod" })]) {
      expect(res.status).toBe(409);
      const body = (await res.json()) as { error: string; reason: string; findings: object[] };
      expect(body.reason).toBe("lint-errors");
      expect(body.findings).toContainEqual({
        rule: "compactor-singleton",
        component: "thanos-compactor",
        message: expect.stringContaining("2 replicas"),
      });
      expect(body.error).toMatch(/compactor-singleton \(thanos-compactor\)/);
    }
    expect(await db().deploymentPlan.count()).toBe(plans);
    expect(ownedOnCluster(id)).toEqual([]);
  });

  it("an override reason shorter than 10 characters is a 400 naming override.reason; an editor may not override", async () => {
    const short = await plan(id, { cluster: "prod", override: { reason: "because" } });
    expect(short.status).toBe(400);
    expect(((await short.json()) as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual([
      "override.reason",
    ]);
    const long = await deploy(id, { cluster: "prod", override: { reason: "x".repeat(501) } });
    expect(long.status).toBe(400);
    expect((await plan(id, { cluster: "prod", override: { reason: REASON } }, editor)).status).toBe(403);
    expect(await db().deploymentPlan.count({ where: { designId: id } })).toBe(0);
  });

  it("deploy anyway: the plan keeps the reason, its deploy carries it into history and the audit log", async () => {
    const res = await plan(id, { cluster: "prod", override: { reason: REASON } });
    expect(res.status, await res.clone().text()).toBe(200);
    const planned = (await res.json()) as PlanView;
    expect(planned.overrideReason).toBe(REASON);
    expect(planned.lintErrors?.map((f) => f.rule)).toContain("compactor-singleton");

    const started = await deploy(id, { cluster: "prod", planId: planned.id });
    expect(started.status, await started.clone().text()).toBe(202);
    const { id: runId } = (await started.json()) as { id: string };
    await finished(runId);

    const history = await call(deploymentsRoute.GET, "GET", `/api/designs/${id}/deployments`, {
      as: deployer,
      params: { id },
    });
    const { deployments } = (await history.json()) as { deployments: DeploymentSummary[] };
    expect(deployments[0]).toMatchObject({ id: runId, overrideReason: REASON });
    const audited = await db().auditEvent.findMany({ where: { target: `design:${id}` } });
    const details = (action: string) =>
      audited.filter((a) => a.action === action).map((a) => JSON.parse(a.details ?? "{}") as Record<string, unknown>);
    expect(details("plan.created")).toContainEqual(expect.objectContaining({ overrideReason: REASON }));
    expect(details("deploy.started")).toContainEqual(
      expect.objectContaining({ deploymentId: runId, overrideReason: REASON }),
    );
    // The two compactor replicas really went out: the override is not a dry run.
    const sts = RESOURCES.find((r) => r.kind === "StatefulSet")!;
    const compactor = kube.store.get(sts, "safety-lint", "thanos-compactor");
    expect((compactor?.spec as { replicas: number }).replicas).toBe(2);
  });

  it("a revision without lint errors plans with no override reason kept", async () => {
    await edit(id, (d) => {
      const k = d.components.find((c) => c.kind === "compactor")!;
      (k.settings as { replicas: number }).replicas = 1;
    });
    const res = await plan(id, { cluster: "prod", override: { reason: REASON } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as PlanView).overrideReason).toBeNull();
  });
});

describe("a production cluster", () => {
  let id: string;
  let revision: number;

  beforeAll(async () => {
    id = await boundDesign("safety-prod", productionId);
    revision = (await designService().get(id)).revision;
  });

  it("the plan says approval is required and names the cluster as production", async () => {
    const res = await plan(id, { cluster: "prod" });
    const view = (await res.json()) as PlanView;
    expect(view.cluster).toMatchObject({ name: "prod-eu", production: true });
    expect(view.approval.required).toBe(true);
  });

  it("refuses a revision nobody approved, and one approved only by its author, with 409 approval", async () => {
    const refused = await deploy(id, { cluster: "prod" });
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as { error: string; reason: string };
    expect(body.reason).toBe("approval");
    expect(body.error).toMatch(/"prod-eu" is a production cluster/);
    expect(body.error).toMatch(/no revision of this design is approved/);

    // The global "require approval" setting is off, so the author may approve: it is still not enough here.
    expect((await approve(id, revision, admin)).status).toBe(200);
    const own = await deploy(id, { cluster: "prod" });
    expect(own.status).toBe(409);
    expect(((await own.json()) as { error: string }).error).toMatch(/approved only by its author/);
    expect(ownedOnCluster(id)).toEqual([]);
  });

  it("deploys once someone other than the author approved that revision", async () => {
    expect((await approve(id, revision, reviewer)).status).toBe(200);
    const started = await deploy(id, { cluster: "prod" });
    expect(started.status, await started.clone().text()).toBe(202);
    await finished(((await started.json()) as { id: string }).id);
    expect(ownedOnCluster(id).length).toBeGreaterThan(5);
  });
});

describe("deleting a deployed design", () => {
  let id: string;

  beforeAll(async () => {
    id = await boundDesign("safety-delete", sandboxId);
    const started = await deploy(id, { cluster: "prod" });
    expect(started.status, await started.clone().text()).toBe(202);
    await finished(((await started.json()) as { id: string }).id);
  });

  it("is refused with 409 deployed naming the cluster, and the objects stay", async () => {
    const owned = ownedOnCluster(id).length;
    expect(owned).toBeGreaterThan(5);
    const res = await remove(id, editor);
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: string; reason: string; clusters: string[] };
    expect(body).toMatchObject({ reason: "deployed", clusters: ["sandbox"] });
    expect(body.error).toMatch(/undeploy/i);
    expect(await db().design.count({ where: { id } })).toBe(1);
    expect(ownedOnCluster(id).length).toBe(owned);
  });

  it("undeploy needs the deployer role", async () => {
    expect((await remove(id, editor, { undeploy: "true" })).status).toBe(403);
    expect(await db().design.count({ where: { id } })).toBe(1);
  });

  it("an undeploy the cluster refuses is a 502 that keeps the design, and the audit log names design, cluster and error", async () => {
    const owned = ownedOnCluster(id).length;
    const before = kube.faults.injected.fail;
    // RBAC that forbids deletes: an answer the client does not retry.
    kube.faults.set({ failRate: 1, failCode: 403, onlyFor: { method: "DELETE" } });
    let res: Response;
    try {
      res = await remove(id, deployer, { undeploy: "true" });
    } finally {
      kube.faults.clear();
    }
    expect(res.status, await res.clone().text()).toBe(502);
    expect(kube.faults.injected.fail).toBeGreaterThan(before);
    expect(await db().design.count({ where: { id } })).toBe(1);
    expect(ownedOnCluster(id).length).toBe(owned);
    const failed = await db().auditEvent.findFirst({
      where: { action: "design.undeploy_failed", target: `design:${id}` },
    });
    expect(failed?.actorId).toBe(deployer.id);
    const details = JSON.parse(failed!.details!) as {
      deleted: boolean;
      error: string;
      clusters: { name: string; failed: { object: string; message: string }[] }[];
    };
    expect(details).toMatchObject({ deleted: false, clusters: [{ name: "sandbox" }] });
    expect(details.error).toMatch(/design was kept.*"sandbox"/);
    expect(details.clusters[0]!.failed[0]).toMatchObject({ object: expect.any(String), message: expect.any(String) });
    expect(await db().auditEvent.count({ where: { action: "design.undeployed", target: `design:${id}` } })).toBe(0);
  });

  it("?undeploy=true prunes everything the design owns on the cluster, records it, then deletes the design", async () => {
    const res = await remove(id, deployer, { undeploy: "true" });
    expect(res.status, await res.clone().text()).toBe(200);
    const { undeployed } = (await res.json()) as {
      undeployed: { cluster: { name: string }; pruned: string[]; failed: unknown[] }[];
    };
    expect(undeployed).toHaveLength(1);
    expect(undeployed[0]!.cluster.name).toBe("sandbox");
    expect(undeployed[0]!.failed).toEqual([]);
    expect(undeployed[0]!.pruned).toEqual(
      expect.arrayContaining([expect.stringMatching(/StatefulSet safety-delete\/prometheus/)]),
    );
    expect(ownedOnCluster(id)).toEqual([]);
    expect(await db().design.count({ where: { id } })).toBe(0);
    const audited = await db().auditEvent.findFirst({ where: { action: "design.undeployed", target: `design:${id}` } });
    expect(JSON.parse(audited!.details!)).toMatchObject({ clusters: [{ name: "sandbox" }], deleted: true });
  });

  it("a design never deployed is deleted as before (204)", async () => {
    const { id: fresh } = await designService().create(
      { id: admin.id },
      { name: "never-deployed", template: "sidecar-ha" },
    );
    expect((await remove(fresh, editor)).status).toBe(204);
  });
});
