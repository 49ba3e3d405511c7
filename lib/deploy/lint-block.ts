// The lint errors that block plan and deploy, named the way the 409 and the Deploy tab show them. Pure and
// shared: the server refuses with exactly what the browser already shows next to the buttons.
import type { Design } from "../topology/design";
import { lintDesign } from "../topology/lint";
import type { LintBlock } from "./plan";

export function lintBlocks(design: Design): LintBlock[] {
  const names = new Map(design.components.map((c) => [c.id, c.name]));
  return lintDesign(design)
    .filter((f) => f.severity === "error")
    .map((f) => ({
      rule: f.rule,
      component: f.componentId ? (names.get(f.componentId) ?? null) : null,
      message: f.message,
    }));
}
