"use client";
// Palette → canvas drag and drop: a kind dropped on the canvas lands where it was dropped, inside the
// cluster under the pointer when it needs one, or is refused with the reason.
import { useCallback } from "react";
import { useReactFlow } from "@xyflow/react";
import { KINDS, type ComponentKind } from "@/lib/topology/catalog";
import { placeAt } from "./placement";
import type { EditorStore } from "./store";

export const PALETTE_MIME = "application/x-topology-kind";

export function useCanvasDrop(
  store: EditorStore,
  readOnly: boolean,
  refuse: (reason: string, client: { x: number; y: number }) => void,
) {
  const rf = useReactFlow();

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

  return { onDragOver, onDrop };
}
