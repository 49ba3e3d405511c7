import { describe, expect, it } from "vitest";
import { estimatedSettings, sizeDesign } from "@/lib/topology/sizing";
import { edit } from "@/lib/topology/test/lint-fixtures";
import { createEditorStore } from "@/components/canvas/store";

describe("Apply estimates through the canvas store", () => {
  it("writes every suggestion as one undoable step, and undo restores the configured resources", () => {
    const d = edit()
      .set("p", {
        load: { activeSeries: 1_000_000 },
        resources: { requests: { memory: "512Mi" }, limits: { memory: "1Gi" } },
      })
      .done();
    const s = createEditorStore(d);
    const updates = estimatedSettings(d, sizeDesign(d));
    expect([...updates.keys()].sort()).toEqual(["k", "p", "s"]);
    s.getState().applySettings("Apply estimates", updates);
    const p = s.getState().design.components.find((c) => c.id === "p")!;
    expect((p.settings as { resources: { limits: { memory: string } } }).resources.limits.memory).toBe("3983Mi");
    expect(s.getState().past.at(-1)?.label).toBe("Apply estimates");
    // After applying, nothing is below its estimate any more.
    expect(sizeDesign(s.getState().design).components.flatMap((c) => c.findings.map((f) => f.id))).not.toContain(
      "sizing-memory-limit",
    );
    s.getState().undo();
    expect(s.getState().design).toBe(d);
    s.getState().redo();
    expect(s.getState().design.components.find((c) => c.id === "p")).toEqual(p);
  });
});
