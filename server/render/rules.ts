import { stringify } from "./yaml";
import type { RuleGroup } from "@/lib/topology/kinds/prometheus";

/** A Prometheus rule file (`groups:`) from the design's rule groups; the same format serves Thanos Ruler. */
export function ruleFileObject(groups: RuleGroup[]): { groups: Record<string, unknown>[] } {
  return {
    groups: groups.map((g) => ({
      name: g.name,
      ...(g.interval ? { interval: g.interval } : {}),
      rules: g.rules.map((r) => {
        const out: Record<string, unknown> =
          "alert" in r ? { alert: r.alert, expr: r.expr } : { record: r.record, expr: r.expr };
        if ("alert" in r && r.for) out.for = r.for;
        if (Object.keys(r.labels).length) out.labels = r.labels;
        if ("alert" in r && Object.keys(r.annotations).length) out.annotations = r.annotations;
        return out;
      }),
    })),
  };
}

export function ruleFile(groups: RuleGroup[]): string {
  return stringify(ruleFileObject(groups));
}
