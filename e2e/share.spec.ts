// Shared review links end to end: an editor creates a link in the editor, a guest opens it in a fresh
// browser context (no session) and sees a read-only canvas, lint and manifests with the object-store key
// masked, comments as a guest, the comment shows up in the editor, and after revoking the link is a 404.
import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

const SECRET = "AKIA-E2E-SHARE-SECRET-9f3c";
const shotDir = "test-results/screenshots";
const shot = (name: string) => {
  mkdirSync(shotDir, { recursive: true });
  return path.join(shotDir, name);
};

interface Component {
  id: string;
  kind: string;
  name: string;
  settings: Record<string, unknown>;
}

/** A design from a template whose object store holds real keys, saved as revision 2 with a visible change. */
async function designWithSecret(api: APIRequestContext, name: string): Promise<{ id: string; bucket: Component }> {
  const created = await api.post("/api/designs", { data: { name, template: "sidecar-ha" } });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  const { design } = await (await api.get(`/api/designs/${id}`)).json();
  const bucket = (design.components as Component[]).find((c) => c.kind === "objectStore")!;
  bucket.settings = { ...bucket.settings, accessKey: SECRET, secretKey: `${SECRET}-secret` };
  const prom = (design.components as Component[]).find((c) => c.kind === "prometheus")!;
  prom.settings = { ...prom.settings, retention: "13h" };
  const saved = await api.put(`/api/designs/${id}`, {
    data: { baseRevision: 1, design, message: "keys and shorter retention" },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  return { id, bucket };
}

test.describe("shared review links", () => {
  test("guest reads a read-only, masked design; comments reach the editor; revoke gives 404", async ({
    page,
    browser,
    adminApi,
  }) => {
    const { id, bucket } = await designWithSecret(adminApi, `share-e2e-${Date.now()}`);

    // The editor creates a "latest" link with comments from the editor's Share dialog.
    await signIn(page, "editor");
    await page.goto(`/designs/${id}`);
    await page.getByTestId("share-button").click();
    const dialog = page.getByRole("dialog", { name: "Share for review" });
    await expect(dialog.getByRole("button", { name: "Latest revision" })).toHaveAttribute("aria-pressed", "true");
    await dialog.getByTestId("create-share").click();
    const url = await dialog.getByTestId("share-url").inputValue();
    expect(url).toMatch(/\/share\/[A-Za-z0-9_-]{43}$/);
    await expect(dialog.getByTestId("share-list")).toContainText("latest");
    await page.screenshot({ path: shot("share-dialog.png") });
    await dialog.getByRole("button", { name: "Close" }).last().click();

    // A fresh browser context: no cookies, no session.
    const guestContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    expect(await guestContext.cookies()).toEqual([]);
    const guest = await guestContext.newPage();
    const opened = await guest.goto(url);
    expect(opened?.status()).toBe(200);
    await expect(guest.getByTestId("share-title")).toContainText("share-e2e-");
    await expect(guest.locator(".react-flow__node").first()).toBeVisible();
    expect(await guest.locator(".react-flow__node").count()).toBeGreaterThan(3);
    await expect(guest.getByTestId("revision-picker")).toHaveValue("2");
    await guest.screenshot({ path: shot("share-open.png") });

    // Nothing editable: no editor buttons, no palette, nodes cannot be dragged or connected, no form fields
    // outside the comment composer.
    for (const name of [/^save$/i, /auto-layout/i, /^undo/i, /^redo$/i, /delete/i])
      await expect(guest.getByRole("button", { name })).toHaveCount(0);
    await expect(guest.locator(".tc-palette")).toHaveCount(0);
    await expect(guest.locator(".react-flow__node.draggable")).toHaveCount(0);
    // Connection handles exist for layout but cannot be grabbed in read-only mode.
    expect(
      await guest
        .locator(".react-flow__handle")
        .evaluateAll((els) => els.filter((e) => getComputedStyle(e).pointerEvents !== "none").length),
    ).toBe(0);
    await expect(guest.locator("[contenteditable=true]")).toHaveCount(0);
    await expect(guest.locator("input:not([disabled]), textarea:not([disabled])")).toHaveCount(0);

    // Select the object store: the editor's inspector form, every field disabled, the key only "set".
    // The canvas opens at zoom 1 (readable text), so the bucket right of the cluster is off screen: fit first.
    await guest.locator(".react-flow__controls-fitview").click();
    await guest.locator(`.react-flow__node[data-id="${bucket.id}"]`).click();
    const inspector = guest.getByTestId("readonly-inspector");
    await expect(inspector.locator(`[id="name-${bucket.id}"]`)).toHaveValue(bucket.name);
    await expect(inspector.getByTestId(`f-${bucket.id}-accessKey-state`)).toHaveText("set");
    expect(await inspector.locator("input, textarea, select").count()).toBeGreaterThan(3);
    await expect(
      inspector.locator("input:not([disabled]), textarea:not([disabled]), select:not([disabled])"),
    ).toHaveCount(0);
    await guest.screenshot({ path: shot("share-page.png") });

    // Manifests per cluster, masked too.
    await guest.getByRole("tab", { name: /Manifests/ }).click();
    await expect(guest.getByTestId("manifests-yaml")).toContainText("kind: StatefulSet");
    await expect(guest.getByTestId("manifests-yaml")).toContainText("********");
    await guest.screenshot({ path: shot("share-manifests.png") });

    await guest.getByRole("tab", { name: /Lint/ }).click();
    await guest.screenshot({ path: shot("share-lint.png") });

    // The revision picker of a "latest" link opens older revisions (and says so in the URL).
    await guest.getByTestId("revision-picker").selectOption("1");
    await expect(guest).toHaveURL(/[?&]revision=1$/);
    await guest.getByTestId("revision-picker").selectOption("2");
    await expect(guest).toHaveURL(/[?&]revision=2$/);

    // Changes (revision 1 → 2: the Prometheus retention changed, the bucket got keys).
    await guest.getByRole("tab", { name: /Changes/ }).click();
    await expect(guest.getByTestId("revision-diff")).toContainText(`retention "6h" → "13h"`);
    await expect(guest.getByTestId("manifest-diff").first()).toBeVisible();
    await guest.screenshot({ path: shot("share-changes.png") });

    // The secret appears nowhere a guest can reach.
    expect(await guest.content()).not.toContain(SECRET);
    const token = url.split("/share/")[1];
    for (const p of ["", "/manifests", "/lint", "?revision=1"]) {
      const res = await guestContext.request.get(`/api/share/${token}${p}`);
      expect(res.status(), p).toBe(200);
      expect(await res.text(), p).not.toContain(SECRET);
    }

    // Comment as the guest on the object store.
    await guest.getByRole("tab", { name: /Comments/ }).click();
    await guest.locator(`.react-flow__node[data-id="${bucket.id}"]`).click();
    await expect(guest.getByText(`about ${bucket.name}`)).toBeVisible();
    await guest.getByLabel("Your name").fill("Gina Guest");
    await guest.getByLabel("New comment").fill("Is this key rotated every 90 days?");
    await guest.getByTestId("post-comment").click();
    await expect(guest.getByTestId("comment-thread")).toContainText("Is this key rotated every 90 days?");
    await expect(guest.getByTestId("comment-thread")).toContainText(bucket.name);
    await guest.screenshot({ path: shot("share-comment.png") });

    // The signed-in editor sees it in the editor's Comments tab.
    await page.reload();
    await page.getByTestId("comments-tab").click();
    const thread = page.getByTestId("comment-thread").filter({ hasText: "Is this key rotated every 90 days?" });
    await expect(thread).toContainText("Gina Guest");
    await expect(thread).toContainText("guest");
    await thread.getByRole("button", { name: "Reply" }).click();
    await thread.getByLabel("Reply").fill("Yes, by the platform team.");
    await thread.getByRole("button", { name: "Reply" }).click();
    await expect(thread).toContainText("Yes, by the platform team.");
    await page.screenshot({ path: shot("editor-comments.png") });

    // Revoke: the link answers 404 everywhere.
    await page.getByTestId("share-button").click();
    await page
      .getByRole("dialog", { name: "Share for review" })
      .getByRole("button", { name: /^Revoke link/ })
      .first()
      .click();
    await expect(page.getByRole("dialog", { name: "Share for review" }).getByTestId("share-list")).toContainText(
      "revoked",
    );
    const after = await guest.goto(url);
    expect(after?.status()).toBe(404);
    await expect(guest.getByRole("heading", { name: "This review link does not work" })).toBeVisible();
    expect((await guestContext.request.get(`/api/share/${token}`)).status()).toBe(404);
    await guest.screenshot({ path: shot("share-revoked.png") });
    await guestContext.close();
  });

  test("a deployer approves a revision and the editor shows it; compare shows the highlighted diff", async ({
    page,
    adminApi,
  }) => {
    const { id } = await designWithSecret(adminApi, `approve-e2e-${Date.now()}`);
    await signIn(page, "deployer");
    await page.goto(`/designs/${id}`);
    await expect(page.getByTestId("approval-badge")).toContainText("Not approved");
    await page.getByTestId("approve-button").click();
    await expect(page.getByTestId("approval-badge")).toContainText("Revision 2 approved");
    const listed = await (await adminApi.get("/api/designs")).json();
    expect(listed.designs.find((d: { id: string }) => d.id === id).approvedRevision).toBe(2);

    await page.getByTestId("compare-button").click();
    const dialog = page.getByRole("dialog", { name: "Compare revisions" });
    await expect(dialog.getByTestId("revision-diff")).toContainText(`retention "6h" → "13h"`);
    await expect(dialog.locator(".react-flow__node").first()).toBeVisible();
    await page.screenshot({ path: shot("editor-compare.png") });
  });

  test("live status shows only on links created with allowStatus", async ({ browser, adminApi }) => {
    const { id } = await designWithSecret(adminApi, `status-e2e-${Date.now()}`);
    const plain = await (await adminApi.post(`/api/designs/${id}/shares`, { data: { revision: "latest" } })).json();
    const withStatus = await (
      await adminApi.post(`/api/designs/${id}/shares`, { data: { revision: "latest", allowStatus: true } })
    ).json();
    const guestContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const guest = await guestContext.newPage();
    await guest.goto(plain.url);
    await expect(guest.getByTestId("share-title")).toBeVisible();
    await expect(guest.getByTestId("live-mode")).toHaveCount(0);
    expect((await guestContext.request.get(`/api/share/${plain.token}/status`)).status()).toBe(403);

    await guest.goto(withStatus.url);
    await guest.getByTestId("live-mode").click();
    await expect(guest.getByTestId("live-status")).toBeVisible({ timeout: 20_000 });
    await guest.screenshot({ path: shot("share-live.png") });
    await guestContext.close();
  });

  test("the share token opens no other route (cookie or Bearer): every API route answers 401/404", async ({
    adminApi,
    playwright,
    baseURL,
  }) => {
    const { id } = await designWithSecret(adminApi, `scope-e2e-${Date.now()}`);
    const created = await adminApi.post(`/api/designs/${id}/shares`, {
      data: { revision: "latest", allowComments: true, allowStatus: true },
    });
    const { token } = await created.json();
    const shares = (await (await adminApi.get(`/api/designs/${id}/shares`)).json()).shares;
    const values: Record<string, string> = { id, shareId: shares[0].id, rev: "1", name: "sidecar-ha" };

    const appDir = path.resolve("app");
    const routes: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(dir, e.name));
        else if (e.name === "route.ts")
          routes.push(
            "/" +
              path
                .relative(appDir, dir)
                .split(path.sep)
                .filter((s) => !/^\(.*\)$/.test(s))
                .join("/"),
          );
      }
    };
    walk(appDir);
    expect(routes.length).toBeGreaterThan(10);

    const PUBLIC = [/^\/api\/health$/, /^\/api\/auth\/login$/, /^\/api\/auth\/logout$/, /^\/api\/share\//];
    for (const headers of [{ cookie: `studio_session=${token}` }, { authorization: `Bearer ${token}` }] as Record<
      string,
      string
    >[]) {
      const ctx = await playwright.request.newContext({ baseURL, extraHTTPHeaders: headers });
      for (const pattern of routes) {
        if (PUBLIC.some((r) => r.test(pattern))) continue;
        const url = pattern.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, n: string) => values[n] ?? "1");
        for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"] as const) {
          const res = await ctx.fetch(url, {
            method,
            data: method === "GET" || method === "DELETE" ? undefined : { revision: 1 },
          });
          // 405: the route has no such method at all — nothing to authorize.
          expect([401, 404, 405], `${method} ${url} with ${Object.keys(headers)[0]}`).toContain(res.status());
        }
      }
      await ctx.dispose();
    }
    // Deploy and cluster routes by name too, whether or not they exist yet.
    const bearer = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { authorization: `Bearer ${token}` },
    });
    expect((await bearer.put(`/api/designs/${id}`, { data: { baseRevision: 2, design: {} } })).status()).toBe(401);
    for (const u of ["/api/clusters", `/api/designs/${id}/deploy`, `/api/designs/${id}/deployments`])
      expect([401, 404, 405]).toContain((await bearer.post(u, { data: {} })).status());
    await bearer.dispose();
  });
});
