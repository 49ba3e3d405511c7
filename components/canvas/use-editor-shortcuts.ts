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
}

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

  useEffect(() => {
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
