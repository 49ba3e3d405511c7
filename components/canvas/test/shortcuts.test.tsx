// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render } from "@testing-library/react";
import { parseDesign } from "@/lib/topology/design";
import { createEditorStore, type EditorStore } from "../store";
import { EDITOR_CANVAS_ATTR, useEditorShortcuts, type EditorView } from "../use-editor-shortcuts";

afterEach(cleanup);

const noop = () => {};

function Harness({
  store,
  view,
  readOnly,
  save,
  runLayout = noop,
  openSearch = noop,
}: {
  store: EditorStore;
  view: EditorView;
  readOnly: boolean;
  save(): void;
  runLayout?(): void;
  openSearch?(): void;
}) {
  useEditorShortcuts({
    store,
    view,
    readOnly,
    actions: { save, runLayout, fitView: noop, openHelp: noop, toggleManifests: noop, openSearch },
  });
  return (
    <>
      <input aria-label="typing here" />
      <div {...{ [EDITOR_CANVAS_ATTR]: "" }}>
        <div className="react-flow__node" tabIndex={0} data-testid="node" />
      </div>
    </>
  );
}

function setup(view: EditorView, readOnly = false) {
  const store = createEditorStore(parseDesign({ name: "t", components: [], connections: [] }));
  const cluster = store.getState().addComponent("cluster", { x: 0, y: 0 });
  store.getState().select([cluster]);
  const save = vi.fn();
  const runLayout = vi.fn();
  const openSearch = vi.fn();
  const harness = (v: EditorView) => (
    <Harness store={store} view={v} readOnly={readOnly} save={save} runLayout={runLayout} openSearch={openSearch} />
  );
  const r = render(harness(view));
  const count = () => store.getState().design.components.length;
  return {
    store,
    save,
    runLayout,
    openSearch,
    count,
    position: () => store.getState().design.components[0].position,
    node: () => r.getByTestId("node"),
    rerender: (v: EditorView) => r.rerender(harness(v)),
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

  it("arrow keys on a node move the selection as one undo step per burst, back to the saved document", () => {
    const { store, position, node } = setup("canvas");
    store.getState().markSaved();
    fireEvent.keyDown(node(), { key: "ArrowRight" });
    fireEvent.keyDown(node(), { key: "ArrowRight" });
    fireEvent.keyDown(node(), { key: "ArrowDown", shiftKey: true });
    expect(position()).toEqual({ x: 10, y: 20 });
    expect(store.getState().design).not.toBe(store.getState().saved);
    fireEvent.keyDown(window, { key: "z", ctrlKey: true });
    expect(position()).toEqual({ x: 0, y: 0 });
    // Undo lands on the very document that was saved, so the editor says "Saved" again.
    expect(store.getState().design).toBe(store.getState().saved);
    fireEvent.keyDown(window, { key: "z", ctrlKey: true, shiftKey: true });
    expect(position()).toEqual({ x: 10, y: 20 });
  });

  it("on another tab, L, arrows and search do nothing to the hidden canvas", () => {
    const { store, runLayout, openSearch, position, node, rerender } = setup("live");
    const before = store.getState().design;
    fireEvent.keyDown(window, { key: "l" });
    fireEvent.keyDown(window, { key: "/" });
    fireEvent.keyDown(window, { key: "k", ctrlKey: true });
    fireEvent.keyDown(node(), { key: "ArrowLeft" });
    expect(runLayout).not.toHaveBeenCalled();
    expect(openSearch).not.toHaveBeenCalled();
    expect(store.getState().design).toBe(before);
    rerender("canvas");
    fireEvent.keyDown(window, { key: "k", ctrlKey: true });
    fireEvent.keyDown(window, { key: "l" });
    expect(openSearch).toHaveBeenCalledTimes(1);
    expect(runLayout).toHaveBeenCalledTimes(1);
    expect(position()).toEqual({ x: 0, y: 0 });
  });
});
