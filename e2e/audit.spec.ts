// The audit log as an admin reads it: a deploy (started and finished, against the Kubernetes API test
// server) and a share link's revocation show up under Settings → Audit log, with the filters and the
// JSON-lines export. Screenshot: e2e/screenshots/audit-log.png.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { startKubeApi, type KubeApiServer } from "./kube-api";
import { E2E, expect, signIn, test } from "./fixtures";

const SHOTS = path.join(import.meta.dirname, "screenshots");
let kube: KubeApiServer;
let designId = "";

test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  kube = await startKubeApi({ readyDelayMs: 200 });
});
test.afterAll(async () => kube?.stop());

test("an admin sees the audit entries of a deploy and of a share revoke", async ({ page, adminApi }) => {
  test.setTimeout(180_000);
  const ok = async <T>(res: Awaited<ReturnType<typeof adminApi.get>>, what: string): Promise<T> => {
    if (!res.ok()) throw new Error(`${what}: HTTP ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const cluster = await ok<{ id: string }>(
    await adminApi.post("/api/clusters", {
      data: { name: `audit-${Date.now().toString(36)}`, kubeconfig: kube.kubeconfig("admin") },
    }),
    "register cluster",
  );
  designId = (
    await ok<{ id: string }>(
      await adminApi.post("/api/designs", {
        data: { name: `Audited ${Date.now().toString(36)}`, template: "sidecar-ha" },
      }),
      "create design",
    )
  ).id;
  const doc = await ok<{
    revision: number;
    design: { components: { kind: string; name: string; settings: Record<string, unknown> }[] };
  }>(await adminApi.get(`/api/designs/${designId}`), "get design");
  const node = doc.design.components.find((c) => c.kind === "cluster")!;
  node.settings.registeredClusterId = cluster.id;
  await ok(
    await adminApi.put(`/api/designs/${designId}`, { data: { baseRevision: doc.revision, design: doc.design } }),
    "bind",
  );
  const run = await ok<{ id: string }>(
    await adminApi.post(`/api/designs/${designId}/deployments`, { data: { cluster: node.name } }),
    "deploy",
  );
  await expect
    .poll(async () => (await ok<{ status: string }>(await adminApi.get(`/api/deployments/${run.id}`), "run")).status, {
      timeout: 120_000,
    })
    .not.toBe("running");
  const share = await ok<{ share: { id: string } }>(
    await adminApi.post(`/api/designs/${designId}/shares`, { data: { revision: 1 } }),
    "share",
  );
  await ok(await adminApi.delete(`/api/designs/${designId}/shares/${share.share.id}`), "revoke");

  await signIn(page, "admin");
  await page.goto("/settings");
  await expect(page.getByTestId("setting-objectStoreEndpoints")).toBeVisible();
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, "audit-settings.png"), fullPage: true });
  await page.getByTestId("open-audit").click();
  await expect(page.getByRole("heading", { name: "Audit log", exact: true })).toBeVisible();
  const table = page.getByTestId("audit-table");
  await expect(table.locator('tr[data-action="deploy.finished"]').first()).toContainText(`design:${designId}`);
  await expect(table.locator('tr[data-action="deploy.started"]').first()).toContainText(run.id);
  await expect(table.locator('tr[data-action="share.revoked"]').first()).toContainText(share.share.id);
  await expect(table.locator('tr[data-action="cluster.bound"]').first()).toContainText(cluster.id);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, "audit-log.png"), fullPage: true });

  // Filter to deploys of this design: only deploy.* rows remain.
  await page.getByTestId("audit-action").selectOption("deploy.");
  await page.getByPlaceholder("design:…").fill(`design:${designId}`);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=deploy\./);
  const actions = await table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")));
  expect(actions.sort()).toEqual(["deploy.finished", "deploy.started"]);
  await page.screenshot({ path: path.join(SHOTS, "audit-log-filtered.png"), fullPage: true });

  // The export carries the same filters, as JSON lines.
  const exported = await page.request.get(`/api/audit/export?action=share.&target=design:${designId}`);
  expect(exported.headers()["content-type"]).toContain("application/x-ndjson");
  const lines = (await exported.text())
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { action: string });
  expect(lines.map((l) => l.action)).toEqual(["share.created", "share.revoked"]);
});

test("pages carry the security headers and hydrate under the CSP", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  const res = await page.goto("/login");
  expect(res?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(res?.headers()["x-content-type-options"]).toBe("nosniff");
  // Hydrated: the client-side form signs in and navigates (a blocked script would leave a dead form).
  await page.getByLabel("Email").fill(E2E.admin.email);
  await page.getByLabel("Password").fill(E2E.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/designs/);
  expect(errors.filter((e) => /Content Security Policy|Refused to/.test(e))).toEqual([]);
  await context.close();
});
