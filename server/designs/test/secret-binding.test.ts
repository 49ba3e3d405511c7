// Object-store endpoints and kept secrets on save, duplicate and save-as-copy, through the real route
// handlers on a temp SQLite database.
import { beforeAll, describe, expect, it } from "vitest";
import * as designRoute from "@/app/api/designs/[id]/route";
import * as duplicateRoute from "@/app/api/designs/[id]/duplicate/route";
import * as designsRoute from "@/app/api/designs/route";
import { SECRET_MASK } from "@/lib/topology";
import { useTestDatabase } from "@/server/db/testing";
import { updateSettings } from "@/server/db/settings";
import { designService } from "@/server/designs/service";
import { call, makeUser, secretDesign, SECRET, SECRET_2, type TestDesign, type TestUser } from "./fixtures";

let admin: TestUser;
let editor: TestUser;

beforeAll(async () => {
  await useTestDatabase();
  admin = await makeUser("admin", "Ada");
  editor = await makeUser("editor", "Eve");
});

async function create(as: TestUser, design: TestDesign): Promise<string> {
  const res = await call(designsRoute.POST, "POST", "/api/designs", { as, body: { name: design.name, design } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** The design as the browser has it (secrets masked) with the object store's settings changed. */
async function edited(id: string, change: Record<string, unknown>): Promise<{ design: TestDesign; base: number }> {
  const detail = await designService().get(id);
  const design = structuredClone(detail.design) as unknown as TestDesign;
  const store = design.components.find((c) => c.kind === "objectStore")!;
  store.settings = { ...store.settings, ...change };
  return { design, base: detail.revision };
}

const save = (as: TestUser, id: string, body: { design: TestDesign; base: number }) =>
  call(designRoute.PUT, "PUT", `/api/designs/${id}`, {
    as,
    params: { id },
    body: { baseRevision: body.base, design: body.design },
  });

const storedKeys = async (id: string) => {
  const { design } = await designService().getDecryptedRevision(id);
  const s = design.components.find((c) => c.kind === "objectStore")!.settings as Record<string, unknown>;
  return { accessKey: s.accessKey, secretKey: s.secretKey };
};

describe("object-store endpoints on save", () => {
  it("refuses an endpoint outside the allow-list with 400 naming the path, and stores nothing", async () => {
    const id = await create(editor, secretDesign("ssrf"));
    const res = await save(
      editor,
      id,
      await edited(id, { endpoint: "127.0.0.1:9000", accessKey: "n", secretKey: "n" }),
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { issues: Array<{ path: string; message: string }> };
    expect(body.issues[0]).toMatchObject({ path: "components.5.settings.endpoint" });
    expect((await designService().get(id)).revision).toBe(1);
  });

  it("accepts it once an admin allows it", async () => {
    const id = await create(editor, secretDesign("allowed"));
    await updateSettings({ objectStoreEndpoints: ["127.0.0.1/32"] });
    try {
      const res = await save(
        editor,
        id,
        await edited(id, { endpoint: "127.0.0.1:9000", accessKey: "n", secretKey: "n" }),
      );
      expect(res.status).toBe(200);
    } finally {
      await updateSettings({ objectStoreEndpoints: [] });
    }
  });
});

describe("kept secrets stay bound to their object store", () => {
  for (const [what, change] of [
    ["endpoint", { endpoint: "s3.us-east-1.amazonaws.com" }],
    ["bucket", { bucket: "attacker-bucket" }],
    ["region", { region: "us-east-1" }],
    ["provider", { provider: "cos" }],
  ] as const) {
    it(`asks to re-enter the keys when the ${what} changes`, async () => {
      const id = await create(admin, secretDesign(`rebind-${what}`));
      const res = await save(editor, id, await edited(id, change));
      expect(res.status).toBe(400);
      const body = (await res.json()) as { issues: Array<{ path: string; message: string }> };
      expect(body.issues.map((i) => i.path).sort()).toEqual([
        "components.5.settings.accessKey",
        "components.5.settings.secretKey",
      ]);
      expect(body.issues[0].message).toContain(`${what} changed`);
      expect(await storedKeys(id)).toEqual({ accessKey: SECRET, secretKey: SECRET_2 });
    });
  }

  it("takes new keys with the new bucket, and keeps the old ones while nothing they are bound to changes", async () => {
    const id = await create(admin, secretDesign("rebind-new-keys"));
    expect(
      (await save(editor, id, await edited(id, { bucket: "b2", accessKey: "AK2", secretKey: "SK2" }))).status,
    ).toBe(200);
    expect(await storedKeys(id)).toEqual({ accessKey: "AK2", secretKey: "SK2" });
    const same = await edited(id, { insecure: true });
    expect((same.design.components[5].settings as { accessKey: string }).accessKey).toBe(SECRET_MASK);
    expect((await save(editor, id, same)).status).toBe(200);
    expect(await storedKeys(id)).toEqual({ accessKey: "AK2", secretKey: "SK2" });
  });
});

describe("copies keep secrets only up to the copier's role", () => {
  it("an editor duplicating an admin's design gets the design without the admin's keys", async () => {
    const id = await create(admin, secretDesign("admins"));
    const res = await call(duplicateRoute.POST, "POST", `/api/designs/${id}/duplicate`, {
      as: editor,
      params: { id },
      body: {},
    });
    expect(res.status).toBe(201);
    const copy = (await res.json()) as { id: string; secretsCopied: boolean };
    expect(copy.secretsCopied).toBe(false);
    expect(await storedKeys(copy.id)).toEqual({ accessKey: undefined, secretKey: undefined });
  });

  it("the owner and higher roles keep them", async () => {
    const id = await create(editor, secretDesign("editors"));
    for (const who of [editor, admin]) {
      const res = await call(duplicateRoute.POST, "POST", `/api/designs/${id}/duplicate`, {
        as: who,
        params: { id },
        body: {},
      });
      const copy = (await res.json()) as { id: string; secretsCopied: boolean };
      expect(copy.secretsCopied).toBe(true);
      expect(await storedKeys(copy.id)).toEqual({ accessKey: SECRET, secretKey: SECRET_2 });
    }
  });

  it("save-as-copy takes kept secrets from the revision it started from, under the same rules", async () => {
    const id = await create(admin, secretDesign("copy-source"));
    const { design } = await edited(id, { insecure: true });
    const asCopy = (as: TestUser, name: string) =>
      call(designsRoute.POST, "POST", "/api/designs", {
        as,
        body: { name, design: { ...design, name }, copyOf: { design: id, revision: 1 } },
      });
    const mine = await asCopy(admin, "admin copy");
    expect(mine.status).toBe(201);
    expect(await storedKeys(((await mine.json()) as { id: string }).id)).toEqual({
      accessKey: SECRET,
      secretKey: SECRET_2,
    });
    const theirs = await asCopy(editor, "editor copy");
    expect(theirs.status).toBe(201);
    expect(await storedKeys(((await theirs.json()) as { id: string }).id)).toEqual({
      accessKey: undefined,
      secretKey: undefined,
    });
  });
});
