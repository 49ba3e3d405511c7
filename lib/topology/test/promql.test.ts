import { describe, expect, it } from "vitest";
import { lintDesign } from "../lint";
import { promqlSyntaxError } from "../promql";
import { TEMPLATES } from "../templates";
import { parseDesign } from "../design";
import { edit } from "./lint-fixtures";

describe("PromQL syntax, with Prometheus's grammar", () => {
  it.each([
    "up == 0",
    'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.05',
    "histogram_quantile(0.99, sum by (le) (rate(grpc_server_handling_seconds_bucket[5m])))",
    "max_over_time(up[1h:5m] offset 1d)",
    "absent_over_time(thanos_compact_halted[15m]) or thanos_compact_halted == 1",
    "count(up) by (namespace)\n  > on() group_left\n  vector(3)",
  ])("parses %s", (expr) => {
    expect(promqlSyntaxError(expr)).toBeNull();
  });

  it.each([
    ["sum(rate(x[5m])", 1, 16, "unexpected end of expression"],
    ['up{job="a"', 1, 11, "unexpected end of expression"],
    ["rate(x[5m]) by (job)", 1, 13, 'unexpected "by"'],
    ["rat(x[5m])", 1, 4, '"rat" is not a PromQL function'],
    ["sum by (job) (up)\n  / on() group_left\n  )", 3, 3, 'unexpected ")"'],
    ["   ", 1, 1, "empty"],
  ] as const)("%j fails at line %i, column %i", (expr, line, column, message) => {
    const e = promqlSyntaxError(expr);
    expect(e).toMatchObject({ line, column });
    expect(e!.message).toContain(message);
  });

  it("every built-in template's rules parse", () => {
    for (const t of TEMPLATES)
      expect(
        lintDesign(parseDesign(t.design)).filter((f) => f.rule === "promql-syntax"),
        t.name,
      ).toEqual([]);
  });

  it("points the finding at the broken rule's expression, in Prometheus and the Ruler alike", () => {
    const d = edit()
      .set("p", {
        ruleGroups: [
          { name: "ok", rules: [{ record: "job:up:sum", expr: "sum by (job) (up)" }] },
          {
            name: "broken",
            rules: [
              { alert: "Fine", expr: "up == 0" },
              { alert: "Broken", expr: "sum by (job) (\n  rate(x[5m]\n)" },
            ],
          },
        ],
      })
      .set("r", { ruleGroups: [{ name: "g", rules: [{ alert: "Down", expr: "up = = 0" }] }] })
      .done();
    const found = lintDesign(d).filter((f) => f.rule === "promql-syntax");
    expect(
      found.map(({ componentId, path, position, severity }) => ({ componentId, path, position, severity })),
    ).toEqual([
      {
        componentId: "p",
        path: "settings.ruleGroups.1.rules.1.expr",
        position: { line: 3, column: 2 },
        severity: "error",
      },
      {
        componentId: "r",
        path: "settings.ruleGroups.0.rules.0.expr",
        position: { line: 1, column: 4 },
        severity: "error",
      },
    ]);
    expect(found[0].message).toContain('group "broken", alert Broken: PromQL syntax error at line 3, column 2');
  });
});
