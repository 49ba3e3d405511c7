// Every design opens laid out: a design created through the API (from a template, or a document without
// positions) opens showing "Saved", keeps exactly one revision after the canvas has settled, and draws no
// node on top of another; `L` is an explicit, undoable edit. Screenshots of every template at 1280×800.
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";
import { createFromTemplate, openEditor, screenshotPath } from "./canvas-helpers";

const TEMPLATES = [
  "sidecar-ha",
  "hashmod-shards",
  "full-stack-receiver",
  "operator-sidecar",
  "multi-cluster-receivers",
];

async function revisionCount(api: APIRequestContext, id: string): Promise<number> {
  const res = await api.get(`/api/designs/${id}/revisions`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { revisions: unknown[] }).revisions.length;
}

/** The drawn component nodes (clusters excluded) that overlap another on screen, by their accessible names. */
async function overlappingNodes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const nodes = [...document.querySelectorAll<HTMLElement>(".react-flow__node:not(.tc-cluster-node)")].map((el) => ({
      name: el.getAttribute("aria-label") ?? el.dataset.id ?? "",
      r: el.getBoundingClientRect(),
    }));
    const out: string[] = [];
    for (let i = 0; i < nodes.length; i++)
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i].r;
        const b = nodes[j].r;
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
          out.push(`${nodes[i].name} × ${nodes[j].name}`);
      }
    return out;
  });
}

/**
 * Names drawn on two lines though they are short enough for one at the node's widest (29 characters):
 * nodeBox() sizes nodes with the font's real advance, so none should wrap (layout size: the zoom does not count).
 */
async function wrappedNames(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>(".react-flow__node .tc-node-name")]
      .filter((el) => (el.textContent ?? "").length <= 29)
      .filter((el) => el.offsetHeight > parseFloat(getComputedStyle(el).lineHeight) * 1.5)
      .map((el) => el.textContent ?? ""),
  );
}

/** Opened and left alone long enough for React Flow to measure, fit and settle: still saved, still one revision. */
async function expectUntouched(page: Page, id: string) {
  const state = page.getByTestId("save-state");
  await expect(state).toHaveText("Saved · revision 1", { timeout: 30_000 });
  await page.waitForTimeout(2_500);
  await expect(state).toHaveText("Saved · revision 1");
  expect(await revisionCount(page.request, id)).toBe(1);
}

test.describe("every design opens laid out", () => {
  for (const template of TEMPLATES) {
    test(`the ${template} template opens saved, with one revision and no overlapping nodes`, async ({ page }) => {
      await signIn(page, "editor");
      const id = await createFromTemplate(page.request, `Layout ${template} ${Date.now()}`, template);
      await openEditor(page, id);
      await expect(page.locator(".react-flow__node").first()).toBeVisible();
      await expectUntouched(page, id);
      expect(await overlappingNodes(page)).toEqual([]);
      expect(await wrappedNames(page)).toEqual([]);
      await page.screenshot({ path: screenshotPath(`layout-${template}.png`) });
      // The whole layout, to look at every connection's line against the nodes.
      await page.getByRole("button", { name: "Fit view", exact: true }).click();
      await page.waitForTimeout(800);
      await page.screenshot({ path: screenshotPath(`layout-${template}-fitted.png`) });
    });
  }

  test("a document posted without positions is stored laid out and opens saved", async ({ page }) => {
    await signIn(page, "editor");
    const components = [
      { id: "c", kind: "cluster", name: "prod", settings: {} },
      { id: "p", kind: "prometheus", name: "prometheus", cluster: "c", settings: {} },
      { id: "p2", kind: "prometheus", name: "prometheus-eu-west-1-replica", cluster: "c", settings: {} },
      { id: "q", kind: "query", name: "thanos-query", cluster: "c", settings: {} },
      { id: "s", kind: "storeGateway", name: "thanos-store-gateway", cluster: "c", settings: {} },
      { id: "b", kind: "objectStore", name: "bucket", settings: {} },
    ];
    const connections = [
      { id: "e1", kind: "storeApi", from: "q", to: "p" },
      { id: "e2", kind: "storeApi", from: "q", to: "p2" },
      { id: "e3", kind: "storeApi", from: "q", to: "s" },
      { id: "e4", kind: "uploadsTo", from: "p", to: "b" },
      { id: "e5", kind: "uploadsTo", from: "p2", to: "b" },
    ];
    const res = await page.request.post("/api/designs", {
      data: { name: `Unpositioned ${Date.now()}`, design: { name: "x", components, connections } },
    });
    expect(res.status(), await res.text()).toBe(201);
    const { id } = (await res.json()) as { id: string };
    await openEditor(page, id);
    await expect(page.locator(".react-flow__node")).toHaveCount(components.length);
    await expectUntouched(page, id);
    expect(await overlappingNodes(page)).toEqual([]);
    // "prometheus-eu-west-1-replica" is 28 characters: one line, not two.
    expect(await wrappedNames(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath("layout-unpositioned.png") });

    // L lays out on purpose: an edit the user can see and undo back to the saved document.
    await page.locator(".tc-canvas .react-flow__pane").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("l");
    await expect(page.getByRole("button", { name: "Undo Auto-layout" })).toBeVisible({ timeout: 15_000 });
    await page.getByRole("button", { name: "Undo Auto-layout" }).click();
    await expect(page.getByTestId("save-state")).toHaveText("Saved · revision 1");
    expect(await revisionCount(page.request, id)).toBe(1);
  });

  test("100 clusters open packed in rows, not one column", async ({ page }) => {
    test.setTimeout(180_000);
    await signIn(page, "editor");
    const components: object[] = [];
    const connections: object[] = [];
    for (let k = 0; k < 100; k++) {
      const c = `c${k}`;
      components.push(
        { id: c, kind: "cluster", name: `cluster-${k}`, settings: { externalLabels: { cluster: `cluster-${k}` } } },
        { id: `${c}-b`, kind: "objectStore", name: `bucket-${k}`, settings: {} },
        { id: `${c}-p`, kind: "prometheus", name: "prometheus", cluster: c, settings: {} },
        { id: `${c}-q`, kind: "query", name: "thanos-query", cluster: c, settings: {} },
        { id: `${c}-s`, kind: "storeGateway", name: "thanos-store", cluster: c, settings: {} },
      );
      connections.push(
        { id: `${c}-e1`, kind: "storeApi", from: `${c}-q`, to: `${c}-p` },
        { id: `${c}-e2`, kind: "storeApi", from: `${c}-q`, to: `${c}-s` },
        { id: `${c}-e3`, kind: "uploadsTo", from: `${c}-p`, to: `${c}-b` },
        { id: `${c}-e4`, kind: "uploadsTo", from: `${c}-s`, to: `${c}-b` },
      );
    }
    const res = await page.request.post("/api/designs", {
      data: { name: `Hundred ${Date.now()}`, design: { name: "x", components, connections } },
      timeout: 120_000,
    });
    expect(res.status(), await res.text()).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const stored = (await (await page.request.get(`/api/designs/${id}`)).json()) as {
      design: { components: { kind: string; position: { x: number; y: number } }[] };
    };
    const clusters = stored.design.components.filter((c) => c.kind === "cluster");
    expect(new Set(clusters.map((c) => c.position.x)).size).toBeGreaterThan(3);
    expect(new Set(clusters.map((c) => c.position.y)).size).toBeGreaterThan(3);
    await openEditor(page, id);
    await expectUntouched(page, id);
    await page.screenshot({ path: screenshotPath("layout-100-clusters.png") });
  });
});
