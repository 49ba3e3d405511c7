// Where a node's handles are, stated up front: edges then draw to nodes drawn without handle elements
// (mid zoom, culled, collapsed) and never wait for React Flow to measure them. The CSS in canvas.css puts
// the handle elements at exactly these boxes, so the measured and the stated positions agree.
import { Position, type NodeHandle } from "@xyflow/react";
import type { ComponentKind, ConnectionKind } from "@/lib/topology/catalog";
import { HANDLE_SIZE, handleFraction } from "@/lib/topology/drawn-edges";
import { sourceHandles, targetHandles } from "../connection-rules";

// Size and spacing come from the model layer, which routes the layout around the same lines the canvas
// draws (lib/topology/drawn-edges.ts). The hit area is larger than HANDLE_SIZE, see .tc-handle::before.
export { HANDLE_SIZE };
/** Handle ids of the single in/out a cluster box offers to edges standing in for its hidden children. */
export const CLUSTER_IN = "cluster-in";
export const CLUSTER_OUT = "cluster-out";

function side(kinds: readonly string[], type: "source" | "target", width: number, height: number): NodeHandle[] {
  const half = HANDLE_SIZE / 2;
  return kinds.map((id, i) => ({
    id,
    type,
    position: type === "source" ? Position.Right : Position.Left,
    x: type === "source" ? width - half : -half,
    y: Math.round(handleFraction(i, kinds.length) * height) - half,
    width: HANDLE_SIZE,
    height: HANDLE_SIZE,
  }));
}

/** One handle per connection kind the component starts (right) or accepts (left). */
export function componentHandles(kind: ComponentKind, width: number, height: number): NodeHandle[] {
  return [
    ...side(targetHandles(kind) as readonly ConnectionKind[], "target", width, height),
    ...side(sourceHandles(kind) as readonly ConnectionKind[], "source", width, height),
  ];
}

/** A cluster's stand-in handles, centred on its left and right sides. */
export function clusterHandles(width: number, height: number): NodeHandle[] {
  return [...side([CLUSTER_IN], "target", width, height), ...side([CLUSTER_OUT], "source", width, height)];
}
