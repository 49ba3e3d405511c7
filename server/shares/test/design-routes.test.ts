// The signed-in review routes under /api/designs/:id (shares, comments, approvals), called with real Requests.
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/server/db/testing";
import * as shares from "@/app/api/designs/[id]/shares/route";
import * as share from "@/app/api/designs/[id]/shares/[shareId]/route";
import * as comments from "@/app/api/designs/[id]/comments/route";
import * as comment from "@/app/api/designs/[id]/comments/[commentId]/route";
import * as approvals from "@/app/api/designs/[id]/approvals/route";
import { designRows, userWithSession } from "./fixtures";

let viewer = "";
let editor = "";
let deployer = "";
let designId = "";

beforeAll(async () => {
  await useTestDatabase();
  viewer = (await userWithSession("viewer", "Vic")).cookie;
  const e = await userWithSession("editor", "Eve");
  editor = e.cookie;
  deployer = (await userWithSession("deployer", "Dan")).cookie;
  designId = await designRows(e.actor.user.id, [
    { name: "x", components: [] },
    { name: "x", components: [] },
  ]);
});

const call = (
  h: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>,
  method: string,
  cookie: string | null,
  params: Record<string, string>,
  body?: unknown,
) =>
  h(
    new Request("http://studio.test/api/x", {
      method,
      headers: {
        host: "studio.test",
        ...(cookie ? { cookie } : {}),
        ...(body ? { "content-type": "application/json" } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { params: Promise.resolve(params) },
  );

describe("/api/designs/:id/shares", () => {
  it("lets an editor create (201 with url, token, expiresAt), a viewer list but not create, nobody anonymous", async () => {
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const res = await call(
      shares.POST,
      "POST",
      editor,
      { id: designId },
      { revision: 1, expiresAt, allowComments: true },
    );
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ url: `http://studio.test/share/${body.token}`, expiresAt });
    expect((await call(shares.POST, "POST", viewer, { id: designId }, {})).status).toBe(403);
    expect((await call(shares.GET, "GET", null, { id: designId })).status).toBe(401);

    const list = await (await call(shares.GET, "GET", viewer, { id: designId })).json();
    expect(list.shares).toHaveLength(1);
    expect(list.shares[0]).toMatchObject({
      revision: 1,
      allowComments: true,
      state: "active",
      createdBy: { name: "Eve" },
    });

    expect((await call(share.DELETE, "DELETE", viewer, { id: designId, shareId: list.shares[0].id })).status).toBe(403);
    const revoked = await call(share.DELETE, "DELETE", editor, { id: designId, shareId: list.shares[0].id });
    expect(revoked.status).toBe(200);
    expect((await revoked.json()).share.state).toBe("revoked");
  });

  it("answers 400 with issue paths for a bad body and 404 for an unknown design", async () => {
    const bad = await call(shares.POST, "POST", editor, { id: designId }, { revision: "first", allowComments: "yes" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).issues.map((i: { path: string }) => i.path).sort()).toEqual([
      "allowComments",
      "revision",
    ]);
    expect((await call(shares.POST, "POST", editor, { id: "missing" }, {})).status).toBe(404);
  });
});

describe("/api/designs/:id/comments", () => {
  it("lets any signed-in user comment under their account name; editors resolve", async () => {
    const res = await call(
      comments.POST,
      "POST",
      viewer,
      { id: designId },
      { body: "Retention too short?", componentId: "p1", displayName: "ignored" },
    );
    expect(res.status).toBe(201);
    const { comment: c } = await res.json();
    expect(c).toMatchObject({ authorName: "Vic", signedIn: true, componentId: "p1" });
    expect(
      (await call(comment.PATCH, "PATCH", viewer, { id: designId, commentId: c.id }, { resolved: true })).status,
    ).toBe(403);
    expect(
      (await call(comment.PATCH, "PATCH", editor, { id: designId, commentId: c.id }, { resolved: true })).status,
    ).toBe(200);
    const list = await (await call(comments.GET, "GET", editor, { id: designId })).json();
    expect(list.comments[0]).toMatchObject({ body: "Retention too short?", resolvedAt: expect.any(String) });
    expect((await call(comments.POST, "POST", viewer, { id: designId }, { body: "   " })).status).toBe(400);
  });
});

describe("/api/designs/:id/approvals", () => {
  it("needs the deployer role to approve; everyone signed in sees the approved revision", async () => {
    expect((await call(approvals.POST, "POST", editor, { id: designId }, { revision: 2 })).status).toBe(403);
    const ok = await call(approvals.POST, "POST", deployer, { id: designId }, { revision: 2 });
    expect(ok.status).toBe(200);
    const seen = await (await call(approvals.GET, "GET", viewer, { id: designId })).json();
    expect(seen).toMatchObject({
      approvedRevision: 2,
      latestRevision: 2,
      approvals: [{ revision: 2, user: { name: "Dan" } }],
    });
    expect((await call(approvals.POST, "POST", deployer, { id: designId }, { revision: 3 })).status).toBe(404);
  });
});
