import type { z } from "zod";
import { locateJsonFault } from "./json-locate";

/** Outcome of parsing untrusted input: a typed value, or one sentence saying what is wrong and where. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * JSON.parse that reports where the text breaks (line, column) instead of throwing, and quotes the
 * start of the body so an HTML error page from a proxy is recognisable in the message.
 */
export function parseJsonText(text: string, what: string): Parsed<unknown> {
  if (text.trim() === "") return { ok: false, error: `${what}: empty body, expected JSON` };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const fault = locateJsonFault(text);
    if (!fault) return { ok: false, error: `${what}: bad JSON (${message}); body starts ${quote(text)}` };
    const before = text.slice(0, fault.offset);
    const line = before.split("\n").length;
    const column = fault.offset - before.lastIndexOf("\n");
    return {
      ok: false,
      error: `${what}: bad JSON at ${fault.path} (line ${line} column ${column}: ${fault.problem}); body starts ${quote(text)}`,
    };
  }
}

/** Formats zod issues as `path: message` so a reader can find the offending field in the payload. */
export function describeIssues(what: string, error: z.ZodError): string {
  const issues = error.issues.slice(0, 5).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  const more = error.issues.length > 5 ? ` (+${error.issues.length - 5} more)` : "";
  return `${what}: ${issues.join("; ")}${more}`;
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return "(root)";
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** First characters of a body, single-line, for error messages. */
export function quote(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max)}…` : flat);
}
