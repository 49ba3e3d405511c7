"use client";
import { HEALTH_TONE, type HealthStatus } from "@/lib/health";
import { memo } from "react";
import { Handle, NodeResizer, Position, useStore, type Node, type NodeProps, type ReactFlowState } from "@xyflow/react";
import { CONNECTIONS, KINDS, type ConnectionKind } from "@/lib/topology/catalog";
import type { Component } from "@/lib/topology/design";
import { sourceHandles, targetHandles } from "./connection-rules";
import { EDGE_STYLE, KIND_STYLE, componentSummary } from "./kind-style";
import { useEditorStoreOptional } from "./context";
import { SizingBadge } from "@/components/sizing/SizingBadge";
import { ChevronDown, ChevronRight } from "lucide-react";
import { handleFraction } from "@/lib/topology/drawn-edges";
import { CLUSTER_IN, CLUSTER_OUT, componentHandles } from "./lod/handles";
import { NODE_HEIGHT, NODE_MIN_WIDTH } from "@/lib/topology/node-box";
import { lodFor, type ClusterSummary } from "./lod/level-of-detail";
import { useCollapseControl } from "./lod/canvas-view-context";

/** Old names of the node box (lib/topology/node-box.ts is the source): the narrowest node and the fixed height. */
export { NODE_MIN_WIDTH as NODE_WIDTH, NODE_HEIGHT, CLUSTER_HEADER } from "@/lib/topology/node-box";

export interface LintBadge {
  errors: number;
  warnings: number;
  /** First message, shown as the badge's tooltip. */
  message: string;
}

export type StatusState = HealthStatus;
/** A status badge laid over a node by later features (live status). */
export interface OverlayBadge {
  state: StatusState;
  reason?: string;
}

export type ComponentNodeData = {
  component: Component;
  lint?: LintBadge;
  overlay?: OverlayBadge;
  /** Set when configured resources are below the sizing estimate: what falls short. */
  sizing?: string;
  dropTarget?: boolean;
  readOnly?: boolean;
  /** Clusters only: what the box says when its children are hidden. */
  summary?: ClusterSummary;
  /** Clusters only: drawn as a compact box (view state). */
  collapsed?: boolean;
};
export type ComponentNode = Node<ComponentNodeData, "component">;
export type ClusterNode = Node<ComponentNodeData, "cluster">;

export function nodeAriaLabel(c: Component): string {
  const summary = componentSummary(c);
  return `${KINDS[c.kind].label} ${c.name}${summary ? `, ${summary}` : ""}`;
}

function Handles({ kinds, type }: { kinds: readonly ConnectionKind[]; type: "source" | "target" }) {
  return (
    <>
      {kinds.map((k, i) => (
        <Handle
          key={k}
          id={k}
          type={type}
          position={type === "source" ? Position.Right : Position.Left}
          className={`tc-handle tc-handle-${type}`}
          style={{ top: `${handleFraction(i, kinds.length) * 100}%`, background: EDGE_STYLE[k].stroke }}
          title={`${type === "source" ? "Start" : "Accepts"} a ${CONNECTIONS[k].label} connection`}
          data-kind={k}
        />
      ))}
    </>
  );
}

function Badges({ lint, overlay }: { lint?: LintBadge; overlay?: OverlayBadge }) {
  return (
    <>
      {lint && (lint.errors > 0 || lint.warnings > 0) && (
        <span
          className={`tc-lint-badge ${lint.errors > 0 ? "is-error" : "is-warning"}`}
          title={lint.message}
          data-testid="lint-badge"
        >
          {lint.errors > 0 ? lint.errors : lint.warnings}
          <span className="tc-sr">
            {lint.errors > 0
              ? ` lint error${lint.errors === 1 ? "" : "s"}`
              : ` warning${lint.warnings === 1 ? "" : "s"}`}
            : {lint.message}
          </span>
        </span>
      )}
      {overlay && (
        <span
          className={`tc-status-badge is-${HEALTH_TONE[overlay.state]}`}
          title={overlay.reason ?? overlay.state}
          data-testid="status-badge"
          data-state={overlay.state}
        >
          <span className="tc-sr">
            {overlay.state}
            {overlay.reason ? `: ${overlay.reason}` : ""}
          </span>
        </span>
      )}
    </>
  );
}

const lodOf = (s: ReactFlowState) => lodFor(s.transform[2]);

/** One Thanos/Prometheus component: icon, name, summary, typed handles per connection kind. */
/**
 * Where a node drawn without handle elements has them: React Flow measures handle positions from the DOM
 * when it mounts a node, and a node measured without any loses every edge. Plain spans at the stated
 * boxes (lod/handles.ts) cost nothing to mount and cannot start a connection.
 */
function HandleStubs({
  kind,
  width,
  height,
}: {
  kind: ComponentNodeData["component"]["kind"];
  width: number;
  height: number;
}) {
  return (
    <>
      {componentHandles(kind, width, height).map((h) => (
        <span
          key={`${h.type}:${h.id}`}
          className={`tc-handle-stub ${h.type}`}
          data-handleid={h.id}
          data-handlepos={h.position}
          style={{ left: h.x, top: h.y, width: h.width, height: h.height }}
        />
      ))}
    </>
  );
}

export const ComponentNodeView = memo(function ComponentNodeView({
  data,
  selected,
  width,
  height,
}: NodeProps<ComponentNode>) {
  const c = data.component;
  // Re-renders when the zoom crosses a level, not per frame. Far zoom never gets here: its nodes are hidden.
  const near = useStore(lodOf) === "near";
  const { icon: Icon, color } = KIND_STYLE[c.kind];
  const summary = near ? componentSummary(c) : "";
  const cls = [
    "tc-node",
    near ? "" : "is-mid",
    selected && "is-selected",
    data.lint?.errors ? "has-error" : data.lint?.warnings ? "has-warning" : "",
    data.overlay && `status-${HEALTH_TONE[data.overlay.state]}`,
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <div
      className={cls}
      style={{ "--kind": color } as React.CSSProperties}
      data-kind={c.kind}
      title={`${KINDS[c.kind].label} ${c.name}`}
    >
      {near && <Handles kinds={targetHandles(c.kind)} type="target" />}
      <span className="tc-node-icon" aria-hidden>
        <Icon size={18} strokeWidth={2} />
      </span>
      <span className="tc-node-text">
        <span className="tc-node-name">{c.name}</span>
        {/* The icon and colour carry the kind; the second line is the part that changes (shards × replicas). */}
        {near && (
          <span className="tc-node-sub">
            {summary ? <span className="tc-node-summary">{summary}</span> : KINDS[c.kind].label}
          </span>
        )}
      </span>
      {near && <Badges lint={data.lint} overlay={data.overlay} />}
      {near && data.sizing && <SizingBadge message={data.sizing} />}
      {near && <Handles kinds={sourceHandles(c.kind)} type="source" />}
      {!near && <HandleStubs kind={c.kind} width={width ?? NODE_MIN_WIDTH} height={height ?? NODE_HEIGHT} />}
    </div>
  );
});

/** Stand-in handles for edges to a cluster's hidden children; not for drawing connections. */
function ClusterHandles() {
  return (
    <>
      <Handle
        type="target"
        id={CLUSTER_IN}
        position={Position.Left}
        className="tc-handle-cluster"
        isConnectable={false}
      />
      <Handle
        type="source"
        id={CLUSTER_OUT}
        position={Position.Right}
        className="tc-handle-cluster"
        isConnectable={false}
      />
    </>
  );
}

/** What a cluster box says when its children are not drawn: count and the worst finding, sized to the box. */
function ClusterSummaryView({ name, summary, box }: { name: string; summary: ClusterSummary; box: Box }) {
  // As large as the box allows (three lines), so the far view stays legible as far out as it can.
  const font = Math.max(14, Math.round(Math.min(box.width / 8, box.height / 3.4)));
  return (
    <div className="tc-cluster-summary" style={{ fontSize: font }} data-testid="cluster-summary">
      <span className="tc-cluster-summary-name">{name}</span>
      <span className="tc-cluster-summary-count" data-testid="cluster-count">
        {summary.count} component{summary.count === 1 ? "" : "s"}
      </span>
      {(summary.errors > 0 || summary.warnings > 0) && (
        <span className="tc-cluster-summary-lint">
          {summary.errors > 0
            ? `${summary.errors} error${summary.errors === 1 ? "" : "s"}`
            : `${summary.warnings} warning${summary.warnings === 1 ? "" : "s"}`}
        </span>
      )}
    </div>
  );
}

/** A cluster: a resizable group node whose children move with it; collapsible to a compact box. */
type Box = { width: number; height: number };

export const ClusterNodeView = memo(function ClusterNodeView({
  id,
  data,
  selected,
  width,
  height,
}: NodeProps<ClusterNode>) {
  const c = data.component;
  const s = c.settings as { namespace?: string; externalLabels?: Record<string, string> };
  const Icon = KIND_STYLE.cluster.icon;
  const store = useEditorStoreOptional();
  const collapse = useCollapseControl();
  const far = useStore(lodOf) === "far";
  const labels = Object.entries(s.externalLabels ?? {});
  const summary = data.summary;
  const compact = far || !!data.collapsed;
  const toggleLabel = `${data.collapsed ? "Expand" : "Collapse"} cluster ${c.name}`;
  return (
    <div
      className={[
        "tc-cluster",
        selected && "is-selected",
        data.dropTarget && "is-drop-target",
        data.lint?.errors ? "has-error" : "",
        compact && "is-compact",
      ]
        .filter(Boolean)
        .join(" ")}
      data-tone={summary?.tone}
    >
      <ClusterHandles />
      {!data.readOnly && store && !compact && (
        <NodeResizer
          isVisible={!!selected}
          minWidth={240}
          minHeight={160}
          lineClassName="tc-resize-line"
          handleClassName="tc-resize-handle"
          onResizeStart={() => store.getState().beginGesture()}
          onResize={(_e, p) => store.getState().resizeClusterLive(id, p)}
          onResizeEnd={() => store.getState().endGesture("Resize cluster")}
        />
      )}
      {!far && (
        <div className="tc-cluster-head">
          {collapse && (
            <button
              type="button"
              className="tc-cluster-toggle nodrag"
              aria-expanded={!data.collapsed}
              aria-label={toggleLabel}
              title={toggleLabel}
              onClick={() => collapse.toggle(id)}
            >
              {data.collapsed ? <ChevronRight size={16} aria-hidden /> : <ChevronDown size={16} aria-hidden />}
            </button>
          )}
          <Icon size={16} aria-hidden />
          <span className="tc-cluster-name">{c.name}</span>
          {!data.collapsed && <span className="tc-cluster-ns">ns/{s.namespace ?? "monitoring"}</span>}
          {!data.collapsed &&
            labels.slice(0, 3).map(([k, v]) => (
              <span key={k} className="tc-chip">
                {k}={v}
              </span>
            ))}
          <Badges lint={data.lint} overlay={data.overlay} />
        </div>
      )}
      {far && summary && (
        <ClusterSummaryView name={c.name} summary={summary} box={{ width: width ?? 280, height: height ?? 96 }} />
      )}
      {!far && data.collapsed && summary && (
        <div className="tc-cluster-collapsed-body" data-testid="cluster-summary">
          <span data-testid="cluster-count">
            {summary.count} component{summary.count === 1 ? "" : "s"}
          </span>
          {summary.errors > 0 && <span className="tc-cluster-summary-lint">{summary.errors} errors</span>}
        </div>
      )}
    </div>
  );
});

export const nodeTypes = { component: ComponentNodeView, cluster: ClusterNodeView };
