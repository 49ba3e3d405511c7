// Where a node's handles are, stated up front: edges then draw to nodes drawn without handle elements
// (mid zoom, culled, collapsed) and never wait for React Flow to measure them. The CSS in canvas.css puts
// the handle elements at exactly these boxes, so the measured and the stated positions agree.
import { Position, type NodeHandle } from "@xyflow/react";
import type { ComponentKind, ConnectionKind } from "@/lib/topology/catalog";
import { sourceHandles, targetHandles } from "../connection-rules";

/** Visual size of a handle (the hit area is larger, see .tc-handle::before). */
export const HANDLE_SIZE = 12;
/** Handle ids of the single in/out a cluster box offers to edges standing in for its hidden children. */
export const CLUSTER_IN = "cluster-in";
export const CLUSTER_OUT = "cluster-out";

/** The fraction of the node's height at which the i-th of n handles on a side sits. */
export const handleOffset = (i: number, n: number) => (i + 1) / (n + 1);

function side(kinds: readonly string[], type: "source" | "target", width: number, height: number): NodeHandle[] {
  const half = HANDLE_SIZE / 2;
  return kinds.map((id, i) => ({
    id,
    type,
    position: type === "source" ? Position.Right : Position.Left,
    x: type === "source" ? width - half : -half,
    y: Math.round(handleOffset(i, kinds.length) * height) - half,
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
