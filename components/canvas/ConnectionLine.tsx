"use client";
import { getBezierPath, type ConnectionLineComponentProps } from "@xyflow/react";
import type { ConnectionKind } from "@/lib/topology/catalog";
import { useEditorStoreOptional } from "./context";
import { checkConnection } from "./connection-rules";
import { EDGE_ERROR, EDGE_STYLE } from "./kind-style";

/** Shows, while dragging a connection over an invalid target, why it would be refused. */
export function ConnectionLine({
  fromX,
  fromY,
  toX,
  toY,
  fromPosition,
  toPosition,
  fromHandle,
  fromNode,
  toNode,
  connectionStatus,
}: ConnectionLineComponentProps) {
  const store = useEditorStoreOptional();
  const kind = (fromHandle?.id ?? "storeApi") as ConnectionKind;
  const st = EDGE_STYLE[kind] ?? EDGE_STYLE.storeApi;
  const [path] = getBezierPath({
    sourceX: fromX,
    sourceY: fromY,
    sourcePosition: fromPosition,
    targetX: toX,
    targetY: toY,
    targetPosition: toPosition,
  });
  const color = connectionStatus === "invalid" ? EDGE_ERROR.stroke : st.stroke;
  let reason: string | null = null;
  if (connectionStatus === "invalid" && toNode && store) {
    const d = store.getState().design;
    const a = d.components.find((c) => c.id === fromNode.id);
    const b = d.components.find((c) => c.id === toNode.id);
    const r =
      fromHandle?.type === "target"
        ? checkConnection(kind, b, a, d.connections)
        : checkConnection(kind, a, b, d.connections);
    if (!r.ok) reason = r.reason;
  }
  return (
    <g>
      <path d={path} fill="none" style={{ stroke: color }} strokeWidth={2} strokeDasharray={st.dash} />
      <circle cx={toX} cy={toY} r={4} style={{ fill: color }} />
      {reason && (
        <foreignObject x={toX + 12} y={toY + 10} width={280} height={90} style={{ overflow: "visible" }}>
          <div className="tc-illegal tc-illegal-inline" role="alert">
            {reason}
          </div>
        </foreignObject>
      )}
    </g>
  );
}
