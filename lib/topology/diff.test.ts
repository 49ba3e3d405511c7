import { describe, expect, it } from "vitest";
import { parseDesign, type Design, type DesignInput } from "./design";
import { diffCounts, diffDesigns, diffManifests, showValue, unionDesign, type DesignDiff } from "./diff";

const noChanges = (d: DesignDiff) =>
  [d.design, d.designValues, d.components, d.connections].every((l) => l.length === 0);

const base: DesignInput = {
  name: "review",
  versions: {},
  components: [
    { id: "c1", kind: "cluster", name: "prod", position: { x: 0, y: 0 }, settings: { namespace: "monitoring" } },
    { id: "p1", kind: "prometheus", name: "prom", cluster: "c1", position: { x: 10, y: 10 }, settings: { shards: 2 } },
    { id: "q1", kind: "query", name: "query", cluster: "c1", position: { x: 200, y: 10 }, settings: {} },
    {
      id: "b1",
      kind: "objectStore",
      name: "bucket",
      position: { x: 600, y: 0 },
      settings: { bucket: "thanos", accessKey: "AKIA" },
    },
  ],
  connections: [
    { id: "e1", kind: "storeApi", from: "q1", to: "p1" },
    { id: "e2", kind: "uploadsTo", from: "p1", to: "b1" },
  ],
};

const design = (mutate: (d: DesignInput) => void = () => {}): Design => {
  const copy = structuredClone(base);
  mutate(copy);
  return parseDesign(copy);
};

describe("diffDesigns", () => {
  it("finds nothing between a revision and itself", () => {
    const d = diffDesigns(design(), design());
    expect(noChanges(d)).toBe(true);
  });

  it("reports an added component and connection, and a removed one", () => {
    const after = design((d) => {
      d.components.push({
        id: "s1",
        kind: "storeGateway",
        name: "store",
        cluster: "c1",
        position: { x: 0, y: 300 },
        settings: {},
      });
      d.connections!.push({ id: "e3", kind: "storeApi", from: "q1", to: "s1" });
      d.connections = d.connections!.filter((e) => e.id !== "e2");
    });
    const d = diffDesigns(design(), after);
    expect(d.components).toEqual([
      { id: "s1", change: "added", kind: "storeGateway", name: "store", paths: [], values: [] },
    ]);
    expect(d.connections).toEqual([
      { id: "e3", change: "added", kind: "storeApi", from: "q1", to: "s1", paths: [], values: [] },
      { id: "e2", change: "removed", kind: "uploadsTo", from: "p1", to: "b1", paths: [], values: [] },
    ]);
    expect(diffCounts(d)).toEqual({ added: 2, removed: 1, changed: 0 });
  });

  it("reports the removed component under its old name", () => {
    const after = design((d) => {
      d.components = d.components.filter((c) => c.id !== "q1");
      d.connections = d.connections!.filter((e) => e.id !== "e1");
    });
    const d = diffDesigns(design(), after);
    expect(d.components).toEqual([
      { id: "q1", change: "removed", kind: "query", name: "query", paths: [], values: [] },
    ]);
  });

  it("names the changed settings paths, down to nested fields", () => {
    const after = design((d) => {
      const p = d.components.find((c) => c.id === "p1")!;
      p.settings = { shards: 3, retention: "7d", resources: { limits: { cpu: "3" } } };
      d.components.find((c) => c.id === "q1")!.name = "query-global";
    });
    const d = diffDesigns(design(), after);
    expect(d.components).toMatchObject([
      {
        id: "p1",
        change: "changed",
        kind: "prometheus",
        name: "prom",
        paths: ["settings.resources.limits.cpu", "settings.retention", "settings.shards"],
      },
      { id: "q1", change: "changed", kind: "query", name: "query-global", paths: ["name"] },
    ]);
    const p1 = d.components[0].values;
    expect(p1.find((v) => v.path === "settings.shards")).toEqual({ path: "settings.shards", before: 2, after: 3 });
    expect(p1.find((v) => v.path === "settings.retention")?.after).toBe("7d");
    expect(d.components[1].values).toEqual([{ path: "name", before: "query", after: "query-global" }]);
  });

  it("treats a list as one value", () => {
    const after = design((d) => {
      d.components.find((c) => c.id === "p1")!.settings = { shards: 2, scrapeJobs: [] };
    });
    expect(diffDesigns(design(), after).components[0].paths).toEqual(["settings.scrapeJobs"]);
  });

  it("ignores moves unless positions are asked for", () => {
    const after = design((d) => {
      d.components[1].position = { x: 500, y: 500 };
    });
    expect(noChanges(diffDesigns(design(), after))).toBe(true);
    expect(diffDesigns(design(), after, { positions: true }).components[0].paths).toEqual(["position.x", "position.y"]);
  });

  it("does not report a connection redrawn under a new id", () => {
    const after = design((d) => {
      d.connections = [{ id: "new-id", kind: "storeApi", from: "q1", to: "p1" }, d.connections![1]];
    });
    expect(diffDesigns(design(), after).connections).toEqual([]);
  });

  it("reports a re-targeted connection as changed", () => {
    const after = design((d) => {
      d.components.push({ id: "q2", kind: "query", name: "query-2", cluster: "c1", settings: {} });
      d.connections![0] = { id: "e1", kind: "storeApi", from: "q2", to: "p1" };
    });
    expect(diffDesigns(design(), after).connections).toEqual([
      {
        id: "e1",
        change: "changed",
        kind: "storeApi",
        from: "q2",
        to: "p1",
        paths: ["from"],
        values: [{ path: "from", before: "q1", after: "q2" }],
      },
    ]);
  });

  it("reports design-level changes such as versions", () => {
    const after = design((d) => {
      d.versions = { thanos: "v0.40.0" };
      d.description = "new";
    });
    const d = diffDesigns(design(), after);
    expect(d.design).toEqual(["description", "versions.thanos"]);
    expect(d.designValues.find((v) => v.path === "versions.thanos")).toMatchObject({ after: "v0.40.0" });
  });

  it("sees a secret being set or removed (values are masked, so a changed value looks unchanged)", () => {
    const after = design((d) => {
      delete (d.components[3].settings as Record<string, unknown>).accessKey;
    });
    expect(diffDesigns(design(), after).components[0]).toMatchObject({ id: "b1", paths: ["settings.accessKey"] });
  });
});

describe("showValue", () => {
  it("quotes strings, summarises lists and objects, cuts long text and keeps the whole for expanding", () => {
    expect(showValue(3).short).toBe("3");
    expect(showValue("7d").short).toBe('"7d"');
    expect(showValue(undefined).short).toBe("(unset)");
    expect(showValue(false).short).toBe("false");
    expect(showValue(["a"]).short).toBe('["a"]');
    const jobs = Array.from({ length: 12 }, (_, i) => ({ name: `job-${i}`, interval: "30s" }));
    expect(showValue(jobs).short).toBe("[12 items]");
    expect(JSON.parse(showValue(jobs).full)).toEqual(jobs);
    const big = { cpu: "1", memory: "4Gi", storage: "x".repeat(80) };
    expect(showValue(big).short).toBe("{cpu, memory, storage}");
    const long = "q".repeat(200);
    expect(showValue(long).short).toHaveLength(48);
    expect(showValue(long).short.endsWith("…")).toBe(true);
    expect(showValue(long).full).toBe(JSON.stringify(long));
  });
});

describe("diffManifests", () => {
  const a = "kind: Service\nmetadata:\n  name: query\nspec:\n  replicas: 2\n";
  const b = "kind: Service\nmetadata:\n  name: query\nspec:\n  replicas: 3\n";

  it("gives a unified diff per cluster with counts", () => {
    const [d] = diffManifests([{ cluster: "prod", yaml: a }], [{ cluster: "prod", yaml: b }]);
    expect(d.status).toBe("changed");
    expect(d.additions).toBe(1);
    expect(d.deletions).toBe(1);
    expect(d.patch).toContain("--- a/prod.yaml\n+++ b/prod.yaml\n@@ -2,4 +2,4 @@\n metadata:");
    expect(d.patch).toContain("-  replicas: 2\n+  replicas: 3\n");
  });

  it("marks unchanged, added and removed clusters", () => {
    const out = diffManifests(
      [
        { cluster: "prod", yaml: a },
        { cluster: "old", yaml: a },
      ],
      [
        { cluster: "prod", yaml: a },
        { cluster: "edge", yaml: b },
      ],
    );
    expect(out.map((d) => [d.cluster, d.status, d.additions, d.deletions])).toEqual([
      ["prod", "unchanged", 0, 0],
      ["edge", "added", 5, 0],
      ["old", "removed", 0, 5],
    ]);
    expect(out[0].patch).toBe("");
  });
});

describe("unionDesign", () => {
  it("keeps the newer design and adds the removed components and connections as ghosts", () => {
    const after = design((d) => {
      d.components = d.components.filter((c) => c.id !== "q1");
      d.connections = d.connections!.filter((e) => e.id !== "e1");
    });
    const u = unionDesign(design(), after);
    expect(u.components.map((c) => c.id)).toEqual(["c1", "p1", "b1", "q1"]);
    expect(u.connections.map((e) => e.id)).toEqual(["e2", "e1"]);
    const d = diffDesigns(design(), after);
    expect(d.components.find((c) => c.id === "q1")?.change).toBe("removed");
    expect(d.connections.find((e) => e.id === "e1")?.change).toBe("removed");
  });
});
