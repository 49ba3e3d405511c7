// The GitOps and zip routes as Next calls them (real Requests, API tokens, SQLite): roles, 400s naming the
// path with nothing stored, 202 for an export, the zip's headers and entries, secrets masked in it, and the
// designId check on /api/render.
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as renderRoute from "@/app/api/render/route";
import * as zipRoute from "@/app/api/render/zip/route";
import * as targetsRoute from "@/app/api/git-targets/route";
import * as targetRoute from "@/app/api/git-targets/[id]/route";
import * as checkRoute from "@/app/api/git-targets/[id]/check/route";
import * as exportsRoute from "@/app/api/designs/[id]/exports/route";
import * as exportRoute from "@/app/api/designs/[id]/exports/[exportId]/route";
import { maskSecrets, SECRET_MASK } from "@/lib/topology";
import { db } from "@/server/db/client";
import { updateSettings } from "@/server/db/settings";
import { useTestDatabase } from "@/server/db/testing";
import { acceptDesign, designService } from "@/server/designs/service";
import { bundleFiles, renderAll } from "@/server/render";
import { call, makeUser, SECRET, SECRET_2, secretDesign, type TestUser } from "@/server/designs/test/fixtures";
import { startGitServer, type TestGitServer } from "./git-server";

process.env.STUDIO_SECRET_KEY ??= "gitops-api-test-key";
let git: TestGitServer;
let viewer: TestUser, editor: TestUser, deployer: TestUser, admin: TestUser;

beforeAll(async () => {
  await useTestDatabase();
  git = await startGitServer();
  [viewer, editor, deployer, admin] = await Promise.all([
    makeUser("viewer", "Vera"),
    makeUser("editor", "Ed"),
    makeUser("deployer", "Dee"),
    makeUser("admin", "Ada"),
  ]);
  await updateSettings({ allowInsecureGit: true });
}, 30_000);
afterAll(async () => git?.stop());

const register = (as: TestUser | null, body: unknown) =>
  call(targetsRoute.POST, "POST", "/api/git-targets", { as, body });

describe("POST /api/render/zip", () => {
  it("answers a zip of exactly the bundle layout, secrets masked, named after the design", async () => {
    const res = await call(zipRoute.POST, "POST", "/api/render/zip", {
      as: viewer,
      body: { design: secretDesign("Zip Me") },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="zip-me-manifests.zip"');
    const zip = await JSZip.loadAsync(await res.arrayBuffer());
    const entries = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
    const expected = bundleFiles(renderAll(maskSecrets(acceptDesign(secretDesign("Zip Me"))), { secrets: "masked" }));
    expect(entries.sort()).toEqual(expected.map((f) => f.path).sort());
    for (const f of expected) expect(await zip.files[f.path].async("string"), f.path).toBe(f.content);
    const all = (await Promise.all(entries.map((n) => zip.files[n].async("string")))).join("\n");
    expect(all).toContain(SECRET_MASK);
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain(SECRET_2);
  });

  it("labels objects with a saved design's id, and 404s an id that names no design (nothing rendered)", async () => {
    const { id } = await designService().create({ id: editor.id }, { name: "Saved", design: secretDesign("Saved") });
    const res = await call(zipRoute.POST, "POST", "/api/render/zip", {
      as: viewer,
      body: { design: secretDesign("Saved"), designId: id },
    });
    const zip = await JSZip.loadAsync(await res.arrayBuffer());
    const ns = await zip.files[Object.keys(zip.files).find((n) => /\/01-namespace-/.test(n))!].async("string");
    expect(ns).toContain(`topology-studio.dev/design: ${id}`);
    for (const route of [zipRoute.POST, renderRoute.POST]) {
      const unknown = await call(route, "POST", "/api/render", {
        as: viewer,
        body: { design: secretDesign(), designId: "nope" },
      });
      expect(unknown.status).toBe(404);
    }
    const preview = await call(renderRoute.POST, "POST", "/api/render", {
      as: viewer,
      body: { design: secretDesign(), designId: id },
    });
    expect(((await preview.json()) as { clusters: { yaml: string }[] }).clusters[0].yaml).toContain(
      `topology-studio.dev/design: ${id}`,
    );
    expect(
      (await call(zipRoute.POST, "POST", "/api/render/zip", { as: null, body: { design: secretDesign() } })).status,
    ).toBe(401);
  });
});

describe("Git target routes", () => {
  const body = () => ({
    name: "platform",
    url: git.url("platform"),
    auth: { kind: "https-token", username: git.user, token: git.token },
  });

  it("only admins register; bad fields are 400s naming the path; nothing stored", async () => {
    expect((await register(deployer, body())).status).toBe(403);
    for (const [patch, path] of [
      [{ url: "" }, "url"],
      [{ branch: "a..b" }, "branch"],
      [{ pathTemplate: "{nope}" }, "pathTemplate"],
      [{ auth: { kind: "https-token", token: "" } }, "auth.token"],
      [{ authorEmail: "not-an-email" }, "authorEmail"],
      [{ extra: 1 }, ""],
    ] as const) {
      const res = await register(admin, { ...body(), ...patch });
      expect(res.status, JSON.stringify(patch)).toBe(400);
      const issues = ((await res.json()) as { issues: { path: string }[] }).issues;
      if (path) expect(issues.map((i) => i.path)).toContain(path);
    }
    expect(await db().gitTarget.count()).toBe(0);
  });

  it("an ssh remote is a 400 on url saying ssh is not supported and which https URL to use with a token; nothing stored", async () => {
    for (const [url, https] of [
      ["git@github.com:acme/platform.git", "https://github.com/acme/platform.git"],
      ["ssh://git@gitlab.example.com:2222/acme/platform.git", "https://gitlab.example.com/acme/platform.git"],
      ["git+ssh://git@git.example.org/acme/platform.git", "https://git.example.org/acme/platform.git"],
    ] as const) {
      const res = await register(admin, { ...body(), url });
      expect(res.status, url).toBe(400);
      const { issues } = (await res.json()) as { issues: { path: string; message: string }[] };
      expect(issues, url).toEqual([
        {
          path: "url",
          message: `ssh remotes are not supported (the studio's Git client speaks smart HTTP only); use the repository's https URL with a token, such as ${https}`,
        },
      ]);
    }
    expect(await db().gitTarget.count()).toBe(0);
  });

  it("registers (201, token never in the answer), lists for editors, checks and deletes for admins", async () => {
    const res = await register(admin, body());
    const text = await res.text();
    expect(res.status, text).toBe(201);
    expect(text).not.toContain(git.token);
    const created = JSON.parse(text) as { id: string; hasToken: boolean };
    expect(created.hasToken).toBe(true);
    expect((await call(targetsRoute.GET, "GET", "/api/git-targets", { as: viewer })).status).toBe(403);
    const list = await call(targetsRoute.GET, "GET", "/api/git-targets", { as: editor });
    expect(await list.text()).not.toContain(git.token);
    const check = await call(checkRoute.POST, "POST", "/x", { as: admin, params: { id: created.id } });
    expect(((await check.json()) as { ok: boolean }).ok).toBe(true);
    expect((await call(checkRoute.POST, "POST", "/x", { as: deployer, params: { id: created.id } })).status).toBe(403);
    const dup = await register(admin, body());
    expect(dup.status).toBe(409);
    expect((await call(targetRoute.DELETE, "DELETE", "/x", { as: admin, params: { id: created.id } })).status).toBe(
      204,
    );
    expect((await call(targetRoute.DELETE, "DELETE", "/x", { as: admin, params: { id: created.id } })).status).toBe(
      404,
    );
  });
});

describe("export routes", () => {
  it("deployer starts an export (202 { id }); viewers read it; editors may not start one", async () => {
    const t = (await (await register(admin, { ...body2(), name: "exports" })).json()) as { id: string };
    const design = secretDesign("Exported", undefined, undefined);
    (design.components.find((c) => c.kind === "cluster")!.settings as Record<string, unknown>).gitTargetId = t.id;
    const { id } = await designService().create({ id: editor.id }, { name: "Exported", design });
    const start = (as: TestUser, b: unknown) =>
      call(exportsRoute.POST, "POST", `/api/designs/${id}/exports`, { as, body: b, params: { id } });
    expect((await start(editor, { cluster: "eu-1" })).status).toBe(403);
    expect((await start(deployer, { cluster: "" })).status).toBe(400);
    expect((await start(deployer, { cluster: "mars" })).status).toBe(404);
    const res = await start(deployer, { cluster: "eu-1" });
    expect(res.status, await res.clone().text()).toBe(202);
    const { id: exportId } = (await res.json()) as { id: string };
    let view: { status: string; commit: string | null } = { status: "running", commit: null };
    for (let i = 0; i < 200 && view.status === "running"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      view = (await (
        await call(exportRoute.GET, "GET", "/x", { as: viewer, params: { id, exportId } })
      ).json()) as typeof view;
    }
    expect(view.status).toBe("succeeded");
    expect(await git.log("exported", "main")).toEqual([view.commit]);
    const list = await call(exportsRoute.GET, "GET", "/x", { as: viewer, params: { id } });
    expect(((await list.json()) as { exports: unknown[] }).exports).toHaveLength(1);
    expect((await call(exportRoute.GET, "GET", "/x", { as: viewer, params: { id: "other", exportId } })).status).toBe(
      404,
    );
  });
});

function body2() {
  return { name: "x", url: git.url("exported"), auth: { kind: "https-token", username: git.user, token: git.token } };
}
