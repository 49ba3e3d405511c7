// Clusters + one-click deploy in the browser, against the Kubernetes API test server (no real cluster can
// be had here): register the test cluster, bind a design's cluster node, plan, deploy and watch progress
// reach ready, change replicas → exactly one update, the cluster changed (kubectl) after the plan → Deploy
// is refused with the reason and Re-plan → the fresh plan deploys, remove a component → pruned, roll back.
// Screenshots (1280×800) go to e2e/screenshots/deploy-*.png.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { parse as parseYaml, stringify } from "yaml";
import { RESOURCES, startKubeApi, type KubeApiServer } from "./kube-api";
import { expect, signIn, test } from "./fixtures";
import type { APIRequestContext, Page } from "@playwright/test";

const SHOTS = path.join(import.meta.dirname, "screenshots");
const shot = (page: Page, name: string) => {
  mkdirSync(SHOTS, { recursive: true });
  return page.screenshot({ path: path.join(SHOTS, `deploy-${name}.png`) });
};

const STS = RESOURCES.find((r) => r.kind === "StatefulSet")!;
const CM = RESOURCES.find((r) => r.kind === "ConfigMap")!;
const run = promisify(execFile);
let kube: KubeApiServer;
test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  kube = await startKubeApi({ readyDelayMs: 400 });
});
test.afterAll(async () => kube?.stop());

async function designDoc(api: APIRequestContext, id: string) {
  const res = await api.get(`/api/designs/${id}`);
  expect(res.ok()).toBe(true);
  return (await res.json()) as {
    revision: number;
    design: {
      components: { id: string; kind: string; name: string; settings: Record<string, unknown> }[];
      connections: { from: string; to: string }[];
    };
  };
}

async function openDeployTab(page: Page) {
  await page.getByTestId("deploy-tab").click();
  await expect(page.getByTestId("deploy-panel")).toBeVisible();
}

/** Deploy → the confirmation dialog (cluster, namespace, counts) → Deploy. */
async function deployConfirmed(page: Page) {
  await page.getByTestId("deploy-button").click();
  await expect(page.getByTestId("confirm-deploy-dialog")).toBeVisible();
  await page.getByTestId("confirm-deploy").click();
}

async function planAndDeploy(
  page: Page,
  expectCounts: Partial<Record<"create" | "update" | "prune" | "unchanged", number | "some">>,
  screenshot?: string,
) {
  await page.getByTestId("plan-button").click();
  await expect(page.getByTestId("plan-view")).toBeVisible({ timeout: 30_000 });
  for (const [action, n] of Object.entries(expectCounts)) {
    const chip = page.getByTestId(`plan-count-${action}`);
    if (n === "some") await expect(chip).not.toHaveAttribute("data-count", "0");
    else await expect(chip).toHaveAttribute("data-count", String(n));
  }
  if (screenshot) await shot(page, screenshot);
  await deployConfirmed(page);
  const drawer = page.getByTestId("deploy-progress");
  await expect(drawer).toBeVisible();
  return drawer;
}

test("admin registers the test cluster (paste + context picker), checks the connection; rejected shapes say why", async ({
  page,
  adminApi,
}) => {
  await signIn(page, "admin");
  await page.goto("/clusters");
  await expect(page.getByRole("heading", { name: "Clusters", exact: true })).toBeVisible();
  await shot(page, "clusters-empty");

  // A kubeconfig whose user runs an exec plugin is refused with the engine's reason; nothing is stored.
  const exec = parseYaml(kube.kubeconfig("admin")) as { users: { user: Record<string, unknown> }[] };
  exec.users[0]!.user = { exec: { apiVersion: "client.authentication.k8s.io/v1", command: "/bin/sh" } };
  await page.getByRole("button", { name: "Register cluster" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Register a cluster" });
  await dialog.getByLabel("Name", { exact: true }).fill("sandbox");
  // Uploaded as a file (the real one below is pasted).
  await dialog
    .getByTestId("kubeconfig-file")
    .setInputFiles({ name: "exec.kubeconfig", mimeType: "text/yaml", buffer: Buffer.from(stringify(exec)) });
  await expect(dialog).toContainText("Loaded exec.kubeconfig");
  await dialog.getByRole("button", { name: "Register" }).click();
  await expect(dialog.getByTestId("register-error")).toContainText(/kubeconfig rejected: .*exec/i);
  await shot(page, "register-rejected");

  // The real one: paste, the context picker fills from the kubeconfig.
  await dialog.getByLabel("Kubeconfig", { exact: true }).fill(kube.kubeconfig("admin"));
  await expect(dialog.getByLabel("Context", { exact: true })).not.toHaveValue("");
  await shot(page, "register-dialog");
  await dialog.getByRole("button", { name: "Register" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId("cluster-row-sandbox");
  await expect(row).toContainText(kube.url);

  // Read-only credentials registered too (through the API), for the refusal check below.
  const ro = await adminApi.post("/api/clusters", {
    data: { name: "sandbox-readonly", kubeconfig: kube.kubeconfig("readonly") },
  });
  expect(ro.status()).toBe(201);
  await page.reload();
  await shot(page, "clusters-list");

  await row.getByRole("button", { name: "Check connection" }).click();
  const check = page.getByTestId("check-result");
  await expect(check.getByTestId("server-version")).toHaveText(/^v1\./);
  await expect(check).toContainText("granted");
  await shot(page, "check-ok");
  await page.getByRole("button", { name: "Close" }).click();

  await page.getByTestId("cluster-row-sandbox-readonly").getByRole("button", { name: "Check connection" }).click();
  await expect(page.getByTestId("missing-permissions")).toContainText("create");
  await shot(page, "check-readonly");
  await page.getByRole("button", { name: "Close" }).click();

  // The API never returns kubeconfig content.
  const list = await (await adminApi.get("/api/clusters")).text();
  expect(list).toContain("sandbox");
  for (const secret of [kube.tokens.admin, kube.tokens.readonly, "certificate-authority-data", "BEGIN CERTIFICATE"])
    expect(list).not.toContain(secret);
});

test("bind, plan, deploy to ready; one update for replicas; prune a removed component; roll back", async ({
  page,
  adminApi,
}) => {
  test.setTimeout(180_000);
  await signIn(page, "admin");
  const created = await adminApi.post("/api/designs", { data: { name: "Deploy demo", template: "sidecar-ha" } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  await page.goto(`/designs/${id}`);
  await expect(page.locator(".react-flow__pane")).toBeVisible({ timeout: 30_000 });
  await openDeployTab(page);
  await expect(page.getByTestId("deploy-panel")).toContainText("Not bound to a registered cluster");
  await shot(page, "unbound");

  // Bind the "prod" cluster node in the inspector, then save.
  await page.getByRole("button", { name: "Bind it in the inspector" }).click();
  const binding = page.getByTestId("cluster-binding");
  await expect(binding).toBeVisible();
  const clusters = (await (await adminApi.get("/api/clusters")).json()) as { clusters: { id: string; name: string }[] };
  const sandbox = clusters.clusters.find((c) => c.name === "sandbox")!;
  await binding.getByLabel("Deploys to").selectOption(sandbox.id);
  await expect(binding).toContainText("namespace");
  await shot(page, "binding");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("save-state")).toContainText("revision 2");

  // Plan → every object is a create; deploy → progress to ready.
  await openDeployTab(page);
  await expect(page.getByTestId("deploy-panel")).toContainText("sandbox");
  let drawer = await planAndDeploy(page, { create: "some", update: 0, prune: 0 }, "plan-create");
  await expect(drawer.getByTestId("deploy-status")).toHaveText(/Deploying|Succeeded/);
  await shot(page, "progress-running");
  await expect(drawer).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
  await expect(drawer.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  await expect(drawer.locator('[data-testid="deploy-object"][data-phase="ready"]').first()).toBeVisible();
  await expect(
    drawer.locator('[data-testid="deploy-object"]:not([data-phase="ready"]):not([data-phase="applied"])'),
  ).toHaveCount(0);
  await shot(page, "progress-done");
  // The objects really are in the cluster, with running pods.
  const ns =
    ((await designDoc(adminApi, id)).design.components.find((c) => c.kind === "cluster")!.settings
      .namespace as string) ?? "monitoring";
  expect(kube.store.list(STS, ns).length).toBeGreaterThan(0);
  await drawer.getByRole("button", { name: "Close progress" }).click();

  // Change replicas (saved through the designs API as the editor would) → the plan shows exactly one update.
  let doc = await designDoc(adminApi, id);
  const prom = doc.design.components.find((c) => c.kind === "prometheus")!;
  prom.settings.replicas = 3;
  expect(
    (
      await adminApi.put(`/api/designs/${id}`, {
        data: { baseRevision: doc.revision, design: doc.design, message: "3 Prometheus replicas" },
      })
    ).status(),
  ).toBe(200);
  await page.reload();
  await openDeployTab(page);
  await page.getByTestId("plan-button").click();
  await expect(page.getByTestId("plan-count-update")).toHaveAttribute("data-count", "1", { timeout: 30_000 });
  await expect(page.getByTestId("plan-count-create")).toHaveAttribute("data-count", "0");
  await expect(page.getByTestId("plan-count-prune")).toHaveAttribute("data-count", "0");
  const update = page.locator('[data-testid="plan-entry"][data-action="update"]');
  await expect(update).toHaveCount(1);
  await update.getByRole("button").click();
  await expect(update.getByTestId("plan-diff")).toContainText("spec.replicas");
  await shot(page, "plan-update");

  // Someone changes a live object after the plan was made (the real kubectl): Deploy is refused, naming it.
  const planned = await page.getByTestId("plan-meta").getAttribute("data-plan-id");
  const configMap = (kube.store.list(CM, ns)[0]!.metadata as { name: string }).name;
  const kubeconfig = path.join(mkdtempSync(path.join(tmpdir(), "deploy-e2e-")), "admin.yaml");
  kube.writeKubeconfig(kubeconfig, "admin");
  await run("kubectl", ["--kubeconfig", kubeconfig, "-n", ns, "annotate", "configmap", configMap, "touched=by-hand"]);
  const refused = page.waitForResponse(
    (r) => r.url().endsWith(`/api/designs/${id}/deployments`) && r.request().method() === "POST",
  );
  await deployConfirmed(page);
  const refusedRes = await refused;
  expect(refusedRes.status()).toBe(409);
  expect(refusedRes.request().postDataJSON()).toEqual({ cluster: "prod", planId: planned });
  const refusal = page.getByTestId("deploy-refusal");
  await expect(refusal).toHaveAttribute("data-reason", "drift");
  await expect(refusal).toContainText("The cluster changed since this plan was made.");
  await expect(refusal).toContainText(`ConfigMap ${ns}/${configMap}`);
  await expect(page.getByTestId("deploy-button")).toBeDisabled();
  await shot(page, "plan-drift");

  // Re-plan → a new plan (the annotation is someone else's field: the update is still the one change).
  await refusal.getByTestId("refusal-replan").click();
  await expect(page.getByTestId("plan-meta")).not.toHaveAttribute("data-plan-id", planned!, { timeout: 30_000 });
  await expect(page.getByTestId("plan-count-update")).toHaveAttribute("data-count", "1");
  await expect(page.getByTestId("deploy-refusal")).toHaveCount(0);
  const replanned = await page.getByTestId("plan-meta").getAttribute("data-plan-id");
  const accepted = page.waitForResponse(
    (r) => r.url().endsWith(`/api/designs/${id}/deployments`) && r.request().method() === "POST",
  );
  await deployConfirmed(page);
  expect((await accepted).request().postDataJSON()).toEqual({ cluster: "prod", planId: replanned });
  drawer = page.getByTestId("deploy-progress");
  await expect(drawer).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
  expect(kube.store.list(STS, ns).some((o) => (o.spec as { replicas?: number }).replicas === 3)).toBe(true);
  await drawer.getByRole("button", { name: "Close progress" }).click();

  // Remove Grafana → its objects are pruned.
  doc = await designDoc(adminApi, id);
  const grafana = doc.design.components.find((c) => c.kind === "grafana")!;
  doc.design.components = doc.design.components.filter((c) => c.id !== grafana.id);
  doc.design.connections = doc.design.connections.filter((c) => c.from !== grafana.id && c.to !== grafana.id);
  expect(
    (
      await adminApi.put(`/api/designs/${id}`, {
        data: { baseRevision: doc.revision, design: doc.design, message: "drop Grafana" },
      })
    ).status(),
  ).toBe(200);
  await page.reload();
  await openDeployTab(page);
  drawer = await planAndDeploy(page, { prune: "some", create: 0, update: 0 }, "plan-prune");
  await expect(drawer).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
  await expect(drawer.locator('[data-testid="deploy-object"][data-phase="pruned"]').first()).toBeVisible();
  await expect(drawer.locator('[data-testid="deploy-object"][data-phase="pruned"]')).toContainText([/grafana/]);
  await shot(page, "progress-pruned");
  await drawer.getByRole("button", { name: "Close progress" }).click();

  // Roll back to revision 2 from the history: plan first (Grafana back, replicas back), then deploy.
  const history = page.getByTestId("deploy-history");
  await expect(history.getByTestId("history-entry")).toHaveCount(3);
  await history.locator('[data-testid="history-entry"][data-revision="2"]').getByTestId("rollback").click();
  await expect(page.getByTestId("plan-count-create")).not.toHaveAttribute("data-count", "0", { timeout: 30_000 });
  await expect(page.getByTestId("plan-count-update")).toHaveAttribute("data-count", "1");
  await deployConfirmed(page);
  drawer = page.getByTestId("deploy-progress");
  await expect(drawer).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
  await drawer.getByRole("button", { name: "Close progress" }).click();
  await expect(history.getByTestId("history-entry")).toHaveCount(4);
  await expect(history.getByTestId("history-entry").first()).toHaveAttribute("data-revision", "2");
  await shot(page, "history");
});

test("read-only credentials: the plan lists missing permissions and deploy is refused", async ({ page, adminApi }) => {
  await signIn(page, "deployer");
  const clusters = (await (await adminApi.get("/api/clusters")).json()) as { clusters: { id: string; name: string }[] };
  const ro = clusters.clusters.find((c) => c.name === "sandbox-readonly")!;
  const created = await adminApi.post("/api/designs", { data: { name: "Read-only target", template: "sidecar-ha" } });
  const { id } = (await created.json()) as { id: string };
  const doc = await designDoc(adminApi, id);
  doc.design.components.find((c) => c.kind === "cluster")!.settings.registeredClusterId = ro.id;
  expect(
    (await adminApi.put(`/api/designs/${id}`, { data: { baseRevision: doc.revision, design: doc.design } })).status(),
  ).toBe(200);

  await page.goto(`/designs/${id}`);
  await expect(page.locator(".react-flow__pane")).toBeVisible({ timeout: 30_000 });
  await openDeployTab(page);
  await page.getByTestId("plan-button").click();
  await expect(page.getByTestId("plan-errors")).toContainText(/patch|create/, { timeout: 30_000 });
  await expect(page.getByTestId("deploy-button")).toBeDisabled();
  await shot(page, "plan-readonly");

  const res = await page.request.post(`/api/designs/${id}/deployments`, { data: { cluster: "prod", revision: 2 } });
  expect(res.status()).toBe(403);
  expect((await res.json()).error).toMatch(/may not deploy: missing/);
});

test("roles: editors bind (list clusters) but cannot plan or deploy; only admins register", async ({ browser }) => {
  const as = async (role: "viewer" | "editor" | "deployer") => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await signIn(page, role);
    return { api: page.request, close: () => ctx.close() };
  };
  const editor = await as("editor");
  const viewer = await as("viewer");
  const deployer = await as("deployer");
  try {
    expect((await editor.api.get("/api/clusters")).status()).toBe(200);
    expect((await viewer.api.get("/api/clusters")).status()).toBe(403);
    expect((await editor.api.post("/api/designs/x/plans", { data: { cluster: "prod" } })).status()).toBe(403);
    expect((await editor.api.post("/api/designs/x/deployments", { data: { cluster: "prod" } })).status()).toBe(403);
    expect((await editor.api.get("/api/deployments/x")).status()).toBe(403);
    expect(
      (
        await deployer.api.post("/api/clusters", { data: { name: "nope", kubeconfig: kube.kubeconfig("admin") } })
      ).status(),
    ).toBe(403);
    expect((await deployer.api.get("/api/deployments/missing")).status()).toBe(404);
  } finally {
    await Promise.all([editor.close(), viewer.close(), deployer.close()]);
  }
});
