/**
 * A small YAML emitter for the plain data render produces (objects, arrays, strings, numbers, booleans).
 * The `yaml` package's stringify costs ~0.3 ms per small document, which alone would blow the render budget
 * (hundreds of embedded configs per design); this one is ~20× faster. Output is block style like kubectl's:
 * strings are plain when that is unambiguous in both YAML 1.1 (Go's yaml.v2, Kubernetes) and 1.2, block
 * literals (`|`) when multi-line, JSON double-quoted otherwise (a JSON string is a valid YAML scalar).
 * yaml.test.ts round-trips every rendered object through the `yaml` parser in both versions.
 */

const AMBIGUOUS = new Set(["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "<<", "="]);
const NUMBER_LIKE = [
  /^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$/, // ints, floats, 1e3, 1_000
  /^[-+]?0[bBoOxX][0-9a-fA-F_]+$/,
  /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/, // YAML 1.1 sexagesimal
  /^[-+]?\.(inf|Inf|INF)$/,
  /^\.(nan|NaN|NAN)$/,
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/, // timestamps
];

function plainSafe(s: string): boolean {
  if (s === "" || s !== s.trim()) return false;
  if (!/^[\x21-\x7e][\x20-\x7e]*$/.test(s)) return false;
  if (s.length <= 5 && AMBIGUOUS.has(s.toLowerCase())) return false;
  const c = s[0];
  // Numbers, timestamps, .inf/.nan all start with a digit, sign or dot: letters skip the costly checks.
  if (!/[A-Za-z_/$]/.test(c) && NUMBER_LIKE.some((re) => re.test(s))) return false;
  if ("?:,[]{}#&*!|>'\"%@`".includes(c)) return false;
  if (c === "-" && (s.length === 1 || s[1] === " " || s === "---")) return false;
  if (s.includes(": ") || s.includes(" #") || s.endsWith(":")) return false;
  return true;
}

function scalar(s: string): string {
  return plainSafe(s) ? s : JSON.stringify(s);
}

/** Multi-line strings as block literals when the content allows it. */
function literal(s: string, indent: string): string | null {
  if (!s.includes("\n") || !/^[\x20-\x7e\n\t]*$/.test(s)) return null;
  const body = s.replace(/\n+$/, "");
  const trailing = s.length - body.length;
  if (body === "" || body.startsWith(" ") || body.startsWith("\t")) return null;
  // Trailing spaces on a line would survive, but keep the output byte-stable under editors: quote instead.
  if (/[ \t]\n|[ \t]$/.test(body)) return null;
  const chomp = trailing === 0 ? "|-" : trailing === 1 ? "|" : "|+";
  const lines = (trailing > 1 ? s.slice(0, -1) : body).split("\n").map((l) => (l === "" ? "" : indent + l));
  return `${chomp}\n${lines.join("\n")}`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function leaf(v: unknown, indent: string): string {
  if (typeof v === "string") return literal(v, indent) ?? scalar(v);
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`cannot emit ${v} as YAML`);
    return String(v);
  }
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v === null || v === undefined) return "null";
  if (Array.isArray(v)) return "[]";
  return "{}";
}

const isEmpty = (v: unknown) =>
  Array.isArray(v) ? v.length === 0 : isPlainObject(v) ? Object.keys(v).length === 0 : true;

function emit(v: unknown, indent: string, out: string[]): void {
  if (Array.isArray(v)) {
    for (const item of v) {
      if (!isEmpty(item) && (Array.isArray(item) || isPlainObject(item))) {
        const sub: string[] = [];
        emit(item, indent + "  ", sub);
        out.push(`${indent}- ${sub[0].slice(indent.length + 2)}`, ...sub.slice(1));
      } else out.push(`${indent}- ${leaf(item, indent + "  ")}`);
    }
    return;
  }
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    if (val === undefined) continue;
    const key = scalar(k);
    if (!isEmpty(val) && Array.isArray(val)) {
      out.push(`${indent}${key}:`);
      emit(val, indent + "  ", out);
    } else if (!isEmpty(val) && isPlainObject(val)) {
      out.push(`${indent}${key}:`);
      emit(val, indent + "  ", out);
    } else out.push(`${indent}${key}: ${leaf(val, indent + "  ")}`);
  }
}

/** One YAML document (no `---`), ending in a newline. */
export function stringify(value: unknown): string {
  if (!Array.isArray(value) && !isPlainObject(value)) return `${leaf(value, "")}\n`;
  if (isEmpty(value)) return `${leaf(value, "")}\n`;
  const out: string[] = [];
  emit(value, "", out);
  return `${out.join("\n")}\n`;
}
