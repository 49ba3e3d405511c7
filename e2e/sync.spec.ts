// Sync status in the browser, against the Kubernetes API test server: deploy revision 2 → the designs list
// and the editor header say Synced; save revision 3 (Grafana removed) → OutOfSync, the Live tab says
// "OutOfSync: latest 3, live 2"; someone scales a StatefulSet with the real kubectl → "Check now" lists
// spec.replicas 5 → 2. A share link with status draws the deployed revision (Grafana still there) and
// its header names revision 2. Screenshots (1280×800) go to e2e/screenshots/sync-*.png.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { APIRequestContext, Page } from "@playwright/test";
import { startKubeApi, type KubeApiServer } from "./kube-api";
import { expect, signIn, test } from "./fixtures";

const SHOTS = path.join(import.meta.dirname, "screenshots");
const shot = (page: Page, name: string) => {
  mkdirSync(SHOTS, { recursive: true });
  return page.screenshot({ path: path.join(SHOTS, `sync-${name}.png`) });
};
const run = promisify(execFile);
const NS = "sync-e2e";

let kube: KubeApiServer;
test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  kube = await startKubeApi({ readyDelayMs: 300 });
});
test.afterAll(async () => kube?.stop());

interface Doc {
  revision: number;
  design: {
    components: { id: string; kind: string; name: string; settings: Record<string, unknown> }[];
    connections: { from: string; to: string }[];
  };
}

async function save(api: APIRequestContext, id: string, change: (d: Doc["design"]) => void): Promise<number> {
  const doc = (await (await api.get(`/api/designs/${id}`)).json()) as Doc;
  change(doc.design);
  const res = await api.put(`/api/designs/${id}`, { data: { baseRevision: doc.revision, design: doc.design } });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { revision: number }).revision;
}

async function deploy(api: APIRequestContext, id: string): Promise<void> {
  const started = await api.post(`/api/designs/${id}/deployments`, { data: { cluster: "prod" } });
  expect(started.status(), await started.text()).toBe(202);
  const { id: run } = (await started.json()) as { id: string };
  await expect
    .poll(async () => ((await (await api.get(`/api/deployments/${run}`)).json()) as { status: string }).status, {
      timeout: 60_000,
    })
    .toBe("succeeded");
}

test("designs list, editor header and Live tab show sync status; kubectl changes show as differences", async ({
  page,
  adminApi,
}) => {
  test.setTimeout(180_000);
  await signIn(page, "admin");
  const registered = await adminApi.post("/api/clusters", {
    data: { name: "sync-sandbox", kubeconfig: kube.kubeconfig("admin") },
  });
  expect(registered.status(), await registered.text()).toBe(201);
  const clusterId = ((await registered.json()) as { id: string }).id;
  const created = await adminApi.post("/api/designs", { data: { name: "Sync demo", template: "sidecar-ha" } });
  const { id } = (await created.json()) as { id: string };
  await save(adminApi, id, (d) => {
    Object.assign(d.components.find((c) => c.kind === "cluster")!.settings, {
      registeredClusterId: clusterId,
      namespace: NS,
    });
  });

  // Before any deploy the list says so, without alarm.
  await page.goto("/designs");
  const row = page.getByRole("row").filter({ hasText: "Sync demo" });
  await expect(row.getByTestId("sync-badge")).toHaveAttribute("data-sync", "not-deployed");

  await deploy(adminApi, id);
  await page.reload();
  await expect(row.getByTestId("sync-badge")).toHaveAttribute("data-sync", "Synced");
  await expect(row.getByTestId("sync-badge")).toHaveText("Synced");
  await shot(page, "list-synced");

  // Revision 3 drops Grafana: not deployed yet → OutOfSync everywhere.
  await save(adminApi, id, (d) => {
    const grafana = d.components.find((c) => c.kind === "grafana")!;
    d.components = d.components.filter((c) => c.id !== grafana.id);
    d.connections = d.connections.filter((c) => c.from !== grafana.id && c.to !== grafana.id);
  });
  await page.reload();
  await expect(row.getByTestId("sync-badge")).toHaveAttribute("data-sync", "OutOfSync");
  await shot(page, "list-out-of-sync");

  await page.goto(`/designs/${id}`);
  const header = page.locator(".tc-toolbar").getByTestId("sync-badge");
  await expect(header).toHaveAttribute("data-sync", "OutOfSync");
  await header.getByRole("button").click(); // opens the Live tab
  const strip = page.getByTestId("sync-cluster-prod");
  await expect(strip.getByTestId("sync-headline")).toHaveText("OutOfSync: latest 3, live 2");
  await expect(strip).toContainText("latest revision 3 is not deployed; live is revision 2");
  await expect(page.getByTestId("live-status")).toBeVisible();
  await shot(page, "live-latest-not-deployed");

  // Someone scales Prometheus by hand: after "Check now" the field is listed with both values.
  const kubeconfig = path.join(mkdtempSync(path.join(tmpdir(), "sync-e2e-")), "admin.yaml");
  kube.writeKubeconfig(kubeconfig, "admin");
  const sts = JSON.parse(
    (await run("kubectl", ["--kubeconfig", kubeconfig, "-n", NS, "get", "statefulsets", "-o", "json"])).stdout,
  ) as { items: { metadata: { name: string }; spec: { replicas: number } }[] };
  const prometheus = sts.items.find((s) => s.spec.replicas === 2)!.metadata.name;
  await run("kubectl", ["--kubeconfig", kubeconfig, "-n", NS, "scale", "statefulset", prometheus, "--replicas=5"]);
  const diff = strip
    .getByTestId("sync-differences")
    .getByRole("row")
    .filter({ hasText: `StatefulSet/${NS}/${prometheus}` });
  await expect(async () => {
    await page.getByTestId("sync-recheck").click();
    await expect(diff).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000, intervals: [1_000, 2_000, 3_000] });
  await expect(diff.getByRole("cell")).toHaveText([`StatefulSet/${NS}/${prometheus}`, "spec.replicas", "5", "→ 2"]);
  await expect(strip).toContainText("live differs from deployed revision 2: 1 object changed by someone else");
  await shot(page, "live-differences");

  // A share link that allows status: its live view draws revision 2 (Grafana still there), named in the header.
  const share = await adminApi.post(`/api/designs/${id}/shares`, { data: { revision: "latest", allowStatus: true } });
  expect(share.status(), await share.text()).toBe(201);
  const { url } = (await share.json()) as { url: string };
  const guest = await page.context().browser()!.newPage();
  await guest.goto(new URL(url).pathname);
  await expect(guest.getByTestId("sync-badge")).toHaveAttribute("data-sync", "OutOfSync");
  await expect(guest.locator(".react-flow__node").filter({ hasText: /grafana/i })).toHaveCount(0);
  await guest.getByTestId("live-mode").click();
  await expect(guest.getByTestId("live-revision")).toHaveText("Live: revision 2");
  const liveCanvas = guest.getByTestId("live-status");
  await expect(liveCanvas.locator(".react-flow__node").filter({ hasText: /grafana/i })).toHaveCount(1, {
    timeout: 20_000,
  });
  // Guests see objects and fields, never values.
  const guestRow = guest.getByTestId("sync-cluster-prod").getByTestId("sync-differences").getByRole("row").nth(1);
  await expect(guestRow.getByRole("cell")).toHaveText([
    `StatefulSet/${NS}/${prometheus}`,
    "spec.replicas",
    "changed on the cluster",
  ]);
  await expect(guest.getByTestId("sync-recheck")).toHaveCount(0);
  await shot(guest, "share-live");
  await guest.close();

  // Deploying revision 3 puts everything back.
  await deploy(adminApi, id);
  await page.reload();
  await page.getByTestId("live-tab").click();
  await expect(page.getByTestId("sync-cluster-prod").getByTestId("sync-headline")).toHaveText("Synced to revision 3");
  await expect(page.locator(".tc-toolbar").getByTestId("sync-badge")).toHaveAttribute("data-sync", "Synced");
  await shot(page, "live-synced");
});
