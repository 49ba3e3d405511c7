// DeploymentLock: one running deploy per (design, cluster), enforced by the database's primary key —
// proven with two independent clients ("replicas") on SQLite and on a real PostgreSQL server.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/server/db/client";
import { createTestSqliteDatabase } from "@/server/db/testing";
import { startTestPostgres, type TestPostgres } from "@/server/db/testing-postgres";
import { ConflictError } from "@/server/errors";
import { claimDeployment } from "../lock";
import { markInterruptedRuns, thisRunner } from "../runner";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..", "..", "..");

async function seed(client: Db) {
  const user = await client.user.create({
    data: { email: `u${Date.now()}${Math.random()}@t.test`, name: "Deployer", role: "deployer", passwordHash: "x" },
  });
  const design = await client.design.create({ data: { name: "d", ownerId: user.id, latestRevision: 1 } });
  const cluster = await client.cluster.create({
    data: {
      name: `c-${Math.random().toString(36).slice(2, 8)}`,
      server: "https://k",
      contextName: "ctx",
      userName: "u",
      createdById: user.id,
    },
  });
  return { user, design, cluster };
}

const claim = (client: Db, s: Awaited<ReturnType<typeof seed>>, revision = 1) =>
  claimDeployment(client, {
    designId: s.design.id,
    clusterId: s.cluster.id,
    clusterName: s.cluster.name,
    revision,
    startedById: s.user.id,
    results: JSON.stringify({ runner: thisRunner(), heartbeatAt: new Date().toISOString(), objects: [] }),
  });

function lockBehaviour(name: string, open: () => Promise<{ a: Db; b: Db; close(): Promise<void> }>) {
  describe(name, () => {
    let a: Db;
    let b: Db;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ a, b, close } = await open());
    });
    afterAll(async () => close?.());

    it("lets exactly one of many concurrent deploys of a design to a cluster start; the others get 409 naming the running one", async () => {
      const s = await seed(a);
      const attempts = await Promise.allSettled([
        claim(a, s),
        claim(b, s),
        claim(a, s),
        claim(b, s),
        claim(a, s),
        claim(b, s),
      ]);
      const won = attempts.filter((r) => r.status === "fulfilled");
      const lost = attempts.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(5);
      const winner = (won[0] as PromiseFulfilledResult<{ id: string }>).value.id;
      for (const l of lost) {
        expect(l.reason).toBeInstanceOf(ConflictError);
        expect((l.reason as ConflictError).details).toEqual({ runningDeploymentId: winner });
      }
      // Losers left no rows behind: the Deployment insert rolled back with the lock insert.
      expect(await a.deployment.count({ where: { designId: s.design.id } })).toBe(1);
    });

    it("allows another cluster or another design at the same time, and the same pair again once the lock is released", async () => {
      const s = await seed(a);
      const other = await seed(a);
      const first = await claim(a, s);
      await claim(b, { ...s, cluster: other.cluster });
      await claim(b, { ...s, design: other.design });
      await expect(claim(b, s)).rejects.toBeInstanceOf(ConflictError);
      await a.deploymentLock.deleteMany({ where: { deploymentId: first.id } });
      await expect(claim(b, s, 2)).resolves.toMatchObject({ id: expect.any(String) });
    });

    it("marks runs of a dead process interrupted and releases their locks, but leaves live runs of other replicas alone", async () => {
      const s = await seed(a);
      const other = await seed(a);
      const me = thisRunner();
      // A previous process on this host (same host name, other instance id) — it cannot still be running.
      const dead = await claimDeployment(a, {
        designId: s.design.id,
        clusterId: s.cluster.id,
        clusterName: "x",
        revision: 1,
        startedById: s.user.id,
        results: JSON.stringify({
          runner: { host: me.host, instance: "previous-process" },
          heartbeatAt: new Date().toISOString(),
          objects: [],
        }),
      });
      // Another replica on another host with a fresh heartbeat: still running.
      const alive = await claimDeployment(a, {
        designId: other.design.id,
        clusterId: other.cluster.id,
        clusterName: "y",
        revision: 1,
        startedById: s.user.id,
        results: JSON.stringify({
          runner: { host: "other-replica", instance: "i" },
          heartbeatAt: new Date().toISOString(),
          objects: [],
        }),
      });
      const marked = await markInterruptedRuns(b);
      expect(marked).toContain(dead.id);
      expect(marked).not.toContain(alive.id);
      const row = await a.deployment.findUniqueOrThrow({ where: { id: dead.id } });
      expect(row.status).toBe("interrupted");
      expect(row.finishedAt).not.toBeNull();
      expect(row.error).toMatch(/stopped before it finished/);
      expect(await a.deploymentLock.count({ where: { deploymentId: dead.id } })).toBe(0);
      expect((await a.deployment.findUniqueOrThrow({ where: { id: alive.id } })).status).toBe("running");
      // The pair is free again.
      await expect(claim(b, s, 2)).resolves.toMatchObject({ id: expect.any(String) });
      await a.deploymentLock.deleteMany({});
    });

    it("treats a replica whose heartbeat stopped a minute ago as dead", async () => {
      const s = await seed(a);
      const old = new Date(Date.now() - 120_000).toISOString();
      const stale = await claimDeployment(a, {
        designId: s.design.id,
        clusterId: s.cluster.id,
        clusterName: "x",
        revision: 1,
        startedById: s.user.id,
        results: JSON.stringify({ runner: { host: "gone-replica", instance: "i" }, heartbeatAt: old, objects: [] }),
      });
      expect(await markInterruptedRuns(b, { designId: s.design.id })).toEqual([stale.id]);
    });
  });
}

// better-sqlite3 is synchronous: two clients in ONE process would block each other's event loop on the
// file lock, so SQLite "replicas" are separate processes (below); in-process both names are one client.
let sqliteUrl = "";
lockBehaviour("DeploymentLock on SQLite (one app process)", async () => {
  sqliteUrl = createTestSqliteDatabase();
  const a = createDb(sqliteUrl);
  return { a, b: a, close: async () => void (await a.$disconnect()) };
});

describe("DeploymentLock on SQLite across app processes", () => {
  it("four replicas claiming the same design and cluster at the same instant: one wins, three get 409 naming it", async () => {
    const url = createTestSqliteDatabase();
    const client = createDb(url);
    const s = await seed(client);
    const startAt = Date.now() + 4000; // past the workers' startup, so the claims really overlap
    const worker = path.join(root, "server/deployments/test/lock-race-worker.ts");
    const outs = await Promise.all(
      [0, 1, 2, 3].map(() =>
        run(process.execPath, ["--import", "tsx", worker, url, s.design.id, s.cluster.id, s.user.id, String(startAt)], {
          cwd: root,
          timeout: 60_000,
        }),
      ),
    );
    const results = outs.map(
      (o) => JSON.parse(o.stdout) as { ok: boolean; id?: string; error?: string; runningDeploymentId?: string },
    );
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok))
      expect(r).toEqual({ ok: false, error: "ConflictError", runningDeploymentId: winners[0]!.id });
    expect(await client.deployment.count()).toBe(1);
    await client.$disconnect();
  }, 90_000);
});

let pg: TestPostgres | undefined;
lockBehaviour("DeploymentLock on PostgreSQL (two clients, as two replicas)", async () => {
  pg = await startTestPostgres();
  const url = await pg.createMigratedDatabase("locks");
  const a = createDb(url);
  const b = createDb(url);
  return {
    a,
    b,
    close: async () => {
      await Promise.all([a.$disconnect(), b.$disconnect()]);
      await pg?.stop();
    },
  };
});
