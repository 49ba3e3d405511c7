import { beforeAll, describe, expect, it } from "vitest";
import * as designsRoute from "@/app/api/designs/route";
import * as designRoute from "@/app/api/designs/[id]/route";
import * as sizingRoute from "@/app/api/designs/[id]/sizing/route";
import { edit } from "@/lib/topology/test/lint-fixtures";
import { useTestDatabase } from "@/server/db/testing";
import { updateSettings } from "@/server/db/settings";
import { call, makeUser, type TestUser } from "./fixtures";

let editor: TestUser;
let viewer: TestUser;
beforeAll(async () => {
  await useTestDatabase();
  // The fixture's bucket is an in-cluster MinIO: saving it needs the endpoint on the workspace allow-list.
  await updateSettings({ objectStoreEndpoints: ["minio.minio.svc"] });
  editor = await makeUser("editor", "Sid");
  viewer = await makeUser("viewer", "Val");
});

describe("GET /api/designs/:id/sizing", () => {
  it("answers the capacity plan of the latest revision or of ?revision=N, for a viewer", async () => {
    const created = await call(designsRoute.POST, "POST", "/api/designs", {
      as: editor,
      body: { name: "sized", design: edit().doc },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const r1 = await call(sizingRoute.GET, "GET", `/api/designs/${id}/sizing`, { as: viewer, params: { id } });
    expect(r1.status).toBe(200);
    const j1 = (await r1.json()) as {
      revision: number;
      components: { id: string; estimate: unknown; notSized?: string }[];
    };
    expect(j1.revision).toBe(1);
    expect(j1.components.find((c) => c.id === "p")).toMatchObject({
      estimate: null,
      notSized: expect.stringMatching(/^not sized/),
    });

    const saved = await call(designRoute.PUT, "PUT", `/api/designs/${id}`, {
      as: editor,
      params: { id },
      body: { baseRevision: 1, design: edit().set("p", { load: { activeSeries: 1_000_000 } }).doc },
    });
    expect(saved.status, await saved.clone().text()).toBe(200);
    const latest = (await (
      await call(sizingRoute.GET, "GET", `/api/designs/${id}/sizing`, { as: viewer, params: { id } })
    ).json()) as {
      revision: number;
      components: { id: string; estimate: { memoryBytes: number } | null }[];
      bucket: { bytesByResolution: Record<string, number> | null }[];
    };
    expect(latest.revision).toBe(2);
    expect(latest.components.find((c) => c.id === "p")!.estimate!.memoryBytes).toBe(3_340_435_456);
    expect(latest.bucket[0].bytesByResolution!.raw).toBeGreaterThan(0);

    const old = await call(sizingRoute.GET, "GET", `/api/designs/${id}/sizing`, {
      as: viewer,
      params: { id },
      query: { revision: 1 },
    });
    expect(((await old.json()) as { revision: number }).revision).toBe(1);
  });

  it("404 for an unknown design or revision, 400 naming a bad revision, 401 without a user", async () => {
    expect(
      (await call(sizingRoute.GET, "GET", "/api/designs/nope/sizing", { as: viewer, params: { id: "nope" } })).status,
    ).toBe(404);
    const bad = await call(sizingRoute.GET, "GET", "/api/designs/nope/sizing", {
      as: viewer,
      params: { id: "nope" },
      query: { revision: "x" },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("revision");
    expect(
      (await call(sizingRoute.GET, "GET", "/api/designs/nope/sizing", { as: null, params: { id: "nope" } })).status,
    ).toBe(401);
  });
});
