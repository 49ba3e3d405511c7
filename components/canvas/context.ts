"use client";
import { createContext, useContext } from "react";
import { useStore } from "zustand";
import type { EditorActions, EditorState, EditorStore } from "./store";

export const EditorStoreContext = createContext<EditorStore | null>(null);

export function useEditorStore(): EditorStore {
  const s = useContext(EditorStoreContext);
  if (!s) throw new Error("useEditorStore needs an <EditorStoreContext.Provider>");
  return s;
}

/** Subscribe to one slice of the editor state. */
export function useEditor<T>(selector: (s: EditorState & EditorActions) => T): T {
  return useStore(useEditorStore(), selector);
}

/** The store when inside an editor; null in places that render nodes without one. */
export function useEditorStoreOptional(): EditorStore | null {
  return useContext(EditorStoreContext);
}
