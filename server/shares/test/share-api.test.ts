// The public share API end to end against a real database, real designs (stored with sealed secrets by the
// designs service) and real rendering: what a link shows, what it never shows, and when it stops working.
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/server/db/testing";
import { designService } from "@/server/designs/service";
import { parseDesign } from "@/lib/topology/design";
import { getTemplate } from "@/lib/topology/templates";
import * as shareRoute from "@/app/api/share/[token]/route";
import * as manifestsRoute from "@/app/api/share/[token]/manifests/route";
import * as lintRoute from "@/app/api/share/[token]/lint/route";
import * as commentsRoute from "@/app/api/share/[token]/comments/route";
import { listComments } from "@/server/comments/service";
import { GUEST_COMMENTS_PER_ADDRESS } from "../comments";
import { revokeShare } from "../service";
import type { Actor } from "@/server/auth/actor";
import { getShare, newShare, userWithSession, type ShareHandler } from "./fixtures";

const SECRET = "AKIA-SHARE-TEST-SECRET";
let editor: Actor;
let designId = "";

const get = getShare;
/** `address` is the socket peer (what peer-address.ts stamps); `forwardedFor` what the client claims. */
const post = (h: ShareHandler, token: string, body: unknown, address = "203.0.113.7", forwardedFor?: string) =>
  h(
    new Request(`http://studio.test/api/share/${token}/comments`, {
      method: "POST",
      headers: {
        host: "studio.test",
        "content-type": "application/json",
        "x-studio-peer": address,
        ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}),
      },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({ token }) },
  );

const share = (input: object) => newShare(editor, designId, input);

beforeAll(async () => {
  await useTestDatabase();
  editor = (await userWithSession("editor", "Eve")).actor;
  const svc = designService();
  const doc = parseDesign(getTemplate("sidecar-ha")!.design);
  const withKeys = {
    ...doc,
    components: doc.components.map((c) =>
      c.kind === "objectStore" ? { ...c, settings: { ...c.settings, accessKey: SECRET, secretKey: `${SECRET}-2` } } : c,
    ),
  };
  designId = (await svc.create({ id: editor.user.id }, { name: "shared", design: withKeys })).id;
  const prom = withKeys.components.find((c) => c.kind === "prometheus")!;
  const rev2 = {
    ...withKeys,
    components: withKeys.components.map((c) =>
      c.id === prom.id ? { ...c, settings: { ...c.settings, retention: "13h" } } : c,
    ),
  };
  await svc.save({ id: editor.user.id }, designId, { baseRevision: 1, design: rev2, message: "shorter retention" });
});

describe("GET /api/share/:token", () => {
  it("shows the latest revision, masked, with every revision for the picker", async () => {
    const { token } = await share({ revision: "latest", allowComments: true });
    const res = await get(shareRoute.GET, token);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(SECRET);
    const view = JSON.parse(text);
    expect(view).toMatchObject({ name: "shared", revision: 2, latestRevision: 2, fixed: false, allowComments: true });
    expect(view.revisions.map((r: { revision: number }) => r.revision)).toEqual([2, 1]);
    const bucket = view.design.components.find((c: { kind: string }) => c.kind === "objectStore");
    expect(bucket.settings.accessKey).toBe("********");
    const older = await (await get(shareRoute.GET, token, "?revision=1")).json();
    expect(older.revision).toBe(1);
    expect(older.design.components.find((c: { kind: string }) => c.kind === "prometheus").settings.retention).not.toBe(
      "13h",
    );
  });

  it("pins a fixed link to its revision: no picker, other revisions are 404", async () => {
    const { token } = await share({ revision: 1 });
    const view = await (await get(shareRoute.GET, token)).json();
    expect(view).toMatchObject({ revision: 1, fixed: true });
    expect(view.revisions).toBeUndefined();
    expect((await get(shareRoute.GET, token, "?revision=2")).status).toBe(404);
    expect((await get(manifestsRoute.GET, token, "?revision=2")).status).toBe(404);
  });

  it("answers unknown, expired and revoked tokens with the same 404 body", async () => {
    const revoked = await share({});
    await revokeShare(designId, revoked.id);
    const expiring = await share({ expiresAt: new Date(Date.now() + 1500).toISOString() });
    expect((await get(shareRoute.GET, expiring.token)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1600));
    const bodies = new Set<string>();
    for (const token of ["Z".repeat(43), revoked.token, expiring.token]) {
      for (const h of [shareRoute.GET, manifestsRoute.GET, lintRoute.GET, commentsRoute.GET]) {
        const res = await get(h, token);
        expect(res.status).toBe(404);
        bodies.add(await res.text());
      }
    }
    expect([...bodies]).toEqual([JSON.stringify({ error: "share link not found" })]);
  });
});

describe("manifests and lint through a link", () => {
  it("renders one cluster as YAML with the keys masked", async () => {
    const { token } = await share({});
    const view = await (await get(shareRoute.GET, token)).json();
    const cluster = view.design.components.find((c: { kind: string }) => c.kind === "cluster").name;
    const res = await get(manifestsRoute.GET, token, `?cluster=${cluster}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/yaml/);
    const yaml = await res.text();
    expect(yaml).toContain("kind: StatefulSet");
    expect(yaml).toContain("********");
    expect(yaml).not.toContain(SECRET);
    expect((await get(manifestsRoute.GET, token, "?cluster=nope")).status).toBe(404);
    const lint = await (await get(lintRoute.GET, token)).json();
    expect(lint).toMatchObject({ revision: 2, findings: expect.any(Array) });
    expect(JSON.stringify(lint)).not.toContain(SECRET);
  });
});

describe("guest comments", () => {
  it("are off unless the link allows them", async () => {
    const { token } = await share({ allowComments: false });
    expect(await (await get(commentsRoute.GET, token)).json()).toEqual({ enabled: false, comments: [] });
    expect((await post(commentsRoute.POST, token, { body: "hi", displayName: "G" })).status).toBe(403);
  });

  it("need a display name, are stored as guest comments at the link's revision, and show to signed-in users", async () => {
    const { token } = await share({ revision: 1, allowComments: true });
    expect((await post(commentsRoute.POST, token, { body: "hi" })).status).toBe(400);
    const res = await post(
      commentsRoute.POST,
      token,
      { body: "Why one replica?", displayName: "  Gina  ", componentId: "query", revision: 2 },
      "198.51.100.1",
    );
    expect(res.status).toBe(201);
    const { comment } = await res.json();
    expect(comment).toMatchObject({ authorName: "Gina", signedIn: false, revision: 1, componentId: "query" });
    const listed = await (await get(commentsRoute.GET, token)).json();
    expect(listed.enabled).toBe(true);
    expect(listed.comments.some((c: { body: string }) => c.body === "Why one replica?")).toBe(true);
    expect((await listComments(designId)).some((c) => c.authorName === "Gina")).toBe(true);
  });

  it("are rate-limited per client address", async () => {
    const { token } = await share({ allowComments: true });
    const statuses: number[] = [];
    for (let i = 0; i < GUEST_COMMENTS_PER_ADDRESS.limit + 2; i++)
      statuses.push(
        (await post(commentsRoute.POST, token, { body: `spam ${i}`, displayName: "bot" }, "192.0.2.99")).status,
      );
    expect(statuses.slice(0, GUEST_COMMENTS_PER_ADDRESS.limit).every((s) => s === 201)).toBe(true);
    expect(statuses.slice(GUEST_COMMENTS_PER_ADDRESS.limit)).toEqual([429, 429]);
    // another address is not affected
    expect((await post(commentsRoute.POST, token, { body: "fine", displayName: "human" }, "192.0.2.100")).status).toBe(
      201,
    );
  });

  it("does not believe a client-sent X-Forwarded-For unless the peer is a trusted proxy", async () => {
    const { token } = await share({ allowComments: true });
    const limit = GUEST_COMMENTS_PER_ADDRESS.limit;
    const statuses: number[] = [];
    // One client rotating X-Forwarded-For is still one address.
    for (let i = 0; i < limit + 1; i++)
      statuses.push(
        (await post(commentsRoute.POST, token, { body: `x ${i}`, displayName: "bot" }, "192.0.2.50", `198.51.100.${i}`))
          .status,
      );
    expect(statuses.at(-1)).toBe(429);
    // Behind a listed proxy, the forwarded address is the client's.
    process.env.TRUSTED_PROXIES = "192.0.2.60/32";
    try {
      const viaProxy = await post(
        commentsRoute.POST,
        token,
        { body: "via proxy", displayName: "human" },
        "192.0.2.60",
        "198.51.100.200",
      );
      expect(viaProxy.status).toBe(201);
    } finally {
      delete process.env.TRUSTED_PROXIES;
    }
  });
});
