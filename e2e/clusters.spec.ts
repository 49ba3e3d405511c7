// The Clusters screen's row actions against the Kubernetes API test server: Check connection opens its
// report, Settings restricts the namespaces, and Delete asks first, then removes the row with a toast.
// Screenshot: e2e/screenshots/clusters-delete-confirm.png.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { startKubeApi, type KubeApiServer } from "./kube-api";
import { expect, signIn, test } from "./fixtures";

let kube: KubeApiServer;
test.beforeAll(async () => {
  kube = await startKubeApi();
});
test.afterAll(async () => kube?.stop());

test("a cluster's row: check the connection, restrict its namespaces, delete it after confirming", async ({
  page,
  adminApi,
}) => {
  const name = `rows-${Date.now().toString(36)}`;
  const registered = await adminApi.post("/api/clusters", { data: { name, kubeconfig: kube.kubeconfig("admin") } });
  expect(registered.status(), await registered.text()).toBe(201);
  await signIn(page, "admin");
  await page.goto("/clusters");
  const row = page.getByTestId(`cluster-row-${name}`);

  await row.getByRole("button", { name: "Check connection" }).click();
  const report = page.getByRole("dialog", { name: `Connection to ${name}` });
  await expect(report).toContainText(kube.url);
  await report.getByRole("button", { name: "Close" }).click();
  await expect(report).toBeHidden();

  await page.getByTestId(`cluster-settings-${name}`).click();
  const settings = page.getByRole("dialog", { name: `Settings of ${name}` });
  await settings.getByLabel("Allowed namespaces").fill("monitoring, thanos");
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(settings).toBeHidden();
  await expect(page.getByTestId(`cluster-namespaces-${name}`)).toHaveText("only monitoring, thanos");

  await row.getByRole("button", { name: `Delete ${name}` }).click();
  const confirm = page.getByRole("dialog", { name: `Delete ${name}?` });
  await expect(confirm).toContainText("Its stored kubeconfig is destroyed.");
  mkdirSync(path.join(import.meta.dirname, "screenshots"), { recursive: true });
  await page.screenshot({ path: path.join(import.meta.dirname, "screenshots", "clusters-delete-confirm.png") });
  await confirm.getByRole("button", { name: "Delete cluster" }).click();
  await expect(row).toHaveCount(0);
  await expect(page.getByText(`${name} is no longer registered.`)).toBeVisible();
  const left = (await (await adminApi.get("/api/clusters")).json()) as { clusters: { name: string }[] };
  expect(left.clusters.map((c) => c.name)).not.toContain(name);
});
