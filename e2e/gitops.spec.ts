// GitOps in the browser, against a real Git server on 127.0.0.1 (node-git-server + the git binary):
// the admin registers a Git target (a wrong token is refused with the host's answer, nothing stored),
// checks it; a cluster node bound to it exports from the Deploy tab; the commit shows in the history and
// is the branch head; the zip endpoint carries the design id. Screenshots: e2e/screenshots/gitops-*.png.
import { mkdirSync } from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { parse as parseYaml } from "yaml";
import { startGitServer, type TestGitServer } from "../server/git/test/git-server";
import { expect, signIn, test } from "./fixtures";
import type { Page } from "@playwright/test";

const SHOTS = path.join(import.meta.dirname, "screenshots");
const shot = (page: Page, name: string) => {
  mkdirSync(SHOTS, { recursive: true });
  return page.screenshot({ path: path.join(SHOTS, `gitops-${name}.png`) });
};

let git: TestGitServer;
test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  git = await startGitServer();
});
test.afterAll(async () => git?.stop());

test("register a Git target, export from the Deploy tab, see the commit in the history", async ({ page, adminApi }) => {
  test.setTimeout(180_000);
  // The loopback Git server speaks plain http: the admin setting allows it for this workspace.
  expect((await adminApi.put("/api/settings", { data: { allowInsecureGit: true } })).status()).toBe(200);
  await signIn(page, "admin");
  await page.goto("/git-targets");
  await expect(page.getByRole("heading", { name: "Git targets", exact: true })).toBeVisible();
  await shot(page, "empty");

  // A wrong token: the host's answer, in the dialog; nothing stored.
  await page.getByTestId("register-git-target").first().click();
  const dialog = page.getByRole("dialog", { name: "Register Git target" });
  await dialog.getByLabel("Name", { exact: true }).fill("platform");
  await dialog.getByLabel("Repository URL").fill(git.url("platform"));
  await dialog.getByLabel("Token", { exact: true }).fill("wrong-token-e2e");
  await dialog.getByLabel("User name (optional)").fill(git.user);
  await dialog.getByRole("button", { name: "Check and register" }).click();
  await expect(dialog.getByTestId("git-target-error")).toContainText(/refused the credentials \(HTTP 401/);
  await expect(dialog.getByTestId("git-target-error")).not.toContainText("wrong-token-e2e");
  await shot(page, "register-refused");
  expect(((await (await adminApi.get("/api/git-targets")).json()) as { gitTargets: unknown[] }).gitTargets).toEqual([]);

  await dialog.getByLabel("Token", { exact: true }).fill(git.token);
  await dialog.getByRole("button", { name: "Check and register" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId("git-target-row-platform");
  await expect(row).toContainText(git.url("platform"));
  await expect(row).toContainText("token stored");
  await row.getByRole("button", { name: "Check" }).click();
  await expect(page.getByTestId("git-target-check-platform")).toContainText("the first export creates it");
  await shot(page, "targets");
  const listed = await (await adminApi.get("/api/git-targets")).text();
  expect(listed).not.toContain(git.token);
  const target = (JSON.parse(listed) as { gitTargets: { id: string }[] }).gitTargets[0]!;

  // Bind the design's cluster node to the target in its inspector, save, then export from the Deploy tab.
  const created = await adminApi.post("/api/designs", { data: { name: "GitOps demo", template: "sidecar-ha" } });
  const { id } = (await created.json()) as { id: string };
  await page.goto(`/designs/${id}`);
  await expect(page.locator(".react-flow__pane")).toBeVisible({ timeout: 30_000 });
  await page.getByTestId("deploy-tab").click();
  const card = page.getByTestId("git-export");
  await expect(card).toContainText("to a Git target in its inspector");
  await page.getByRole("button", { name: "Bind it in the inspector" }).click();
  const binding = page.getByTestId("git-target-binding");
  await binding.getByRole("combobox").selectOption(target.id);
  await expect(binding).toContainText("clusters/{cluster}/{design}");
  await shot(page, "binding");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("save-state")).toContainText("revision 2");
  const doc = (await (await adminApi.get(`/api/designs/${id}`)).json()) as {
    design: { components: { kind: string; settings: Record<string, unknown> }[] };
  };
  expect(doc.design.components.find((c) => c.kind === "cluster")!.settings.gitTargetId).toBe(target.id);
  await page.getByTestId("deploy-tab").click();
  await expect(card).toContainText(git.url("platform"));
  await shot(page, "deploy-tab");
  await card.getByTestId("git-export-start").click();
  const entry = page.getByTestId("git-export-entry").first();
  await expect(entry).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
  await expect(entry).toContainText("Revision 2");
  await expect(entry).toContainText("main");
  const head = (await git.log("platform", "main"))[0]!;
  await expect(entry.getByTestId("git-commit")).toHaveText(head.slice(0, 12));
  await entry.scrollIntoViewIfNeeded();
  await shot(page, "history");

  // Again: the branch already holds exactly these files, so no commit.
  await card.getByTestId("git-export-start").click();
  await expect(page.getByTestId("git-export-entry").first()).toHaveAttribute("data-status", "unchanged", {
    timeout: 60_000,
  });
  expect(await git.log("platform", "main")).toHaveLength(1);

  // The zip the editor downloads carries the same owner identity as the export.
  const zip = await adminApi.post("/api/render/zip", { data: { design: doc.design, designId: id } });
  expect(zip.status()).toBe(200);
  expect(zip.headers()["content-disposition"]).toBe('attachment; filename="gitops-demo-manifests.zip"');
  const files = await JSZip.loadAsync(await zip.body());
  const ns = parseYaml(await files.file("prod/01-namespace-kube-mon.yaml")!.async("string")) as {
    metadata: { labels: Record<string, string> };
  };
  expect(ns.metadata.labels["topology-studio.dev/design"]).toBe(id);
  const unknown = await adminApi.post("/api/render/zip", { data: { design: doc.design, designId: "not-a-design" } });
  expect(unknown.status()).toBe(404);
});

test("an ssh URL is refused in the dialog naming the https URL to use; a target is deleted from its row", async ({
  page,
  adminApi,
}) => {
  const name = `gone-${Date.now().toString(36)}`;
  const registered = await adminApi.post("/api/git-targets", {
    data: { name, url: git.url(name), auth: { kind: "https-token", username: git.user, token: git.token } },
  });
  expect(registered.status(), await registered.text()).toBe(201);
  await signIn(page, "admin");
  await page.goto("/git-targets");

  await page.getByTestId("register-git-target").first().click();
  const dialog = page.getByRole("dialog", { name: "Register Git target" });
  await dialog.getByLabel("Name", { exact: true }).fill("over-ssh");
  await dialog.getByLabel("Repository URL").fill("git@github.com:acme/platform-manifests.git");
  await dialog.getByLabel("Token", { exact: true }).fill("any-token");
  await dialog.getByRole("button", { name: "Check and register" }).click();
  await expect(dialog.getByTestId("git-target-error")).toContainText(
    "ssh remotes are not supported (the studio's Git client speaks smart HTTP only); use the repository's https URL with a token, such as https://github.com/acme/platform-manifests.git",
  );
  await shot(page, "register-ssh");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  await page
    .getByTestId(`git-target-row-${name}`)
    .getByRole("button", { name: `Delete ${name}` })
    .click();
  const confirm = page.getByRole("dialog", { name: `Delete ${name}?` });
  await expect(confirm).toContainText("Commits already pushed stay in the repository");
  await confirm.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByTestId(`git-target-row-${name}`)).toHaveCount(0);
  await expect(page.getByText(`${name} is no longer registered; past exports keep their commits.`)).toBeVisible();
  const left = (await (await adminApi.get("/api/git-targets")).json()) as { gitTargets: { name: string }[] };
  expect(left.gitTargets.map((t) => t.name)).not.toContain(name);
  expect(left.gitTargets.map((t) => t.name)).not.toContain("over-ssh");
});
