"use client";
// Moving the React Flow viewport for the editor: centre a component, fit the view, auto-layout then fit.
import { useCallback, useState } from "react";
import { useReactFlow } from "@xyflow/react";
import { useToast } from "@/components/ui/toast";
import { autoLayout } from "./layout";
import { absolutePosition, nodeSize } from "./placement";
import type { EditorStore } from "./store";

// Hidden nodes count: a large design at far zoom hides them all (lod/far-layer.tsx draws them).
const FIT = { padding: 0.08, duration: 300, maxZoom: 1.1, includeHiddenNodes: true };

export function useCanvasCamera(store: EditorStore) {
  const rf = useReactFlow();
  const toast = useToast();
  const [layingOut, setLayingOut] = useState(false);

  const fitView = useCallback(() => void rf.fitView(FIT), [rf]);

  /** Select a component and centre it (zooming in enough to read it). */
  const focusComponent = useCallback(
    (id: string) => {
      const d = store.getState().design;
      const map = new Map(d.components.map((c) => [c.id, c]));
      const c = map.get(id);
      if (!c) return;
      store.getState().select([id]);
      const p = absolutePosition(c, map);
      const size = nodeSize(c);
      void rf.setCenter(p.x + size.width / 2, p.y + size.height / 2, {
        zoom: Math.max(rf.getZoom(), c.kind === "cluster" ? 0.6 : 1),
        duration: 350,
      });
    },
    [rf, store],
  );

  const runLayout = useCallback(async () => {
    setLayingOut(true);
    try {
      const { positions, sizes } = await autoLayout(store.getState().design);
      store.getState().setPositions("Auto-layout", positions, sizes);
      // Fit once React Flow has the new positions (after the store update has rendered).
      setTimeout(() => void rf.fitView(FIT), 60);
    } catch (e) {
      toast.error(e instanceof Error ? e.message : String(e), "Auto-layout failed");
    } finally {
      setLayingOut(false);
    }
  }, [rf, store, toast]);

  return { fitView, focusComponent, runLayout, layingOut };
}
