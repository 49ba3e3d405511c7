import { describe, expect, it } from "vitest";
import type { Design } from "@/lib/topology/design";
import { designSummaries } from "../flow-elements";
import { boxAt, farScene } from "../lod/far-scene";
import { clusterSize } from "../placement";
import { sameButGeometry } from "../lod/geometry-only";
import { twoStacks } from "./two-stacks";

describe("the far overview of a large design", () => {
  const d = twoStacks();
  const badges = new Map([["a-store", { errors: 2, warnings: 0, message: "no bucket" }]]);
  const scene = farScene(d, designSummaries(d, badges, undefined));

  it("draws clusters and the components outside them as boxes, with counts and the worst finding", () => {
    expect(scene.boxes.map((b) => b.id).sort()).toEqual(["a-bucket", "a-cluster", "b-bucket", "b-cluster"]);
    const a = scene.boxes.find((b) => b.id === "a-cluster")!;
    const cluster = d.components.find((c) => c.id === "a-cluster")!;
    expect(a).toMatchObject({ ...cluster.position, ...clusterSize(cluster) });
    expect(a.summary).toMatchObject({ count: 8, errors: 2, tone: "error" });
    expect(scene.boxes.find((b) => b.id === "b-cluster")!.summary).toMatchObject({ count: 8, errors: 0, tone: "ok" });
  });

  it("links boxes once per pair and kind, from the right side of one to the left side of the other", () => {
    // Per stack: 5 uploads into its bucket as one link; the cross-stack alert as a cluster-to-cluster link.
    expect(scene.links.map((l) => [l.kind, l.count]).sort()).toEqual([
      ["alerts", 1],
      ["uploadsTo", 5],
      ["uploadsTo", 5],
    ]);
    const a = scene.boxes.find((b) => b.id === "a-cluster")!;
    const up = scene.links.find((l) => l.kind === "uploadsTo")!;
    expect(up.line.startsWith(`M${a.x + a.width} ${a.y + a.height / 2}`)).toBe(true);
  });

  it("finds the box under a click, and nothing on the bare pane", () => {
    const b = scene.boxes.find((x) => x.id === "b-cluster")!;
    expect(boxAt(scene, b.x + 5, b.y + b.height - 5)?.id).toBe("b-cluster");
    expect(boxAt(scene, b.x - 2000, b.y - 2000)).toBeUndefined();
  });
});

describe("documents that differ only in geometry", () => {
  const d = twoStacks();
  const moved = { ...d, components: d.components.map((c, i) => (i === 3 ? { ...c, position: { x: 1, y: 2 } } : c)) };

  it("are recognised, so lint and sizing are not recomputed for every frame of a drag", () => {
    expect(sameButGeometry(d, moved)).toBe(true);
  });

  it("are not when a name, a setting, a connection or a design field changed", () => {
    const renamed = { ...moved, components: moved.components.map((c, i) => (i === 3 ? { ...c, name: "x" } : c)) };
    const set = { ...moved, components: [...moved.components] } as Design;
    set.components[3] = {
      ...set.components[3],
      settings: { ...set.components[3].settings },
    } as Design["components"][number];
    expect(sameButGeometry(d, renamed)).toBe(false);
    expect(sameButGeometry(d, set)).toBe(false);
    expect(sameButGeometry(d, { ...moved, connections: d.connections.slice(1) })).toBe(false);
    expect(sameButGeometry(d, { ...moved, name: "other" })).toBe(false);
  });
});
