/**
 * Prometheus text exposition format (version 0.0.4), as client_golang writes it for Thanos `/metrics`.
 *
 * Written here rather than taken from npm: `parse-prometheus-text-format` (the only maintained-looking
 * package) returns values as strings (so "+Inf" and "NaN" need a second parser anyway), silently turns
 * an HTML error page or an unterminated label value into an empty sample, and drops the last line when
 * the body has no trailing newline. A status reader must say "this is not metrics" instead.
 */
import type { Parsed } from "./parse-result";

export type MetricType = "counter" | "gauge" | "histogram" | "summary" | "untyped";

export interface Sample {
  /** Series name as written, e.g. `http_requests_total` or `latency_seconds_bucket`. */
  name: string;
  labels: Record<string, string>;
  value: number;
  timestampMs?: number;
}

export interface MetricFamilyInfo {
  type: MetricType;
  help: string;
}

export interface Exposition {
  samples: Sample[];
  /** HELP/TYPE metadata by family name. */
  families: Map<string, MetricFamilyInfo>;
}

// Every pattern here runs in time linear in its input (no nested or overlapping quantifiers), and label
// names are matched in place (sticky) rather than on a slice per label: a peer's line of any shape costs
// one pass. Lines over MAX_LINE_LENGTH are refused before they are looked at.
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /[a-zA-Z_][a-zA-Z0-9_]*/y;

/** client_golang writes lines far below this; anything longer is not a Thanos component talking. */
export const MAX_LINE_LENGTH = 64 * 1024;
/** Samples per body, so a hostile endpoint cannot grow the answer without bound. */
export const MAX_SAMPLES = 200_000;
const TYPES: ReadonlySet<string> = new Set(["counter", "gauge", "histogram", "summary", "untyped"]);

class ExpositionError extends Error {}

/** Parses a whole exposition body; the first malformed line fails the parse with its line number. */
export function parseExposition(text: string): Parsed<Exposition> {
  const samples: Sample[] = [];
  const families = new Map<string, MetricFamilyInfo>();
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].endsWith("\r") ? lines[i].slice(0, -1) : lines[i];
    if (line.trim() === "") continue;
    if (line.length > MAX_LINE_LENGTH)
      return { ok: false, error: `metrics line ${i + 1} is longer than ${MAX_LINE_LENGTH} characters` };
    if (samples.length >= MAX_SAMPLES) return { ok: false, error: `more than ${MAX_SAMPLES} samples` };
    try {
      if (line.startsWith("#")) parseComment(line, families);
      else samples.push(parseSampleLine(line));
    } catch (err) {
      if (!(err instanceof ExpositionError)) throw err;
      const shown = line.length > 80 ? `${line.slice(0, 80)}…` : line;
      return { ok: false, error: `metrics line ${i + 1}: ${err.message} in ${JSON.stringify(shown)}` };
    }
  }
  return { ok: true, value: { samples, families } };
}

function parseComment(line: string, families: Map<string, MetricFamilyInfo>): void {
  const match = /^#\s+(HELP|TYPE)\s+(\S+)(?:\s(.*))?$/.exec(line);
  if (!match) return; // any other comment is allowed and ignored
  const [, keyword, name, rest = ""] = match;
  if (!METRIC_NAME.test(name) || METRIC_NAME.exec(name)![0] !== name) {
    throw new ExpositionError(`invalid metric name ${JSON.stringify(name)} after # ${keyword}`);
  }
  const family = families.get(name) ?? { type: "untyped" as MetricType, help: "" };
  if (keyword === "TYPE") {
    const type = rest.trim();
    if (!TYPES.has(type)) throw new ExpositionError(`unknown metric type ${JSON.stringify(type)}`);
    family.type = type as MetricType;
  } else {
    family.help = rest.replace(/\\(\\|n)/g, (_, c: string) => (c === "n" ? "\n" : "\\"));
  }
  families.set(name, family);
}

function parseSampleLine(line: string): Sample {
  const nameMatch = METRIC_NAME.exec(line);
  if (!nameMatch) throw new ExpositionError("expected a metric name");
  const name = nameMatch[0];
  let pos = name.length;
  const labels: Record<string, string> = {};
  if (line[pos] === "{") {
    pos = parseLabels(line, pos + 1, labels);
  }
  const rest = line.slice(pos);
  if (!/^[ \t]/.test(rest)) throw new ExpositionError(`expected a space and a value after ${JSON.stringify(name)}`);
  const fields = rest.trim().split(/[ \t]+/);
  if (fields.length > 2) throw new ExpositionError("unexpected text after the timestamp");
  const value = parseValue(fields[0]);
  const sample: Sample = { name, labels, value };
  if (fields.length === 2) {
    if (!/^-?\d+$/.test(fields[1])) throw new ExpositionError(`invalid timestamp ${JSON.stringify(fields[1])}`);
    sample.timestampMs = Number(fields[1]);
  }
  return sample;
}

/** Parses `name="value",…}` starting after `{`; returns the position after `}`. */
function parseLabels(line: string, start: number, labels: Record<string, string>): number {
  let pos = start;
  for (;;) {
    while (line[pos] === " " || line[pos] === "\t") pos++;
    if (line[pos] === "}") return pos + 1;
    LABEL_NAME.lastIndex = pos;
    const nameMatch = LABEL_NAME.exec(line);
    if (!nameMatch) throw new ExpositionError(`expected a label name at column ${pos + 1}`);
    const labelName = nameMatch[0];
    pos += labelName.length;
    while (line[pos] === " ") pos++;
    if (line[pos] !== "=") throw new ExpositionError(`expected '=' after label ${JSON.stringify(labelName)}`);
    pos++;
    while (line[pos] === " ") pos++;
    if (line[pos] !== '"')
      throw new ExpositionError(`expected '"' to open the value of label ${JSON.stringify(labelName)}`);
    pos++;
    let value = "";
    for (;;) {
      if (pos >= line.length) throw new ExpositionError(`unterminated value of label ${JSON.stringify(labelName)}`);
      const c = line[pos];
      if (c === '"') break;
      if (c === "\\") {
        const next = line[pos + 1];
        if (next === "n") value += "\n";
        else if (next === "\\" || next === '"') value += next;
        else throw new ExpositionError(`invalid escape \\${next ?? ""} in label ${JSON.stringify(labelName)}`);
        pos += 2;
      } else {
        value += c;
        pos++;
      }
    }
    pos++; // closing quote
    if (labelName in labels) throw new ExpositionError(`duplicate label ${JSON.stringify(labelName)}`);
    labels[labelName] = value;
    while (line[pos] === " ") pos++;
    if (line[pos] === ",") {
      pos++;
      continue;
    }
    if (line[pos] === "}") return pos + 1;
    throw new ExpositionError(`expected ',' or '}' after label ${JSON.stringify(labelName)}`);
  }
}

/** Go's strconv.ParseFloat spellings, which client_golang writes: NaN, +Inf, -Inf, exponents. */
function parseValue(text: string): number {
  const lower = text.toLowerCase();
  if (lower === "nan") return Number.NaN;
  if (lower === "+inf" || lower === "inf" || lower === "+infinity" || lower === "infinity") return Infinity;
  if (lower === "-inf" || lower === "-infinity") return -Infinity;
  if (!isDecimalFloat(text) && !/^[+-]?0[xX][0-9a-fA-F]+$/.test(text)) {
    throw new ExpositionError(`invalid sample value ${JSON.stringify(text)}`);
  }
  return Number(text);
}

const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";

/**
 * `[+-]digits[.digits][e[+-]digits]` with digits on at least one side of the point, scanned once. The
 * regular expression this replaces backtracked quadratically on a long run of digits that ended badly.
 */
function isDecimalFloat(t: string): boolean {
  let i = t[0] === "+" || t[0] === "-" ? 1 : 0;
  const intStart = i;
  while (isDigit(t[i])) i++;
  let digits = i - intStart;
  if (t[i] === ".") {
    const fracStart = ++i;
    while (isDigit(t[i])) i++;
    digits += i - fracStart;
  }
  if (digits === 0) return false;
  if (t[i] === "e" || t[i] === "E") {
    i++;
    if (t[i] === "+" || t[i] === "-") i++;
    const expStart = i;
    while (isDigit(t[i])) i++;
    if (i === expStart) return false;
  }
  return i === t.length;
}

/** Samples of one series name, in exposition order. */
export function samplesNamed(exposition: Exposition, name: string): Sample[] {
  return exposition.samples.filter((sample) => sample.name === name);
}
