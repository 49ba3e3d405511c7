import { parser } from "@prometheus-io/lezer-promql";

export interface PromqlSyntaxError {
  /** 0-based offset into the expression. */
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based, in characters of that line. */
  column: number;
  message: string;
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const nl = before.lastIndexOf("\n");
  return { line: before.split("\n").length, column: offset - nl };
}

/**
 * The first syntax error in a PromQL expression, parsed with Prometheus's own grammar (the one its UI uses),
 * or null when it parses. Syntax only: types (`rate(up)` without a range) are Prometheus's to reject.
 */
export function promqlSyntaxError(expr: string): PromqlSyntaxError | null {
  if (expr.trim() === "") return { offset: 0, line: 1, column: 1, message: "the expression is empty" };
  const tree = parser.parse(expr);
  let at: number | null = null;
  tree.iterate({
    enter(n) {
      if (at !== null) return false;
      if (n.type.isError) at = n.from;
    },
  });
  if (at === null) return null;
  const offset: number = at;
  const rest = expr.slice(offset).trimStart();
  const near = /^(\w+|\S)/.exec(rest)?.[0];
  // The grammar knows every function by name, so `foo(…)` fails at its bracket: name the function instead.
  const called = near === "(" ? /([a-zA-Z_]\w*)\s*$/.exec(expr.slice(0, offset))?.[1] : undefined;
  const message = called
    ? `"${called}" is not a PromQL function`
    : near
      ? `unexpected "${near}"`
      : "unexpected end of expression (an unclosed bracket or a missing operand)";
  return { offset, ...lineColumn(expr, offset), message };
}
