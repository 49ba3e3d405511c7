// What a share guest gets from /status: a link pinned to revision 1 must not show what later revisions
// added (their bucket, clusters, endpoints), and no guest sees internal error text.
import { beforeAll, describe, expect, it } from "vitest";
import * as statusRoute from "@/app/api/share/[token]/status/route";
import { useTestDatabase } from "@/server/db/testing";
import { designService } from "@/server/designs/service";
import { secretDesign } from "@/server/designs/test/fixtures";
import { createShare, CreateShareBody } from "@/server/shares/service";
import { userWithSession } from "./fixtures";

let pinnedToken = "";
let latestToken = "";
let firstIds: string[] = [];

beforeAll(async () => {
  await useTestDatabase();
  const { actor } = await userWithSession("admin");
  const full = secretDesign("guest-status");
  const first = {
    ...full,
    components: full.components.filter((c) => c.kind === "cluster" || c.kind === "query"),
    connections: [],
  };
  firstIds = first.components.map((c) => c.id);
  const service = designService();
  const { id } = await service.create(actor.user, { name: "guest-status", design: first });
  // Revision 2 adds a bucket at an in-cluster endpoint (the templates' MinIO: never reachable from here).
  const later = structuredClone(full);
  const store = later.components.find((c) => c.kind === "objectStore")!;
  store.settings = {
    ...store.settings,
    bucket: "later-secret-bucket",
    endpoint: "minio.thanos.svc.cluster.local:9000",
  };
  await service.save(actor.user, id, { baseRevision: 1, design: later });
  pinnedToken = (await createShare(actor, id, CreateShareBody.parse({ revision: 1, allowStatus: true }), "http://s"))
    .token;
  latestToken = (await createShare(actor, id, CreateShareBody.parse({ allowStatus: true }), "http://s")).token;
});

const status = async (token: string) => {
  const res = await statusRoute.GET(new Request(`http://studio.test/api/share/${token}/status`), {
    params: Promise.resolve({ token }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    components: Record<string, { reason: string; details: { signals: Array<{ reason: string }> } }>;
    clusters: Array<Record<string, unknown>>;
    uploads: { buckets: Array<Record<string, unknown>> };
  };
};

describe("share status for guests", () => {
  it("a pinned link reports only its revision's components", async () => {
    const report = await status(pinnedToken);
    expect(Object.keys(report.components).sort()).toEqual([...firstIds].sort());
    expect(report.uploads.buckets).toEqual([]);
    expect(JSON.stringify(report)).not.toContain("later-secret-bucket");
    expect(JSON.stringify(report)).not.toContain("minio.thanos.svc");
  });

  it("no guest gets error fields or the text after a failure's first clause", async () => {
    for (const token of [pinnedToken, latestToken]) {
      const report = await status(token);
      for (const c of report.clusters) expect(c).not.toHaveProperty("error");
      for (const b of report.uploads.buckets) expect(b).not.toHaveProperty("error");
      const reasons = Object.values(report.components).flatMap((c) => [
        c.reason,
        ...c.details.signals.map((s) => s.reason),
      ]);
      expect(reasons.length).toBeGreaterThan(0);
      for (const r of reasons) expect(r).not.toMatch(/bind it in the cluster's settings|allow-list|minio/);
    }
  });
});
