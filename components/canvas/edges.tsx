"use client";
import { memo } from "react";
import { BaseEdge, getSmoothStepPath, type Edge, type EdgeProps } from "@xyflow/react";
import { CONNECTIONS, CONNECTION_KINDS, type ConnectionKind } from "@/lib/topology/catalog";
import { EDGE_ERROR, EDGE_STYLE } from "./kind-style";

export type ConnectionEdgeData = {
  kind: ConnectionKind;
  lintError?: boolean;
  /** Set on an edge standing in for this many connections to components hidden in a cluster box. */
  count?: number;
};
export type ConnectionEdge = Edge<ConnectionEdgeData, "connection">;

/**
 * Orthogonal paths that leave and enter a node horizontally for at least OFFSET px, so a short edge still
 * shows its direction and arrow instead of a stub; rounded bends read as one line where edges cross.
 */
const OFFSET = 24;
const RADIUS = 10;

/** Stroke width of an edge standing for `count` connections: grows with the count, but slowly. */
export function aggregateWidth(base: number, count: number): number {
  return Math.min(base + 6, base + Math.log2(Math.max(1, count)) * 1.5);
}

/** One edge style per connection kind (colour + dash), thicker when selected or standing for several. */
export const ConnectionEdgeView = memo(function ConnectionEdgeView(props: EdgeProps<ConnectionEdge>) {
  const kind = props.data?.kind ?? "storeApi";
  const st = EDGE_STYLE[kind];
  const count = props.data?.count;
  const [path] = getSmoothStepPath({ ...props, offset: OFFSET, borderRadius: RADIUS });
  const width = count ? aggregateWidth(st.width, count) : st.width;
  return (
    <BaseEdge
      id={props.id}
      path={path}
      markerEnd={props.markerEnd}
      interactionWidth={16}
      style={{
        stroke: props.data?.lintError ? EDGE_ERROR.stroke : st.stroke,
        strokeWidth: props.selected ? width + 1.5 : width,
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
              style={{ stroke: EDGE_STYLE[k].stroke }}
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
