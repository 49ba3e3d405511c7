// Review features on a real PostgreSQL server (the multi-replica deployment): share links, guest comments
// with their rate limit, threads and approvals behave as on SQLite; concurrent approvals leave one
// consistent approved revision that another replica's connection pool reads back.
import { NotFoundError, TooManyRequestsError } from "@/server/errors";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, resetDbForTests, type Db } from "@/server/db/client";
import { startTestPostgres, type TestPostgres } from "@/server/db/testing-postgres";
import { approveRevision, listApprovals } from "@/server/approvals/service";
import { addComment, listComments, setResolved } from "@/server/comments/service";
import type { Actor } from "@/server/auth/actor";
import { GUEST_COMMENTS_PER_ADDRESS, guestComment } from "../comments";
import { CreateShareBody, createShare, resolveShare, revokeShare } from "../service";
import { designRows, userWithSession } from "./fixtures";

let pg: TestPostgres;
let second: Db;
let editor: Actor;
let deployer: Actor;
let designId = "";

beforeAll(async () => {
  pg = await startTestPostgres();
  const url = await pg.createMigratedDatabase("review");
  process.env.DATABASE_URL = url;
  await resetDbForTests();
  second = createDb(url);
  editor = (await userWithSession("editor", "Eve")).actor;
  deployer = (await userWithSession("deployer", "Dan")).actor;
  designId = await designRows(editor.user.id, [{ name: "x" }, { name: "x" }, { name: "x" }]);
}, 180_000);

afterAll(async () => {
  await second?.$disconnect();
  await resetDbForTests();
  await pg?.stop();
});

describe("review features on PostgreSQL", () => {
  it("creates, resolves and revokes share links", async () => {
    const s = await createShare(
      editor,
      designId,
      CreateShareBody.parse({ revision: 2, allowComments: true }),
      "http://studio.test",
    );
    expect(await resolveShare(s.token)).toMatchObject({ designId, revision: 2 });
    await revokeShare(designId, s.share.id);
    await expect(resolveShare(s.token)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("threads guest comments and rate-limits them per address", async () => {
    const s = await createShare(editor, designId, CreateShareBody.parse({ allowComments: true }), "http://studio.test");
    const root = await guestComment(s.token, "203.0.113.9", { body: "first", displayName: "Gina" });
    await addComment(designId, { userId: editor.user.id, name: "Eve" }, { body: "answer", parentId: root.id });
    await setResolved(designId, root.id, true);
    const [thread] = await listComments(designId);
    expect(thread).toMatchObject({
      body: "first",
      signedIn: false,
      resolvedAt: expect.any(String),
      replies: [{ body: "answer", signedIn: true }],
    });
    const results = await Promise.allSettled(
      Array.from({ length: GUEST_COMMENTS_PER_ADDRESS.limit + 3 }, (_, i) =>
        guestComment(s.token, "203.0.113.10", { body: `burst ${i}`, displayName: "bot" }),
      ),
    );
    // A parallel burst cannot slip past the limit: the counter is incremented in the database first.
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(GUEST_COMMENTS_PER_ADDRESS.limit);
    expect(
      results
        .filter((r) => r.status === "rejected")
        .every((r) => (r as PromiseRejectedResult).reason instanceof TooManyRequestsError),
    ).toBe(true);
  });

  it("two deployers approving different revisions at once leave one approved revision that matches an approval", async () => {
    const other = (await userWithSession("deployer", "Dora")).actor;
    await Promise.all([approveRevision(deployer, designId, 2), approveRevision(other, designId, 3)]);
    const view = await listApprovals(designId);
    expect([2, 3]).toContain(view.approvedRevision);
    expect(view.approvals.map((a) => a.revision).sort()).toEqual([2, 3]);
    // Another connection pool (another replica) reads the same committed state.
    const row = await second.design.findUniqueOrThrow({ where: { id: designId } });
    expect(row.approvedRevision).toBe(view.approvedRevision);
  });
});
