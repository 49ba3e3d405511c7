import { E2E, expect, signIn, test } from "./fixtures";
import {
  connect,
  createBlankDesign,
  createFromTemplate,
  dropFromPalette,
  edgeCount,
  node,
  openEditor,
  screenshotPath,
} from "./canvas-helpers";

const TEMPLATES = [
  "sidecar-ha",
  "hashmod-shards",
  "full-stack-receiver",
  "operator-sidecar",
  "multi-cluster-receivers",
];

test.describe("canvas editor", () => {
  test("builds the sidecar HA architecture from an empty design, lints, saves, reloads, renders, undoes", async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await signIn(page, "editor");
    const id = await createBlankDesign(page.request, `Sidecar HA by hand ${Date.now()}`);
    await openEditor(page, id);
    await expect(page.locator(".react-flow__node")).toHaveCount(0);

    // A cluster, then the components dropped into it; the bucket lives outside any cluster.
    await dropFromPalette(page, "cluster", { x: 60, y: 40 });
    await expect(node(page, "Cluster cluster")).toBeVisible();
    await dropFromPalette(page, "query", { x: 150, y: 150 });
    await dropFromPalette(page, "prometheus", { x: 450, y: 130 });
    await dropFromPalette(page, "storeGateway", { x: 450, y: 250 });
    await dropFromPalette(page, "compactor", { x: 450, y: 370 });
    await dropFromPalette(page, "objectStore", { x: 380, y: 600 });
    await expect(page.locator(".react-flow__node")).toHaveCount(6);
    const query = node(page, "Query ");
    const prom = node(page, "Prometheus ");
    const store = node(page, "Store Gateway ");
    const compactor = node(page, "Compactor ");
    const bucket = node(page, "Object Store ");

    // A component dropped outside every cluster is refused with the reason.
    await dropFromPalette(page, "ruler", { x: 700, y: 600 });
    await expect(page.getByRole("alert").filter({ hasText: "drop it onto a cluster" }).first()).toBeVisible();
    await expect(page.locator(".react-flow__node")).toHaveCount(6);

    // Connections between typed handles.
    await connect(page, query, "storeApi", prom);
    await connect(page, query, "storeApi", store);
    await connect(page, prom, "uploadsTo", bucket);
    await connect(page, store, "uploadsTo", bucket);
    await connect(page, compactor, "uploadsTo", bucket);
    await expect.poll(() => edgeCount(page)).toBe(5);
    await expect(page.locator('.react-flow__edge[aria-label="StoreAPI: thanos-query to prometheus"]')).toHaveCount(1);

    // An illegal connection is refused on the spot, with the catalog's reason.
    await connect(page, prom, "uploadsTo", query);
    await expect(
      page
        .getByRole("alert")
        .filter({ hasText: /cannot end at Query/ })
        .first(),
    ).toBeVisible();
    await expect.poll(() => edgeCount(page)).toBe(5);

    // Inspector: replicas 1 → the node reads "1 shard × 1"; then 2.
    await prom.click();
    const replicas = page.getByLabel("Replicas", { exact: true });
    await replicas.fill("1");
    await expect(prom).toHaveAttribute("aria-label", "Prometheus prometheus, 1 shard × 1");
    await replicas.fill("2");
    await expect(prom).toHaveAttribute("aria-label", "Prometheus prometheus, 1 shard × 2");

    // A second compactor on the same bucket is a lint error with a badge; removing it clears it.
    await page.locator(".tc-canvas .react-flow__pane").click({ position: { x: 150, y: 550 } });
    await dropFromPalette(page, "compactor", { x: 170, y: 370 });
    const second = node(page, "Compactor thanos-compact-2");
    await expect(second).toBeVisible();
    await connect(page, second, "uploadsTo", bucket);
    await expect.poll(() => edgeCount(page)).toBe(6);
    await expect(second.getByTestId("lint-badge")).toBeVisible();
    await page.getByTestId("lint-tab").click();
    const finding = page.locator('.tc-finding[data-rule="compactor-singleton"]');
    await expect(finding).toBeVisible();
    await finding.click();
    await expect(second).toHaveClass(/selected/);
    await page.keyboard.press("Delete");
    await expect(second).toHaveCount(0);
    await expect(finding).toHaveCount(0);
    await expect.poll(() => edgeCount(page)).toBe(5);
    await page.screenshot({ path: screenshotPath("editor-built-by-hand.png") });

    // Save, reload: same graph and settings.
    await expect(page.getByTestId("save-state")).toHaveText(/Unsaved changes/);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByTestId("save-state")).toHaveText("Saved · revision 2");
    await page.reload();
    await expect(page.locator(".react-flow__node")).toHaveCount(6);
    await expect.poll(() => edgeCount(page)).toBe(5);
    await expect(node(page, "Prometheus prometheus, 1 shard × 2")).toBeVisible();
    await node(page, "Prometheus ").click();
    await expect(page.getByLabel("Replicas", { exact: true })).toHaveValue("2");

    // Manifests tab: the renderer's YAML for the cluster.
    await page.getByRole("tab", { name: "Manifests" }).click();
    await expect(page.getByTestId("manifests-yaml")).toContainText("kind: StatefulSet", { timeout: 20_000 });
    await page.screenshot({ path: screenshotPath("editor-manifests.png") });
    await page.getByRole("tab", { name: "Canvas" }).click();

    // Undo / redo.
    await page.locator(".tc-canvas .react-flow__pane").click({ position: { x: 150, y: 550 } });
    await dropFromPalette(page, "memcached", { x: 170, y: 250 });
    await expect(node(page, "Memcached ")).toHaveCount(1);
    await page.locator(".tc-canvas .react-flow__pane").click({ position: { x: 150, y: 550 } });
    await page.keyboard.press("Control+z");
    await expect(node(page, "Memcached ")).toHaveCount(0);
    await page.keyboard.press("Control+Shift+z");
    await expect(node(page, "Memcached ")).toHaveCount(1);
    await page.getByRole("button", { name: /^Undo/ }).click();
    await expect(node(page, "Memcached ")).toHaveCount(0);
    await expect(page.getByTestId("save-state")).toHaveText("Saved · revision 2");
  });

  test("a save conflict from a second browser context shows the dialog and keeps the user's edits as a copy", async ({
    page,
    browser,
  }) => {
    await signIn(page, "editor");
    const id = await createFromTemplate(page.request, `Conflict ${Date.now()}`, "sidecar-ha");
    await openEditor(page, id);

    const other = await browser.newContext({ baseURL: E2E.baseURL, viewport: { width: 1280, height: 800 } });
    const page2 = await other.newPage();
    await signIn(page2, "editor");
    await openEditor(page2, id);
    await page2.getByLabel("Description").fill("Edited in the other window");
    await page2.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page2.getByTestId("save-state")).toHaveText("Saved · revision 2");
    await other.close();

    await page.getByLabel("Description").fill("My edit, typed before theirs landed");
    await page.keyboard.press("Control+s");
    const dialog = page.getByRole("dialog", { name: "Someone saved this design in the meantime" });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Reload (discard my changes)" })).toBeVisible();
    await page.screenshot({ path: screenshotPath("editor-conflict.png") });
    await dialog.getByRole("button", { name: "Save mine as a copy" }).click();
    await expect(page).not.toHaveURL(new RegExp(`/designs/${id}$`));
    await expect(page.getByLabel("Description")).toHaveValue("My edit, typed before theirs landed");
  });

  test("unsaved changes are guarded on in-app navigation", async ({ page }) => {
    await signIn(page, "editor");
    const id = await createFromTemplate(page.request, `Guard ${Date.now()}`, "sidecar-ha");
    await openEditor(page, id);
    await page.getByLabel("Description").fill("not saved yet");
    await page.getByRole("link", { name: "Back to designs" }).click();
    const dialog = page.getByRole("dialog", { name: "Leave without saving?" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Stay" }).click();
    await expect(page).toHaveURL(new RegExp(`/designs/${id}`));
    await expect(page.getByLabel("Description")).toHaveValue("not saved yet");
  });

  test("a viewer gets the read-only canvas", async ({ page, adminApi }) => {
    const id = await createFromTemplate(adminApi, `Read-only ${Date.now()}`, "hashmod-shards");
    await signIn(page, "viewer");
    await openEditor(page, id);
    await expect(page.getByText("Read-only", { exact: true })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Component palette" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Save", exact: true })).toHaveCount(0);
    await node(page, "Prometheus ").click();
    await expect(page.getByLabel("Shards", { exact: true })).toBeDisabled();
    await expect(page.getByLabel("Shards", { exact: true })).toHaveValue("3");
  });

  for (const template of TEMPLATES) {
    test(`screenshot of the editor for the ${template} template`, async ({ page }) => {
      await signIn(page, "editor");
      const id = await createFromTemplate(page.request, `Template ${template}`, template);
      await openEditor(page, id);
      // The server stored revision 1 laid out; opening it changes nothing.
      await expect(page.getByTestId("save-state")).toHaveText("Saved · revision 1", { timeout: 30_000 });
      const promLabel = page.locator('.react-flow__node[aria-label^="Prometheus "]').first();
      await expect(promLabel).toHaveAttribute("aria-label", /\d+ shards? × \d+/);
      // Larger templates open at zoom 1 on their top-left (readable text), not fitted: fit to show them whole.
      await page.locator(".react-flow__controls-fitview").click();
      await promLabel.click();
      await page.waitForTimeout(500);
      await page.screenshot({ path: screenshotPath(`editor-${template}.png`) });
    });
  }

  test("the editor at 1920×1080", async ({ page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await signIn(page, "editor");
    const id = await createFromTemplate(page.request, `Wide ${Date.now()}`, "multi-cluster-receivers");
    await openEditor(page, id);
    await expect(page.getByTestId("save-state")).toHaveText("Saved · revision 1", { timeout: 30_000 });
    await page.getByTestId("lint-tab").click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: screenshotPath("editor-1920.png") });
    await page.keyboard.press("?");
    await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
    await page.screenshot({ path: screenshotPath("editor-help.png") });
  });
});
