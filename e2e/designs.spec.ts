import { expect, signIn, test } from "./fixtures";
import type { Page } from "@playwright/test";
import { screenshotPath } from "./canvas-helpers";

/** The table row whose name link is exactly `name`. */
const rowOf = (page: Page, name: string) =>
  page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });

test.describe("designs page", () => {
  test("create from the template gallery, then rename, duplicate and delete from the list", async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, "editor");
    await page.goto("/designs/new");
    const gallery = page.getByRole("group", { name: "Start from" });
    await expect(gallery.getByText("Blank canvas")).toBeVisible();
    // Every template has a description and a miniature drawn from its components.
    const cards = gallery.locator(".ds-template[data-template]");
    await expect(cards).toHaveCount(5);
    await expect(cards.locator("svg.ds-thumb")).toHaveCount(5, { timeout: 20_000 });
    await page.screenshot({ path: screenshotPath("designs-new.png") });

    const name = `Shards ${Date.now()}`;
    await page.getByLabel("Design name").fill(name);
    await gallery.locator('.ds-template[data-template="hashmod-shards"]').click();
    await page.getByRole("button", { name: "Create design" }).click();
    // Revision 1 is stored laid out: opening it saves nothing more.
    await expect(page.getByTestId("save-state")).toHaveText("Saved · revision 1", { timeout: 30_000 });
    await expect(page.locator(".react-flow__node").first()).toBeVisible();

    await page.getByRole("link", { name: "Back to designs" }).click();
    const row = rowOf(page, name);
    await expect(row).toBeVisible();
    await expect(row).toContainText("r1");
    await expect(row).toContainText("Editor User");
    await expect(row.locator(".badge").first()).toBeVisible();
    await page.screenshot({ path: screenshotPath("designs-list.png") });

    await row.getByRole("button", { name: `Rename ${name}`, exact: true }).click();
    const renameDialog = page.getByRole("dialog", { name: "Rename design" });
    await renameDialog.getByLabel("Name").fill(`${name} renamed`);
    await renameDialog.getByRole("button", { name: "Rename" }).click();
    const renamed = rowOf(page, `${name} renamed`);
    await expect(renamed).toBeVisible();

    await renamed.getByRole("button", { name: `Duplicate ${name} renamed`, exact: true }).click();
    await expect(rowOf(page, `${name} renamed (copy)`)).toBeVisible();

    await renamed.getByRole("button", { name: `Delete ${name} renamed`, exact: true }).click();
    const confirm = page.getByRole("dialog", { name: `Delete “${name} renamed”?` });
    await expect(confirm).toBeVisible();
    await confirm.getByRole("button", { name: "Delete design" }).click();
    await expect(page.getByRole("link", { name: `${name} renamed`, exact: true })).toHaveCount(0);
    await expect(page.getByRole("link", { name: `${name} renamed (copy)`, exact: true })).toBeVisible();
  });

  test("a blank design opens an empty editor", async ({ page }) => {
    await signIn(page, "editor");
    await page.goto("/designs/new");
    await page.getByLabel("Design name").fill(`Blank ${Date.now()}`);
    await page.getByRole("button", { name: "Create design" }).click();
    await expect(page.getByTestId("save-state")).toHaveText("Saved · revision 1");
    await expect(page.locator(".react-flow__node")).toHaveCount(0);
    await expect(page.getByRole("navigation", { name: "Component palette" })).toBeVisible();
  });
});
