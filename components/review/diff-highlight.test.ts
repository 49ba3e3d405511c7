import { describe, expect, it } from "vitest";
import type { DesignDiff } from "@/lib/topology/diff";
import { diffHighlightCss } from "./diff-highlight";

describe("diffHighlightCss", () => {
  const diff: DesignDiff = {
    design: [],
    designValues: [],
    components: [
      { id: "q1", change: "added", kind: "query", name: "q", paths: [], values: [] },
      {
        id: "p1",
        change: "changed",
        kind: "prometheus",
        name: "p",
        paths: ["settings.retention"],
        values: [{ path: "settings.retention", before: "15d", after: "30d" }],
      },
      { id: "s1", change: "removed", kind: "storeGateway", name: "s", paths: [], values: [] },
      { id: 'x"]{}body{display:none', change: "added", kind: "query", name: "evil", paths: [], values: [] },
    ],
    connections: [{ id: "e1", change: "removed", kind: "storeApi", from: "q1", to: "s1", paths: [], values: [] }],
  };
  const css = diffHighlightCss(diff, "[data-diff-canvas]");

  it("outlines added, changed and removed nodes in their colours, scoped to the canvas", () => {
    expect(css).toContain('[data-diff-canvas] .react-flow__node[data-id="q1"]{outline:3px solid #15803d');
    expect(css).toContain('[data-diff-canvas] .react-flow__node[data-id="p1"]{outline:3px solid #b45309');
    expect(css).toContain('[data-diff-canvas] .react-flow__node[data-id="s1"]{outline:3px dashed #c62828');
    expect(css).toContain('content:"removed"');
  });

  it("colours removed connections dashed", () => {
    expect(css).toMatch(
      /\.react-flow__edge\[data-id="e1"\] path\.react-flow__edge-path\{stroke:#c62828!important;.*stroke-dasharray/,
    );
  });

  it("skips ids that could break out of the selector", () => {
    expect(css).not.toContain("evil");
    expect(css).not.toContain("display:none");
  });
});
