"use client";
import "@xyflow/react/dist/style.css";
import "./canvas.css";
import { trySizeDesign, undersized } from "@/lib/topology/sizing";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  Background,
  BackgroundVariant,
  ConnectionLineType,
  Controls,
  MarkerType,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  getBezierPath,
  useReactFlow,
  type Connection as FlowConnection,
  type ConnectionLineComponentProps,
  type EdgeChange,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeChange,
  type OnConnectEnd,
} from "@xyflow/react";
import { CONNECTIONS, KINDS, type ComponentKind, type ConnectionKind } from "@/lib/topology/catalog";
import type { Component, Connection, Design } from "@/lib/topology/design";
import { EditorStoreContext, useEditor, useEditorStore, useEditorStoreOptional } from "./context";
import { checkConnection } from "./connection-rules";
import { EdgeLegend, edgeTypes, type ConnectionEdge } from "./edges";
import { EDGE_STYLE, KIND_STYLE } from "./kind-style";
import {
  NODE_HEIGHT,
  NODE_WIDTH,
  nodeAriaLabel,
  nodeTypes,
  type ComponentNode,
  type ClusterNode,
  type LintBadge,
  type OverlayBadge,
} from "./nodes";
import { absolutePosition, clampIntoCluster, clusterAt, clusterSize, placeAt } from "./placement";
import { createEditorStore } from "./store";

export const PALETTE_MIME = "application/x-topology-kind";

type FlowNode = ComponentNode | ClusterNode;

export interface CanvasViewProps {
  readOnly?: boolean;
  /** Status badges laid over nodes (live status view). */
  overlay?: Record<string, OverlayBadge>;
  /** Lint badges per component id. */
  badges?: Map<string, LintBadge>;
  /** Connection ids with lint errors are drawn red. */
  edgeErrors?: Set<string>;
  /** Tell the user why something was refused (illegal connection, drop outside a cluster). */
  onRefuse?(reason: string): void;
  /** Double-click / Enter on a node (e.g. open a status drawer). */
  onNodeActivate?(componentId: string): void;
}

/** The selection after React Flow's select changes, or null when none concern it. */
function applySelection(
  current: ReadonlySet<string>,
  changes: readonly (NodeChange<FlowNode> | EdgeChange<ConnectionEdge>)[],
): Set<string> | null {
  let next: Set<string> | null = null;
  for (const ch of changes) {
    if (ch.type !== "select") continue;
    next ??= new Set(current);
    if (ch.selected) next.add(ch.id);
    else next.delete(ch.id);
  }
  return next;
}

/** React Flow needs parents before children; keep node objects stable for unchanged components. */
function useFlowNodes(
  design: Design,
  selected: ReadonlySet<string>,
  badges: Map<string, LintBadge> | undefined,
  overlay: Record<string, OverlayBadge> | undefined,
  dropTarget: string | null,
  readOnly: boolean,
): FlowNode[] {
  const cache = useRef(new Map<string, { key: unknown[]; node: FlowNode }>());
  return useMemo(() => {
    const prev = cache.current;
    const next = new Map<string, { key: unknown[]; node: FlowNode }>();
    const clusterIds = new Set(design.components.filter((c) => c.kind === "cluster").map((c) => c.id));
    const short = new Map((trySizeDesign(design)?.components ?? []).map((s) => [s.id, undersized(s)]));
    const make = (c: Component): FlowNode => {
      const isSel = selected.has(c.id);
      const badge = badges?.get(c.id);
      const ov = overlay?.[c.id];
      const drop = dropTarget === c.id;
      const sizing = short.get(c.id);
      const key = [
        c,
        isSel,
        badge?.errors,
        badge?.warnings,
        badge?.message,
        ov?.state,
        ov?.reason,
        drop,
        readOnly,
        sizing,
      ];
      const hit = prev.get(c.id);
      if (hit && hit.key.every((k, i) => k === key[i])) {
        next.set(c.id, hit);
        return hit.node;
      }
      const isCluster = c.kind === "cluster";
      const size = isCluster ? clusterSize(c) : { width: NODE_WIDTH, height: NODE_HEIGHT };
      const node = {
        id: c.id,
        type: isCluster ? "cluster" : "component",
        position: c.position,
        ...(c.cluster && clusterIds.has(c.cluster) ? { parentId: c.cluster } : {}),
        data: { component: c, lint: badge, overlay: ov, sizing, dropTarget: drop, readOnly },
        width: size.width,
        height: size.height,
        // Sizes are fixed by us, so we can state them: without `measured` React Flow drops the node's
        // handle bounds whenever the node object changes, and edges to it vanish until it is re-measured.
        measured: { width: size.width, height: size.height },
        selected: isSel,
        ariaLabel: nodeAriaLabel(c),
        draggable: !readOnly,
        connectable: !readOnly,
        deletable: !readOnly,
        ...(isCluster ? { style: { width: size.width, height: size.height }, className: "tc-cluster-node" } : {}),
      } as FlowNode;
      next.set(c.id, { key, node });
      return node;
    };
    const out: FlowNode[] = [];
    for (const c of design.components) if (c.kind === "cluster") out.push(make(c));
    for (const c of design.components) if (c.kind !== "cluster") out.push(make(c));
    cache.current = next;
    return out;
  }, [design, selected, badges, overlay, dropTarget, readOnly]);
}

function useFlowEdges(
  connections: readonly Connection[],
  byId: Map<string, Component>,
  selected: ReadonlySet<string>,
  edgeErrors: Set<string> | undefined,
  readOnly: boolean,
): ConnectionEdge[] {
  const cache = useRef(new Map<string, { key: unknown[]; edge: ConnectionEdge }>());
  return useMemo(() => {
    const prev = cache.current;
    const next = new Map<string, { key: unknown[]; edge: ConnectionEdge }>();
    const out: ConnectionEdge[] = [];
    for (const e of connections) {
      const from = byId.get(e.from);
      const to = byId.get(e.to);
      if (!from || !to) continue;
      const isSel = selected.has(e.id);
      const err = edgeErrors?.has(e.id) ?? false;
      const key = [e, isSel, err, from.name, to.name, readOnly];
      const hit = prev.get(e.id);
      if (hit && hit.key.every((k, i) => k === key[i])) {
        next.set(e.id, hit);
        out.push(hit.edge);
        continue;
      }
      const edge: ConnectionEdge = {
        id: e.id,
        source: e.from,
        target: e.to,
        sourceHandle: e.kind,
        targetHandle: e.kind,
        type: "connection",
        data: { kind: e.kind, lintError: err },
        selected: isSel,
        deletable: !readOnly,
        ariaLabel: `${CONNECTIONS[e.kind].label}: ${from.name} to ${to.name}`,
        markerEnd: {
          type: MarkerType.ArrowClosed,
          color: err ? "#dc2626" : EDGE_STYLE[e.kind].color,
          width: 16,
          height: 16,
        },
      };
      next.set(e.id, { key, edge });
      out.push(edge);
    }
    cache.current = next;
    return out;
  }, [connections, byId, selected, edgeErrors, readOnly]);
}

/** Shows, while dragging a connection over an invalid target, why it would be refused. */
function ConnectionLine({
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
      <path
        d={path}
        fill="none"
        stroke={connectionStatus === "invalid" ? "#dc2626" : st.color}
        strokeWidth={2}
        strokeDasharray={st.dash}
      />
      <circle cx={toX} cy={toY} r={4} fill={connectionStatus === "invalid" ? "#dc2626" : st.color} />
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

const defaultEdgeOptions = { type: "connection" };
const fitViewOptions = { padding: 0.08, maxZoom: 1.1 };

export function CanvasView({
  readOnly = false,
  overlay,
  badges,
  edgeErrors,
  onRefuse,
  onNodeActivate,
}: CanvasViewProps) {
  const store = useEditorStore();
  const design = useEditor((s) => s.design);
  const selected = useEditor((s) => s.selected);
  const selectedEdges = useEditor((s) => s.selectedEdges);
  const dropTarget = useEditor((s) => s.dropTarget);
  const rf = useReactFlow<FlowNode, ConnectionEdge>();
  const wrapper = useRef<HTMLDivElement>(null);
  const [refusal, setRefusal] = useState<{ x: number; y: number; text: string } | null>(null);
  const byId = useMemo(() => new Map(design.components.map((c) => [c.id, c])), [design.components]);
  const nodes = useFlowNodes(design, selected, badges, overlay, dropTarget, readOnly);
  const edges = useFlowEdges(design.connections, byId, selectedEdges, edgeErrors, readOnly);
  const large = design.components.length > 150;
  // Fit only a design that has something to show: on an empty canvas React Flow would fit the first drop.
  const [fitOnInit] = useState(() => design.components.length > 0);

  const refuse = useCallback(
    (text: string, client?: { x: number; y: number }) => {
      const box = wrapper.current?.getBoundingClientRect();
      const x = client && box ? client.x - box.left : (box?.width ?? 400) / 2;
      const y = client && box ? client.y - box.top : 24;
      setRefusal({ x, y, text });
      onRefuse?.(text);
    },
    [onRefuse],
  );
  useEffect(() => {
    if (!refusal) return;
    const t = setTimeout(() => setRefusal(null), 4500);
    return () => clearTimeout(t);
  }, [refusal]);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      const s = store.getState();
      const positions = new Map<string, { x: number; y: number }>();
      for (const ch of changes)
        if (ch.type === "position" && ch.position && !readOnly) positions.set(ch.id, ch.position);
      const sel = applySelection(s.selected, changes);
      if (positions.size) {
        s.beginGesture();
        s.moveLive(positions);
      }
      if (sel) s.select(sel, store.getState().selectedEdges);
    },
    [store, readOnly],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<ConnectionEdge>[]) => {
      const s = store.getState();
      const sel = applySelection(s.selectedEdges, changes);
      if (sel) s.select(s.selected, sel);
    },
    [store],
  );

  const onNodeDrag = useCallback(
    (_e: unknown, node: FlowNode) => {
      if (node.type === "cluster") return;
      const d = store.getState().design;
      const c = d.components.find((x) => x.id === node.id);
      if (!c) return;
      const abs = absolutePosition(c, new Map(d.components.map((x) => [x.id, x])));
      const target = clusterAt(d, { x: abs.x + NODE_WIDTH / 2, y: abs.y + NODE_HEIGHT / 2 });
      store.getState().setDropTarget(target && target.id !== c.cluster ? target.id : null);
    },
    [store],
  );

  const onNodeDragStop = useCallback(
    (ev: MouseEvent | TouchEvent, _node: FlowNode, dragged: FlowNode[]) => {
      const e = "changedTouches" in ev ? ev.changedTouches[0] : ev;
      const s = store.getState();
      const before = s.gesture;
      let d = s.design;
      const map = new Map(d.components.map((x) => [x.id, x]));
      for (const n of dragged) {
        const c = map.get(n.id);
        if (!c || c.kind === "cluster") continue;
        // A child dragged together with its own cluster stays where it is.
        if (c.cluster && dragged.some((x) => x.id === c.cluster)) continue;
        const abs = absolutePosition(c, map);
        const target = clusterAt(d, { x: abs.x + NODE_WIDTH / 2, y: abs.y + NODE_HEIGHT / 2 });
        if (target?.id === c.cluster) continue;
        if (target) {
          s.reparent(
            c.id,
            target.id,
            clampIntoCluster({ x: abs.x - target.position.x, y: abs.y - target.position.y }, target),
          );
        } else if (KINDS[c.kind].needsCluster) {
          // Outside every cluster: put it back where the drag started.
          const old = before?.components.find((x) => x.id === c.id);
          if (old) s.reparent(c.id, old.cluster, old.position);
          refuse(
            `${KINDS[c.kind].label} "${c.name}" must stay inside a cluster.`,
            e ? { x: e.clientX, y: e.clientY } : undefined,
          );
        } else {
          s.reparent(c.id, undefined, abs);
        }
        d = store.getState().design;
      }
      store.getState().endGesture(dragged.length > 1 ? `Move ${dragged.length} components` : "Move");
    },
    [store, refuse],
  );

  const isValidConnection: IsValidConnection<ConnectionEdge> = useCallback(
    (conn) => {
      const d = store.getState().design;
      const from = d.components.find((c) => c.id === conn.source);
      const to = d.components.find((c) => c.id === conn.target);
      return checkConnection(conn.sourceHandle as ConnectionKind, from, to, d.connections).ok;
    },
    [store],
  );

  const onConnect = useCallback(
    (conn: FlowConnection) => {
      const s = store.getState();
      const from = s.design.components.find((c) => c.id === conn.source);
      const to = s.design.components.find((c) => c.id === conn.target);
      const r = checkConnection(conn.sourceHandle as ConnectionKind, from, to, s.design.connections);
      if (r.ok) s.addConnection(r.kind, conn.source, conn.target);
    },
    [store],
  );

  /** A drop that did not land on a matching handle: connect to the node under the pointer if legal, else say why. */
  const onConnectEnd: OnConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || !state.fromNode || !state.fromHandle) return;
      const pt = "changedTouches" in event ? event.changedTouches[0] : (event as MouseEvent);
      let targetId = state.toNode?.id;
      if (!targetId) {
        const el = document.elementsFromPoint(pt.clientX, pt.clientY).find((x) => x.closest(".react-flow__node"));
        targetId = (el?.closest(".react-flow__node") as HTMLElement | null)?.dataset.id;
      }
      if (!targetId || targetId === state.fromNode.id) return;
      const s = store.getState();
      const a = s.design.components.find((c) => c.id === state.fromNode!.id);
      const b = s.design.components.find((c) => c.id === targetId);
      const kind = state.fromHandle.id as ConnectionKind;
      const [from, to] = state.fromHandle.type === "target" ? [b, a] : [a, b];
      const r = checkConnection(kind, from, to, s.design.connections);
      if (r.ok) s.addConnection(r.kind, from!.id, to!.id);
      else refuse(r.reason, { x: pt.clientX, y: pt.clientY });
    },
    [store, refuse],
  );

  const onDragOver = useCallback(
    (e: React.DragEvent) => {
      if (readOnly || !e.dataTransfer.types.includes(PALETTE_MIME)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
    },
    [readOnly],
  );

  const onDrop = useCallback(
    (e: React.DragEvent) => {
      const kind = e.dataTransfer.getData(PALETTE_MIME) as ComponentKind;
      if (readOnly || !kind || !KINDS[kind]) return;
      e.preventDefault();
      const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const s = store.getState();
      const placed = placeAt(s.design, kind, p);
      if (!placed.ok) refuse(placed.reason, { x: e.clientX, y: e.clientY });
      else s.addComponent(kind, placed.position, placed.cluster);
    },
    [rf, store, readOnly, refuse],
  );

  return (
    <div
      className="tc-canvas"
      ref={wrapper}
      onDragOver={onDragOver}
      onDrop={onDrop}
      data-readonly={readOnly || undefined}
      data-large={large || undefined}
    >
      <ReactFlow<FlowNode, ConnectionEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDrag={onNodeDrag}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onNodeDoubleClick={onNodeActivate ? (_e, n) => onNodeActivate(n.id) : undefined}
        connectionLineComponent={ConnectionLine}
        connectionLineType={ConnectionLineType.Bezier}
        connectionRadius={28}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        elementsSelectable
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={["Meta", "Control", "Shift"]}
        // Not virtualized: with far-zoom nodes and the nodes layer composited, keeping every node mounted
        // measured faster than mounting/unmounting hundreds per zoom step (bench:canvas, 1,000 components).
        onlyRenderVisibleElements={false}
        minZoom={0.05}
        maxZoom={2}
        fitView={fitOnInit}
        fitViewOptions={fitViewOptions}
        snapToGrid={false}
        aria-label={readOnly ? "Topology diagram (read-only)" : "Topology diagram editor"}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#cbd5e1" />
        <MiniMap
          pannable
          zoomable
          nodeColor={(n) =>
            n.type === "cluster"
              ? "rgba(71,85,105,0.12)"
              : KIND_STYLE[(n.data as { component: Component }).component.kind].color
          }
          nodeStrokeColor={(n) => (n.type === "cluster" ? "#94a3b8" : "transparent")}
          nodeBorderRadius={4}
          ariaLabel="Minimap"
        />
        <Controls showInteractive={false} aria-label="Zoom controls" />
        <Panel position="top-right" className="tc-legend-panel">
          <EdgeLegend />
        </Panel>
      </ReactFlow>
      {refusal && (
        <div
          className="tc-illegal tc-illegal-float"
          role="alert"
          style={{ left: Math.min(refusal.x + 12, (wrapper.current?.clientWidth ?? 800) - 300), top: refusal.y + 12 }}
        >
          {refusal.text}
        </div>
      )}
    </div>
  );
}

export interface DesignCanvasProps {
  design: Design;
  readOnly?: boolean;
  /** Called with the new document after every edit (editable mode). */
  onChange?(design: Design): void;
  /** Controlled selection (component ids). */
  selection?: string[];
  onSelectionChange?(componentIds: string[]): void;
  overlay?: Record<string, OverlayBadge>;
  badges?: Map<string, LintBadge>;
  onNodeActivate?(componentId: string): void;
  className?: string;
}

/**
 * Self-contained canvas for other pages (share view, live status): owns a store seeded from `design`,
 * follows later `design` props, and reports edits and selection.
 */
export function DesignCanvas({
  design,
  readOnly,
  onChange,
  selection,
  onSelectionChange,
  overlay,
  badges,
  onNodeActivate,
  className,
}: DesignCanvasProps) {
  const [store] = useState(() => createEditorStore(design));
  useEffect(() => {
    if (store.getState().design !== design) store.getState().load(design);
  }, [design, store]);
  useEffect(() => {
    if (!selection) return;
    const cur = store.getState().selected;
    if (selection.length !== cur.size || selection.some((id) => !cur.has(id))) store.getState().select(selection);
  }, [selection, store]);
  useEffect(
    () =>
      store.subscribe((s, prev) => {
        if (s.design !== prev.design && s.design !== design) onChange?.(s.design);
        if (s.selected !== prev.selected) onSelectionChange?.([...s.selected]);
      }),
    [store, onChange, onSelectionChange, design],
  );
  return (
    <EditorStoreContext.Provider value={store}>
      <ReactFlowProvider>
        <div className={className ?? "tc-canvas-standalone"}>
          <CanvasView readOnly={readOnly} overlay={overlay} badges={badges} onNodeActivate={onNodeActivate} />
        </div>
      </ReactFlowProvider>
    </EditorStoreContext.Provider>
  );
}
