// Every design opens laid out: POST /api/designs (template, unpositioned or overlapping document) and
// duplicate store readable positions in revision 1, against a real migrated SQLite database; a design
// that is already readable keeps its positions exactly.
import { beforeAll, describe, expect, it } from "vitest";
import * as designsRoute from "@/app/api/designs/route";
import * as designRoute from "@/app/api/designs/[id]/route";
import * as duplicateRoute from "@/app/api/designs/[id]/duplicate/route";
import * as revisionsRoute from "@/app/api/designs/[id]/revisions/route";
import { parseDesign, type Design } from "@/lib/topology";
import { layoutProblems } from "@/lib/topology/geometry";
import { TEMPLATES } from "@/lib/topology/templates";
import { db } from "@/server/db/client";
import { useTestDatabase } from "@/server/db/testing";
import { call, makeUser, type TestUser } from "./fixtures";

let editor: TestUser;

beforeAll(async () => {
  process.env.STUDIO_SECRET_KEY = "layout-api-test-key";
  await useTestDatabase();
  editor = await makeUser("editor", "Lou");
});

async function create(body: unknown): Promise<string> {
  const res = await call(designsRoute.POST, "POST", "/api/designs", { as: editor, body });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function revision1(id: string): Promise<Design> {
  const res = await call(designRoute.GET, "GET", `/api/designs/${id}`, { as: editor, params: { id } });
  const body = (await res.json()) as { revision: number; design: Design };
  expect(body.revision).toBe(1);
  return body.design;
}

async function revisionCount(id: string): Promise<number> {
  const res = await call(revisionsRoute.GET, "GET", `/api/designs/${id}/revisions`, { as: editor, params: { id } });
  return ((await res.json()) as { revisions: unknown[] }).revisions.length;
}

/** A small stack with every component at 0,0, as a script or another tool would send it. */
const unpositioned = {
  name: "bare",
  components: [
    { id: "c", kind: "cluster", name: "prod", settings: {} },
    { id: "p", kind: "prometheus", name: "prometheus", cluster: "c", settings: {} },
    { id: "q", kind: "query", name: "thanos-query", cluster: "c", settings: {} },
    { id: "s", kind: "storeGateway", name: "thanos-store-gateway", cluster: "c", settings: {} },
    { id: "b", kind: "objectStore", name: "bucket", settings: {} },
  ],
  connections: [
    { id: "e1", kind: "storeApi", from: "q", to: "p" },
    { id: "e2", kind: "storeApi", from: "q", to: "s" },
    { id: "e3", kind: "uploadsTo", from: "p", to: "b" },
    { id: "e4", kind: "uploadsTo", from: "s", to: "b" },
  ],
};

describe("POST /api/designs stores laid-out positions in revision 1", () => {
  it.each(TEMPLATES.map((t) => t.name))("from template %s: no overlap, every child inside", async (template) => {
    const id = await create({ name: `laid ${template}`, template });
    const design = await revision1(id);
    expect(layoutProblems(design)).toEqual([]);
    expect(await revisionCount(id)).toBe(1);
  });

  it("a document without positions is laid out", async () => {
    const id = await create({ name: "bare", design: unpositioned });
    const design = await revision1(id);
    expect(layoutProblems(design)).toEqual([]);
    // Not left at the origin: the children sit below their cluster's title band.
    for (const c of design.components.filter((x) => x.cluster)) expect(c.position.y).toBeGreaterThan(40);
  });

  it("a document with overlapping nodes is laid out", async () => {
    const overlapping = {
      ...unpositioned,
      components: unpositioned.components.map((c, i) => ({ ...c, position: { x: 30 + i * 10, y: 60 } })),
    };
    expect(layoutProblems(parseDesign(overlapping)).length).toBeGreaterThan(0);
    const design = await revision1(await create({ name: "overlapping", design: overlapping }));
    expect(layoutProblems(design)).toEqual([]);
  });

  it("a readable document keeps its positions exactly", async () => {
    const template = parseDesign(TEMPLATES[1].design);
    const moved = {
      ...template,
      // Shifted off the layout's own grid, so a re-layout would show.
      components: template.components.map((c) =>
        c.cluster ? c : { ...c, position: { x: c.position.x + 37, y: c.position.y + 11 } },
      ),
    };
    expect(layoutProblems(moved)).toEqual([]);
    const design = await revision1(await create({ name: "kept", design: moved }));
    expect(design.components.map((c) => [c.id, c.position])).toEqual(moved.components.map((c) => [c.id, c.position]));
  });
});

describe("duplicate", () => {
  it("lays out a source revision stored before layout existed, and keeps a readable one as it is", async () => {
    const readable = await create({ name: "readable", template: "sidecar-ha" });
    // A revision written straight to the database, as rows from before server-side layout are.
    const legacy = await create({ name: "legacy", template: "sidecar-ha" });
    const row = await db().revision.findFirstOrThrow({ where: { designId: legacy, number: 1 } });
    const doc = JSON.parse(row.document) as Design;
    doc.components = doc.components.map((c) => ({ ...c, position: { x: 0, y: 0 } }));
    await db().revision.update({ where: { id: row.id }, data: { document: JSON.stringify(doc) } });

    const dup = async (id: string) => {
      const res = await call(duplicateRoute.POST, "POST", `/api/designs/${id}/duplicate`, {
        as: editor,
        params: { id },
        body: {},
      });
      expect(res.status).toBe(201);
      return revision1(((await res.json()) as { id: string }).id);
    };
    expect(layoutProblems(await dup(legacy))).toEqual([]);
    const original = await revision1(readable);
    expect((await dup(readable)).components.map((c) => c.position)).toEqual(original.components.map((c) => c.position));
  });
});
