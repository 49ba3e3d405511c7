"use client";
// The editor's keyboard shortcuts (listed in the help dialog). Canvas shortcuts act only while the canvas
// is on screen: Delete on the Deploy tab must not delete the selection nobody can see.
import { useEffect, useEffectEvent } from "react";
import type { EditorStore } from "./store";

export type EditorView = "canvas" | "manifests" | "sizing" | "deploy" | "live";

export interface ShortcutActions {
  save(): void;
  runLayout(): void;
  fitView(): void;
  openHelp(): void;
  /** M: canvas ⇄ manifests. */
  toggleManifests(): void;
  /** `/`, Ctrl+K or Cmd+K: find a component by name or kind. */
  openSearch(): void;
}

/** React Flow's own steps: 5 px a press, 20 px with Shift. */
const ARROWS: Record<string, { x: number; y: number }> = {
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
};
const NUDGE_PX = 5;
/** Marks the editor's own canvas pane (not the read-only canvases of the Live tab or Compare). */
export const EDITOR_CANVAS_ATTR = "data-editor-canvas";

function isTyping(t: EventTarget | null) {
  const el = t as HTMLElement | null;
  return (
    !!el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable)
  );
}

export function useEditorShortcuts({
  store,
  view,
  readOnly,
  actions,
}: {
  store: EditorStore;
  view: EditorView;
  readOnly: boolean;
  actions: ShortcutActions;
}) {
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    const mod = e.ctrlKey || e.metaKey;
    const k = e.key.toLowerCase();
    if (mod && k === "s") {
      e.preventDefault();
      actions.save();
      return;
    }
    if (isTyping(e.target) || document.querySelector("dialog[open]")) return;
    if (e.key === "?") return actions.openHelp();
    if (view === "canvas" && ((mod && k === "k") || (!mod && !e.altKey && e.key === "/"))) {
      e.preventDefault();
      return actions.openSearch();
    }
    if (!mod && !e.altKey && k === "m" && (view === "canvas" || view === "manifests")) return actions.toggleManifests();
    if (view !== "canvas") return;
    const s = store.getState();
    const edit = (f: () => void) => {
      if (readOnly) return;
      e.preventDefault();
      f();
    };
    if (mod && k === "z" && !e.shiftKey) edit(s.undo);
    else if (mod && ((k === "z" && e.shiftKey) || k === "y")) edit(s.redo);
    else if (mod && k === "c") s.copySelection();
    else if (mod && k === "v") edit(() => s.paste());
    else if (mod && k === "d")
      edit(() => {
        s.copySelection();
        s.paste();
      });
    else if (mod && k === "a") {
      e.preventDefault();
      s.selectAll();
    } else if ((e.key === "Delete" || e.key === "Backspace") && !mod) edit(s.deleteSelection);
    else if (e.key === "Escape") s.select([]);
    else if (!mod && !e.altKey && k === "l" && !readOnly) actions.runLayout();
    else if (!mod && !e.altKey && k === "f") actions.fitView();
  });

  // Arrow keys on a focused node: React Flow would move the nodes outside the history (and, on a hidden
  // canvas, at all); the capture phase takes them first and moves the selection as an undoable edit.
  const onArrow = useEffectEvent((e: KeyboardEvent) => {
    const dir = ARROWS[e.key];
    if (!dir || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
    if (!(e.target instanceof Element) || !e.target.closest(`[${EDITOR_CANVAS_ATTR}]`)) return;
    e.preventDefault();
    e.stopPropagation();
    if (view !== "canvas" || readOnly) return;
    const step = NUDGE_PX * (e.shiftKey ? 4 : 1);
    store.getState().nudgeSelection(dir.x * step, dir.y * step);
  });

  useEffect(() => {
    window.addEventListener("keydown", onArrow, true);
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("keydown", onArrow, true);
      window.removeEventListener("keydown", onKey);
    };
  }, []);
}
