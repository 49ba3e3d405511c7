import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

async function designCount(page: Page): Promise<number> {
  const res = await page.request.get("/api/designs");
  expect(res.status()).toBe(200);
  return ((await res.json()) as { designs: unknown[] }).designs.length;
}

// Screenshots land in test-results/screenshots; UPDATE_SCREENSHOTS=1 refreshes the README's copies in public/screenshots.
const shotDir = process.env.UPDATE_SCREENSHOTS ? "public/screenshots" : "test-results/screenshots";
const shot = (name: string) => {
  mkdirSync(shotDir, { recursive: true });
  return path.join(shotDir, name);
};

test.describe("app shell", () => {
  test("the sign-in page", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await page.screenshot({ path: shot("login.png") });
  });

  test("admin signs in and sees the empty Designs page with navigation and user menu", async ({ page }) => {
    await signIn(page, "admin");
    await page.goto("/");
    await expect(page).toHaveURL(/\/designs$/);
    await expect(page.getByRole("heading", { name: "Designs", level: 1 })).toBeVisible();
    // Specs share one server and database: the list is empty only while no other spec has saved a design.
    if ((await designCount(page)) === 0) {
      await expect(page.getByText("No designs yet")).toBeVisible();
      await expect(page.getByRole("link", { name: "Create your first design" })).toBeVisible();
    } else {
      await expect(page.getByRole("table", { name: "Designs" })).toBeVisible();
    }
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const name of ["Designs", "Clusters", "Settings"]) await expect(nav.getByRole("link", { name })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Designs" })).toHaveAttribute("aria-current", "page");
    await page.screenshot({ path: shot("designs-empty.png") });

    await page.getByTestId("user-menu").click();
    await expect(page.getByRole("menu")).toContainText("admin@e2e.test");
    await expect(page.getByTestId("user-role")).toHaveText("admin");
    await page.screenshot({ path: shot("user-menu.png") });
  });

  test("a viewer sees a read-only Designs page and is kept out of admin settings", async ({ page }) => {
    await signIn(page, "viewer");
    await page.goto("/designs");
    await expect(page.getByRole("heading", { name: "Designs", level: 1 })).toBeVisible();
    if ((await designCount(page)) === 0) await expect(page.getByText("No designs yet")).toBeVisible();
    await expect(page.getByRole("link", { name: "Create your first design" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "New design" })).toHaveCount(0);
    await page.goto("/settings");
    await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Users" })).toHaveCount(0);
    expect((await page.request.get("/api/users")).status()).toBe(403);
  });

  test("admin creates a user, who can then sign in; errors show as toasts", async ({ page, browser }) => {
    await signIn(page, "admin");
    await page.goto("/settings");
    await page.screenshot({ path: shot("settings.png"), fullPage: true });
    const email = `new-${Date.now()}@e2e.test`;
    await page.getByRole("button", { name: "Add user" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name").fill("Nora New");
    await dialog.getByLabel("Email").fill(email);
    await dialog.getByLabel("Role").selectOption("deployer");
    await dialog.getByLabel("Initial password").fill("nora-password-1");
    await dialog.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByTestId("toast").filter({ hasText: "User created" })).toBeVisible();
    await expect(page.getByTestId("users-table")).toContainText(email);

    // The same email again: the server's 409 message appears in an error toast.
    await page.getByRole("button", { name: "Add user" }).click();
    await dialog.getByLabel("Name").fill("Nora Again");
    await dialog.getByLabel("Email").fill(email);
    await dialog.getByLabel("Initial password").fill("nora-password-1");
    await dialog.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByTestId("toast").filter({ hasText: "already exists" })).toBeVisible();
    await page.waitForTimeout(300); // let the toast's entry animation finish for the screenshot
    await page.screenshot({ path: shot("toast-error.png") });

    const other = await browser.newContext();
    const res = await other.request.post(`${new URL(page.url()).origin}/api/auth/login`, {
      data: { email, password: "nora-password-1" },
    });
    expect(res.status()).toBe(200);
    expect((await res.json()).user.role).toBe("deployer");
    await other.close();
  });

  test("a user creates an API token, sees it once, uses it, and revokes it", async ({ page, playwright }) => {
    await signIn(page, "editor");
    await page.goto("/settings");
    await page.getByRole("button", { name: "New token" }).click();
    await page.getByRole("dialog").getByLabel("Name").fill("ci-script");
    await page.getByRole("dialog").getByRole("button", { name: "Create token" }).click();
    const token = (await page.getByTestId("new-token").textContent())!;
    expect(token).toMatch(/^tsk_/);

    const api = await playwright.request.newContext({
      baseURL: new URL(page.url()).origin,
      extraHTTPHeaders: { authorization: `Bearer ${token}` },
    });
    const me = await api.get("/api/auth/me");
    expect(me.status()).toBe(200);
    expect((await me.json()).via).toBe("token");

    await page.getByRole("button", { name: "Revoke" }).first().click();
    await expect(page.getByTestId("toast").filter({ hasText: "revoked" })).toBeVisible();
    expect((await api.get("/api/auth/me")).status()).toBe(401);
    await api.dispose();
  });
});
