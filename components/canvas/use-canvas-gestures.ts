"use client";
// What the canvas does with React Flow's gestures: selection and moves into the store, dragging a
// component into (or out of) a cluster, and drawing a connection (refused with the reason when illegal).
import { useCallback } from "react";
import type {
  Connection as FlowConnection,
  EdgeChange,
  FinalConnectionState,
  IsValidConnection,
  NodeChange,
  OnConnectEnd,
} from "@xyflow/react";
import { KINDS, type ConnectionKind } from "@/lib/topology/catalog";
import { checkConnection } from "./connection-rules";
import type { ConnectionEdge } from "./edges";
import type { FlowNode } from "./flow-elements";
import { NODE_HEIGHT, nodeBox } from "@/lib/topology/node-box";
import { absolutePosition, clampIntoCluster, clusterAt } from "./placement";
import type { EditorStore } from "./store";

type Refuse = (reason: string, client?: { x: number; y: number }) => void;

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

/** Selection and live moves from React Flow into the store. */
export function useFlowChanges(store: EditorStore, readOnly: boolean) {
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

  return { onNodesChange, onEdgesChange };
}

/** Dragging components: the drop target cluster lights up; on release they join it, leave it or go back. */
export function useNodeDrag(store: EditorStore, refuse: Refuse) {
  const onNodeDrag = useCallback(
    (_e: unknown, node: FlowNode) => {
      if (node.type === "cluster") return;
      const d = store.getState().design;
      const c = d.components.find((x) => x.id === node.id);
      if (!c) return;
      const abs = absolutePosition(c, new Map(d.components.map((x) => [x.id, x])));
      const target = clusterAt(d, { x: abs.x + nodeBox(c).width / 2, y: abs.y + NODE_HEIGHT / 2 });
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
        const target = clusterAt(d, { x: abs.x + nodeBox(c).width / 2, y: abs.y + NODE_HEIGHT / 2 });
        if (target?.id === c.cluster) continue;
        if (target) {
          s.reparent(
            c.id,
            target.id,
            clampIntoCluster({ x: abs.x - target.position.x, y: abs.y - target.position.y }, target, nodeBox(c)),
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

  return { onNodeDrag, onNodeDragStop };
}

/** Drawing connections: legal ones are added, illegal ones refused with the reason. */
export function useConnectGesture(store: EditorStore, refuse: Refuse) {
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

  return { isValidConnection, onConnect, onConnectEnd };
}
