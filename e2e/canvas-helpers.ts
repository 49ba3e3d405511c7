// Helpers for the canvas specs: create designs through the API, drag from the palette, connect handles.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { expect } from "./fixtures";

export const SCREENSHOTS = path.join(import.meta.dirname, "screenshots");

export function screenshotPath(name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, name);
}

export async function createBlankDesign(api: APIRequestContext, name: string): Promise<string> {
  const res = await api.post("/api/designs", { data: { name, design: { name, components: [], connections: [] } } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).id as string;
}

export async function createFromTemplate(api: APIRequestContext, name: string, template: string): Promise<string> {
  const res = await api.post("/api/designs", { data: { name, template } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).id as string;
}

export async function openEditor(page: Page, id: string, query = "") {
  await page.goto(`/designs/${id}${query}`);
  await expect(page.locator(".tc-canvas .react-flow__pane")).toBeVisible({ timeout: 30_000 });
}

/** A node by the start of its accessible name ("Prometheus prometheus, 1 shard × 2"). */
export function node(page: Page, ariaPrefix: string): Locator {
  return page.locator(`.react-flow__node[aria-label^="${ariaPrefix}"]`);
}

/** Drag a kind from the palette and drop it at a point of the canvas pane (pixels from its top-left). */
export async function dropFromPalette(page: Page, kind: string, at: { x: number; y: number }) {
  await page
    .locator(`.tc-palette-item[data-kind="${kind}"]`)
    .dragTo(page.locator(".tc-canvas .react-flow__pane"), { targetPosition: at, force: true });
}

/** Press on a node's typed source handle and release over the middle of another node. */
export async function connect(page: Page, from: Locator, kind: string, to: Locator) {
  const handle = from.locator(`.react-flow__handle.source[data-handleid="${kind}"]`);
  const hb = (await handle.boundingBox())!;
  const tb = (await to.boundingBox())!;
  await page.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2);
  await page.mouse.down();
  await page.mouse.move(tb.x + tb.width / 2, tb.y + tb.height / 2, { steps: 12 });
  await page.mouse.up();
}

export async function edgeCount(page: Page) {
  return page.locator(".tc-canvas .react-flow__edge").count();
}
