import { describe, expect, it } from "vitest";
import { parseDesign, validateDesign } from "@/lib/topology/design";
import { createEditorStore } from "../store";

const empty = () => parseDesign({ name: "t", components: [], connections: [] });

describe("editor store", () => {
  it("records every edit as an undoable action and redoes it", () => {
    const s = createEditorStore(empty());
    const cluster = s.getState().addComponent("cluster", { x: 0, y: 0 });
    const q = s.getState().addComponent("query", { x: 20, y: 60 }, cluster);
    const p = s.getState().addComponent("prometheus", { x: 300, y: 60 }, cluster);
    s.getState().addConnection("storeApi", q, p);
    expect(s.getState().design.connections).toHaveLength(1);
    expect(validateDesign(s.getState().design).ok).toBe(true);
    s.getState().undo();
    expect(s.getState().design.connections).toHaveLength(0);
    s.getState().undo();
    expect(s.getState().design.components.map((c) => c.kind)).toEqual(["cluster", "query"]);
    s.getState().redo();
    s.getState().redo();
    expect(s.getState().design.connections).toHaveLength(1);
  });

  it("refuses connections the kinds do not allow, whoever asks (the document never holds an illegal edge)", () => {
    const s = createEditorStore(empty());
    const cluster = s.getState().addComponent("cluster", { x: 0, y: 0 });
    const q = s.getState().addComponent("query", { x: 20, y: 60 }, cluster);
    const p = s.getState().addComponent("prometheus", { x: 300, y: 60 }, cluster);
    expect(s.getState().addConnection("storeApi", p, q)).toBeNull();
    expect(s.getState().addConnection("remoteWrite", q, p)).toBeNull();
    const id = s.getState().addConnection("storeApi", q, p)!;
    s.getState().setConnectionKind(id, "alerts");
    expect(s.getState().design.connections.map((e) => e.kind)).toEqual(["storeApi"]);
    expect(validateDesign(s.getState().design).ok).toBe(true);
  });

  it("merges keystrokes in one field into one undo step", () => {
    const s = createEditorStore(empty());
    const c = s.getState().addComponent("cluster", { x: 0, y: 0 });
    const before = s.getState().past.length;
    for (const name of ["e", "eu", "eu-"]) s.getState().updateComponent(c, { name }, `name:${c}`);
    expect(s.getState().past.length).toBe(before + 1);
    s.getState().undo();
    expect(s.getState().design.components[0].name).toBe("cluster");
  });

  it("deleting a cluster deletes its contents and their connections", () => {
    const s = createEditorStore(empty());
    const a = s.getState().addComponent("cluster", { x: 0, y: 0 });
    const b = s.getState().addComponent("cluster", { x: 900, y: 0 });
    const q = s.getState().addComponent("query", { x: 20, y: 60 }, a);
    const p = s.getState().addComponent("prometheus", { x: 20, y: 60 }, b);
    s.getState().addConnection("storeApi", q, p);
    s.getState().deleteItems([b], []);
    expect(s.getState().design.components.map((c) => c.id)).toEqual(
      [a, q].sort((x, y) => (x === a ? -1 : y === a ? 1 : 0)),
    );
    expect(s.getState().design.connections).toEqual([]);
  });

  it("pastes copies with new ids, unique names and their inner connections", () => {
    const s = createEditorStore(empty());
    const cl = s.getState().addComponent("cluster", { x: 0, y: 0 });
    const q = s.getState().addComponent("query", { x: 20, y: 60 }, cl);
    const p = s.getState().addComponent("prometheus", { x: 300, y: 60 }, cl);
    s.getState().addConnection("storeApi", q, p);
    s.getState().select([q, p]);
    s.getState().copySelection();
    s.getState().paste();
    const d = s.getState().design;
    expect(d.components).toHaveLength(5);
    expect(d.connections).toHaveLength(2);
    expect(new Set(d.components.map((c) => c.name)).size).toBe(5);
    expect(validateDesign(d).ok).toBe(true);
  });

  it("a drag is one history step and re-parenting keeps names unique in the new cluster", () => {
    const s = createEditorStore(empty());
    const a = s.getState().addComponent("cluster", { x: 0, y: 0 });
    const b = s.getState().addComponent("cluster", { x: 900, y: 0 });
    const qa = s.getState().addComponent("query", { x: 20, y: 60 }, a);
    s.getState().addComponent("query", { x: 20, y: 60 }, b);
    const steps = s.getState().past.length;
    s.getState().beginGesture();
    s.getState().moveLive(new Map([[qa, { x: 50, y: 70 }]]));
    s.getState().moveLive(new Map([[qa, { x: 900, y: 80 }]]));
    s.getState().reparent(qa, b, { x: 40, y: 90 });
    s.getState().endGesture("Move");
    expect(s.getState().past.length).toBe(steps + 1);
    const moved = s.getState().design.components.find((c) => c.id === qa)!;
    expect(moved.cluster).toBe(b);
    expect(moved.name).toBe("thanos-query-2");
    expect(validateDesign(s.getState().design).ok).toBe(true);
    s.getState().undo();
    expect(s.getState().design.components.find((c) => c.id === qa)!.cluster).toBe(a);
  });

  it("nudging moves a cluster with its contents once, not its children twice", () => {
    const s = createEditorStore(empty());
    const cluster = s.getState().addComponent("cluster", { x: 0, y: 0 });
    const q = s.getState().addComponent("query", { x: 20, y: 60 }, cluster);
    const other = s.getState().addComponent("objectStore", { x: 600, y: 0 });
    s.getState().select([cluster, q]);
    s.getState().nudgeSelection(5, 0);
    const at = (id: string) => s.getState().design.components.find((c) => c.id === id)!.position;
    expect(at(cluster)).toEqual({ x: 5, y: 0 });
    expect(at(q)).toEqual({ x: 20, y: 60 });
    expect(at(other)).toEqual({ x: 600, y: 0 });
    // A new selection starts a new undo step.
    s.getState().select([other]);
    s.getState().nudgeSelection(0, -20);
    s.getState().undo();
    expect(at(other)).toEqual({ x: 600, y: 0 });
    expect(at(cluster)).toEqual({ x: 5, y: 0 });
  });

  it("a save inside a burst of edits stays an undo point, so undo shows the saved document", () => {
    const s = createEditorStore(empty());
    const cluster = s.getState().addComponent("cluster", { x: 0, y: 0 });
    s.getState().select([cluster]);
    s.getState().nudgeSelection(5, 0);
    s.getState().markSaved();
    s.getState().nudgeSelection(5, 0);
    s.getState().undo();
    expect(s.getState().design).toBe(s.getState().saved);
    s.getState().undo();
    expect(s.getState().design.components[0].position).toEqual({ x: 0, y: 0 });
  });
});
