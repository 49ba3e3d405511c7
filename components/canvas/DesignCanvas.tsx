"use client";
import "@xyflow/react/dist/style.css";
import "./canvas.css";
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  Background,
  BackgroundVariant,
  ConnectionLineType,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore,
  useStoreApi,
  type ReactFlowInstance,
  type ReactFlowState,
} from "@xyflow/react";
import type { Design } from "@/lib/topology/design";
import { ConnectionLine } from "./ConnectionLine";
import { EditorStoreContext, useEditor, useEditorStore } from "./context";
import { EdgeLegend, edgeTypes, type ConnectionEdge } from "./edges";
import { designSummaries, useFlowEdges, useFlowNodes, type FlowNode } from "./flow-elements";
import { CollapseProvider, useCollapsedClusters, useRevealSelected } from "./lod/canvas-view-context";
import { BulkEdges } from "./lod/edge-layer";
import { FarLayer } from "./lod/far-layer";
import { boxAt, farScene, type FarBox } from "./lod/far-scene";
import { OverviewMap } from "./lod/overview-map";
import { FAR_BELOW, LARGE_DESIGN, lodFor } from "./lod/level-of-detail";
import { openingViewport } from "./lod/opening-view";
import { KIND_STYLE } from "./kind-style";
import { nodeTypes, type LintBadge, type OverlayBadge } from "./nodes";
import { createEditorStore } from "./store";
import { useCanvasDrop } from "./use-canvas-drop";
import { useConnectGesture, useFlowChanges, useNodeDrag } from "./use-canvas-gestures";
import { useRefusal } from "./use-refusal";

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

const defaultEdgeOptions = { type: "connection" };
const FIT_ALL = { includeHiddenNodes: true };
const lodOf = (s: ReactFlowState) => lodFor(s.transform[2]);

const miniMapColor = (n: FlowNode) =>
  n.type === "cluster" ? "rgba(71,85,105,0.12)" : KIND_STYLE[n.data.component.kind].color;
const miniMapStroke = (n: FlowNode) => (n.type === "cluster" ? "#94a3b8" : "transparent");

export const CanvasView = memo(function CanvasView({
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
  const wrapper = useRef<HTMLDivElement>(null);
  const collapse = useCollapsedClusters();
  // The canvas re-renders when the zoom crosses a level, never per frame.
  const lod = useStore(lodOf);
  const far = lod === "far";
  const large = design.components.length > LARGE_DESIGN;
  const overview = far && large;
  const view = useMemo(() => ({ far, collapsed: collapse.collapsed, overview }), [far, collapse.collapsed, overview]);
  const byId = useMemo(() => new Map(design.components.map((c) => [c.id, c])), [design.components]);
  useRevealSelected(collapse, selected, byId);
  const nodes = useFlowNodes(design, selected, badges, overlay, dropTarget, readOnly, view);
  const scene = useMemo(
    () => (overview ? farScene(design, designSummaries(design, badges, overlay)) : null),
    [overview, design, badges, overlay],
  );
  const zoomInto = useZoomInto();
  const onPaneClick = useMemo(() => {
    if (!scene) return undefined;
    return (e: React.MouseEvent) => {
      const box = boxAt(scene, ...zoomInto.flowPoint(e));
      if (box) zoomInto.box(box);
    };
  }, [scene, zoomInto]);
  const bulkDraw = useMemo(() => ({ on: large, selectedNodes: selected }), [large, selected]);
  const { edges, bulk } = useFlowEdges(design.connections, byId, selectedEdges, edgeErrors, readOnly, view, bulkDraw);
  // Where the design opens: decided once, from the design it opened with.
  const [opening] = useState(() => openingViewport(design));
  const onInit = useCallback(
    (rf: ReactFlowInstance<FlowNode, ConnectionEdge>) => {
      const el = wrapper.current;
      if (!el || !opening.fit) return;
      const zoom = opening.fit(el.clientWidth, el.clientHeight);
      if (zoom) void rf.setViewport(zoom);
    },
    [opening],
  );
  // While the view moves, the viewport is one composited layer (pan and zoom without repainting nodes and
  // edges); at rest it is repainted at the new scale so text is sharp. Set on the element: no React render.
  const onMoveStart = useCallback(() => wrapper.current?.setAttribute("data-moving", ""), []);
  const onMoveEnd = useCallback(() => wrapper.current?.removeAttribute("data-moving"), []);

  const { refusal, refuse } = useRefusal(wrapper, onRefuse);
  const { onNodesChange, onEdgesChange } = useFlowChanges(store, readOnly);
  const { onNodeDrag, onNodeDragStop } = useNodeDrag(store, refuse);
  const { isValidConnection, onConnect, onConnectEnd } = useConnectGesture(store, refuse);
  const { onDragOver, onDrop } = useCanvasDrop(store, readOnly, refuse);
  const onNodeDoubleClick = useMemo(
    () => (onNodeActivate ? (_e: unknown, n: FlowNode) => onNodeActivate(n.id) : undefined),
    [onNodeActivate],
  );

  return (
    <div
      className="tc-canvas"
      ref={wrapper}
      onDragOver={onDragOver}
      onDrop={onDrop}
      data-readonly={readOnly || undefined}
      data-large={large || undefined}
      data-lod={lod}
      data-lod-far={far || undefined}
      data-overview={overview || undefined}
    >
      <CollapseProvider value={collapse}>
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
          onNodeDoubleClick={onNodeDoubleClick}
          onPaneClick={onPaneClick}
          connectionLineComponent={ConnectionLine}
          connectionLineType={ConnectionLineType.Bezier}
          connectionRadius={28}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          elementsSelectable
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={["Meta", "Control", "Shift"]}
          // Large designs draw only what is on screen: every mounted node and edge runs React Flow's store
          // selectors on each pan frame. Far zoom hides the children (clusters stand in), which bounds the
          // nodes that can ever be mounted at once to what fits on screen at mid zoom.
          onlyRenderVisibleElements={large}
          minZoom={0.05}
          maxZoom={2}
          defaultViewport={opening.viewport}
          onInit={onInit}
          onMoveStart={large ? onMoveStart : undefined}
          onMoveEnd={large ? onMoveEnd : undefined}
          snapToGrid={false}
          aria-label={readOnly ? "Topology diagram (read-only)" : "Topology diagram editor"}
        >
          {large && <BulkEdges connections={bulk} byId={byId} errors={edgeErrors} />}
          {scene && <FarLayer scene={scene} selected={selected} onZoomInto={zoomInto.box} />}
          {/* Far out the dots would be closer than a pixel: the overview draws on a plain pane. */}
          {!overview && <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#cbd5e1" />}
          {large ? (
            <OverviewMap design={design} />
          ) : (
            <MiniMap<FlowNode>
              pannable
              zoomable
              nodeColor={miniMapColor}
              nodeStrokeColor={miniMapStroke}
              nodeBorderRadius={4}
              ariaLabel="Minimap"
            />
          )}
          {/* Hidden nodes count: at far zoom a large design's nodes are all hidden (the far layer draws them). */}
          <Controls showInteractive={false} fitViewOptions={FIT_ALL} aria-label="Zoom controls" />
          <Panel position="top-right" className="tc-legend-panel">
            <EdgeLegend />
          </Panel>
        </ReactFlow>
      </CollapseProvider>
      {refusal && (
        <div className="tc-illegal tc-illegal-float" role="alert" style={{ left: refusal.left, top: refusal.top }}>
          {refusal.text}
        </div>
      )}
    </div>
  );
});

/** Zooming from the far overview into one of its boxes: fitted with a margin, never past zoom 1. */
function useZoomInto() {
  const rf = useReactFlow();
  const store = useStoreApi();
  return useMemo(
    () => ({
      flowPoint(e: React.MouseEvent): [number, number] {
        const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
        return [p.x, p.y];
      },
      box(b: FarBox) {
        const { width, height } = store.getState();
        const fit = Math.min(width / b.width, height / b.height) * 0.85;
        const zoom = Math.min(1, Math.max(FAR_BELOW, fit));
        void rf.setCenter(b.x + b.width / 2, b.y + b.height / 2, { zoom, duration: 300 });
      },
    }),
    [rf, store],
  );
}

/** The canvas for a page that owns the editor store (the share page): the store comes from the context. */
export function StoreCanvas(props: CanvasViewProps) {
  return (
    <ReactFlowProvider>
      <CanvasView {...props} />
    </ReactFlowProvider>
  );
}

export interface DesignCanvasProps {
  design: Design;
  readOnly?: boolean;
  /** Controlled selection (component ids). */
  selection?: string[];
  onSelectionChange?(componentIds: string[]): void;
  overlay?: Record<string, OverlayBadge>;
  onNodeActivate?(componentId: string): void;
}

/**
 * Self-contained canvas for pages that only show a design (live status, compare): owns a store seeded
 * from `design`, follows later `design` props, and reports the selection.
 */
export function DesignCanvas({
  design,
  readOnly,
  selection,
  onSelectionChange,
  overlay,
  onNodeActivate,
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
        if (s.selected !== prev.selected) onSelectionChange?.([...s.selected]);
      }),
    [store, onSelectionChange],
  );
  return (
    <EditorStoreContext.Provider value={store}>
      <ReactFlowProvider>
        <div className="tc-canvas-standalone">
          <CanvasView readOnly={readOnly} overlay={overlay} onNodeActivate={onNodeActivate} />
        </div>
      </ReactFlowProvider>
    </EditorStoreContext.Provider>
  );
}
