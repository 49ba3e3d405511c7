// Deploy safety in the browser, against the Kubernetes API test server: a lint error blocks Plan and Deploy
// (named next to the buttons), "Deploy anyway…" asks for a reason that the history keeps; the confirmation
// names the cluster, its server, the namespace and the plan's counts; a production cluster shows its badge
// and wants its name typed; registering a wrong token shows the server's 401 on its own line; deleting a
// deployed design offers "Undeploy and delete", which really removes its objects.
// Screenshots (1280×800) go to e2e/screenshots/deploy-safety-*.png.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml, stringify } from "yaml";
import { RESOURCES, startKubeApi, type KubeApiServer } from "./kube-api";
import { E2E, ensureUser, expect, signIn, test } from "./fixtures";
import { request, type APIRequestContext, type Page } from "@playwright/test";

const SHOTS = path.join(import.meta.dirname, "screenshots");
const shot = (page: Page, name: string) => {
  mkdirSync(SHOTS, { recursive: true });
  return page.screenshot({ path: path.join(SHOTS, `deploy-safety-${name}.png`) });
};

const OWNER = "topology-studio.dev/design";
const REASON = "INC-42: the second compactor is drained by hand first";
let kube: KubeApiServer;
const suffix = Date.now().toString(36);
const sandbox = `safety-${suffix}`;
const production = `prod-${suffix}`;
const clusterIds: Record<string, string> = {};

test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  kube = await startKubeApi({ readyDelayMs: 200 });
});
test.afterAll(async () => kube?.stop());

const owned = (designId: string) =>
  RESOURCES.flatMap((rt) =>
    kube.store.list(
      rt,
      undefined,
      (o) => (o.metadata as { labels?: Record<string, string> }).labels?.[OWNER] === designId,
    ),
  );

/** A sidecar-ha design bound to `clusterId` in namespace `ns`, optionally edited further; returns its id and revision. */
async function boundDesign(
  api: APIRequestContext,
  name: string,
  clusterId: string,
  ns: string,
  change: (d: { components: { kind: string; settings: Record<string, unknown> }[] }) => void = () => {},
): Promise<{ id: string; revision: number }> {
  const created = await api.post("/api/designs", { data: { name, template: "sidecar-ha" } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const doc = (await (await api.get(`/api/designs/${id}`)).json()) as {
    revision: number;
    design: { components: { kind: string; settings: Record<string, unknown> }[] };
  };
  const cluster = doc.design.components.find((c) => c.kind === "cluster")!;
  Object.assign(cluster.settings, { registeredClusterId: clusterId, namespace: ns });
  change(doc.design);
  const saved = await api.put(`/api/designs/${id}`, { data: { baseRevision: doc.revision, design: doc.design } });
  expect(saved.status(), await saved.text()).toBe(200);
  return { id, revision: ((await saved.json()) as { revision: number }).revision };
}

async function openDeployTab(page: Page, id: string) {
  await page.goto(`/designs/${id}`);
  await expect(page.locator(".react-flow__pane")).toBeVisible({ timeout: 30_000 });
  await page.getByTestId("deploy-tab").click();
  await expect(page.getByTestId("deploy-panel")).toBeVisible();
}

test("clusters: a wrong token is refused with the server's 401 on its own line; production is set at registration", async ({
  page,
  adminApi,
}) => {
  await signIn(page, "admin");
  await page.goto("/clusters");
  await page.getByRole("button", { name: "Register cluster" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Register a cluster" });
  await dialog.getByLabel("Name", { exact: true }).fill(`wrong-${suffix}`);
  const wrong = parseYaml(kube.kubeconfig("admin")) as { users: { user: Record<string, unknown> }[] };
  wrong.users[0]!.user = { token: "not-the-token" };
  await dialog.getByLabel("Kubeconfig", { exact: true }).fill(stringify(wrong));
  await dialog.getByRole("button", { name: "Register" }).click();
  const error = dialog.getByTestId("kubeconfig-error");
  await expect(error).toContainText(/reached https:\/\/127\.0\.0\.1:\d+, which answered 401 Unauthorized/);
  await expect(error).not.toContainText("Unauthorized: Unauthorized");
  // Its own line, below the hint (not run into it).
  const hintBox = await dialog.locator(".field-hint").first().boundingBox();
  const errorBox = await error.boundingBox();
  expect(errorBox!.y).toBeGreaterThanOrEqual(hintBox!.y + hintBox!.height - 1);
  await shot(page, "register-401");

  // The right token, marked production in the dialog.
  await dialog.getByLabel("Name", { exact: true }).fill(production);
  await dialog.getByLabel("Kubeconfig", { exact: true }).fill(kube.kubeconfig("admin"));
  await expect(error).toHaveCount(0);
  await dialog.getByTestId("production-checkbox").check();
  await dialog.getByRole("button", { name: "Register" }).click();
  await expect(dialog).toBeHidden();

  const res = await adminApi.post("/api/clusters", { data: { name: sandbox, kubeconfig: kube.kubeconfig("admin") } });
  expect(res.status(), await res.text()).toBe(201);
  const list = (await (await adminApi.get("/api/clusters")).json()) as {
    clusters: { id: string; name: string; production: boolean }[];
  };
  for (const c of list.clusters) clusterIds[c.name] = c.id;
  expect(list.clusters.find((c) => c.name === production)?.production).toBe(true);
  await page.reload();
  await expect(page.getByTestId(`production-${production}`)).toBeVisible();
  await expect(page.getByTestId(`production-${sandbox}`)).toHaveCount(0);
  await shot(page, "clusters-production");
  // The settings dialog shows the flag as stored.
  await page.getByTestId(`cluster-settings-${production}`).click();
  await expect(page.getByTestId("cluster-production")).toBeChecked();
  await shot(page, "cluster-settings");
  await page.getByRole("button", { name: "Cancel" }).click();
});

test("a lint error blocks Plan and Deploy; Deploy anyway with a reason; the confirmation names cluster, namespace and counts", async ({
  page,
  adminApi,
}) => {
  test.setTimeout(150_000);
  await signIn(page, "admin");
  const ns = `lint-${suffix}`;
  const { id } = await boundDesign(adminApi, `Lint blocked ${suffix}`, clusterIds[sandbox]!, ns, (d) => {
    d.components.find((c) => c.kind === "compactor")!.settings.replicas = 2;
  });
  await openDeployTab(page, id);

  const block = page.getByTestId("lint-block");
  await expect(block).toContainText("blocks Plan and Deploy");
  await expect(block).toContainText("compactor-singleton");
  await expect(block).toContainText("thanos-compactor");
  await expect(page.getByTestId("plan-button")).toBeDisabled();
  await expect(page.getByTestId("deploy-button")).toBeDisabled();
  await shot(page, "lint-blocked");

  await block.getByTestId("deploy-anyway").click();
  const confirm = page.getByTestId("override-confirm");
  await page.getByTestId("override-input").fill("because");
  await expect(confirm).toBeDisabled();
  await page.getByTestId("override-input").fill(REASON);
  await shot(page, "override-dialog");
  const planned = page.waitForResponse((r) => r.url().endsWith(`/api/designs/${id}/plans`));
  await confirm.click();
  const planRes = await planned;
  expect(planRes.status()).toBe(200);
  expect(planRes.request().postDataJSON()).toMatchObject({ override: { reason: REASON } });
  await expect(page.getByTestId("plan-view")).toBeVisible({ timeout: 30_000 });
  await expect(block).toHaveAttribute("data-overridden", "true");
  await expect(page.getByTestId("override-reason")).toContainText(REASON);

  await page.getByTestId("deploy-button").click();
  const dialog = page.getByTestId("confirm-deploy-dialog");
  await expect(dialog.getByTestId("confirm-cluster")).toHaveText(sandbox);
  await expect(dialog).toContainText(kube.url);
  await expect(dialog.getByTestId("confirm-namespace")).toHaveText(ns);
  const creates = Number(await dialog.getByTestId("confirm-count-create").getAttribute("data-count"));
  expect(creates).toBeGreaterThan(5);
  await expect(dialog.getByTestId("confirm-count-update")).toHaveAttribute("data-count", "0");
  await expect(dialog.getByTestId("confirm-count-delete")).toHaveAttribute("data-count", "0");
  await expect(dialog.getByTestId("production-badge")).toHaveCount(0);
  await shot(page, "confirm");
  await page.getByTestId("confirm-deploy").click();

  const drawer = page.getByTestId("deploy-progress");
  await expect(drawer).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
  expect(owned(id).length).toBeGreaterThanOrEqual(creates);
  await drawer.getByRole("button", { name: "Close progress" }).click();
  await expect(page.getByTestId("history-override").first()).toContainText(REASON);
  await shot(page, "history-override");
});

test("production: the badge, and Deploy only once the cluster's name is typed (revision approved by someone else)", async ({
  page,
  adminApi,
}) => {
  test.setTimeout(120_000);
  await signIn(page, "admin");
  const ns = `prod-${suffix}`;
  const { id, revision } = await boundDesign(adminApi, `Production ${suffix}`, clusterIds[production]!, ns);
  // The admin saved it; a deployer approves it (someone other than the author).
  const reviewer = await ensureUser("deployer", adminApi);
  const reviewerApi = await request.newContext({ baseURL: E2E.baseURL });
  try {
    const login = await reviewerApi.post("/api/auth/login", {
      data: { email: reviewer.email, password: reviewer.password },
    });
    expect(login.ok()).toBe(true);
    const approved = await reviewerApi.post(`/api/designs/${id}/approvals`, { data: { revision } });
    expect(approved.status(), await approved.text()).toBe(200);
  } finally {
    await reviewerApi.dispose();
  }

  await openDeployTab(page, id);
  await page.getByTestId("plan-button").click();
  await expect(page.getByTestId("plan-view")).toBeVisible({ timeout: 30_000 });
  await page.getByTestId("deploy-button").click();
  const dialog = page.getByTestId("confirm-deploy-dialog");
  await expect(dialog.getByTestId("production-badge")).toBeVisible();
  const go = page.getByTestId("confirm-deploy");
  await expect(go).toBeDisabled();
  await dialog.getByTestId("confirm-cluster-input").fill("prod");
  await expect(go).toBeDisabled();
  await dialog.getByTestId("confirm-cluster-input").fill(production);
  await shot(page, "confirm-production");
  await go.click();
  const drawer = page.getByTestId("deploy-progress");
  await expect(drawer).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
});

test("deleting a deployed design offers Undeploy and delete, which removes its objects from the cluster", async ({
  page,
  adminApi,
}) => {
  test.setTimeout(120_000);
  await signIn(page, "admin");
  const name = `Undeploy me ${suffix}`;
  const { id } = await boundDesign(adminApi, name, clusterIds[sandbox]!, `undeploy-${suffix}`);
  const started = await adminApi.post(`/api/designs/${id}/deployments`, { data: { cluster: "prod" } });
  expect(started.status(), await started.text()).toBe(202);
  const runId = ((await started.json()) as { id: string }).id;
  await expect
    .poll(async () => ((await (await adminApi.get(`/api/deployments/${runId}`)).json()) as { status: string }).status, {
      timeout: 60_000,
    })
    .toBe("succeeded");
  expect(owned(id).length).toBeGreaterThan(5);

  await page.goto("/designs");
  await page.getByRole("button", { name: `Delete ${name}` }).click();
  const notice = page.getByTestId("delete-deployed");
  await expect(notice).toContainText(`Deployed to cluster ${sandbox}`);
  await expect(page.getByTestId("delete-design")).toHaveCount(0);
  await shot(page, "delete-deployed");
  const deleted = page.waitForResponse((r) => r.url().includes(`/api/designs/${id}?undeploy=true`));
  await page.getByTestId("undeploy-and-delete").click();
  expect((await deleted).status()).toBe(200);
  await expect(page.getByText(`Undeployed from ${sandbox}, then deleted`)).toBeVisible();
  expect(owned(id)).toEqual([]);
  expect((await adminApi.get(`/api/designs/${id}`)).status()).toBe(404);
});
