// The route helper against a real (temp SQLite) database: status codes and error shapes other routes rely on.
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createApiToken, revokeApiToken } from "@/server/auth/api-tokens";
import { createSession } from "@/server/auth/sessions";
import { createUser } from "@/server/auth/users";
import { useTestDatabase } from "@/server/db/testing";
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidError,
  NotFoundError,
  TooLargeError,
  TooManyRequestsError,
  UnprocessableError,
  UpstreamError,
} from "@/server/errors";
import { HttpError, route } from "@/server/http/route";

const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });
let viewerCookie = "";
let adminCookie = "";
let editorToken = "";
let editorTokenId = "";
let editorId = "";

beforeAll(async () => {
  await useTestDatabase();
  const viewer = await createUser({ email: "v@example.com", name: "Vera", role: "viewer", password: "password-1" });
  const admin = await createUser({ email: "a@example.com", name: "Ada", role: "admin", password: "password-1" });
  const editor = await createUser({ email: "e@example.com", name: "Eve", role: "editor", password: "password-1" });
  editorId = editor.id;
  viewerCookie = `studio_session=${(await createSession(viewer.id)).token}`;
  adminCookie = `studio_session=${(await createSession(admin.id)).token}`;
  const t = await createApiToken(editor.id, "ci");
  editorToken = t.token;
  editorTokenId = t.info.id;
});

function req(method: string, headers: Record<string, string> = {}, body?: string, url = "http://studio.test/api/x") {
  return new Request(url, { method, headers: { host: "studio.test", ...headers }, body });
}

const Body = z.object({ name: z.string().min(1), replicas: z.number().int().min(0) });
const createThing = route({ role: "editor", body: Body }, async ({ body, actor }) => ({
  created: body.name,
  by: actor?.user.email,
}));

describe("route()", () => {
  it("answers 401 JSON without a session or token", async () => {
    const res = await route({}, async () => ({ ok: true }))(req("GET"), ctx());
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: expect.any(String) });
  });

  it("answers 403 when the role is too small, 200 when it is enough", async () => {
    const h = route({ role: "admin" }, async () => ({ ok: true }));
    expect((await h(req("GET", { cookie: viewerCookie }), ctx())).status).toBe(403);
    const ok = await h(req("GET", { cookie: adminCookie }), ctx());
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true });
  });

  it("accepts an API token and refuses it once revoked", async () => {
    const body = JSON.stringify({ name: "a", replicas: 1 });
    const res = await createThing(req("POST", { authorization: `Bearer ${editorToken}` }, body), ctx());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ created: "a", by: "e@example.com" });
    expect(await revokeApiToken(editorId, editorTokenId)).toBe(true);
    const after = await createThing(req("POST", { authorization: `Bearer ${editorToken}` }, body), ctx());
    expect(after.status).toBe(401);
  });

  it("answers 400 with issues for a wrong field and for malformed JSON", async () => {
    const res = await createThing(
      req("POST", { cookie: adminCookie }, JSON.stringify({ name: "", replicas: "3" })),
      ctx(),
    );
    expect(res.status).toBe(400);
    const data = await res.json();
    expect(data.error).toEqual(expect.any(String));
    expect(data.issues.map((i: { path: string }) => i.path).sort()).toEqual(["name", "replicas"]);
    for (const issue of data.issues) expect(issue.message).toEqual(expect.any(String));

    const bad = await createThing(req("POST", { cookie: adminCookie }, "{name:"), ctx());
    expect(bad.status).toBe(400);
    const badData = await bad.json();
    expect(badData.error).toMatch(/JSON/);
    expect(badData.issues).toEqual([{ path: "", message: expect.any(String) }]);
  });

  it("validates query parameters the same way", async () => {
    const h = route({ query: z.object({ limit: z.coerce.number().int().max(100) }) }, async ({ query }) => query);
    const ok = await h(req("GET", { cookie: viewerCookie }, undefined, "http://studio.test/api/x?limit=5"), ctx());
    expect(await ok.json()).toEqual({ limit: 5 });
    const bad = await h(req("GET", { cookie: viewerCookie }, undefined, "http://studio.test/api/x?limit=500"), ctx());
    expect(bad.status).toBe(400);
    expect((await bad.json()).issues[0].path).toBe("limit");
  });

  it("answers 413 for bodies over the limit, declared or streamed", async () => {
    const h = route({ role: "viewer", body: z.any(), maxBodyBytes: 1000 }, async () => ({ ok: true }));
    const big = JSON.stringify({ blob: "x".repeat(2000) });
    const declared = await h(req("POST", { cookie: viewerCookie, "content-length": String(big.length) }, big), ctx());
    expect(declared.status).toBe(413);
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    const streamed = await h(
      new Request("http://studio.test/api/x", {
        method: "POST",
        headers: { host: "studio.test", cookie: viewerCookie },
        body: stream,
        duplex: "half",
      } as RequestInit),
      ctx(),
    );
    expect(streamed.status).toBe(413);
    expect((await streamed.json()).error).toMatch(/1000 bytes/);
    // The default limit is 1 MiB.
    const dflt = route({ body: z.any() }, async () => ({ ok: true }));
    const mib = JSON.stringify({ blob: "x".repeat(1024 * 1024) });
    expect((await dflt(req("POST", { cookie: viewerCookie }, mib), ctx())).status).toBe(413);
  });

  it("refuses cross-site writes but allows same-origin and Origin-less ones", async () => {
    const body = JSON.stringify({ name: "a", replicas: 1 });
    const cross = await createThing(req("POST", { cookie: adminCookie, origin: "https://evil.example" }, body), ctx());
    expect(cross.status).toBe(403);
    const nul = await createThing(req("POST", { cookie: adminCookie, origin: "null" }, body), ctx());
    expect(nul.status).toBe(403);
    const same = await createThing(req("POST", { cookie: adminCookie, origin: "http://studio.test" }, body), ctx());
    expect(same.status).toBe(200);
    const none = await createThing(req("POST", { cookie: adminCookie }, body), ctx());
    expect(none.status).toBe(200);
    // Reads are not state-changing: a cross-site GET is answered normally.
    const get = await route({}, async () => ({ ok: 1 }))(
      req("GET", { cookie: adminCookie, origin: "https://evil.example" }),
      ctx(),
    );
    expect(get.status).toBe(200);
  });

  it("turns HttpError into its status and any other throw into a stack-free 500", async () => {
    const notFound = await route({}, async () => {
      throw new HttpError(404, "design not found", { id: "d1" });
    })(req("GET", { cookie: viewerCookie }), ctx());
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toEqual({ error: "design not found", id: "d1" });
    const origError = console.error;
    console.error = () => {};
    try {
      const boom = await route({}, async () => {
        throw new Error("secret detail at /srv/app.ts:12");
      })(req("GET", { cookie: viewerCookie }), ctx());
      expect(boom.status).toBe(500);
      const text = await boom.text();
      expect(JSON.parse(text)).toEqual({ error: "internal error" });
      expect(text).not.toContain("secret detail");
    } finally {
      console.error = origError;
    }
  });

  it("passes params, lets public routes in, and maps undefined to 204", async () => {
    const h = route({ role: "public" }, async ({ params, actor }) => ({ id: params.id, signedIn: !!actor }));
    const res = await h(req("GET"), ctx({ id: "abc" }));
    expect(await res.json()).toEqual({ id: "abc", signedIn: false });
    const none = await route({}, async () => undefined)(req("DELETE", { cookie: viewerCookie }), ctx());
    expect(none.status).toBe(204);
  });
});

describe("route() maps domain errors to statuses, with the message and details", () => {
  const cases: [DomainError, number][] = [
    [new NotFoundError('design "d1" not found'), 404],
    [new ConflictError("the plan is stale", { latestRevision: 3 }), 409],
    [new InvalidError("kubeconfig rejected: not YAML"), 400],
    [new UnprocessableError('cluster "prod" is not bound'), 422],
    [new ForbiddenError("the credentials may not deploy", { missing: ["create secrets"] }), 403],
    [new TooLargeError("the import is larger than 4 MiB"), 413],
    [new TooManyRequestsError("too many comments; try again in 30 s", { retryAfterSeconds: 30 }), 429],
    [new UpstreamError('cannot reach cluster "sandbox"'), 502],
  ];
  for (const [err, status] of cases) {
    it(`${err.name} → ${status}`, async () => {
      const res = await route({ role: "viewer" }, async () => {
        throw err;
      })(req("GET", { cookie: viewerCookie }), ctx());
      expect(res.status).toBe(status);
      expect(await res.json()).toEqual({ ...err.details, error: err.message });
    });
  }
  it("a domain error with no status is a 500 that shows nothing of it", async () => {
    class Unmapped extends DomainError {}
    const res = await route({ role: "viewer" }, async () => {
      throw new Unmapped("secret internals");
    })(req("GET", { cookie: viewerCookie }), ctx());
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain("secret internals");
  });
});
