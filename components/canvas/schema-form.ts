import type { z } from "zod";
import {
  byteSize,
  dnsName,
  duration,
  image,
  labelName,
  promqlExpr,
  quantity,
  secretValue,
} from "@/lib/topology/primitives";

/**
 * A form description derived from a zod (v4) schema by walking its definition, so every settings field of
 * every kind gets an editor without hand-written forms. Adding a field to a kind adds it to the inspector.
 */
export type StringFormat =
  "duration" | "quantity" | "byteSize" | "dns" | "labelName" | "image" | "url" | "promql" | "text";

interface Common {
  optional: boolean;
  /** The schema default (what the document gets when the field is left empty). */
  defaultValue?: unknown;
  description?: string;
  /** The unwrapped schema, used to validate a value and to build empty items. */
  schema: z.ZodType;
}

export type FieldSpec = Common &
  (
    | { type: "string"; format: StringFormat }
    | { type: "secret" }
    | { type: "number"; min?: number; max?: number; int: boolean }
    | { type: "boolean" }
    | { type: "enum"; options: string[] }
    | { type: "object"; fields: { key: string; spec: FieldSpec }[] }
    | { type: "array"; item: FieldSpec }
    | { type: "record"; key: FieldSpec; value: FieldSpec }
    | { type: "union"; variants: { label: string; spec: FieldSpec }[] }
    | { type: "unknown" }
  );

type Def = {
  type: string;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string>;
};

const def = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

const FORMATS = new Map<z.ZodType, StringFormat>([
  [duration, "duration"],
  [quantity, "quantity"],
  [byteSize, "byteSize"],
  [dnsName, "dns"],
  [labelName, "labelName"],
  [promqlExpr, "promql"],
]);

/** Walk one schema into a FieldSpec. `secret` marks write-only values (from the kind's secretPaths). */
export function describeSchema(schema: z.ZodType, secret = false): FieldSpec {
  let s = schema;
  let optional = false;
  let defaultValue: unknown;
  let description: string | undefined;
  let isImage = s === image;
  // Peel wrappers, remembering optionality, defaults and descriptions from any layer.
  for (;;) {
    description ??= (s as { description?: string }).description;
    if (s === image) isImage = true;
    const d = def(s);
    if (d.type === "optional" || d.type === "nullable") optional = true;
    else if (d.type === "default" || d.type === "prefault") {
      const v = d.defaultValue;
      defaultValue ??= typeof v === "function" ? (v as () => unknown)() : v;
    } else if (d.type === "readonly" || d.type === "catch") {
      /* transparent */
    } else if (d.type === "pipe") {
      s = d.in!;
      continue;
    } else break;
    s = d.innerType!;
  }
  const d = def(s);
  const common: Common = { optional, defaultValue, description, schema: s };
  if (secret || s === secretValue) return { ...common, type: "secret" };
  switch (d.type) {
    case "string": {
      const format = isImage
        ? "image"
        : (FORMATS.get(s) ?? ((s as { format?: string }).format === "url" ? "url" : "text"));
      return { ...common, type: "string", format };
    }
    case "number": {
      const n = s as unknown as { minValue: number | null; maxValue: number | null; isInt: boolean };
      return { ...common, type: "number", min: finite(n.minValue), max: finite(n.maxValue), int: !!n.isInt };
    }
    case "boolean":
      return { ...common, type: "boolean" };
    case "enum":
      return { ...common, type: "enum", options: (s as unknown as { options: string[] }).options };
    case "object": {
      const shape = (s as unknown as { shape: Record<string, z.ZodType> }).shape;
      return {
        ...common,
        type: "object",
        fields: Object.entries(shape).map(([key, f]) => ({ key, spec: describeSchema(f) })),
      };
    }
    case "array":
      return { ...common, type: "array", item: describeSchema(d.element!) };
    case "record":
      return { ...common, type: "record", key: describeSchema(d.keyType!), value: describeSchema(d.valueType!) };
    case "union":
      return {
        ...common,
        type: "union",
        variants: d.options!.map((o) => {
          const spec = describeSchema(o);
          return { label: spec.type === "object" ? humanize(spec.fields[0]?.key ?? "variant") : spec.type, spec };
        }),
      };
    default:
      return { ...common, type: "unknown" };
  }
}

function finite(v: number | null | undefined) {
  return typeof v === "number" && Number.isFinite(v) && Math.abs(v) < Number.MAX_SAFE_INTEGER ? v : undefined;
}

/** `scrapeInterval` → "Scrape interval"; acronyms kept readable. */
export function humanize(key: string): string {
  const special: Record<string, string> = {
    cpu: "CPU",
    url: "URL",
    webhookUrl: "Webhook URL",
    mb: "MB",
    memoryLimitMb: "Memory limit (MB)",
    storageClass: "Storage class",
  };
  if (special[key]) return special[key];
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1 $2")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const FORMAT_HINT: Partial<Record<StringFormat, { unit: string; placeholder: string }>> = {
  duration: { unit: "duration", placeholder: "e.g. 30s, 2h, 90d" },
  quantity: { unit: "quantity", placeholder: "e.g. 500m, 2, 512Mi, 50Gi" },
  byteSize: { unit: "size", placeholder: "e.g. 250MB, 1GB" },
  dns: { unit: "", placeholder: "lower-case-name" },
  labelName: { unit: "", placeholder: "label_name" },
  image: { unit: "", placeholder: "registry/image:tag" },
  url: { unit: "", placeholder: "https://…" },
};

/** A fresh value for a new list item: defaults where the schema has them, empty required fields otherwise. */
export function emptyValue(spec: FieldSpec): unknown {
  if (spec.defaultValue !== undefined) return structuredClone(spec.defaultValue);
  switch (spec.type) {
    case "string":
    case "secret":
      return "";
    case "number":
      return spec.min ?? 0;
    case "boolean":
      return false;
    case "enum":
      return spec.options[0];
    case "array":
      return [];
    case "record":
      return {};
    case "union":
      return spec.variants[0] ? emptyValue(spec.variants[0].spec) : {};
    case "object": {
      const out: Record<string, unknown> = {};
      for (const f of spec.fields)
        if (!f.spec.optional || f.spec.defaultValue !== undefined) out[f.key] = emptyValue(f.spec);
      return out;
    }
    default:
      return undefined;
  }
}

/** Which variant of a union a value is: the first whose first field is present. */
export function unionVariant(spec: Extract<FieldSpec, { type: "union" }>, value: unknown): number {
  if (value && typeof value === "object") {
    const i = spec.variants.findIndex(
      (v) => v.spec.type === "object" && v.spec.fields[0] && v.spec.fields[0].key in (value as object),
    );
    if (i >= 0) return i;
  }
  return 0;
}

/**
 * Dispatched on a PromQL field (by its DOM id) with `{ line, column }` (1-based): the editor moves its cursor
 * there. Lives here, not in the lazily loaded editor, so the sender does not load CodeMirror.
 */
export const PROMQL_GOTO_EVENT = "promql-goto";

/** The DOM id of a form field: `versions` + ["thanos"] → `versions-thanos` (what lint findings focus). */
export function formFieldId(idPrefix: string, path: readonly (string | number)[]): string {
  return `${idPrefix}-${path.join("-")}`.replace(/[^\w-]/g, "_");
}

/** Immutable set at a dotted path; `undefined` removes the key (so the schema default applies again). */
export function setIn(obj: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(obj) || typeof head === "number") {
    const arr = Array.isArray(obj) ? [...obj] : [];
    const next = setIn(arr[head as number], rest, value);
    if (next === undefined && rest.length === 0) arr.splice(head as number, 1);
    else arr[head as number] = next;
    return arr;
  }
  const o = { ...((obj as Record<string, unknown>) ?? {}) };
  const next = setIn(o[head], rest, value);
  if (next === undefined) delete o[head];
  else o[head] = next;
  return o;
}

/** Issues from a safeParse, keyed by dotted path ("hashmod.modulus", "externalLabels.9a"). */
export function issuesByPath(schema: z.ZodType, value: unknown): Map<string, string> {
  const r = schema.safeParse(value);
  const out = new Map<string, string>();
  if (!r.success) for (const i of r.error.issues) if (!out.has(i.path.join("."))) out.set(i.path.join("."), i.message);
  return out;
}
