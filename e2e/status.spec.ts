// Live status, end to end: a template deployed through the app to the Kubernetes API test server,
// then read back on the canvas. Behind the test server's service proxy: a real Prometheus process for
// the Prometheus `web` probes, the Thanos fixture for Query/sidecar/store/ruler endpoints, and s3rver
// holding Thanos blocks (e2e/status-stack.ts). Screenshots go to test-results/status-*.png.
import type { APIRequestContext } from "@playwright/test";
import { validateDesign, type Design } from "@/lib/topology";
import { startKubeApi, type KubeApiServer } from "./kube-api";
import { fixtureShapedDesign, startStatusStack, type StatusStack } from "./status-stack";
import { allowTestBuckets, expect, signIn, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

let kube: KubeApiServer;
let stack: StatusStack;
let designId: string;

async function ok<T>(res: Awaited<ReturnType<APIRequestContext["get"]>>, what: string): Promise<T> {
  if (!res.ok()) throw new Error(`${what}: HTTP ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

test.beforeAll(async ({ adminApi }) => {
  test.setTimeout(180_000);
  kube = await startKubeApi({ readyDelayMs: 200 });
  // The bucket fixture listens on loopback: only an explicit address entry lets the studio reach it.
  await allowTestBuckets(adminApi);
  const cluster = await ok<{ id: string }>(
    await adminApi.post("/api/clusters", {
      data: { name: `sandbox-${Date.now().toString(36)}`, kubeconfig: kube.kubeconfig("admin") },
    }),
    "register cluster",
  );
  const created = await ok<{ id: string }>(
    await adminApi.post("/api/designs", {
      data: { name: `Live status ${Date.now().toString(36)}`, template: "hashmod-shards" },
    }),
    "create design",
  );
  designId = created.id;
  const detail = await ok<{ design: Design; latestRevision: number }>(
    await adminApi.get(`/api/designs/${designId}`),
    "get design",
  );
  // The stored design has masked secrets; start from the template document the API returned.
  const base = validateDesign(detail.design);
  if (!base.ok) throw new Error("design from the API does not validate");
  stack = await startStatusStack(
    (bucket) => fixtureShapedDesign(base.design, { bucketEndpoint: bucket.endpoint, registeredClusterId: cluster.id }),
    designId,
  );
  await ok(
    await adminApi.put(`/api/designs/${designId}`, {
      data: {
        baseRevision: detail.latestRevision,
        design: stack.design,
        message: "point at the test cluster and bucket",
      },
    }),
    "save design",
  );
  stack.registerWith(kube);
  const run = await ok<{ id: string }>(
    await adminApi.post(`/api/designs/${designId}/deployments`, { data: { cluster: "prometheus-ha" } }),
    "deploy",
  );
  for (let i = 0; ; i++) {
    const d = await ok<{ status: string; error: string | null }>(
      await adminApi.get(`/api/deployments/${run.id}`),
      "deployment",
    );
    if (d.status === "succeeded") break;
    if (d.status !== "running" || i > 240) throw new Error(`deployment ${d.status}: ${d.error}`);
    await new Promise((r) => setTimeout(r, 500));
  }
});

test.afterAll(async () => {
  await stack?.stop();
  await kube?.stop();
});

// The editor keeps its own (hidden) canvas mounted; everything here is inside the live view.
const node = (page: import("@playwright/test").Page, componentId: string) =>
  page.getByTestId("live-status").locator(`.react-flow__node[data-id="${componentId}"]`);
const badge = (page: import("@playwright/test").Page, componentId: string) =>
  node(page, componentId).getByTestId("status-badge");

test("badges turn Healthy after deploy, a stopped store goes Degraded with its reason, failing uploads warn, the bucket timeline lists the blocks", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, "viewer");
  await page.goto(`/designs/${designId}`);
  await page.getByTestId("live-tab").click();
  await expect(page.getByTestId("live-status")).toBeVisible();
  await expect(page.getByTestId("cluster-state")).toContainText("connected", { timeout: 20_000 });
  for (const id of ["prometheus", "query", "frontend", "store", "ruler", "compactor", "alertmanager", "bucket"]) {
    await expect(badge(page, id)).toHaveAttribute("data-state", "Healthy", { timeout: 20_000 });
  }
  await expect(badge(page, "prometheus")).toHaveAttribute(
    "title",
    /4\/4 replicas ready .*Prometheus: ready and healthy; sidecar: ready and healthy; 4\/4 StoreAPI endpoints up/,
  );
  await page.screenshot({ path: "test-results/status-healthy.png" });

  // Stop the store gateways' StoreAPI endpoints in Query: the store node goes down with Thanos's error.
  for (const name of stack.storeNames.get("store")!) stack.thanos.setStore(name, { up: false });
  await expect(badge(page, "store")).toHaveAttribute("data-state", "Degraded", { timeout: 25_000 });
  await expect(badge(page, "store")).toHaveAttribute(
    "title",
    /0\/2 StoreAPI endpoints up in Query thanos-query: Query cannot reach .*connection refused/,
  );
  await expect(badge(page, "query")).toHaveAttribute("data-state", "Degraded");
  await node(page, "store").click();
  await expect(page.getByTestId("status-drawer")).toContainText("Query cannot reach");
  await page.screenshot({ path: "test-results/status-store-down.png" });

  await page.getByTestId("stores-tab").click();
  await expect(page.getByTestId("store-row").and(page.locator('[data-state="down"]'))).toHaveCount(2);
  await expect(page.getByTestId("store-row").and(page.locator('[data-state="up"]'))).toHaveCount(6);
  await page.screenshot({ path: "test-results/status-stores.png" });

  // Failing uploads: the sidecar's shipper counters report failures and no success for 5 h.
  stack.thanos.setUploads(stack.fixtureNames.get("prometheus")!, {
    uploads: 12,
    failures: 7,
    lastSuccess: new Date(Date.now() - 5 * 3600_000),
  });
  await page.getByTestId("live-status").getByRole("tab", { name: "Canvas" }).click();
  await expect(badge(page, "prometheus")).toHaveAttribute("title", /uploads: 7 failed block uploads; last success 5h/, {
    timeout: 25_000,
  });
  await node(page, "prometheus").click();
  await expect(page.getByTestId("status-drawer")).toContainText("7 failed block uploads");
  await page.screenshot({ path: "test-results/status-uploads.png" });

  await page.getByTestId("bucket-tab").click();
  await expect(page.getByTestId("bucket-lane")).toHaveCount(4);
  await page.getByRole("button", { name: "All", exact: true }).click();
  const live = stack.bucket.blocks.filter((b) => b.state === "live").length;
  await expect(page.getByTestId("bucket-block")).toHaveCount(live);
  // Gap warnings wait 3 h after the first deployment; this one is minutes old, so none yet.
  await expect(page.getByTestId("upload-warnings")).toHaveCount(0);
  await expect(page.getByTestId("bucket-lane").last()).toContainText("5h ago");
  // Labels all four sets share are said once; each lane shows its replica and shard.
  await expect(page.getByText("every label set has")).toBeVisible();
  await expect(page.getByTestId("bucket-lane").first()).not.toContainText("cluster=eu1");
  await page.screenshot({ path: "test-results/status-bucket.png", fullPage: true });

  // Pause stops polling: the last-updated time stops moving.
  await page.getByTestId("pause").click();
  await expect(page.getByTestId("last-updated")).toContainText("Paused");
});

test("status needs a session, or a share link that allows it", async ({ playwright, adminApi }) => {
  const anon = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  expect((await anon.get(`/api/designs/${designId}/status`)).status()).toBe(401);
  const plain = await ok<{ token: string }>(
    await adminApi.post(`/api/designs/${designId}/shares`, { data: { revision: "latest" } }),
    "share",
  );
  const withStatus = await ok<{ token: string }>(
    await adminApi.post(`/api/designs/${designId}/shares`, { data: { revision: "latest", allowStatus: true } }),
    "share with status",
  );
  const refused = await anon.get(`/api/share/${plain.token}/status`);
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error).toBe("this share link does not include live status");
  const shared = await anon.get(`/api/share/${withStatus.token}/status`);
  expect(shared.status()).toBe(200);
  const body = (await shared.json()) as {
    components: Record<string, { state: string }>;
    stores: Array<{ queryName: string }>;
  };
  expect(Object.keys(body.components)).toContain("query");
  expect(body.stores[0].queryName).toBe("thanos-query");
  // Nothing secret travels with status: the bucket keys are not in the answer.
  expect(JSON.stringify(body)).not.toContain("S3RVER");
  await anon.dispose();
});
