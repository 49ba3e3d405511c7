// The canvas at scale and how it reads: the 100-cluster receiver design (1,000 components, 1,400
// connections) opened at a readable zoom with full nodes and handles, a node dragged, a cluster collapsed and
// expanded, and the far view drawing cluster boxes with counts instead of a thousand nodes.
import { receiverStacks } from "../scripts/bench-canvas";
import { expect, signIn, test } from "./fixtures";
import { node, openEditor, screenshotPath } from "./canvas-helpers";

const zoomOf = (page: import("@playwright/test").Page) =>
  page.evaluate(() => {
    const t = (document.querySelector(".react-flow__viewport") as HTMLElement).style.transform;
    return Number(/scale\(([^)]+)\)/.exec(t)?.[1] ?? NaN);
  });

test.describe("canvas at scale", () => {
  test("100 clusters: readable near view, drag, collapse, far view of cluster boxes", async ({ page }) => {
    test.setTimeout(240_000);
    await signIn(page, "editor");
    const design = receiverStacks(100);
    const res = await page.request.post("/api/designs", { data: { name: `Scale ${Date.now()}`, design } });
    expect(res.status(), await res.text()).toBe(201);
    const { id } = (await res.json()) as { id: string };

    await openEditor(page, id);
    // Opens at zoom 1 on the first cluster: too large to fit readably.
    await expect.poll(() => zoomOf(page)).toBe(1);
    const prom = node(page, "Prometheus prometheus-0");
    await expect(prom).toBeVisible();
    // Full node: the whole name, its summary line and 12 px handles.
    const name = prom.locator(".tc-node-name");
    await expect(name).toHaveText("prometheus-0");
    expect(await name.evaluate((el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight)).toBe(
      true,
    );
    expect(await name.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(12);
    await expect(prom.locator(".tc-node-sub")).toBeVisible();
    const handle = prom.locator(".react-flow__handle.source").first();
    const hb = (await handle.boundingBox())!;
    expect(hb.width).toBeGreaterThanOrEqual(12);
    expect(hb.height).toBeGreaterThanOrEqual(12);
    // Culled: far fewer than 1,000 nodes are mounted for the ones on screen.
    expect(await page.locator(".react-flow__node").count()).toBeLessThan(200);
    // Edges nobody is working on are one layer: every connection of the design, a path per kind.
    await expect(page.getByTestId("bulk-edges")).toHaveAttribute("data-count", String(design.connections.length));
    expect(await page.locator('[data-testid="bulk-edges"] g').count()).toBeGreaterThanOrEqual(5);
    await page.screenshot({ path: screenshotPath("canvas-scale-near.png") });

    // Dragging a node moves it.
    const before = (await prom.boundingBox())!;
    await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
    await page.mouse.down();
    await page.mouse.move(before.x + before.width / 2 + 30, before.y + before.height / 2 + 20, { steps: 6 });
    await page.mouse.move(before.x + before.width / 2 + 60, before.y + before.height / 2 + 40, { steps: 6 });
    await page.mouse.up();
    const after = (await prom.boundingBox())!;
    // React Flow starts a drag after the pointer has moved a little, so the node trails by a few pixels.
    expect(after.x - before.x).toBeGreaterThan(45);
    expect(after.x - before.x).toBeLessThanOrEqual(62);
    expect(after.y - before.y).toBeGreaterThan(28);
    expect(after.y - before.y).toBeLessThanOrEqual(42);
    await expect(page.getByTestId("save-state")).toHaveText(/Unsaved changes/);
    // The dragged (selected) node's connections left the layer to be drawn, and followed, one by one.
    await expect(page.locator('.react-flow__edge[aria-label$="to prometheus-0"]').first()).toBeAttached();
    expect(Number(await page.getByTestId("bulk-edges").getAttribute("data-count"))).toBeLessThan(
      design.connections.length,
    );

    // Collapsing a cluster hides its components; its connections to the bucket attach to the compact box.
    const cluster = page.locator('.react-flow__node-cluster[aria-label^="Cluster tke-0,"]');
    const full = (await cluster.boundingBox())!;
    await page.getByRole("button", { name: "Collapse cluster tke-0" }).click();
    await expect(prom).toHaveCount(0);
    await expect(cluster.getByTestId("cluster-count")).toHaveText("8 components");
    const compact = (await cluster.boundingBox())!;
    expect(compact.width).toBeLessThan(full.width);
    expect(compact.height).toBeLessThan(full.height);
    const agg = page.locator('.react-flow__edge.tc-edge-aggregate[aria-label^="5 uploads to"]');
    await expect(agg.first()).toBeAttached();
    await page.screenshot({ path: screenshotPath("canvas-scale-collapsed.png") });
    await page.getByRole("button", { name: "Expand cluster tke-0" }).click();
    await expect(prom).toBeVisible();
    await expect(agg).toHaveCount(0);

    // Finding a component inside a collapsed cluster opens the cluster and selects it.
    await page.getByRole("button", { name: "Collapse cluster tke-0" }).click();
    await expect(prom).toHaveCount(0);
    await page.keyboard.press("Control+k");
    const search = page.getByRole("dialog", { name: "Find a component" });
    await search.getByRole("combobox").fill("prometheus-0");
    await expect(search.getByRole("option").first()).toContainText("prometheus-0");
    await page.keyboard.press("Enter");
    await expect(prom).toBeVisible();
    await expect(prom).toHaveClass(/selected/);
    await expect(page.getByRole("button", { name: "Collapse cluster tke-0" })).toHaveAttribute("aria-expanded", "true");

    // Far: the whole design in view is 100 cluster boxes with counts and the 100 buckets beside them, with
    // one link per cluster to its bucket, drawn on one canvas: React Flow draws no node and no edge.
    await page.locator(".react-flow__controls-fitview").click();
    await expect.poll(() => zoomOf(page)).toBeLessThan(0.3);
    await expect(page.locator(".tc-canvas")).toHaveAttribute("data-lod-far");
    const overview = page.getByTestId("far-layer");
    await expect(overview).toHaveAttribute("data-boxes", "200");
    await expect(overview).toHaveAttribute("data-links", "100");
    await expect(page.getByTestId("far-cluster")).toHaveCount(100);
    await expect(page.getByTestId("far-cluster").first()).toHaveText("Zoom into cluster tke-0, 8 components");
    await expect(page.locator(".react-flow__node:visible")).toHaveCount(0);
    await expect(page.locator(".react-flow__edge")).toHaveCount(0);
    await page.screenshot({ path: screenshotPath("canvas-scale-far.png") });
    // The canvas is drawn: where cluster tke-0 is, its pixels differ from the bare pane's.
    const stored = (await (await page.request.get(`/api/designs/${id}`)).json()) as {
      design: { components: { id: string; position: { x: number; y: number } }[] };
    };
    const tke0 = stored.design.components.find((c) => c.id === "u0-cluster")!.position;
    const onScreen = await page.evaluate(
      ([x, y]) => {
        const vp = document.querySelector(".react-flow__viewport") as HTMLElement;
        const m = /translate\(([-\d.]+)px, ([-\d.]+)px\) scale\(([\d.]+)\)/.exec(vp.style.transform)!;
        const [tx, ty, z] = [Number(m[1]), Number(m[2]), Number(m[3])];
        const r = document.querySelector(".tc-canvas .react-flow")!.getBoundingClientRect();
        return { x: r.left + tx + (x + 60) * z, y: r.top + ty + (y + 60) * z };
      },
      [tke0.x, tke0.y],
    );
    // The canvas has drawn tke-0 there, and nothing opaque covers it (the pane above it is transparent).
    const drawn = await page.evaluate(
      ([x, y]) => {
        const c = document.querySelector(".tc-far-layer") as HTMLCanvasElement;
        const r = c.getBoundingClientRect();
        const px = c
          .getContext("2d")!
          .getImageData((x - r.left) * devicePixelRatio, (y - r.top) * devicePixelRatio, 1, 1);
        const pane = getComputedStyle(document.querySelector(".tc-canvas .react-flow__pane")!).backgroundColor;
        return { alpha: px.data[3], pane };
      },
      [onScreen.x, onScreen.y],
    );
    expect(drawn.alpha).toBeGreaterThan(0);
    expect(drawn.pane).toBe("rgba(0, 0, 0, 0)");
    // A click on a box zooms into that cluster: its components are drawn again.
    await page.mouse.click(onScreen.x, onScreen.y);
    await expect.poll(() => zoomOf(page)).toBeGreaterThanOrEqual(0.6);
    await expect(prom).toBeVisible();
    await expect(page.locator(".tc-canvas")).not.toHaveAttribute("data-lod-far");
    await page.locator(".react-flow__controls-fitview").click();
    await expect.poll(() => zoomOf(page)).toBeLessThan(0.3);

    // Mid: names and icons, no handles.
    for (let i = 0; i < 20 && (await zoomOf(page)) < 0.4; i++) {
      await page.locator(".react-flow__controls-zoomin").click();
      await page.waitForTimeout(120);
    }
    await expect.poll(() => zoomOf(page)).toBeGreaterThanOrEqual(0.3);
    await expect(page.locator(".react-flow__node-component .tc-node-name").first()).toBeVisible();
    await expect(page.locator(".react-flow__node-component .react-flow__handle")).toHaveCount(0);
    await page.screenshot({ path: screenshotPath("canvas-scale-mid.png") });

    // Dark: the far overview reads the theme's colours; the keyboard path into a cluster is its button.
    await page.emulateMedia({ colorScheme: "dark" });
    await page.locator(".react-flow__controls-fitview").click();
    await expect.poll(() => zoomOf(page)).toBeLessThan(0.3);
    await page.waitForTimeout(400);
    await page.screenshot({ path: screenshotPath("canvas-scale-far-dark.png") });
    await page.getByRole("button", { name: "Zoom into cluster tke-0," }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => zoomOf(page)).toBeGreaterThanOrEqual(0.6);
    await expect(prom).toBeVisible();
    await page.waitForTimeout(400);
    await page.screenshot({ path: screenshotPath("canvas-scale-near-dark.png") });
  });
});
