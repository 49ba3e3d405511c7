// Versions and PromQL through the API, against a real migrated SQLite database: a version that is not a
// release tag is a 400 naming its path (nothing stored); a release render holds no flags for, and a rule that
// does not parse, are lint errors in the saved revision's lint and in the unsaved render preview.
import { beforeAll, describe, expect, it } from "vitest";
import * as designsRoute from "@/app/api/designs/route";
import * as lintRoute from "@/app/api/designs/[id]/lint/route";
import * as renderRoute from "@/app/api/render/route";
import { db } from "@/server/db/client";
import { useTestDatabase } from "@/server/db/testing";
import { call, makeUser, secretDesign, type TestUser } from "./fixtures";

let editor: TestUser;
let viewer: TestUser;

beforeAll(async () => {
  process.env.STUDIO_SECRET_KEY = "versions-api-test-key";
  await useTestDatabase();
  editor = await makeUser("editor", "Eve");
  viewer = await makeUser("viewer", "Vera");
});

interface FindingBody {
  rule: string;
  severity: string;
  message: string;
  path?: string;
  componentId?: string;
  position?: { line: number; column: number };
}

describe("versions and PromQL through the API", () => {
  it("a version that is not a release tag is a 400 naming the path, and nothing is stored", async () => {
    const before = await db().design.count();
    for (const [field, value] of [
      ["thanos", "latest"],
      ["prometheus", "3.14.0"],
      ["alertmanager", "v0.34"],
    ] as const) {
      const res = await call(designsRoute.POST, "POST", "/api/designs", {
        as: editor,
        body: { name: "bad-version", design: { ...secretDesign("bad-version"), versions: { [field]: value } } },
      });
      expect(res.status).toBe(400);
      const { issues } = (await res.json()) as { issues: { path: string; message: string }[] };
      expect(issues).toEqual([{ path: `versions.${field}`, message: expect.stringContaining("release tag") }]);
    }
    expect(await db().design.count()).toBe(before);
  });

  it("an unsupported release saves, and lint answers an error naming the supported range at versions.thanos", async () => {
    const res = await call(designsRoute.POST, "POST", "/api/designs", {
      as: editor,
      body: { name: "thanos-0.99", design: { ...secretDesign("thanos-0.99"), versions: { thanos: "v0.99.0" } } },
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const lint = await call(lintRoute.GET, "GET", `/api/designs/${id}/lint`, { as: viewer, params: { id } });
    expect(lint.status).toBe(200);
    const { findings } = (await lint.json()) as { findings: FindingBody[] };
    const f = findings.find((x) => x.rule === "version-unsupported");
    expect(f).toMatchObject({ severity: "error", path: "versions.thanos" });
    expect(f!.message).toContain("v0.24 – v0.42");
  });

  it("the render preview answers the version and PromQL errors with the manifests", async () => {
    const d = { ...secretDesign("preview"), versions: { prometheus: "v2.40.0" } };
    const p = d.components.find((c) => c.id === "p1")!;
    p.settings = { ...p.settings, ruleGroups: [{ name: "g", rules: [{ alert: "Broken", expr: "sum(rate(x[5m])" }] }] };
    const res = await call(renderRoute.POST, "POST", "/api/render", { as: viewer, body: { design: d } });
    expect(res.status).toBe(200);
    const { findings } = (await res.json()) as { findings: FindingBody[] };
    const errors = findings.filter((f) => f.severity === "error");
    expect(errors.map((f) => f.rule).sort()).toEqual(["promql-syntax", "version-unsupported"]);
    expect(errors.find((f) => f.rule === "promql-syntax")).toMatchObject({
      componentId: "p1",
      path: "settings.ruleGroups.0.rules.0.expr",
      position: { line: 1, column: 16 },
    });
    expect(errors.find((f) => f.rule === "version-unsupported")!.message).toContain("v2.53, v3.0 – v3.14");
  });
});
