// The designs list shows each design's description from a column on the design, kept in step on every
// write (create, save, duplicate, import), so listing never reads a revision document. Real migrated SQLite
// through the route handlers.
import { beforeAll, describe, expect, it } from "vitest";
import * as designsRoute from "@/app/api/designs/route";
import * as designRoute from "@/app/api/designs/[id]/route";
import * as duplicateRoute from "@/app/api/designs/[id]/duplicate/route";
import * as importRoute from "@/app/api/designs/import/route";
import { db } from "@/server/db/client";
import { useTestDatabase } from "@/server/db/testing";
import { call, makeUser, secretDesign, type TestUser } from "./fixtures";

let editor: TestUser;

beforeAll(async () => {
  process.env.STUDIO_SECRET_KEY = "design-description-test-key";
  await useTestDatabase();
  editor = await makeUser("editor", "Desi");
});

const stored = async (id: string) =>
  (await db().design.findUniqueOrThrow({ where: { id }, select: { description: true } })).description;

async function listed(id: string): Promise<string | undefined> {
  const res = await call(designsRoute.GET, "GET", "/api/designs", { as: editor });
  expect(res.status).toBe(200);
  return ((await res.json()) as { designs: { id: string; description: string }[] }).designs.find((d) => d.id === id)
    ?.description;
}

async function created(res: Response): Promise<string> {
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function save(id: string, description: string): Promise<void> {
  const got = await call(designRoute.GET, "GET", `/api/designs/${id}`, { as: editor, params: { id } });
  const detail = (await got.json()) as { revision: number; design: Record<string, unknown> };
  const res = await call(designRoute.PUT, "PUT", `/api/designs/${id}`, {
    as: editor,
    params: { id },
    body: { baseRevision: detail.revision, design: { ...detail.design, description } },
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

describe("the design's description column", () => {
  it("is written on create, save, duplicate and import, and follows the latest revision", async () => {
    const id = await created(
      await call(designsRoute.POST, "POST", "/api/designs", {
        as: editor,
        body: { name: "described", design: { ...secretDesign("described"), description: "first words" } },
      }),
    );
    expect(await stored(id)).toBe("first words");

    await save(id, "second words");
    expect(await stored(id)).toBe("second words");

    const copy = await created(
      await call(duplicateRoute.POST, "POST", `/api/designs/${id}/duplicate`, { as: editor, params: { id }, body: {} }),
    );
    expect(await stored(copy)).toBe("second words");

    const fromTemplate = await created(
      await call(designsRoute.POST, "POST", "/api/designs", {
        as: editor,
        body: { name: "from-template", template: "sidecar-ha" },
      }),
    );
    expect(await stored(fromTemplate)).toMatch(/Highly available Prometheus/);

    const imported = await created(
      await call(importRoute.POST, "POST", "/api/designs/import", {
        as: editor,
        body: {
          name: "imported",
          manifests:
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: thanos-query\n  namespace: monitoring\nspec:\n  template:\n    spec:\n      containers:\n        - name: query\n          image: quay.io/thanos/thanos:v0.37.2\n          args: [query]\n",
        },
      }),
    );
    const got = await call(designRoute.GET, "GET", `/api/designs/${imported}`, {
      as: editor,
      params: { id: imported },
    });
    const importedDocument = ((await got.json()) as { design: { description: string } }).design;
    expect(await stored(imported)).toBe(importedDocument.description);
    expect(await listed(imported)).toBe(importedDocument.description);
  });

  it("is what the list shows: the list does not read revision documents", async () => {
    const id = await created(
      await call(designsRoute.POST, "POST", "/api/designs", {
        as: editor,
        body: { name: "column-only", design: { ...secretDesign("column-only"), description: "from the column" } },
      }),
    );
    // A document the list would have to parse now says something else (and is not even JSON).
    await db().revision.updateMany({ where: { designId: id }, data: { document: "not json" } });
    expect(await listed(id)).toBe("from the column");
  });

  it("a row written before the column existed is filled from its latest document on the first list, once", async () => {
    const id = await created(
      await call(designsRoute.POST, "POST", "/api/designs", {
        as: editor,
        body: { name: "pre-column", design: { ...secretDesign("pre-column"), description: "old row" } },
      }),
    );
    await db().design.update({ where: { id }, data: { description: null } });
    expect(await listed(id)).toBe("old row");
    expect(await stored(id)).toBe("old row");
  });

  it("lists 600 unfilled rows at once (more than one query's bound parameters allow)", async () => {
    const ids = Array.from({ length: 600 }, (_, i) => `bulk-${i}`);
    await db().design.createMany({
      data: ids.map((id) => ({ id, name: id, ownerId: editor.id, latestRevision: 1 })),
    });
    await db().revision.createMany({
      data: ids.map((id) => ({
        designId: id,
        number: 1,
        document: JSON.stringify({ description: `about ${id}` }),
        authorId: editor.id,
      })),
    });
    const res = await call(designsRoute.GET, "GET", "/api/designs", { as: editor });
    expect(res.status, await res.clone().text()).toBe(200);
    const rows = ((await res.json()) as { designs: { id: string; description: string }[] }).designs;
    expect(rows.find((d) => d.id === "bulk-599")?.description).toBe("about bulk-599");
    expect(await db().design.count({ where: { id: { in: ids }, description: null } })).toBe(0);
  });
});
