import type { ComponentKind } from "../catalog";
import type { Component, ComponentOf, Design } from "../design";
import { DesignGraph } from "../graph";
import { ALERTING_RULES } from "./rules/alerting";
import { CLUSTER_RULES } from "./rules/cluster";
import { PROMETHEUS_RULES } from "./rules/prometheus";
import { PROMQL_RULES } from "./rules/promql";
import { QUERY_RULES } from "./rules/query";
import { RECEIVER_RULES } from "./rules/receiver";
import { SIZING_RULES } from "./rules/sizing";
import { STORAGE_RULES } from "./rules/storage";
import { WORKLOAD_RULES } from "./rules/workload";
import { VERSION_RULES } from "./rules/versions";
import type { Finding, LintRule, Severity } from "./types";

export type { Finding, LintRule, Severity } from "./types";

/** Every rule, in the order findings are reported within a severity. Ids are stable. */
export const LINT_RULES: LintRule[] = [
  ...STORAGE_RULES,
  ...PROMETHEUS_RULES,
  ...QUERY_RULES,
  ...RECEIVER_RULES,
  ...ALERTING_RULES,
  ...CLUSTER_RULES,
  ...WORKLOAD_RULES,
  ...SIZING_RULES,
  ...VERSION_RULES,
  ...PROMQL_RULES,
];

/** Rules ask for components by kind dozens of times per pass; index them once. Returned arrays are shared: read only. */
class LintGraph extends DesignGraph {
  private byKind?: Map<ComponentKind, Component[]>;

  override ofKind<K extends ComponentKind>(kind: K): ComponentOf<K>[] {
    if (!this.byKind) {
      this.byKind = new Map();
      for (const c of this.design.components) {
        const list = this.byKind.get(c.kind);
        if (list) list.push(c);
        else this.byKind.set(c.kind, [c]);
      }
    }
    return (this.byKind.get(kind) ?? []) as ComponentOf<K>[];
  }
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Lint a valid design: pure and fast enough to run in the browser on every edit. Errors first, then warnings, then info. */
export function lintDesign(design: Design): Finding[] {
  const graph = new LintGraph(design);
  const findings: Finding[] = [];
  for (const rule of LINT_RULES)
    for (const f of rule.check(graph, design)) findings.push({ rule: rule.id, severity: rule.severity, ...f });
  return findings.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}
