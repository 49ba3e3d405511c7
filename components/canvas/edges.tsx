"use client";
import { memo } from "react";
import { BaseEdge, getBezierPath, type Edge, type EdgeProps } from "@xyflow/react";
import { CONNECTIONS, CONNECTION_KINDS, type ConnectionKind } from "@/lib/topology/catalog";
import { EDGE_STYLE } from "./kind-style";

export type ConnectionEdgeData = { kind: ConnectionKind; lintError?: boolean };
export type ConnectionEdge = Edge<ConnectionEdgeData, "connection">;

/** One edge style per connection kind (colour + dash), thicker when selected. */
export const ConnectionEdgeView = memo(function ConnectionEdgeView(props: EdgeProps<ConnectionEdge>) {
  const kind = props.data?.kind ?? "storeApi";
  const st = EDGE_STYLE[kind];
  const [path] = getBezierPath(props);
  return (
    <BaseEdge
      id={props.id}
      path={path}
      markerEnd={props.markerEnd}
      interactionWidth={16}
      style={{
        stroke: props.data?.lintError ? "#dc2626" : st.color,
        strokeWidth: props.selected ? st.width + 1.5 : st.width,
        strokeDasharray: st.dash,
      }}
      className={props.selected ? "tc-edge is-selected" : "tc-edge"}
    />
  );
});

export const edgeTypes = { connection: ConnectionEdgeView };

export function EdgeLegend() {
  return (
    <div className="tc-legend" aria-label="Connection kinds">
      {CONNECTION_KINDS.map((k) => (
        <span key={k} className="tc-legend-item" title={CONNECTIONS[k].description}>
          <svg width="28" height="10" aria-hidden>
            <line
              x1="1"
              y1="5"
              x2="27"
              y2="5"
              stroke={EDGE_STYLE[k].color}
              strokeWidth={EDGE_STYLE[k].width + 0.5}
              strokeDasharray={EDGE_STYLE[k].dash}
            />
          </svg>
          {CONNECTIONS[k].label}
        </span>
      ))}
    </div>
  );
}
