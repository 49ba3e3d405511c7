// The designs list carries what its search and sort need: the latest revision's description and the
// creation time, read from a real migrated SQLite database through the route handler.
import { beforeAll, describe, expect, it } from "vitest";
import * as designsRoute from "@/app/api/designs/route";
import * as designRoute from "@/app/api/designs/[id]/route";
import { useTestDatabase } from "@/server/db/testing";
import { call, makeUser, type TestUser } from "./fixtures";

let editor: TestUser;
let viewer: TestUser;

beforeAll(async () => {
  process.env.STUDIO_SECRET_KEY = "designs-list-test-key";
  await useTestDatabase();
  editor = await makeUser("editor", "Lena");
  viewer = await makeUser("viewer", "Vic");
});

interface Row {
  id: string;
  description: string;
  createdAt: string;
  updatedAt: string;
}

async function list(): Promise<Row[]> {
  const res = await call(designsRoute.GET, "GET", "/api/designs", { as: viewer });
  expect(res.status).toBe(200);
  return ((await res.json()) as { designs: Row[] }).designs;
}

describe("GET /api/designs for the list's search and sort", () => {
  it("gives each design the description of its latest revision and when it was created", async () => {
    const created = await call(designsRoute.POST, "POST", "/api/designs", {
      as: editor,
      body: { name: "list search", template: "sidecar-ha" },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const first = (await list()).find((d) => d.id === id)!;
    expect(first.description).toMatch(/Highly available Prometheus/);
    expect(Date.parse(first.createdAt)).toBeGreaterThan(Date.now() - 60_000);

    const detail = (await (
      await call(designRoute.GET, "GET", `/api/designs/${id}`, { as: viewer, params: { id } })
    ).json()) as { design: Record<string, unknown> };
    const saved = await call(designRoute.PUT, "PUT", `/api/designs/${id}`, {
      as: editor,
      params: { id },
      body: { baseRevision: 1, design: { ...detail.design, description: "EU edge clusters, revision two" } },
    });
    expect(saved.status, await saved.clone().text()).toBe(200);

    const second = (await list()).find((d) => d.id === id)!;
    expect(second.description).toBe("EU edge clusters, revision two");
    expect(second.createdAt).toBe(first.createdAt);
    expect(second.updatedAt >= first.updatedAt).toBe(true);
  });
});
