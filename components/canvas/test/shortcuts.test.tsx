// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render } from "@testing-library/react";
import { parseDesign } from "@/lib/topology/design";
import { createEditorStore, type EditorStore } from "../store";
import { useEditorShortcuts, type EditorView } from "../use-editor-shortcuts";

afterEach(cleanup);

function Harness({
  store,
  view,
  readOnly,
  save,
}: {
  store: EditorStore;
  view: EditorView;
  readOnly: boolean;
  save(): void;
}) {
  useEditorShortcuts({
    store,
    view,
    readOnly,
    actions: { save, runLayout: () => {}, fitView: () => {}, openHelp: () => {}, toggleManifests: () => {} },
  });
  return <input aria-label="typing here" />;
}

function setup(view: EditorView, readOnly = false) {
  const store = createEditorStore(parseDesign({ name: "t", components: [], connections: [] }));
  const cluster = store.getState().addComponent("cluster", { x: 0, y: 0 });
  store.getState().select([cluster]);
  const save = vi.fn();
  const r = render(<Harness store={store} view={view} readOnly={readOnly} save={save} />);
  const count = () => store.getState().design.components.length;
  return {
    store,
    save,
    count,
    rerender: (v: EditorView) => r.rerender(<Harness store={store} view={v} readOnly={readOnly} save={save} />),
  };
}

describe("editor shortcuts", () => {
  it("Delete removes the selection only while the canvas is on screen", () => {
    const { count, rerender } = setup("deploy");
    fireEvent.keyDown(window, { key: "Delete" });
    expect(count()).toBe(1);
    rerender("canvas");
    fireEvent.keyDown(window, { key: "Delete" });
    expect(count()).toBe(0);
  });

  it("Ctrl+S saves from any view; typing in a field is never a shortcut", () => {
    const { save, count, rerender } = setup("live");
    fireEvent.keyDown(window, { key: "s", ctrlKey: true });
    expect(save).toHaveBeenCalledTimes(1);
    rerender("canvas");
    fireEvent.keyDown(document.querySelector("input")!, { key: "Backspace" });
    expect(count()).toBe(1);
  });

  it("read-only: Delete and undo do nothing", () => {
    const { store, count } = setup("canvas", true);
    fireEvent.keyDown(window, { key: "Delete" });
    fireEvent.keyDown(window, { key: "z", ctrlKey: true });
    expect(count()).toBe(1);
    expect(store.getState().past.length).toBe(1);
  });
});
