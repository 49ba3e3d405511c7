// Share links, comments and approvals against a real (temp SQLite) database.
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/server/db/testing";
import { db } from "@/server/db/client";
import { sha256Hex } from "@/server/auth/tokens-crypto";
import { NotFoundError } from "@/server/errors";
import { domainStatus } from "@/server/http/route";
import {
  CreateShareBody,
  createShare,
  listShares,
  resolveShare,
  revokeShare,
  shareRevision,
  SHARE_NOT_FOUND,
} from "../service";
import { addComment, listComments, setResolved } from "@/server/comments/service";
import { approveRevision, listApprovals, withdrawApproval } from "@/server/approvals/service";
import type { Actor } from "@/server/auth/actor";
import { designRows, userWithSession } from "./fixtures";

let editor: Actor;
let deployer: Actor;
let designId: string;
const doc = { name: "review-me", components: [], connections: [] };

beforeAll(async () => {
  await useTestDatabase();
  editor = (await userWithSession("editor", "Eve")).actor;
  deployer = (await userWithSession("deployer", "Dan")).actor;
  designId = await designRows(editor.user.id, [doc, doc, doc]);
});

async function status(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (e) {
    const code = domainStatus(e);
    if (code) return code;
    throw e;
  }
}

describe("share links", () => {
  it("creates a 256-bit base64url token, stores only its sha256, and builds the /share URL", async () => {
    const input = CreateShareBody.parse({ revision: 2, allowComments: true });
    const s = await createShare(editor, designId, input, "http://studio.test");
    expect(s.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.url).toBe(`http://studio.test/share/${s.token}`);
    expect(s.expiresAt).toBeNull();
    const row = await db().share.findUniqueOrThrow({ where: { id: s.share.id } });
    expect(row.tokenHash).toBe(sha256Hex(s.token));
    expect(JSON.stringify(row)).not.toContain(s.token);
    expect(await resolveShare(s.token)).toMatchObject({ designId, revision: 2, allowComments: true });
  });

  it("gives two links different tokens", async () => {
    const input = CreateShareBody.parse({});
    const a = await createShare(editor, designId, input, "http://x");
    const b = await createShare(editor, designId, input, "http://x");
    expect(a.token).not.toBe(b.token);
  });

  it("answers the same 404 for unknown, expired and revoked tokens", async () => {
    const expiring = await createShare(
      editor,
      designId,
      CreateShareBody.parse({ expiresAt: new Date(Date.now() + 60_000).toISOString() }),
      "http://x",
    );
    const revoked = await createShare(editor, designId, CreateShareBody.parse({}), "http://x");
    await revokeShare(designId, revoked.share.id);
    const later = new Date(Date.now() + 120_000);
    const messages: string[] = [];
    for (const [token, now] of [
      ["A".repeat(43), new Date()],
      [expiring.token, later],
      [revoked.token, new Date()],
      ["../etc", new Date()],
    ] as const) {
      try {
        await resolveShare(token, now);
        messages.push("resolved");
      } catch (e) {
        expect(e).toBeInstanceOf(NotFoundError);
        messages.push(e instanceof Error ? e.message : "");
      }
    }
    expect(new Set(messages)).toEqual(new Set([SHARE_NOT_FOUND]));
    expect(await resolveShare(expiring.token)).toMatchObject({ designId }); // still fine before expiry
  });

  it("lists links with creator, state and revision, newest first, without tokens", async () => {
    const list = await listShares(designId);
    expect(list.length).toBeGreaterThanOrEqual(4);
    expect(list[0].createdBy).toEqual({ id: editor.user.id, name: "Eve" });
    expect(list.some((s) => s.state === "revoked" && s.revokedAt)).toBe(true);
    expect(list.some((s) => s.revision === 2)).toBe(true);
    expect(JSON.stringify(list)).not.toMatch(/token/i);
  });

  it("refuses a revision that does not exist, a past expiry, and an unknown design", async () => {
    expect(await status(createShare(editor, designId, CreateShareBody.parse({ revision: 9 }), "http://x"))).toBe(400);
    expect(
      await status(
        createShare(editor, designId, CreateShareBody.parse({ expiresAt: "2020-01-01T00:00:00Z" }), "http://x"),
      ),
    ).toBe(400);
    expect(await status(createShare(editor, "nope", CreateShareBody.parse({}), "http://x"))).toBe(404);
    expect(await status(revokeShare("other-design", (await listShares(designId))[0].id))).toBe(404);
  });

  it("pins fixed links to their revision and lets latest links pick any", () => {
    const fixed = { id: "s", designId, revision: 2, allowComments: false, allowStatus: false, tokenHash: "h" };
    expect(shareRevision(fixed, 3)).toBe(2);
    expect(() => shareRevision(fixed, 3, 3)).toThrow(SHARE_NOT_FOUND);
    const latest = { ...fixed, revision: null };
    expect(shareRevision(latest, 3)).toBe(3);
    expect(shareRevision(latest, 3, 1)).toBe(1);
    expect(() => shareRevision(latest, 3, 4)).toThrow();
  });
});

describe("comments", () => {
  it("threads replies under their root, keeps the anchor, and resolves the thread", async () => {
    const root = await addComment(
      designId,
      { userId: null, name: "Guest Gary" },
      { body: "Why 3 shards?", componentId: "p1", revision: 2 },
    );
    const reply = await addComment(
      designId,
      { userId: editor.user.id, name: "Eve" },
      { body: "Target count", parentId: root.id },
    );
    const nested = await addComment(
      designId,
      { userId: null, name: "Guest Gary" },
      { body: "Thanks", parentId: reply.id, componentId: "other" },
    );
    await addComment(designId, { userId: editor.user.id, name: "Eve" }, { body: "Looks good overall" });
    expect(nested.parentId).toBe(root.id);
    expect(nested.componentId).toBe("p1");

    const threads = await listComments(designId);
    expect(threads.map((t) => [t.authorName, t.componentId, t.signedIn, t.replies.map((r) => r.body)])).toEqual([
      ["Guest Gary", "p1", false, ["Target count", "Thanks"]],
      ["Eve", null, true, []],
    ]);

    const resolved = await setResolved(designId, nested.id, true);
    expect(resolved.id).toBe(root.id);
    expect((await listComments(designId))[0].resolvedAt).not.toBeNull();
    await setResolved(designId, root.id, false);
    expect((await listComments(designId))[0].resolvedAt).toBeNull();
  });

  it("refuses a reply to a comment of another design", async () => {
    const other = await designRows(editor.user.id, [doc], "other");
    const c = await addComment(other, { userId: null, name: "x" }, { body: "hi" });
    expect(await status(addComment(designId, { userId: null, name: "x" }, { body: "re", parentId: c.id }))).toBe(404);
    expect(await status(setResolved(designId, c.id, true))).toBe(404);
  });
});

describe("approvals", () => {
  it("records who approved which revision; the design shows the latest approval", async () => {
    expect((await listApprovals(designId)).approvedRevision).toBeNull();
    const a = await approveRevision(deployer, designId, 2);
    expect(a.approvedRevision).toBe(2);
    expect(a.approvals[0]).toMatchObject({ revision: 2, user: { name: "Dan" } });
    const b = await approveRevision(deployer, designId, 3);
    expect(b.approvedRevision).toBe(3);
    expect(b.approvals.map((x) => x.revision)).toEqual([3, 2]);
    expect((await db().design.findUniqueOrThrow({ where: { id: designId } })).approvedRevision).toBe(3);
    expect((await withdrawApproval(designId)).approvedRevision).toBeNull();
  });

  it("refuses a revision that does not exist", async () => {
    expect(await status(approveRevision(deployer, designId, 4))).toBe(404);
    expect(await status(approveRevision(deployer, "missing", 1))).toBe(404);
  });
});
