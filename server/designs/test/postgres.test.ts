// The multi-replica deployment: several app replicas (separate Prisma clients, separate connection pools)
// on one real PostgreSQL server save the same design on the same base revision at once. Exactly one wins
// each round; the others get 409 with the winner's revision; secrets are sealed in the PostgreSQL row too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConflictError } from "@/server/errors";
import { createDb, type Db } from "@/server/db/client";
import { startTestPostgres, type TestPostgres } from "@/server/db/testing-postgres";
import { designService } from "@/server/designs/service";
import { SECRET, secretDesign } from "./fixtures";

const REPLICAS = 3;
let pg: TestPostgres;
let replicas: Db[] = [];
let authorId = "";

beforeAll(async () => {
  process.env.STUDIO_SECRET_KEY = "designs-postgres-test-key";
  pg = await startTestPostgres();
  const url = await pg.createMigratedDatabase("designs");
  replicas = Array.from({ length: REPLICAS }, () => createDb(url));
  authorId = (
    await replicas[0].user.create({ data: { email: "p@example.com", name: "Pat", role: "editor", passwordHash: "x" } })
  ).id;
}, 180_000);

afterAll(async () => {
  await Promise.all(replicas.map((c) => c.$disconnect()));
  await pg?.stop();
});

describe("designs on PostgreSQL", () => {
  it(`${REPLICAS} replicas saving on the same base at once: exactly one wins per round, the rest 409`, async () => {
    const { id } = await designService(replicas[0]).create(
      { id: authorId },
      { name: "pg-race", design: secretDesign("pg-race") },
    );
    for (let base = 1; base <= 6; base++) {
      const outcomes = await Promise.all(
        replicas.map((client, i) =>
          designService(client)
            .save({ id: authorId }, id, {
              baseRevision: base,
              design: { ...secretDesign("pg-race"), description: `replica ${i}` },
            })
            .then((r) => ({ won: r.revision }))
            .catch((err: unknown) => {
              if (err instanceof ConflictError)
                return { conflict: (err.details as { currentRevision: number }).currentRevision };
              throw err;
            }),
        ),
      );
      expect(outcomes.filter((o) => "won" in o)).toEqual([{ won: base + 1 }]);
      for (const o of outcomes.filter((x) => "conflict" in x)) expect(o).toEqual({ conflict: base + 1 });
    }
    const detail = await designService(replicas[1]).get(id);
    expect(detail.latestRevision).toBe(7);
    const numbers = (
      await replicas[2].revision.findMany({
        where: { designId: id },
        select: { number: true },
        orderBy: { number: "asc" },
      })
    ).map((r) => r.number);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7]);

    const rows = await replicas[0].revision.findMany({ where: { designId: id } });
    for (const row of rows) expect(row.document).not.toContain(SECRET);
    const clear = await designService(replicas[2]).getDecryptedRevision(id);
    expect(clear.design.components.find((c) => c.id === "b1")!.settings).toMatchObject({ accessKey: SECRET });
  });
});
