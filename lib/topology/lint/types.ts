import type { Design } from "../design";
import type { DesignGraph } from "../graph";

export type Severity = "error" | "warning" | "info";

/** One lint finding. `rule` ids are stable: docs, tests and suppressions refer to them. */
export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  /** The component the finding concerns (the canvas selects it); absent for design-wide findings. */
  componentId?: string;
  connectionId?: string;
  /**
   * The field to change, dotted: from the component when `componentId` is set (`settings.ruleGroups.0.rules.1.expr`),
   * else from the design root (`versions.thanos`). The editor focuses it when the finding is picked.
   */
  path?: string;
  /** 1-based position inside that field's text, for findings about a parsed value (PromQL). */
  position?: { line: number; column: number };
  /** What to change to fix it, in one sentence. */
  hint: string;
}

export interface LintRule {
  id: string;
  severity: Severity;
  /** One line: the silent failure this rule prevents. */
  title: string;
  check(graph: DesignGraph, design: Design): Omit<Finding, "rule" | "severity">[];
}
