import { readFileSync } from "node:fs";
import path from "node:path";
import { allowTestBuckets, expect, signIn, test } from "./fixtures";
import { screenshotPath } from "./canvas-helpers";

const fixture = readFileSync(
  path.join(import.meta.dirname, "../lib/topology/import/test/fixtures/kube-thanos.yaml"),
  "utf8",
);
const nginx = `---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: thanos }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: nginx, image: "nginx:1.27" }] }
`;

test.describe("import", () => {
  test("paste a bundle, read the report, save: the canvas opens laid out with its lint findings", async ({
    page,
    adminApi,
  }) => {
    test.setTimeout(120_000);
    // The bundle's bucket is an in-cluster MinIO: saving needs it on the workspace allow-list (issue 15).
    await allowTestBuckets(adminApi);
    await page.setViewportSize({ width: 1600, height: 1000 });
    await signIn(page, "editor");
    await page.goto("/designs/new");
    const name = `Imported ${Date.now()}`;
    await page.getByLabel("Design name").fill(name);
    await page.getByTestId("import-card").click();
    await page.getByRole("textbox", { name: "Manifests" }).fill(fixture + nginx);
    await page.getByRole("button", { name: "Preview import" }).click();

    const report = page.getByTestId("import-report");
    await expect(report).toContainText("8 components and 9 connections");
    await expect(page.getByTestId("import-components")).toContainText("thanos-receive-default");
    await expect(page.getByTestId("import-not-understood")).toContainText("Deployment/web");
    await expect(page.getByTestId("import-not-understood")).toContainText("nginx:1.27");
    // The bucket keys from the Secret are imported but the report never shows them.
    await expect(report).not.toContainText("KT-SECRET-KEY-0002");
    await page.screenshot({ path: screenshotPath("import-report.png"), fullPage: true });

    await page.getByRole("button", { name: "Save design" }).click();
    await expect(page).toHaveURL(/\/designs\/(?!new$)[^/]+$/, { timeout: 30_000 });
    await expect(page.getByTestId("save-state")).toHaveText("Saved · revision 1", { timeout: 30_000 });
    await expect(page.locator(".react-flow__node")).toHaveCount(8);
    await expect(page.locator(".react-flow__edge")).toHaveCount(9);
    await expect(page.locator('.react-flow__edge[aria-label="StoreAPI: thanos-query to thanos-store"]')).toHaveCount(1);

    // Laid out: no two component boxes overlap.
    const boxes = [];
    for (const n of await page.locator(".react-flow__node:not(.react-flow__node-cluster)").all())
      boxes.push((await n.boundingBox())!);
    expect(boxes.length).toBe(7);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        expect(overlap, `nodes ${i} and ${j} overlap`).toBe(false);
      }

    await page.getByTestId("lint-tab").click();
    const findings = page.getByRole("list", { name: "Lint findings" }).getByRole("listitem");
    await expect(findings.first()).toBeVisible();
    expect(await findings.count()).toBeGreaterThan(0);
    await page.waitForTimeout(400);
    await page.screenshot({ path: screenshotPath("import-editor.png") });
  });

  test("YAML that does not parse is refused with its document and line", async ({ page }) => {
    await signIn(page, "editor");
    await page.goto("/designs/new");
    await page.getByTestId("import-card").click();
    await page
      .getByRole("textbox", { name: "Manifests" })
      .fill("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\nkind: [oops\n");
    await page.getByRole("button", { name: "Preview import" }).click();
    await expect(page.getByText(/document 1 \(line \d+\)/).first()).toBeVisible();
    await expect(page.getByTestId("import-report")).toHaveCount(0);
  });
});
