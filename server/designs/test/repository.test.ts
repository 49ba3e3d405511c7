// Optimistic concurrency at the database: saves on the same base revision at the same moment — from one
// process, and from several app processes (each its own connection) on one SQLite file — never both win,
// never fail with anything but a conflict, and leave a gap-free revision history.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { useTestDatabase } from "@/server/db/testing";
import { designRepository } from "@/server/designs/repository";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../../..");
const lint = { errors: 0, warnings: 0 };
let url = "";
let authorId = "";

beforeAll(async () => {
  url = await useTestDatabase();
  authorId = (
    await db().user.create({ data: { email: "r@example.com", name: "Rae", role: "editor", passwordHash: "x" } })
  ).id;
});

describe("designRepository.append", () => {
  it("saves racing in one process: exactly one new revision per round", async () => {
    const repo = designRepository();
    const design = await repo.create({
      name: "race",
      ownerId: authorId,
      document: "{}",
      description: "",
      message: null,
      lint,
    });
    for (let base = 1; base <= 8; base++) {
      const results = await Promise.all(
        [0, 1, 2, 3].map((i) =>
          repo.append({
            designId: design.id,
            baseRevision: base,
            document: `{"by":${i}}`,
            description: "",
            authorId,
            message: null,
            lint,
          }),
        ),
      );
      expect(results.filter((r) => r.ok)).toEqual([{ ok: true, revision: base + 1 }]);
      for (const r of results.filter((x) => !x.ok)) expect(r).toEqual({ ok: false, currentRevision: base + 1 });
    }
    expect((await repo.find(design.id))!.latestRevision).toBe(9);
  });

  it("three app processes hammering one design: every revision won once, the rest are conflicts, no errors", async () => {
    const repo = designRepository();
    const design = await repo.create({
      name: "replicas",
      ownerId: authorId,
      document: "{}",
      description: "",
      message: null,
      lint,
    });
    const attempts = 15;
    const startAt = Date.now() + 4000; // past the workers' startup, so they really overlap
    const worker = path.join(root, "server/designs/test/save-race-worker.ts");
    const outs = await Promise.all(
      [0, 1, 2].map(() =>
        run(
          process.execPath,
          ["--import", "tsx", worker, url, design.id, authorId, String(attempts), String(startAt)],
          { cwd: root, timeout: 90_000 },
        ),
      ),
    );
    const tallies = outs.map((o) => JSON.parse(o.stdout) as { wins: number[]; conflicts: number; errors: string[] });
    for (const t of tallies) {
      expect(t.errors).toEqual([]);
      expect(t.wins.length + t.conflicts).toBe(attempts);
    }
    const wins = tallies.flatMap((t) => t.wins).sort((a, b) => a - b);
    const latest = (await repo.find(design.id))!.latestRevision;
    expect(wins).toEqual(Array.from({ length: latest - 1 }, (_, i) => i + 2)); // 2..latest, each exactly once
    const revisions = (await repo.listRevisions(design.id)).map((r) => r.number);
    expect(revisions).toEqual(Array.from({ length: latest }, (_, i) => latest - i));
  }, 120_000);

  it("a revision number already taken (a replica's insert that won) is a conflict, and nothing moves", async () => {
    const repo = designRepository();
    const design = await repo.create({
      name: "taken",
      ownerId: authorId,
      document: "{}",
      description: "",
      message: null,
      lint,
    });
    await db().revision.create({ data: { designId: design.id, number: 2, document: "{}", authorId } });
    const r = await repo.append({
      designId: design.id,
      baseRevision: 1,
      document: '{"mine":1}',
      description: "",
      authorId,
      message: null,
      lint,
    });
    expect(r).toEqual({ ok: false, currentRevision: 1 });
    // The whole transaction rolled back: latestRevision did not advance past the revision it failed to write.
    expect((await repo.find(design.id))!.latestRevision).toBe(1);
    expect((await repo.findRevision(design.id, 2))!.document).toBe("{}");
  });

  it("a stale base and an unknown design are reported, not written", async () => {
    const repo = designRepository();
    const design = await repo.create({
      name: "stale",
      ownerId: authorId,
      document: "{}",
      description: "",
      message: null,
      lint,
    });
    expect(
      await repo.append({
        designId: design.id,
        baseRevision: 3,
        document: "{}",
        description: "",
        authorId,
        message: null,
        lint,
      }),
    ).toEqual({ ok: false, currentRevision: 1 });
    expect(
      await repo.append({
        designId: "nope",
        baseRevision: 1,
        document: "{}",
        description: "",
        authorId,
        message: null,
        lint,
      }),
    ).toEqual({ ok: false, currentRevision: null });
    expect((await repo.listRevisions(design.id)).length).toBe(1);
  });
});
