// Measures of a laid-out design a reader notices, for the layout tests: boxes on top of each other,
// children outside their cluster, clusters over clusters, and connections drawn under other nodes.
import type { Design } from "../design";
import { componentBoxes, edgesUnderNodes, layoutProblems, type Box } from "../geometry";

/** The bounding box of every top-level box. */
export function bounds(design: Design): Box {
  const all = [...componentBoxes(design).values()];
  const x = Math.min(...all.map((b) => b.x));
  const y = Math.min(...all.map((b) => b.y));
  return {
    x,
    y,
    width: Math.max(...all.map((b) => b.x + b.width)) - x,
    height: Math.max(...all.map((b) => b.y + b.height)) - y,
  };
}

export { edgesUnderNodes, layoutProblems };
