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

export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 64;
export const CLUSTER_HEADER = 44;

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
          style={{ top: `${((i + 1) / (kinds.length + 1)) * 100}%`, background: EDGE_STYLE[k].color }}
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

/** Below this zoom, text is unreadable anyway: nodes drop icon and text (cheap to mount and paint). */
export const FAR_ZOOM = 0.35;
const isFar = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;

/** One Thanos/Prometheus component: icon, name, summary, typed handles per connection kind. */
export const ComponentNodeView = memo(function ComponentNodeView({ data, selected }: NodeProps<ComponentNode>) {
  const c = data.component;
  const far = useStore(isFar);
  if (far) return <FarNode data={data} selected={selected} />;
  const { icon: Icon, color } = KIND_STYLE[c.kind];
  const summary = componentSummary(c);
  const cls = [
    "tc-node",
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
      <Handles kinds={targetHandles(c.kind)} type="target" />
      <span className="tc-node-icon" aria-hidden>
        <Icon size={18} strokeWidth={2} />
      </span>
      <span className="tc-node-text">
        <span className="tc-node-name">{c.name}</span>
        {/* The icon and colour carry the kind; the second line is the part that changes (shards × replicas). */}
        <span className="tc-node-sub">
          {summary ? <span className="tc-node-summary">{summary}</span> : KINDS[c.kind].label}
        </span>
      </span>
      <Badges lint={data.lint} overlay={data.overlay} />
      {data.sizing && <SizingBadge message={data.sizing} />}
      <Handles kinds={sourceHandles(c.kind)} type="source" />
    </div>
  );
});

/**
 * Level of detail for far zoom: a coloured box. The handles stay (hidden by CSS) so React Flow keeps
 * their positions for the edges; a node first measured without handles would lose its edges.
 */
function FarNode({ data, selected }: { data: ComponentNodeData; selected: boolean }) {
  const c = data.component;
  return (
    <div
      className={`tc-node is-far${selected ? " is-selected" : ""}${data.lint?.errors ? " has-error" : ""}`}
      style={{ "--kind": KIND_STYLE[c.kind].color } as React.CSSProperties}
      data-kind={c.kind}
    >
      <Handles kinds={targetHandles(c.kind)} type="target" />
      <span className="tc-node-far-name">{c.name}</span>
      <Handles kinds={sourceHandles(c.kind)} type="source" />
    </div>
  );
}

/** A cluster: a resizable group node whose children move with it. */
export const ClusterNodeView = memo(function ClusterNodeView({ id, data, selected }: NodeProps<ClusterNode>) {
  const c = data.component;
  const s = c.settings as { namespace?: string; externalLabels?: Record<string, string> };
  const Icon = KIND_STYLE.cluster.icon;
  const store = useEditorStoreOptional();
  const labels = Object.entries(s.externalLabels ?? {});
  return (
    <div
      className={[
        "tc-cluster",
        selected && "is-selected",
        data.dropTarget && "is-drop-target",
        data.lint?.errors ? "has-error" : "",
      ]
        .filter(Boolean)
        .join(" ")}
    >
      {!data.readOnly && store && (
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
      <div className="tc-cluster-head">
        <Icon size={16} aria-hidden />
        <span className="tc-cluster-name">{c.name}</span>
        <span className="tc-cluster-ns">ns/{s.namespace ?? "monitoring"}</span>
        {labels.slice(0, 3).map(([k, v]) => (
          <span key={k} className="tc-chip">
            {k}={v}
          </span>
        ))}
        <Badges lint={data.lint} overlay={data.overlay} />
      </div>
    </div>
  );
});

export const nodeTypes = { component: ComponentNodeView, cluster: ClusterNodeView };
