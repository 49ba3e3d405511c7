// The designs API end to end through its route handlers, against a real migrated SQLite database:
// templates, validation by path, size limits, immutable revisions, optimistic concurrency, secrets at
// rest and in every response, roles.
import { UnprocessableError } from "@/server/errors";
import { beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import * as designsRoute from "@/app/api/designs/route";
import * as designRoute from "@/app/api/designs/[id]/route";
import * as duplicateRoute from "@/app/api/designs/[id]/duplicate/route";
import * as revisionsRoute from "@/app/api/designs/[id]/revisions/route";
import * as revisionRoute from "@/app/api/designs/[id]/revisions/[rev]/route";
import * as manifestsRoute from "@/app/api/designs/[id]/manifests/route";
import * as lintRoute from "@/app/api/designs/[id]/lint/route";
import * as renderRoute from "@/app/api/render/route";
import * as templatesRoute from "@/app/api/templates/route";
import * as templateRoute from "@/app/api/templates/[name]/route";
import { MAX_COMPONENTS, SECRET_MASK } from "@/lib/topology";
import { TEMPLATES } from "@/lib/topology/templates";
import { db } from "@/server/db/client";
import { useTestDatabase } from "@/server/db/testing";
import { designService } from "@/server/designs/service";
import {
  call,
  makeUser,
  manyComponents,
  SECRET,
  SECRET_2,
  secretDesign,
  type TestDesign,
  type TestUser,
} from "./fixtures";

let editor: TestUser;
let editor2: TestUser;
let viewer: TestUser;

beforeAll(async () => {
  process.env.STUDIO_SECRET_KEY = "designs-api-test-key";
  await useTestDatabase();
  editor = await makeUser("editor", "Eve");
  editor2 = await makeUser("editor", "Ed");
  viewer = await makeUser("viewer", "Vera");
});

async function createDesign(body: unknown, as: TestUser = editor): Promise<string> {
  const res = await call(designsRoute.POST, "POST", "/api/designs", { as, body });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function getDesign(id: string, as: TestUser = viewer) {
  const res = await call(designRoute.GET, "GET", `/api/designs/${id}`, { as, params: { id } });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    name: string;
    latestRevision: number;
    revision: number;
    design: TestDesign & { description: string };
  };
}

function save(id: string, body: unknown, as: TestUser = editor) {
  return call(designRoute.PUT, "PUT", `/api/designs/${id}`, { as, body, params: { id } });
}

describe("templates", () => {
  it("lists every built-in template with its component count", async () => {
    const res = await call(templatesRoute.GET, "GET", "/api/templates", { as: viewer });
    expect(res.status).toBe(200);
    const { templates } = (await res.json()) as { templates: { name: string; componentCount: number }[] };
    expect(templates.map((t) => t.name)).toEqual(TEMPLATES.map((t) => t.name));
    for (const t of templates) expect(t.componentCount).toBeGreaterThan(1);
  });

  it("answers one template as a full design, 404 naming the known ones for an unknown name", async () => {
    const name = TEMPLATES[0].name;
    const ok = await call(templateRoute.GET, "GET", `/api/templates/${name}`, { as: viewer, params: { name } });
    expect(ok.status).toBe(200);
    const { design } = (await ok.json()) as { design: { components: unknown[]; schemaVersion: number } };
    expect(design.components.length).toBe(TEMPLATES[0].design.components.length);
    expect(design.schemaVersion).toBe(1);
    const missing = await call(templateRoute.GET, "GET", "/api/templates/nope", {
      as: viewer,
      params: { name: "nope" },
    });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: string }).error).toContain(name);
  });

  it.each(TEMPLATES.map((t) => t.name))("creates a design from template %s", async (template) => {
    const id = await createDesign({ name: `from ${template}`, template });
    const got = await getDesign(id);
    expect(got.name).toBe(`from ${template}`);
    expect(got.latestRevision).toBe(1);
    expect(got.revision).toBe(1);
    expect(got.design.components.length).toBe(TEMPLATES.find((t) => t.name === template)!.design.components.length);

    const list = await call(designsRoute.GET, "GET", "/api/designs", { as: viewer });
    const { designs } = (await list.json()) as {
      designs: { id: string; owner: { name: string }; lint: { errors: number; warnings: number } }[];
    };
    const row = designs.find((d) => d.id === id)!;
    expect(row.owner.name).toBe("Eve");
    // Built-in templates follow the documents, so they carry no lint errors.
    expect(row.lint.errors).toBe(0);
  });

  it("refuses an unknown template with 400 naming the known ones", async () => {
    const res = await call(designsRoute.POST, "POST", "/api/designs", {
      as: editor,
      body: { name: "x", template: "nope" },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { issues: { path: string; message: string }[] };
    expect(body.issues[0].path).toBe("template");
    expect(body.issues[0].message).toContain(TEMPLATES[0].name);
  });
});

describe("bad input", () => {
  it("lists every problem of an invalid design by path", async () => {
    const d = secretDesign("bad");
    const bad = {
      ...d,
      components: [
        ...d.components.map((c) => (c.id === "p1" ? { ...c, settings: { replicas: -1 } } : c)),
        { id: "x1", kind: "warpDrive", name: "w", cluster: "c1", settings: {} },
        { id: "x2", kind: "query", name: "Not_DNS", cluster: "c1", settings: {} },
        { id: "x3", kind: "query", name: "query", cluster: "c1", settings: {} },
      ],
      connections: [...d.connections, { id: "e9", kind: "remoteWrite", from: "q1", to: "b1" }],
    };
    const res = await call(designsRoute.POST, "POST", "/api/designs", {
      as: editor,
      body: { name: "bad", design: bad },
    });
    expect(res.status).toBe(400);
    const { error, issues } = (await res.json()) as { error: string; issues: { path: string; message: string }[] };
    expect(error).toMatch(/invalid design/);
    const paths = issues.map((i) => i.path);
    expect(paths).toContain("components.1.settings.replicas"); // negative replicas
    expect(paths).toContain("components.6.kind"); // unknown kind
    expect(paths).toContain("components.7.name"); // not DNS-1123
    // Schema-level issues stop before the cross-reference pass, so check that pass on its own below.
    const refs = await call(designsRoute.POST, "POST", "/api/designs", {
      as: editor,
      body: {
        name: "bad",
        design: {
          ...d,
          components: [...d.components, { id: "x3", kind: "query", name: "query", cluster: "c1", settings: {} }],
          connections: bad.connections,
        },
      },
    });
    expect(refs.status).toBe(400);
    const refIssues = ((await refs.json()) as { issues: { path: string; message: string }[] }).issues;
    expect(refIssues.map((i) => i.path)).toEqual(expect.arrayContaining(["components.6.name", "connections.5.kind"]));
    expect(refIssues.find((i) => i.path === "components.6.name")!.message).toMatch(/duplicate name/);
    expect(refIssues.find((i) => i.path === "connections.5.kind")!.message).toMatch(/illegal connection/);
  });

  it("refuses malformed JSON and a missing design with 400", async () => {
    const malformed = await call(designsRoute.POST, "POST", "/api/designs", { as: editor, raw: "{not json" });
    expect(malformed.status).toBe(400);
    const neither = await call(designsRoute.POST, "POST", "/api/designs", { as: editor, body: { name: "x" } });
    expect(neither.status).toBe(400);
    expect(((await neither.json()) as { issues: unknown[] }).issues.length).toBeGreaterThan(0);
  });

  it("refuses a 2 MiB body with 413", async () => {
    const d = secretDesign("huge");
    const padded = { name: "huge", design: { ...d, description: "x".repeat(2 * 1024 * 1024) } };
    const res = await call(designsRoute.POST, "POST", "/api/designs", { as: editor, body: padded });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/larger than/);
    const id = await createDesign({ name: "small", design: secretDesign() });
    const put = await save(id, { baseRevision: 1, design: padded.design });
    expect(put.status).toBe(413);
  });

  it("refuses 5,000 components with 413 and a clear error (create, save and render)", async () => {
    const big = manyComponents(5000);
    expect(JSON.stringify(big).length).toBeLessThan(1024 * 1024); // the component count, not the byte limit, refuses it
    const res = await call(designsRoute.POST, "POST", "/api/designs", {
      as: editor,
      body: { name: "big", design: big },
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toBe(
      `a design holds at most ${MAX_COMPONENTS} components; this one has 5001`,
    );
    const id = await createDesign({ name: "small", design: secretDesign() });
    expect((await save(id, { baseRevision: 1, design: big })).status).toBe(413);
    expect((await call(renderRoute.POST, "POST", "/api/render", { as: viewer, body: { design: big } })).status).toBe(
      413,
    );
  });
});

describe("revisions", () => {
  it("a save creates revision N+1 and leaves revision N unchanged", async () => {
    const id = await createDesign({ name: "immutable", design: secretDesign() });
    const before = await call(revisionRoute.GET, "GET", `/api/designs/${id}/revisions/1`, {
      as: viewer,
      params: { id, rev: "1" },
    });
    const rev1 = await before.json();

    const edited = { ...secretDesign("immutable"), description: "second" };
    edited.components = edited.components.map((c) => (c.id === "q1" ? { ...c, settings: { replicas: 5 } } : c));
    const res = await save(id, { baseRevision: 1, design: edited, message: "five queriers" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ revision: 2 });

    const after = await call(revisionRoute.GET, "GET", `/api/designs/${id}/revisions/1`, {
      as: viewer,
      params: { id, rev: "1" },
    });
    expect(await after.json()).toEqual(rev1);
    const latest = await getDesign(id);
    expect(latest.latestRevision).toBe(2);
    expect(latest.design.description).toBe("second");
    expect((latest.design.components.find((c) => c.id === "q1")!.settings as { replicas: number }).replicas).toBe(5);

    const list = await call(revisionsRoute.GET, "GET", `/api/designs/${id}/revisions`, { as: viewer, params: { id } });
    const { revisions } = (await list.json()) as {
      revisions: { revision: number; author: { name: string }; message: string; lint: { errors: number } }[];
    };
    expect(revisions.map((r) => r.revision)).toEqual([2, 1]);
    expect(revisions[0]).toMatchObject({ author: { name: "Eve" }, message: "five queriers" });
    expect(typeof revisions[0].lint.errors).toBe("number");

    const missing = await call(revisionRoute.GET, "GET", `/api/designs/${id}/revisions/9`, {
      as: viewer,
      params: { id, rev: "9" },
    });
    expect(missing.status).toBe(404);
    const notNumber = await call(revisionRoute.GET, "GET", `/api/designs/${id}/revisions/x`, {
      as: viewer,
      params: { id, rev: "x" },
    });
    expect(notNumber.status).toBe(400);
  });

  it("a revision message over 500 characters is refused with 400 naming it, and nothing is stored", async () => {
    const id = await createDesign({ name: "long message", design: secretDesign() });
    const res = await save(id, { baseRevision: 1, design: secretDesign("long message"), message: "x".repeat(501) });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/message/);
    expect((await getDesign(id)).latestRevision).toBe(1);
    // Blank is no message at all.
    expect((await save(id, { baseRevision: 1, design: secretDesign("long message"), message: "   " })).status).toBe(
      200,
    );
    const list = await call(revisionsRoute.GET, "GET", `/api/designs/${id}/revisions`, { as: viewer, params: { id } });
    const { revisions } = (await list.json()) as { revisions: { revision: number; message: string | null }[] };
    expect(revisions[0]).toMatchObject({ revision: 2, message: null });
  });

  it("a stale baseRevision answers 409 with the current revision", async () => {
    const id = await createDesign({ name: "stale", design: secretDesign() });
    expect((await save(id, { baseRevision: 1, design: secretDesign("stale") })).status).toBe(200);
    const res = await save(id, { baseRevision: 1, design: secretDesign("stale") }, editor2);
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: string; currentRevision: number };
    expect(body.currentRevision).toBe(2);
    expect(body.error).toMatch(/revision 2/);
    expect((await getDesign(id)).latestRevision).toBe(2);
  });

  it("two clients saving on the same base at once: exactly one wins, every time", async () => {
    const id = await createDesign({ name: "race", design: secretDesign() });
    for (let base = 1; base <= 5; base++) {
      const [a, b] = await Promise.all([
        save(id, { baseRevision: base, design: { ...secretDesign("race"), description: `eve ${base}` } }, editor),
        save(id, { baseRevision: base, design: { ...secretDesign("race"), description: `ed ${base}` } }, editor2),
      ]);
      const statuses = [a.status, b.status].sort();
      expect(statuses).toEqual([200, 409]);
      const winner = a.status === 200 ? a : b;
      expect(await winner.json()).toEqual({ revision: base + 1 });
    }
    expect((await getDesign(id)).latestRevision).toBe(6);
    expect(await db().revision.count({ where: { designId: id } })).toBe(6);
  });
});

describe("secrets", () => {
  it("never appear in a response or in the database, survive a masked save, and decrypt for deploy", async () => {
    const id = await createDesign({ name: "secret", design: secretDesign("secret") });
    const responses: string[] = [];
    const record = async (res: Response) => {
      expect(res.status, await res.clone().text()).toBeLessThan(300);
      responses.push(await res.text());
    };

    await record(await call(designsRoute.GET, "GET", "/api/designs", { as: viewer }));
    const got = await getDesign(id);
    responses.push(JSON.stringify(got));
    const bucket = got.design.components.find((c) => c.id === "b1")!.settings as {
      accessKey?: string;
      secretKey?: string;
    };
    expect(bucket.accessKey).toBe(SECRET_MASK);
    expect(bucket.secretKey).toBe(SECRET_MASK);

    // Save the masked document back (what the editor does): the stored values must be kept.
    const res = await save(id, { baseRevision: 1, design: { ...got.design, description: "masked save" } });
    await record(res);

    await record(await call(revisionsRoute.GET, "GET", `/api/designs/${id}/revisions`, { as: viewer, params: { id } }));
    for (const rev of ["1", "2"])
      await record(
        await call(revisionRoute.GET, "GET", `/api/designs/${id}/revisions/${rev}`, {
          as: viewer,
          params: { id, rev },
        }),
      );
    const manifests = await call(manifestsRoute.GET, "GET", `/api/designs/${id}/manifests`, {
      as: viewer,
      params: { id },
    });
    expect(manifests.headers.get("content-type")).toMatch(/^text\/yaml/);
    const allYaml = await manifests.clone().text();
    await record(manifests);
    await record(
      await call(manifestsRoute.GET, "GET", `/api/designs/${id}/manifests`, {
        as: viewer,
        params: { id },
        query: { cluster: "eu-1", revision: 1 },
      }),
    );
    await record(await call(lintRoute.GET, "GET", `/api/designs/${id}/lint`, { as: viewer, params: { id } }));
    await record(
      await call(renderRoute.POST, "POST", "/api/render", { as: viewer, body: { design: secretDesign("secret") } }),
    );
    await record(
      await call(duplicateRoute.POST, "POST", `/api/designs/${id}/duplicate`, { as: editor, params: { id }, body: {} }),
    );

    for (const text of responses) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(SECRET_2);
    }
    // The masked objStore Secret is still rendered, with the mask in place of the key.
    expect(allYaml).toContain(SECRET_MASK);

    const rows = await db().revision.findMany({ where: { designId: id } });
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.document).not.toContain(SECRET);
      expect(row.document).not.toContain(SECRET_2);
      expect(row.document).not.toContain(SECRET_MASK);
      expect(row.document).toMatch(/"accessKey":"v1:/);
    }

    const clear = await designService().getDecryptedRevision(id, 2);
    const s = clear.design.components.find((c) => c.id === "b1")!.settings as {
      accessKey?: string;
      secretKey?: string;
    };
    expect(s).toMatchObject({ accessKey: SECRET, secretKey: SECRET_2 });
  });

  it("a new value replaces the stored one and an omitted value removes it", async () => {
    const id = await createDesign({ name: "rotate", design: secretDesign("rotate") });
    expect(
      (await save(id, { baseRevision: 1, design: secretDesign("rotate", "AKIA-ROTATED", SECRET_MASK) })).status,
    ).toBe(200);
    const two = (await designService().getDecryptedRevision(id)).design.components.find((c) => c.id === "b1")!.settings;
    expect(two).toMatchObject({ accessKey: "AKIA-ROTATED", secretKey: SECRET_2 });
    const withoutAccessKey = secretDesign("rotate", "unused", SECRET_MASK);
    delete withoutAccessKey.components.find((c) => c.id === "b1")!.settings.accessKey;
    expect((await save(id, { baseRevision: 2, design: withoutAccessKey })).status).toBe(200);
    const three = (await designService().getDecryptedRevision(id)).design.components.find((c) => c.id === "b1")!
      .settings as Record<string, unknown>;
    expect(three.accessKey).toBeUndefined();
    expect(three.secretKey).toBe(SECRET_2);
  });

  it("after the secret key changes: reads still work, deploy gets a clear error, a masked save drops what cannot be read", async () => {
    const id = await createDesign({ name: "rekeyed", design: secretDesign("rekeyed") });
    const original = process.env.STUDIO_SECRET_KEY;
    process.env.STUDIO_SECRET_KEY = "a-different-key";
    try {
      const got = await getDesign(id);
      expect(got.design.components.find((c) => c.id === "b1")!.settings).toMatchObject({ accessKey: SECRET_MASK });
      const err = await designService()
        .getDecryptedRevision(id)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UnprocessableError);
      expect((err as Error).message).toMatch(/re-enter/);
      const res = await save(id, { baseRevision: 1, design: got.design });
      expect(res.status).toBe(200);
      const after = (await designService().getDecryptedRevision(id)).design.components.find((c) => c.id === "b1")!
        .settings as Record<string, unknown>;
      expect(after.accessKey).toBeUndefined();
      expect(after.secretKey).toBeUndefined();
    } finally {
      process.env.STUDIO_SECRET_KEY = original;
    }
  });

  it("a mask with nothing stored behind it is dropped, never stored", async () => {
    const id = await createDesign({ name: "mask-only", design: secretDesign("mask-only", SECRET_MASK, SECRET_MASK) });
    const row = await db().revision.findFirstOrThrow({ where: { designId: id } });
    expect(row.document).not.toContain("accessKey");
    expect(row.document).not.toContain("secretKey");
    expect(row.document).not.toContain(SECRET_MASK);
  });
});

describe("manifests, lint and render", () => {
  it("serves one cluster or all clusters as multi-document YAML; unknown cluster → 404 naming the known ones", async () => {
    const template =
      TEMPLATES.find((t) => t.design.components.filter((c) => c.kind === "cluster").length > 1) ?? TEMPLATES[0];
    const id = await createDesign({ name: "multi", template: template.name });
    const clusters = (await getDesign(id)).design.components.filter((c) => c.kind === "cluster").map((c) => c.name);

    const all = await call(manifestsRoute.GET, "GET", `/api/designs/${id}/manifests`, { as: viewer, params: { id } });
    expect(all.status).toBe(200);
    const text = await all.text();
    for (const name of clusters) expect(text).toContain(`# cluster: ${name}\n`);
    const docs = parseAllDocuments(text);
    for (const d of docs) expect(d.errors).toEqual([]);
    const objects = docs
      .map((d) => d.toJSON() as { kind: string; metadata: { labels: Record<string, string> } })
      .filter(Boolean);
    expect(objects.length).toBeGreaterThan(clusters.length);
    for (const o of objects) expect(o.metadata.labels["topology-studio.dev/design"]).toBe(id);

    const one = await call(manifestsRoute.GET, "GET", `/api/designs/${id}/manifests`, {
      as: viewer,
      params: { id },
      query: { cluster: clusters[0] },
    });
    expect(one.status).toBe(200);
    const oneText = await one.text();
    expect(oneText).not.toContain("# cluster:");
    expect(parseAllDocuments(oneText).length).toBeGreaterThan(0);

    const unknown = await call(manifestsRoute.GET, "GET", `/api/designs/${id}/manifests`, {
      as: viewer,
      params: { id },
      query: { cluster: "mars" },
    });
    expect(unknown.status).toBe(404);
    const err = ((await unknown.json()) as { error: string }).error;
    expect(err).toContain("mars");
    for (const name of clusters) expect(err).toContain(name);

    const badRev = await call(manifestsRoute.GET, "GET", `/api/designs/${id}/manifests`, {
      as: viewer,
      params: { id },
      query: { revision: 7 },
    });
    expect(badRev.status).toBe(404);
  });

  it("lint answers the findings of a revision", async () => {
    const d = secretDesign("lint");
    // Two compactors on one bucket: an error the documents warn about.
    d.components.push({
      id: "k2",
      kind: "compactor",
      name: "compact-2",
      cluster: "c1",
      position: { x: 0, y: 0 },
      settings: {},
    });
    d.connections.push({ id: "e6", kind: "uploadsTo", from: "k2", to: "b1" });
    const id = await createDesign({ name: "lint", design: d });
    const res = await call(lintRoute.GET, "GET", `/api/designs/${id}/lint`, {
      as: viewer,
      params: { id },
      query: { revision: 1 },
    });
    expect(res.status).toBe(200);
    const { findings } = (await res.json()) as { findings: { rule: string; severity: string; componentId?: string }[] };
    expect(findings.some((f) => f.severity === "error")).toBe(true);
    const list = await call(designsRoute.GET, "GET", "/api/designs", { as: viewer });
    const row = ((await list.json()) as { designs: { id: string; lint: { errors: number } }[] }).designs.find(
      (x) => x.id === id,
    )!;
    expect(row.lint.errors).toBe(findings.filter((f) => f.severity === "error").length);

    // The history shows the same counts, whether stored with the revision or recomputed (rows older than the columns).
    const history = async () =>
      (
        (await (
          await call(revisionsRoute.GET, "GET", `/api/designs/${id}/revisions`, { as: viewer, params: { id } })
        ).json()) as { revisions: { lint: { errors: number; warnings: number } }[] }
      ).revisions[0].lint;
    const remembered = await history();
    expect(remembered).toEqual({
      errors: row.lint.errors,
      warnings: findings.filter((f) => f.severity === "warning").length,
    });
    await db().revision.updateMany({ where: { designId: id }, data: { lintErrors: null, lintWarnings: null } });
    expect(await history()).toEqual(remembered);
  });

  it("renders an unsaved design per cluster with its findings; invalid → 400, unknown cluster → 404", async () => {
    const res = await call(renderRoute.POST, "POST", "/api/render", {
      as: viewer,
      body: { design: secretDesign("preview") },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      clusters: { name: string; yaml: string; objectCount: number }[];
      findings: unknown[];
    };
    expect(body.clusters.map((c) => c.name)).toEqual(["eu-1"]);
    expect(body.clusters[0].objectCount).toBe(parseAllDocuments(body.clusters[0].yaml).length);
    expect(Array.isArray(body.findings)).toBe(true);

    const one = await call(renderRoute.POST, "POST", "/api/render", {
      as: viewer,
      body: { design: secretDesign("preview"), cluster: "eu-1" },
    });
    expect(one.status).toBe(200);
    const unknown = await call(renderRoute.POST, "POST", "/api/render", {
      as: viewer,
      body: { design: secretDesign("preview"), cluster: "mars" },
    });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toContain("eu-1");
    const invalid = await call(renderRoute.POST, "POST", "/api/render", {
      as: viewer,
      body: { design: { name: "x", components: [{ id: "a", kind: "nope" }] } },
    });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { issues: { path: string }[] }).issues[0].path).toBe("components.0.kind");
  });
});

describe("rename, duplicate, delete", () => {
  it("rename keeps the revision; duplicate copies the latest revision as revision 1; delete removes it", async () => {
    const id = await createDesign({ name: "original", design: secretDesign("original") });
    expect(
      (await save(id, { baseRevision: 1, design: { ...secretDesign("original"), description: "rev 2" } })).status,
    ).toBe(200);

    const renamed = await call(designRoute.PATCH, "PATCH", `/api/designs/${id}`, {
      as: editor,
      params: { id },
      body: { name: "renamed" },
    });
    expect(renamed.status).toBe(200);
    const after = await getDesign(id);
    expect(after).toMatchObject({ name: "renamed", latestRevision: 2 });

    const dup = await call(duplicateRoute.POST, "POST", `/api/designs/${id}/duplicate`, {
      as: editor2,
      params: { id },
      body: { name: "copy" },
    });
    expect(dup.status).toBe(201);
    const copyId = ((await dup.json()) as { id: string }).id;
    const copy = await getDesign(copyId);
    expect(copy).toMatchObject({ name: "copy", latestRevision: 1, owner: { name: "Ed" } });
    expect(copy.design.description).toBe("rev 2");
    // The copy's secrets were carried over sealed and still decrypt.
    const clear = await designService().getDecryptedRevision(copyId, 1);
    expect(clear.design.components.find((c) => c.id === "b1")!.settings).toMatchObject({ accessKey: SECRET });

    const del = await call(designRoute.DELETE, "DELETE", `/api/designs/${id}`, { as: editor, params: { id } });
    expect(del.status).toBe(204);
    const gone = await call(designRoute.GET, "GET", `/api/designs/${id}`, { as: viewer, params: { id } });
    expect(gone.status).toBe(404);
    expect(await db().revision.count({ where: { designId: id } })).toBe(0);
    expect(
      (await call(designRoute.DELETE, "DELETE", `/api/designs/${id}`, { as: editor, params: { id } })).status,
    ).toBe(404);
    expect((await getDesign(copyId)).name).toBe("copy");
  });
});

describe("access", () => {
  it("a viewer reads but cannot write (403); no credentials → 401", async () => {
    const id = await createDesign({ name: "guarded", design: secretDesign("guarded") });
    const writes: [Parameters<typeof call>[0], string, string, object][] = [
      [designsRoute.POST, "POST", "/api/designs", { body: { name: "v", template: TEMPLATES[0].name } }],
      [
        designRoute.PUT,
        "PUT",
        `/api/designs/${id}`,
        { params: { id }, body: { baseRevision: 1, design: secretDesign("guarded") } },
      ],
      [designRoute.PATCH, "PATCH", `/api/designs/${id}`, { params: { id }, body: { name: "mine" } }],
      [designRoute.DELETE, "DELETE", `/api/designs/${id}`, { params: { id } }],
      [duplicateRoute.POST, "POST", `/api/designs/${id}/duplicate`, { params: { id }, body: {} }],
    ];
    for (const [handler, method, path, opts] of writes) {
      const res = await call(handler, method, path, { as: viewer, ...opts });
      expect(res.status, `${method} ${path}`).toBe(403);
      const anon = await call(handler, method, path, { as: null, ...opts });
      expect(anon.status, `${method} ${path} anonymous`).toBe(401);
    }
    const got = await getDesign(id, viewer);
    expect(got).toMatchObject({ name: "guarded", latestRevision: 1 });
    expect((await call(designsRoute.GET, "GET", "/api/designs", { as: null })).status).toBe(401);
  });
});
