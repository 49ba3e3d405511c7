import { expect, signIn, test } from "./fixtures";
import { createFromTemplate, node, openEditor, screenshotPath } from "./canvas-helpers";

test.describe("capacity planner", () => {
  test("declared load gives an estimate, a badge and a lint warning; apply estimates, undo; share shows the Sizing view", async ({
    page,
    browser,
    adminApi,
  }) => {
    test.setTimeout(180_000);
    await signIn(page, "editor");
    const id = await createFromTemplate(page.request, `Sizing ${Date.now()}`, "sidecar-ha");
    await openEditor(page, id);
    const prometheus = node(page, "Prometheus prometheus");
    await prometheus.click();

    // Not sized until a load is declared: no number is shown.
    const section = page.getByTestId("sizing-section");
    await expect(section.getByTestId("not-sized")).toContainText("not sized");
    await expect(prometheus.getByTestId("sizing-badge")).toHaveCount(0);

    // The template's Prometheus has a 2Gi memory limit; 1M active series need 256 MiB + 1M × 3 KiB ≈ 3.1 GiB.
    await page.locator("details.tc-group > summary", { hasText: /^Load$/ }).click();
    await page.locator('[id$="-load-activeSeries"]').fill("1000000");
    await expect(section.getByTestId("sizing-memory")).toContainText("3.1 GiB");
    await expect(section.getByTestId("sizing-memory")).toContainText("2.0 GiB");
    await expect(section.getByTestId("sizing-memory")).toContainText("3 KiB head");
    await expect(prometheus.getByTestId("sizing-badge")).toBeVisible();

    await page.getByTestId("lint-tab").click();
    await expect(page.locator('[data-rule="sizing-memory-limit"]')).toContainText("OOM");

    // The Sizing view: one row per component, the bucket's growth by resolution.
    await page.getByTestId("sizing-tab").click();
    const view = page.getByTestId("sizing-view");
    await expect(view.getByTestId("sizing-row-prometheus")).toContainText("3.1 GiB");
    const plot = view.getByTestId("bucket-plot");
    await expect(plot.locator("path[data-resolution]")).toHaveCount(3);
    await plot.screenshot({ path: screenshotPath("sizing-plot.png") });
    await view.screenshot({ path: screenshotPath("sizing-view.png") });

    // Apply estimates writes the suggestions (one undo step); the badge goes, undo brings it back.
    await view.getByRole("button", { name: /Apply estimates/ }).click();
    await expect(view.getByTestId("sizing-row-prometheus")).toContainText("set 3.9 GiB");
    await page.getByRole("tab", { name: "Canvas" }).click();
    await expect(prometheus.getByTestId("sizing-badge")).toHaveCount(0);
    await page.getByRole("button", { name: "Undo Apply estimates" }).click();
    await expect(prometheus.getByTestId("sizing-badge")).toBeVisible();
    await page.getByRole("button", { name: "Redo" }).click();
    await expect(prometheus.getByTestId("sizing-badge")).toHaveCount(0);

    // Saved and shared: the share link shows the same plan, read-only (no Apply button).
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("save-state")).toContainText("Saved · revision 2");
    const api = await (await adminApi.get(`/api/designs/${id}/sizing`)).json();
    const p = api.components.find((c: { name: string }) => c.name === "prometheus");
    expect(p.estimate.memoryBytes).toBe(3_340_435_456);
    expect(p.configured.memoryBytes).toBe(3983 * 1024 * 1024);
    const share = await (await adminApi.post(`/api/designs/${id}/shares`, { data: { revision: "latest" } })).json();
    const guestContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const guest = await guestContext.newPage();
    await guest.goto(share.url);
    await guest.getByRole("tab", { name: "Sizing" }).click();
    const shared = guest.getByTestId("sizing-view");
    await expect(shared.getByTestId("sizing-row-prometheus")).toContainText("3.1 GiB");
    await expect(shared.getByRole("button", { name: /Apply estimates/ })).toHaveCount(0);
    await expect(shared.getByTestId("bucket-plot")).toBeVisible();
    await guestContext.close();
  });
});
