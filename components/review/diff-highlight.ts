// Canvas highlights for a revision diff. React Flow marks every node and edge wrapper with data-id, so a
// scoped stylesheet colours added / removed / changed items without the canvas knowing about diffs.
import type { DesignDiff } from "@/lib/topology/diff";

const COLORS = { added: "#15803d", removed: "#c62828", changed: "#b45309" } as const;
const safeId = (id: string) => /^[A-Za-z0-9_-]+$/.test(id);

/** CSS for one canvas; `scope` is a selector for the canvas's container (e.g. `[data-diff-canvas]`). */
export function diffHighlightCss(diff: DesignDiff, scope: string): string {
  const rules: string[] = [];
  for (const c of diff.components) {
    if (!safeId(c.id)) continue;
    const color = COLORS[c.change];
    const node = `${scope} .react-flow__node[data-id="${c.id}"]`;
    rules.push(
      `${node}{outline:3px ${c.change === "removed" ? "dashed" : "solid"} ${color};outline-offset:3px;border-radius:12px}`,
    );
    if (c.change === "removed") rules.push(`${node}{opacity:.5}`);
    rules.push(
      `${node}::after{content:"${c.change}";position:absolute;top:-22px;right:0;font:600 11px/18px system-ui,sans-serif;padding:0 7px;border-radius:9px;color:#fff;background:${color};pointer-events:none}`,
    );
  }
  for (const e of diff.connections) {
    if (!safeId(e.id)) continue;
    const color = COLORS[e.change];
    rules.push(
      `${scope} .react-flow__edge[data-id="${e.id}"] path.react-flow__edge-path{stroke:${color}!important;stroke-width:3.5px!important${e.change === "removed" ? ";stroke-dasharray:6 5!important;opacity:.6" : ""}}`,
    );
  }
  return rules.join("\n");
}
