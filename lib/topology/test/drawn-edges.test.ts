import { Position, getSmoothStepPath } from "@xyflow/system";
import { describe, expect, it } from "vitest";
import { drawnPath, handlePoint, pathCrossesBox, type XY } from "../drawn-edges";

/** The corners React Flow bends around: the control point of every rounded bend, between the two ends. */
function reactFlowCorners(s: XY, t: XY): XY[] {
  const [path] = getSmoothStepPath({
    sourceX: s.x,
    sourceY: s.y,
    sourcePosition: Position.Right,
    targetX: t.x,
    targetY: t.y,
    targetPosition: Position.Left,
    offset: 24,
    borderRadius: 10,
  });
  const corners = [...path.matchAll(/Q ?(-?[\d.]+)[ ,](-?[\d.]+)/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
  return [s, ...corners, t];
}

describe("the drawn line of a connection is the canvas's smoothstep path", () => {
  const cases: [string, XY, XY][] = [
    ["forward, target lower", { x: 206, y: 40 }, { x: 500, y: 300 }],
    ["forward, target higher", { x: 206, y: 300 }, { x: 520, y: 12 }],
    ["backward (target left of source)", { x: 900, y: 100 }, { x: 300, y: 420 }],
    ["short hop just past the turn-around", { x: 100, y: 50 }, { x: 160, y: 90 }],
  ];
  for (const [label, s, t] of cases)
    it(`${label}: the same corners as React Flow's getSmoothStepPath`, () => {
      expect(drawnPath(s, t)).toEqual(reactFlowCorners(s, t));
    });

  it("a straight run has no corners", () => {
    expect(drawnPath({ x: 0, y: 10 }, { x: 300, y: 10 })).toEqual([
      { x: 0, y: 10 },
      { x: 300, y: 10 },
    ]);
  });

  it("leaves from the handle of its kind on the right and enters on the left", () => {
    const box = { x: 100, y: 200, width: 240, height: 68 };
    // Prometheus starts three kinds: a handle each at 1/4, 2/4 and 3/4 of its height, in catalog order.
    const at = (["uploadsTo", "remoteWrite", "alerts"] as const).map((k) =>
      handlePoint(box, "prometheus", k, "source"),
    );
    expect(at).toEqual([
      { x: 346, y: 217 },
      { x: 346, y: 234 },
      { x: 346, y: 251 },
    ]);
    expect(handlePoint(box, "objectStore", "uploadsTo", "target")).toEqual({ x: 94, y: 234 });
  });

  it("passes under a box it runs through, not one it only grazes", () => {
    const path = drawnPath({ x: 0, y: 100 }, { x: 600, y: 100 });
    expect(pathCrossesBox(path, { x: 200, y: 60, width: 200, height: 68 })).toBe(true);
    expect(pathCrossesBox(path, { x: 200, y: 99, width: 200, height: 68 })).toBe(false);
    expect(pathCrossesBox(path, { x: 200, y: 140, width: 200, height: 68 })).toBe(false);
  });
});
