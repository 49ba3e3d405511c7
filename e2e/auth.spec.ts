import { expect, E2E, signIn, test } from "./fixtures";

test.describe("sign-in", () => {
  test("a signed-out visitor is sent to the sign-in page and back after signing in", async ({ page }) => {
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/login\?next=%2Fsettings/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await page.getByLabel("Email").fill(E2E.admin.email);
    await page.getByLabel("Password").fill(E2E.admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/settings$/);
    await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  });

  test("a wrong password shows a clear message and keeps the visitor signed out", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(E2E.admin.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("login-error")).toHaveText("Incorrect email or password.");
    await expect(page).toHaveURL(/\/login/);
    const me = await page.request.get("/api/auth/me");
    expect(me.status()).toBe(401);
  });

  test("signing out ends the session", async ({ page }) => {
    await signIn(page);
    await page.goto("/designs");
    await page.getByTestId("user-menu").click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/designs");
    await expect(page).toHaveURL(/\/login\?next=%2Fdesigns/);
  });

  test("the session cookie is httpOnly and SameSite=Lax", async ({ page, context }) => {
    await signIn(page);
    const cookie = (await context.cookies()).find((c) => c.name === "studio_session");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    await page.goto("/designs");
    expect(await page.evaluate(() => document.cookie)).not.toContain("studio_session");
  });
});
