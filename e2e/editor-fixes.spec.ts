// The editor's daily workflow on the production build: keyboard moves undo back to "Saved", canvas
// shortcuts stay on the canvas tab, search centres a component, the manifests tree finds and jumps to an
// object, Compare reads "replicas 2 → 3", a save takes a message, and the Comments tab counts open threads.
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";
import { createFromTemplate, openEditor, screenshotPath } from "./canvas-helpers";

interface Component {
  id: string;
  kind: string;
  settings: Record<string, unknown>;
}

/** Every console error and uncaught exception of the page (React Flow's NaN SVG attributes among them). */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

/** Save a new revision through the API with the query's replicas set. */
async function saveReplicas(api: APIRequestContext, id: string, replicas: number, message: string) {
  const detail = await (await api.get(`/api/designs/${id}`)).json();
  const design = detail.design as { components: Component[] };
  const query = design.components.find((c) => c.kind === "query")!;
  query.settings = { ...query.settings, replicas };
  const res = await api.put(`/api/designs/${id}`, {
    data: { baseRevision: detail.latestRevision, design, message },
  });
  expect(res.status(), await res.text()).toBe(200);
}

const transformOf = (page: Page, id: string) =>
  page.locator(`.tc-canvas .react-flow__node[data-id="${id}"]`).evaluate((el) => (el as HTMLElement).style.transform);

test.describe("editor fixes", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, "editor");
  });

  test("arrow keys move the selection undoably; Ctrl+Z returns to the saved document", async ({ page }) => {
    const errors = consoleErrors(page);
    const id = await createFromTemplate(page.request, `Nudge ${Date.now()}`, "sidecar-ha");
    await openEditor(page, id);
    const state = page.getByTestId("save-state");
    await expect(state).toHaveText("Saved · revision 1");
    const before = await transformOf(page, "grafana");
    await page.locator('.tc-canvas .react-flow__node[data-id="grafana"]').click();
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Shift+ArrowDown");
    await expect(state).toHaveText("● Unsaved changes");
    expect(await transformOf(page, "grafana")).not.toBe(before);
    // One burst of presses is one undo step, and undo lands on the saved revision.
    await page.keyboard.press("Control+z");
    await expect.poll(() => transformOf(page, "grafana")).toBe(before);
    await expect(state).toHaveText("Saved · revision 1");
    await page.keyboard.press("Control+Shift+z");
    await expect(state).toHaveText("● Unsaved changes");
    expect(errors).toEqual([]);
  });

  test("L on the Live tab does nothing to the hidden canvas, with no console errors", async ({ page }) => {
    const errors = consoleErrors(page);
    const id = await createFromTemplate(page.request, `Tabs ${Date.now()}`, "sidecar-ha");
    await openEditor(page, id);
    const before = await transformOf(page, "query");
    await page.getByTestId("live-tab").click();
    await page.locator("body").click({ position: { x: 5, y: 300 } });
    for (const key of ["l", "f", "Delete", "ArrowLeft", "Control+k", "/"]) await page.keyboard.press(key);
    await expect(page.getByRole("dialog", { name: "Find a component" })).toBeHidden();
    await expect(page.getByRole("button", { name: "Auto-layout", exact: true })).toBeDisabled();
    await expect(page.getByRole("button", { name: "Fit view", exact: true })).toBeDisabled();
    await page.waitForTimeout(500);
    await expect(page.getByTestId("save-state")).toHaveText("Saved · revision 1");
    await page.getByRole("tablist", { name: "View", exact: true }).getByRole("tab", { name: "Canvas" }).click();
    expect(await transformOf(page, "query")).toBe(before);
    await expect(page.locator(".tc-canvas .react-flow__node")).toHaveCount(8);
    expect(errors).toEqual([]);
  });

  test("Ctrl+K finds a component by name and centres it, selected", async ({ page }) => {
    const errors = consoleErrors(page);
    const id = await createFromTemplate(page.request, `Search ${Date.now()}`, "sidecar-ha");
    await openEditor(page, id);
    // Zoom in far from the target, so finding it has to move the camera.
    const zoomIn = page.getByRole("button", { name: "Zoom In" });
    for (let i = 0; i < 6; i++) if (await zoomIn.isEnabled()) await zoomIn.click();
    const canvas = (await page.locator(".tc-canvas").boundingBox())!;
    await page.locator(".tc-canvas .react-flow__pane").click({ position: { x: 20, y: 20 } });
    await page.keyboard.press("Control+k");
    const dialog = page.getByRole("dialog", { name: "Find a component" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("combobox").fill("compact");
    await expect(dialog.getByRole("option")).toHaveCount(1);
    await expect(dialog.getByRole("option")).toContainText("thanos-compactor");
    await page.screenshot({ path: screenshotPath("editor-search.png") });
    await page.keyboard.press("Enter");
    await expect(dialog).toBeHidden();
    const target = page.locator('.tc-canvas .react-flow__node[data-id="compactor"]');
    await expect(target).toHaveClass(/selected/);
    await expect
      .poll(async () => {
        const b = (await target.boundingBox())!;
        const dx = b.x + b.width / 2 - (canvas.x + canvas.width / 2);
        const dy = b.y + b.height / 2 - (canvas.y + canvas.height / 2);
        return Math.hypot(dx, dy) < 30;
      })
      .toBe(true);
    await expect(target).toBeInViewport({ ratio: 1 });
    expect(errors).toEqual([]);
  });

  test("manifests: the tree filters objects and a click jumps the YAML to the object", async ({ page }) => {
    const id = await createFromTemplate(page.request, `Manifests ${Date.now()}`, "sidecar-ha");
    await openEditor(page, id);
    await page.getByRole("tab", { name: "Manifests" }).click();
    const yaml = page.getByTestId("manifests-yaml");
    await expect(yaml).toContainText("kind: StatefulSet");
    // Rendered under the design's id, as deploy labels the objects.
    await expect(yaml).toContainText(`topology-studio.dev/design: ${id}`);
    const objects = page.getByTestId("manifest-object");
    const all = await objects.count();
    expect(all).toBeGreaterThan(15);
    await page.screenshot({ path: screenshotPath("editor-manifests-tree.png") });

    await page.getByTestId("manifests-filter").fill("grafana");
    await expect.poll(() => objects.count()).toBeLessThan(all);
    const shown = await objects.allTextContents();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((n) => n.includes("grafana"))).toBe(true);
    const last = objects.last();
    await last.click();
    await expect(last).toHaveAttribute("aria-current", "true");
    await expect.poll(() => yaml.evaluate((el) => el.scrollTop)).toBeGreaterThan(200);
    await expect(page.getByTestId("manifests-mark")).toBeInViewport();
    await page.screenshot({ path: screenshotPath("editor-manifests-jump.png") });
  });

  test("Compare shows old → new values and the revision messages", async ({ page }) => {
    const id = await createFromTemplate(page.request, `Compare ${Date.now()}`, "sidecar-ha");
    await saveReplicas(page.request, id, 2, "two queriers");
    await saveReplicas(page.request, id, 3, "three queriers for the dashboards");
    await openEditor(page, id);
    await page.getByTestId("compare-button").click();
    const diff = page.getByTestId("revision-diff");
    await expect(diff.getByTestId("value-change").filter({ hasText: "replicas" })).toHaveText(/replicas\s*2\s*→\s*3/);
    await expect(diff.getByTestId("revision-messages")).toContainText("three queriers for the dashboards");
    await page.screenshot({ path: screenshotPath("editor-compare.png") });
  });

  test("a save takes a message, shown in the revision list and in Compare", async ({ page }) => {
    const id = await createFromTemplate(page.request, `Message ${Date.now()}`, "sidecar-ha");
    await openEditor(page, id);
    await page.locator('.tc-canvas .react-flow__node[data-id="grafana"]').click();
    await page.keyboard.press("ArrowDown");
    const message = page.getByLabel("Revision message (optional)");
    await message.fill("moved grafana out of the way");
    // Ctrl+S saves from the message field too.
    await page.keyboard.press("Control+s");
    await expect(page.getByTestId("save-state")).toHaveText("Saved · revision 2");
    await expect(message).toBeHidden();
    const list = await (await page.request.get(`/api/designs/${id}/revisions`)).json();
    expect(list.revisions[0]).toMatchObject({ revision: 2, message: "moved grafana out of the way" });
    await page.getByTestId("compare-button").click();
    await expect(page.getByLabel("To revision")).toContainText("revision 2 · moved grafana out of the way");
    await expect(page.getByTestId("revision-messages")).toContainText("moved grafana out of the way");
  });

  test("the Comments tab counts open threads", async ({ page }) => {
    const id = await createFromTemplate(page.request, `Comments ${Date.now()}`, "sidecar-ha");
    for (const body of ["Why two replicas?", "Retention looks short"]) {
      const res = await page.request.post(`/api/designs/${id}/comments`, { data: { body, revision: 1 } });
      expect(res.status(), await res.text()).toBe(201);
    }
    await openEditor(page, id);
    const badge = page.getByTestId("comments-tab").getByTestId("open-comments");
    await expect(badge).toHaveText("2");
    await expect(badge).toHaveAccessibleName("2 open comments");
  });
});
