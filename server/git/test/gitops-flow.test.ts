// GitOps through the app's services: register a Git target (validated and checked against a real Git
// server on 127.0.0.1 before storing), export a saved revision, re-export unchanged, prune a removed
// component, push to a review branch, lose a race; and "one set of manifests": the zip of
// /api/render/zip, the Git folder and a studio deploy to the Kubernetes API test server are the same
// objects, built by the real `kubectl kustomize`.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import JSZip from "jszip";
import { parse as parseYaml, parseAllDocuments } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RESOURCES, startKubeApi, type KubeApiServer } from "@/e2e/kube-api";
import type { Actor } from "@/server/auth/actor";
import { registerCluster } from "@/server/clusters/service";
import { open } from "@/server/crypto/secret-box";
import { db } from "@/server/db/client";
import { stringify } from "@/server/render/yaml";
import { updateSettings } from "@/server/db/settings";
import { useTestDatabase } from "@/server/db/testing";
import { manifestsZip } from "@/server/designs/manifests-zip";
import { designService, previewIdentity } from "@/server/designs/service";
import { getDeployment, planDeployment, startDeployment } from "@/server/deployments/service";
import { DomainError, InvalidError, NotFoundError, UnprocessableError } from "@/server/errors";
import { getGitExport, listGitExports, startGitExport, type GitExportView } from "../exports";
import { latestSucceededExport } from "../exports-repository";
import { checkGitTarget, deleteGitTarget, listGitTargets, registerGitTarget } from "../targets";
import { startGitServer, type TestGitServer } from "./git-server";

process.env.STUDIO_SECRET_KEY ??= "gitops-test-secret-key";
process.env.STUDIO_ROLLOUT_INTERVAL_MS = "150";
process.env.STUDIO_ROLLOUT_TIMEOUT_MS = "20000";

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), "gitops-flow-"));
let git: TestGitServer;
let kube: KubeApiServer;
let admin: Actor;
let deployer: Actor;
let clusterId: string;
let targetId: string;
let designId: string;

async function user(role: Actor["user"]["role"]): Promise<Actor> {
  const u = await db().user.create({
    data: { email: `${role}-${Math.random()}@t.test`, name: `${role} person`, role, passwordHash: "x" },
  });
  return { user: { id: u.id, email: u.email, name: u.name, role }, via: "session" };
}

type Doc = Awaited<ReturnType<ReturnType<typeof designService>["get"]>>["design"];
async function edit(id: string, change: (d: Doc) => void): Promise<number> {
  const svc = designService();
  const cur = await svc.get(id);
  const d = structuredClone(cur.design);
  change(d);
  return (await svc.save(admin.user, id, { baseRevision: cur.revision, design: d })).revision;
}

async function rejection(p: Promise<unknown>): Promise<DomainError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

async function exported(id: string): Promise<GitExportView> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const e = await getGitExport(id);
    if (e.status !== "running") return e;
    if (Date.now() > deadline) throw new Error(`export ${id} still running`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const target = (extra: object = {}) => ({
  name: "manifests",
  url: git.url("platform"),
  auth: { kind: "https-token" as const, username: git.user, token: git.token },
  branch: "main",
  ...extra,
});

type Obj = { kind: string; metadata: { name: string; namespace?: string } } & Record<string, unknown>;
const key = (o: Obj) => `${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;

/** A live object as the studio applied it: fields the API server populates dropped, Secret data decoded. */
function asApplied(live: Record<string, unknown>): Obj {
  const o = structuredClone(live) as Obj & { metadata: Record<string, unknown> };
  for (const f of ["uid", "resourceVersion", "creationTimestamp", "managedFields", "generation"]) delete o.metadata[f];
  delete o.status;
  if (o.kind === "Secret" && o.data) {
    o.stringData = Object.fromEntries(
      Object.entries(o.data as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, "base64").toString("utf8")]),
    );
    delete o.data;
  }
  return o;
}

async function kustomize(dir: string): Promise<Map<string, Obj>> {
  const { stdout } = await run("kubectl", ["kustomize", dir], { maxBuffer: 64 << 20 });
  return new Map(
    parseAllDocuments(stdout)
      .map((d) => d.toJS() as Obj)
      .map((o) => [key(o), o]),
  );
}

beforeAll(async () => {
  await useTestDatabase();
  [git, kube] = await Promise.all([startGitServer(), startKubeApi({ readyDelayMs: 100 })]);
  admin = await user("admin");
  deployer = await user("deployer");
  clusterId = (await registerCluster(admin, { name: "sandbox", kubeconfig: kube.kubeconfig("admin") })).id;
  designId = (await designService().create(admin.user, { name: "Platform HA", template: "sidecar-ha" })).id;
}, 60_000);

afterAll(async () => {
  await Promise.all([git?.stop(), kube?.stop()]);
  rmSync(work, { recursive: true, force: true });
});

describe("Git targets", () => {
  it("refuses plain http:// until an admin allows insecure remotes, and stores nothing", async () => {
    const err = await rejection(registerGitTarget(admin, target()));
    expect(err).toBeInstanceOf(InvalidError);
    expect(err.details).toMatchObject({ issues: [{ path: "url", message: expect.stringMatching(/plain http:\/\//) }] });
    expect(await db().gitTarget.count()).toBe(0);
    await updateSettings({ allowInsecureGit: true });
  });

  it("wrong credentials: a clear 400 on the token, nothing stored, the token quoted nowhere", async () => {
    const wrong = "sentinel-wrong-token-71c3";
    const err = await rejection(registerGitTarget(admin, target({ auth: { kind: "https-token", token: wrong } })));
    expect(err).toBeInstanceOf(InvalidError);
    expect(err.message).toBe("not registered");
    expect(err.details).toMatchObject({
      issues: [
        { path: "auth.token", message: expect.stringMatching(/^127\.0\.0\.1:\d+ refused the credentials \(HTTP 401/) },
      ],
    });
    expect(`${err.message} ${JSON.stringify(err.details)}`).not.toContain(wrong);
    expect(await db().gitTarget.count()).toBe(0);
  });

  it("refuses ssh deploy keys and ssh URLs with a message saying what to use instead", async () => {
    const ssh = await rejection(registerGitTarget(admin, target({ auth: { kind: "ssh-key", privateKey: "x" } })));
    const said = (e: DomainError) => (e.details as { issues: { path: string; message: string }[] }).issues[0];
    expect(said(ssh)).toMatchObject({
      path: "auth.kind",
      message: expect.stringMatching(/ssh deploy keys are not supported.*https URL with a token/),
    });
    const url = await rejection(registerGitTarget(admin, target({ url: "git@github.com:acme/platform.git" })));
    expect(said(url)).toMatchObject({ path: "url", message: expect.stringMatching(/ssh remotes are not supported/) });
  });

  it("validates branch names and path templates before talking to the remote", async () => {
    for (const [extra, path] of [
      [{ branch: "feature..x" }, "branch"],
      [{ branch: "main.lock" }, "branch"],
      [{ pathTemplate: "../{cluster}" }, "pathTemplate"],
      [{ pathTemplate: "clusters/{region}" }, "pathTemplate"],
    ] as const) {
      const err = await rejection(registerGitTarget(admin, target(extra)));
      expect(JSON.stringify(err.details)).toContain(`"path":"${path}"`);
    }
  });

  it("registers after the remote accepted the token; the token is sealed and never shown", async () => {
    const view = await registerGitTarget(admin, target());
    targetId = view.id;
    expect(view).toMatchObject({ hasToken: true, branch: "main", pathTemplate: "clusters/{cluster}/{design}" });
    expect(JSON.stringify(await listGitTargets())).not.toContain(git.token);
    const row = await db().gitTarget.findUniqueOrThrow({ where: { id: targetId } });
    expect(row.tokenEnc).toMatch(/^v1:/);
    expect(row.tokenEnc).not.toContain(git.token);
    const check = await checkGitTarget(targetId);
    expect(check).toMatchObject({ ok: true, branchExists: false });
    expect(check.message).toMatch(/the first export creates it/);
  });
});

describe("export a revision", () => {
  let first: GitExportView;

  it("refuses a cluster node that names no Git target", async () => {
    const err = await rejection(startGitExport(deployer, designId, { cluster: "prod" }));
    expect(err).toBeInstanceOf(UnprocessableError);
    expect(err.message).toMatch(/not bound to a Git target/);
    await edit(designId, (d) => {
      const c = d.components.find((x) => x.kind === "cluster")!;
      Object.assign(c.settings, { registeredClusterId: clusterId, gitTargetId: targetId, namespace: "gitops" });
    });
  });

  it("commits the cluster folder with a message naming design, revision, author, approval and lint", async () => {
    const { id } = await startGitExport(deployer, designId, { cluster: "prod" });
    first = await exported(id);
    expect(first).toMatchObject({
      status: "succeeded",
      branch: "main",
      path: "clusters/prod/platform-ha",
      error: null,
    });
    expect(await git.log("platform", "main")).toEqual([first.commit]);
    const dir = await git.clone("platform", "main");
    const { stdout } = await run("git", ["-C", dir, "log", "-1", "--format=%an <%ae>%n%B"]);
    expect(stdout).toContain("Topology Studio <topology-studio@localhost>");
    expect(stdout).toContain("Platform HA r2: prod");
    expect(stdout).toContain(`Design: Platform HA (${designId})`);
    expect(stdout).toContain("Revision: 2 by admin person");
    expect(stdout).toContain(`Exported by: ${deployer.user.email}`);
    expect(stdout).toContain("Approval: not approved");
    // The design keeps its bucket keys out of Git (object-store-keys-missing warns once it is bound to a cluster).
    expect(stdout).toMatch(/^Lint: 0 errors, 1 warning$/m);
    expect(readdirSync(join(dir, first.path!))).toContain("kustomization.yaml");
  });

  it("re-exporting the same revision makes no commit", async () => {
    const again = await exported((await startGitExport(deployer, designId, { cluster: "prod" })).id);
    expect(again).toMatchObject({ status: "unchanged", commit: first.commit });
    expect(await git.log("platform", "main")).toHaveLength(1);
  });

  it("removing a component removes its files in the next commit", async () => {
    const dir0 = await git.clone("platform", "main");
    expect(readdirSync(join(dir0, first.path!)).some((f) => f.includes("grafana"))).toBe(true);
    await edit(designId, (d) => {
      const g = d.components.find((c) => c.kind === "grafana")!;
      d.components = d.components.filter((c) => c !== g);
      d.connections = d.connections.filter((c) => c.from !== g.id && c.to !== g.id);
    });
    const next = await exported((await startGitExport(deployer, designId, { cluster: "prod" })).id);
    expect(next.status).toBe("succeeded");
    const dir = await git.clone("platform", "main");
    const files = readdirSync(join(dir, first.path!));
    expect(files.some((f) => f.includes("grafana"))).toBe(false);
    const k = parseYaml(readFileSync(join(dir, first.path!, "kustomization.yaml"), "utf8")) as { resources: string[] };
    expect([...k.resources, "kustomization.yaml"].sort()).toEqual(files.sort());
  });

  it("pushes to a review branch for a pull request, leaving main alone", async () => {
    await edit(designId, (d) => {
      const q = d.components.find((c) => c.kind === "query")!;
      (q.settings as { replicas: number }).replicas = 3;
    });
    const before = await git.log("platform", "main");
    const review = await exported(
      (await startGitExport(deployer, designId, { cluster: "prod", reviewBranch: true })).id,
    );
    expect(review).toMatchObject({ status: "succeeded", branch: "topology-studio/platform-ha-r4" });
    expect(await git.log("platform", "main")).toEqual(before);
    expect((await git.log("platform", "topology-studio/platform-ha-r4"))[0]).toBe(review.commit);
    // A review branch is a proposal: the deployed revision stays the last export to main.
    expect(await latestSucceededExport(designId, "prod")).toMatchObject({ revision: 3, branch: "main" });
  });

  it("someone pushed to the branch in between: failed with the server's message, their commit kept", async () => {
    git.beforePush = (repo, branch) => git.commitAsSomeoneElse(repo, branch, "OWNERS", "platform-team\n");
    const failed = await exported((await startGitExport(deployer, designId, { cluster: "prod" })).id);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/push rejected/);
    expect(failed.error).not.toContain(git.token);
    const dir = await git.clone("platform", "main");
    expect(readdirSync(dir)).toContain("OWNERS");
    // Exporting again starts from their commit and succeeds.
    const retry = await exported((await startGitExport(deployer, designId, { cluster: "prod" })).id);
    expect(retry.status).toBe("succeeded");
    expect(await latestSucceededExport(designId, "prod")).toMatchObject({ revision: 4, commit: retry.commit });
  });

  it("lists the exports newest first with commit and branch, for the deploy history", async () => {
    const list = await listGitExports(designId);
    expect(list.map((e) => e.status)).toEqual([
      "succeeded",
      "failed",
      "succeeded",
      "succeeded",
      "unchanged",
      "succeeded",
    ]);
    expect(list[0]).toMatchObject({ target: { id: targetId, name: "manifests" }, repoUrl: git.url("platform") });
    // A host without known commit pages: the link is the repository's URL.
    expect(list[0].commitUrl).toBe(git.url("platform"));
  });
});

describe("one set of manifests", () => {
  it("every file of the zip is exactly the object a deploy applied, and kustomize of the zip and of the Git folder build that set", async () => {
    const { design, revision } = await designService().get(designId);
    const plan = await planDeployment(deployer, designId, { cluster: "prod" });
    const { id } = await startDeployment(deployer, designId, { cluster: "prod", planId: plan.id });
    for (let d = await getDeployment(id); d.status === "running"; d = await getDeployment(id))
      await new Promise((r) => setTimeout(r, 150));
    expect((await getDeployment(id)).status).toBe("succeeded");

    const zip = await JSZip.loadAsync((await manifestsZip(design, await previewIdentity(designId))).bytes);
    const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
    const objects = names.filter((n) => !n.endsWith("kustomization.yaml"));
    expect(objects.length).toBe(plan.entries.filter((e) => e.action !== "prune").length);
    expect(objects.length).toBeGreaterThan(10);
    // What the deploy sent (server-side apply bodies, kept sealed with the plan) and what the server holds.
    const row = await db().deploymentPlan.findUniqueOrThrow({ where: { id: plan.id } });
    const sent = new Map(
      (JSON.parse(open(row.objectsEnc)) as { planned: { apply: { object: Obj }[] } }).planned.apply.map((a) => [
        key(a.object),
        a.object,
      ]),
    );
    const applied = new Map<string, Obj>();
    for (const name of objects) {
      const text = await zip.files[name].async("string");
      const file = parseYaml(text) as Obj;
      // No secret values in this design: the masked zip and the clear deploy agree byte for byte.
      expect(stringify(file), name).toBe(stringify(sent.get(key(file))));
      expect(text, name).toBe(stringify(sent.get(key(file))));
      const rt = RESOURCES.find((r) => r.kind === file.kind)!;
      const live = kube.store.get(rt, file.metadata.namespace, file.metadata.name);
      expect(live, name).toBeDefined();
      // Read back from the server: every field of the file, as the file says (the server adds only its defaults).
      expect(asApplied(live as Record<string, unknown>), name).toMatchObject(file);
      expect((file.metadata as { labels?: Record<string, string> }).labels?.["topology-studio.dev/design"]).toBe(
        designId,
      );
      applied.set(key(file), file);
      const abs = join(work, "zip", name);
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, text);
    }
    writeFileSync(
      join(work, "zip", "prod", "kustomization.yaml"),
      await zip.files["prod/kustomization.yaml"].async("string"),
    );
    const normalise = (m: Map<string, Obj>) =>
      new Map([...m].map(([k, o]) => [k, o.kind === "Secret" && o.data ? asApplied(o) : o]));
    expect(normalise(await kustomize(join(work, "zip", "prod")))).toEqual(applied);

    // The Git export of the same revision builds the same set.
    const g = await exported((await startGitExport(deployer, designId, { cluster: "prod", revision })).id);
    expect(["succeeded", "unchanged"]).toContain(g.status);
    const clone = await git.clone("platform", "main");
    expect(normalise(await kustomize(join(clone, g.path!)))).toEqual(applied);
  });

  it("a preview may carry a design id only for a design that exists", async () => {
    expect(await rejection(previewIdentity("no-such-design"))).toBeInstanceOf(NotFoundError);
    expect(await previewIdentity(designId)).toBe(designId);
    expect(await previewIdentity(undefined)).toBeUndefined();
  });

  it("deleting a Git target keeps the history's commit and repository link", async () => {
    await deleteGitTarget(targetId);
    const list = await listGitExports(designId);
    expect(list[0]).toMatchObject({ target: { id: null }, repoUrl: git.url("platform") });
    expect(list[0].commit).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe("an export a stopped process left running", () => {
  it("is shown as failed (interrupted) once it is older than any export can run", async () => {
    const row = await db().gitExport.create({
      data: {
        designId,
        clusterNode: "prod",
        revision: 1,
        status: "running",
        branch: "main",
        repoUrl: git.url("platform"),
        startedById: deployer.user.id,
        startedAt: new Date(Date.now() - 60 * 60_000),
      },
    });
    const fresh = await db().gitExport.create({
      data: {
        designId,
        clusterNode: "prod",
        revision: 1,
        status: "running",
        branch: "main",
        repoUrl: "x",
        startedById: deployer.user.id,
      },
    });
    const list = await listGitExports(designId);
    expect(list.find((e) => e.id === row.id)).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/interrupted/),
    });
    expect(list.find((e) => e.id === fresh.id)).toMatchObject({ status: "running" });
  });
});
