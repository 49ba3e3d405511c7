// designStatus through the real service: a stored design (real SQLite), its two clusters reached through
// ConnectCluster, one answering at once and one that never answers. Viewers read the last report; the
// refresh runs in the background, once however many ask, and a slow cluster never hides the fast one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateDesign } from "@/lib/topology";
import { useTestDatabase } from "@/server/db/testing";
import { designRows, userWithSession } from "@/server/shares/test/fixtures";
import type { ClusterAccess, ConnectCluster } from "../live";
import { designStatus, designStatusBody, forgetDesignStatus, forgetStatusReports } from "../service";

let designId = "";

beforeAll(async () => {
  await useTestDatabase();
  const owner = (await userWithSession("editor")).actor.user.id;
  const cluster = (id: string, x: number) => ({
    id,
    kind: "cluster",
    name: id,
    position: { x, y: 0 },
    settings: { namespace: `ns-${id}`, externalLabels: { cluster: id }, width: 400, height: 300 },
  });
  const query = (id: string, c: string) => ({
    id,
    kind: "query",
    name: id,
    cluster: c,
    position: { x: 20, y: 60 },
    settings: { replicas: 1 },
  });
  const v = validateDesign({
    name: "two clusters",
    components: [cluster("fast", 0), cluster("slow", 600), query("query-fast", "fast"), query("query-slow", "slow")],
    connections: [],
  });
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  designId = await designRows(owner, [v.design], "two clusters");
});
afterAll(() => forgetStatusReports());

/** The fast cluster answers every list empty and every probe 200; the slow one never answers. */
function clusters(): { connect: ConnectCluster; connects: Record<string, number> } {
  const connects: Record<string, number> = {};
  const fast: ClusterAccess = {
    registeredCluster: { id: "k-fast", name: "fast" },
    listObjects: async () => [],
    fetchThroughProxy: async () => new Response("ok", { status: 200 }),
  };
  const connect: ConnectCluster = async (node, init) => {
    connects[node.node.name] = (connects[node.node.name] ?? 0) + 1;
    if (node.node.name === "fast") return fast;
    return new Promise((_, reject) => init.signal.addEventListener("abort", () => reject(new Error("aborted"))));
  };
  return { connect, connects };
}

describe("designStatus", () => {
  it("refreshes once for 20 concurrent viewers, and lists the fast cluster beside the one that timed out", async () => {
    forgetStatusReports();
    const { connect, connects } = clusters();
    const options = { connect, timeoutMs: 300 };
    const reports = await Promise.all(Array.from({ length: 20 }, () => designStatus(designId, options)));
    expect(new Set(reports).size).toBe(1);
    expect(connects).toEqual({ fast: 1, slow: 1 });
    const [report] = reports;
    expect(report.clusters.map((c) => `${c.name} ${c.state}`).sort()).toEqual(["fast connected", "slow unreachable"]);
    expect(report.clusters.find((c) => c.name === "slow")?.error).toContain("timeout after 300 ms");
  });

  it("answers viewers from the last report at once while the next refresh waits on the slow cluster", async () => {
    forgetStatusReports();
    const { connect, connects } = clusters();
    const options = { connect, timeoutMs: 300 };
    const first = await designStatus(designId, options);
    const started = performance.now();
    const bodies = await Promise.all(Array.from({ length: 20 }, () => designStatusBody(designId, options)));
    expect(performance.now() - started).toBeLessThan(100); // no viewer waits for the 300 ms timeout
    expect(new Set(bodies).size).toBe(1); // one serialization per report
    expect(JSON.parse(new TextDecoder().decode(bodies[0].bytes)).checkedAt).toBe(first.checkedAt);
    expect(connects).toEqual({ fast: 1, slow: 1 });
  });

  it("a finished deploy drops the design's kept report: the next viewer sees a fresh one, not the one before", async () => {
    forgetStatusReports();
    const { connect, connects } = clusters();
    const options = { connect, timeoutMs: 300 };
    const before = await designStatus(designId, options);
    expect(await designStatus(designId, options)).toBe(before);
    forgetDesignStatus(designId); // what server/deployments/run.ts does when a run finishes
    const after = await designStatus(designId, options);
    expect(after).not.toBe(before);
    expect(connects).toEqual({ fast: 2, slow: 2 });
  });
});
