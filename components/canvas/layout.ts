import type { Design } from "@/lib/topology/design";
import { autoLayout as layout, type LayoutResult } from "@/lib/topology/layout";
import { CLUSTER_HEADER, NODE_HEIGHT, NODE_WIDTH } from "./nodes";

export type { LayoutResult } from "@/lib/topology/layout";

/** The shared layout (lib/topology/layout.ts) with the canvas's own box sizes. */
export function autoLayout(design: Design): Promise<LayoutResult> {
  return layout(design, { nodeWidth: NODE_WIDTH, nodeHeight: NODE_HEIGHT, clusterHeader: CLUSTER_HEADER });
}
