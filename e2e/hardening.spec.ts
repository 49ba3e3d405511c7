import { expect, signIn, test } from "./fixtures";
import { createFromTemplate, node, openEditor, screenshotPath } from "./canvas-helpers";

test.describe("hardening settings in the inspector", () => {
  test("a receiver shows its resources and workload defaults, and a limit below its request is refused inline", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await signIn(page, "editor");
    const id = await createFromTemplate(page.request, `Hardening ${Date.now()}`, "full-stack-receiver");
    await openEditor(page, id);
    // The template opens at zoom 1 on its top-left; the receivers sit at its right edge, under the inspector.
    await page.getByRole("button", { name: "Fit view", exact: true }).click();
    await node(page, "Receiver ").first().click();
    const inspector = page.locator(".tc-inspector");
    await inspector.getByText("Workload", { exact: true }).click();
    await expect(inspector.getByLabel("Termination grace period seconds")).toHaveValue("900");
    await expect(inspector.getByLabel("Anti affinity", { exact: true })).toHaveValue("required");
    await inspector.getByText("Resources", { exact: true }).click();
    await inspector.getByText("Limits", { exact: true }).click();
    const memory = inspector.locator("details", { hasText: "Limits" }).last().getByLabel("Memory", { exact: true });
    await memory.fill("100Mi");
    await expect(inspector.getByRole("alert").filter({ hasText: "is below its request" }).first()).toBeVisible();
    await page.screenshot({ path: screenshotPath("inspector-hardening.png") });
  });
});
