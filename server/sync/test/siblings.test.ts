// Cluster nodes bound to the same registered cluster deploy together (one prune set), so sync compares
// them with one plan; each node then lists the differences in its own namespace, not its sibling's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKubeApi, type KubeApiServer } from "@/e2e/kube-api";
import { parseDesign, type Design } from "@/lib/topology";
import { getTemplate } from "@/lib/topology/templates";
import { connect, validateKubeconfig } from "@/server/kube";
import { computeSync } from "../compute";

let kube: KubeApiServer;
beforeAll(async () => {
  kube = await startKubeApi({ readyDelayMs: 100 });
});
afterAll(async () => kube?.stop());

/** The template with its edge clusters "kazusa" and "setsuna" both bound to registered cluster "c1". */
function twoOnOne(): Design {
  const design = parseDesign(getTemplate("multi-cluster-receivers")!.design);
  for (const c of design.components)
    if (c.kind === "cluster" && (c.name === "kazusa" || c.name === "setsuna"))
      Object.assign(c.settings, { registeredClusterId: "c1", namespace: `mon-${c.name}` });
  return design;
}

describe("sibling cluster nodes on one registered cluster", () => {
  it("one plan for both; each node lists its own namespace's objects; an unbound node stays Unknown", async () => {
    const design = twoOnOne();
    let connects = 0;
    const report = await computeSync({
      designId: "design-siblings",
      latest: { revision: 1, design },
      deployed: new Map([
        ["c1", { clusterId: "c1", revision: 1, via: { kind: "deployment", id: "d1" }, at: new Date() }],
      ]),
      loadRevision: async () => design,
      connect: async () => {
        connects++;
        return { name: "sandbox", conn: await connect(validateKubeconfig(kube.kubeconfig("admin"))) };
      },
      timeoutMs: 3000,
    });
    expect(connects).toBe(1);
    const byName = new Map(report.clusters.map((c) => [c.cluster, c]));
    expect(byName.get("observer")).toMatchObject({ status: "Unknown", cause: "unbound" });
    // Nothing was ever applied on this test server: everything the deployed revision renders is missing.
    for (const name of ["kazusa", "setsuna"]) {
      const c = byName.get(name)!;
      expect(c).toMatchObject({ status: "OutOfSync", cause: "live-differs", deployedRevision: 1 });
      expect(c.differences.length).toBeGreaterThan(3);
      expect(c.differences.every((d) => d.change === "missing")).toBe(true);
      const sibling = name === "kazusa" ? "setsuna" : "kazusa";
      expect(c.differences.some((d) => d.object.includes(`/mon-${name}/`))).toBe(true);
      expect(c.differences.some((d) => d.object.includes(`/mon-${sibling}/`))).toBe(false);
    }
    const kazusa = byName.get("kazusa")!.differences.map((d) => d.object);
    expect(kazusa).toContain("Namespace/mon-kazusa");
    expect(kazusa).not.toContain("Namespace/mon-setsuna");
  });
});
