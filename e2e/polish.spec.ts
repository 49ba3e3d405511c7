// Polish: the axe check every test ends with really catches violations; dark mode follows the system,
// can be chosen in the user menu, persists and applies before first paint; the designs list searches and
// sorts with the choice in the URL; every main screen passes axe in light and dark, screenshotted at two sizes.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import { axeViolations, expect, signIn, test } from "./fixtures";

const shotDir = "test-results/screenshots/polish";
const shot = (name: string) => {
  mkdirSync(shotDir, { recursive: true });
  return path.join(shotDir, name);
};

const bodyBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const theme = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme);

/** A design from the sidecar-ha template with its own name and description. */
async function createDesign(api: APIRequestContext, name: string, description: string): Promise<string> {
  const { design } = await (await api.get("/api/templates/sidecar-ha")).json();
  const res = await api.post("/api/designs", { data: { name, design: { ...design, name, description } } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).id;
}

test.describe("accessibility check", () => {
  test("the axe helper reports serious and critical violations and passes a clean page", async ({ page }) => {
    await page.setContent(`<!doctype html><html lang="en"><head><title>bad</title></head><body><main>
      <p style="color:#b0b0b0;background:#ffffff">Pale text nobody can read</p>
      <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
      <button></button></main></body></html>`);
    const rules = (await axeViolations(page)).map((v) => v.rule).sort();
    expect(rules).toEqual(["button-name", "color-contrast", "image-alt"]);

    await page.setContent(`<!doctype html><html lang="en"><head><title>good</title></head><body><main>
      <h1>Readable</h1><p style="color:#18202b;background:#ffffff">Dark text on white</p>
      <img alt="A dot" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><button>Save</button></main></body></html>`);
    expect(await axeViolations(page)).toEqual([]);
  });
});

test.describe("dark mode", () => {
  test("follows the system until the user picks a theme, which persists across reloads and pages", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await signIn(page, "editor");
    await page.goto("/designs");
    expect(await theme(page)).toBe("light");
    expect(await bodyBackground(page)).toBe("rgb(245, 246, 248)");

    // System: the OS switching to dark switches the open page, no reload.
    await page.emulateMedia({ colorScheme: "dark" });
    await expect.poll(() => theme(page)).toBe("dark");
    expect(await bodyBackground(page)).toBe("rgb(14, 18, 23)");

    // An explicit Light choice beats the system's dark.
    await page.getByTestId("user-menu").click();
    const menu = page.getByRole("menu");
    await expect(menu.getByRole("menuitemradio", { name: "System" })).toHaveAttribute("aria-checked", "true");
    await menu.getByRole("menuitemradio", { name: "Light" }).click();
    await expect.poll(() => theme(page)).toBe("light");
    await expect(menu.getByRole("menuitemradio", { name: "Light" })).toHaveAttribute("aria-checked", "true");

    await menu.getByRole("menuitemradio", { name: "Dark" }).click();
    await expect.poll(() => theme(page)).toBe("dark");
    await page.screenshot({ path: shot("user-menu-dark.png") });
    await page.emulateMedia({ colorScheme: "light" });
    await page.reload();
    // Set by the inline script before the first paint: already dark when the document has loaded.
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    expect(await bodyBackground(page)).toBe("rgb(14, 18, 23)");

    await page.goto("/clusters");
    expect(await theme(page)).toBe("dark");

    // Back to System: the system's light applies again.
    await page.getByTestId("user-menu").click();
    await page.getByRole("menu").getByRole("menuitemradio", { name: "System" }).click();
    await expect.poll(() => theme(page)).toBe("light");
    await page.reload();
    expect(await theme(page)).toBe("light");
  });

  test("the sign-in page follows the theme and shows no default account", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/login");
    expect(await theme(page)).toBe("dark");
    const email = page.getByLabel("Email");
    await expect(email).toHaveValue("");
    await expect(email).toHaveAttribute("placeholder", "you@example.com");
    await expect(page.locator("body")).not.toContainText("admin@");
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: shot("login-dark.png") });
  });
});

test.describe("designs list", () => {
  test("searches names and descriptions, sorts, keeps both in the URL and says when nothing matches", async ({
    page,
    adminApi,
  }) => {
    const tag = `pz${Date.now().toString(36)}`;
    // Created in this order, so "newest first" is gamma, beta, alpha.
    await createDesign(adminApi, `${tag} Beta receivers`, "Remote write from the edge");
    await createDesign(adminApi, `${tag} alpha shards`, `Hashmod shards for the ${tag}-EU clusters`);
    await createDesign(adminApi, `${tag} Gamma`, "Just a sidecar");
    await createDesign(adminApi, `unrelated ${Date.now()}`, "Matches none of the searches below");

    await signIn(page, "viewer");
    await page.goto("/designs");
    const search = page.getByRole("searchbox", { name: "Search designs" });
    const rows = page.getByRole("table", { name: "Designs" }).locator("tbody tr");
    const names = () => rows.locator(".ds-name").allTextContents();

    await search.fill(tag);
    await expect(rows).toHaveCount(3);
    await expect(page).toHaveURL(new RegExp(`\\?q=${tag}$`));
    await expect(page.getByRole("status").filter({ hasText: "of" })).toHaveText(/^3 of \d+ designs$/);

    // The description is searched too, and every word must match.
    await search.fill(`${tag}-eu hashmod`);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(`${tag} alpha shards`);
    await expect(rows.first()).toContainText(`Hashmod shards for the ${tag}-EU clusters`);

    await search.fill(tag);
    await page.getByLabel("Sort").selectOption({ label: "Name (A–Z)" });
    await expect.poll(names).toEqual([`${tag} alpha shards`, `${tag} Beta receivers`, `${tag} Gamma`]);
    await expect(page).toHaveURL(new RegExp(`\\?q=${tag}&sort=name$`));

    await page.getByLabel("Sort").selectOption({ label: "Newest first" });
    await expect.poll(names).toEqual([`${tag} Gamma`, `${tag} alpha shards`, `${tag} Beta receivers`]);

    // A reload (or a shared link) restores search and sort.
    await page.reload();
    await expect(search).toHaveValue(tag);
    await expect(page.getByLabel("Sort")).toHaveValue("created");
    await expect.poll(names).toEqual([`${tag} Gamma`, `${tag} alpha shards`, `${tag} Beta receivers`]);
    await page.screenshot({ path: shot("designs-search.png") });

    await search.fill(`${tag} nothing-like-this`);
    await expect(page.getByRole("heading", { name: `No designs match “${tag} nothing-like-this”` })).toBeVisible();
    await expect(rows).toHaveCount(0);
    await page.getByRole("button", { name: "Clear search" }).click();
    await expect(search).toHaveValue("");
    await expect(page).toHaveURL(/\/designs\?sort=created$/);
    await expect(rows).not.toHaveCount(0);
  });
});

test.describe("every main screen in light and dark", () => {
  test.setTimeout(180_000);
  test("designs, editor, share page, clusters and settings pass axe and are screenshotted at two sizes", async ({
    page,
    adminApi,
  }) => {
    const id = await createDesign(
      adminApi,
      `polish screens ${Date.now()}`,
      "Two replicas with sidecars, for screenshots",
    );
    const share = await adminApi.post(`/api/designs/${id}/shares`, {
      data: { revision: "latest", allowComments: true },
    });
    expect(share.status(), await share.text()).toBe(201);
    const { token } = await share.json();
    await signIn(page, "admin");

    const screens: { name: string; url: string; ready: (p: Page) => Promise<void> }[] = [
      {
        name: "designs",
        url: "/designs",
        ready: (p) => expect(p.getByRole("table", { name: "Designs" })).toBeVisible(),
      },
      {
        name: "editor",
        url: `/designs/${id}`,
        ready: (p) => expect(p.locator(".react-flow__node").first()).toBeVisible(),
      },
      {
        name: "share",
        url: `/share/${token}`,
        ready: (p) => expect(p.locator(".react-flow__node").first()).toBeVisible(),
      },
      {
        name: "new-design",
        url: "/designs/new",
        ready: (p) => expect(p.locator('svg[aria-label^="Diagram of"]').first()).toBeVisible(),
      },
      { name: "clusters", url: "/clusters", ready: (p) => expect(p.getByRole("heading", { level: 1 })).toBeVisible() },
      {
        name: "settings",
        url: "/settings",
        ready: (p) => expect(p.getByRole("heading", { name: "API tokens", exact: true })).toBeVisible(),
      },
    ];
    const failures: string[] = [];
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      for (const s of screens) {
        for (const size of [
          { width: 1280, height: 800 },
          { width: 1920, height: 1080 },
        ]) {
          await page.setViewportSize(size);
          await page.goto(s.url);
          await s.ready(page);
          expect(await theme(page)).toBe(colorScheme);
          await page.screenshot({ path: shot(`${s.name}-${colorScheme}-${size.width}.png`) });
        }
        for (const v of await axeViolations(page))
          failures.push(`${s.name} (${colorScheme}): ${v.rule} ${v.targets.join("; ")}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
