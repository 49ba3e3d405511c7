import { promqlSyntaxError } from "../../promql";
import type { LintRule } from "../types";
import { named } from "../util";

/**
 * A rule file with one expression that does not parse is rejected whole: Prometheus keeps its old rules (or
 * none, on a fresh pod) and the Ruler refuses to start, so every alert of the file silently stops firing.
 */
export const promqlSyntax: LintRule = {
  id: "promql-syntax",
  severity: "error",
  title: "A rule expression that does not parse",
  check(g) {
    return [...g.ofKind("prometheus"), ...g.ofKind("ruler")].flatMap((c) =>
      c.settings.ruleGroups.flatMap((group, gi) =>
        group.rules.flatMap((rule, ri) => {
          const error = promqlSyntaxError(rule.expr);
          if (!error) return [];
          const name = "alert" in rule ? `alert ${rule.alert}` : `recording rule ${rule.record}`;
          return [
            {
              componentId: c.id,
              path: `settings.ruleGroups.${gi}.rules.${ri}.expr`,
              position: { line: error.line, column: error.column },
              message: `${named(c)}, group "${group.name}", ${name}: PromQL syntax error at line ${error.line}, column ${error.column}: ${error.message}. Prometheus rejects the whole rule file.`,
              hint: `Fix the expression of ${name} in group "${group.name}".`,
            },
          ];
        }),
      ),
    );
  },
};

export const PROMQL_RULES = [promqlSyntax];
