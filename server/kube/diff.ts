// Field-level diff between a live object and what applying would make of it (the dry-run
// result), ignoring what the server maintains. Secret values are never put in a diff.
import type { FieldChange } from "../../lib/deploy/plan";
import { deepEqual } from "../../lib/topology/diff";
import type { KubeObject } from "./kinds";

export type { FieldChange };

const SERVER_METADATA = [
  "managedFields",
  "resourceVersion",
  "generation",
  "uid",
  "creationTimestamp",
  "selfLink",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
];
const MASK = "(secret value)";

/** The object without server-maintained fields: status, identity and bookkeeping metadata. */
export function normalizeForDiff(o: KubeObject): Record<string, unknown> {
  const { status: _status, metadata, ...rest } = structuredClone(o) as KubeObject & { status?: unknown };
  const m = { ...metadata } as Record<string, unknown>;
  for (const k of SERVER_METADATA) delete m[k];
  const ann = m.annotations as Record<string, string> | undefined;
  if (ann && "kubectl.kubernetes.io/last-applied-configuration" in ann) {
    const { ["kubectl.kubernetes.io/last-applied-configuration"]: _l, ...others } = ann;
    m.annotations = others;
    if (Object.keys(others).length === 0) delete m.annotations;
  }
  return { ...rest, metadata: m };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const join = (base: string, key: string) => (base ? `${base}.${key}` : key);

function walk(a: unknown, b: unknown, path: string, out: FieldChange[]): void {
  if (deepEqual(a, b)) return;
  if (isObj(a) && isObj(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const p = join(path, k);
      if (!(k in b) || b[k] === undefined) out.push({ path: p, op: "remove", from: a[k] });
      else if (!(k in a) || a[k] === undefined) out.push({ path: p, op: "add", to: b[k] });
      else walk(a[k], b[k], p, out);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const p = `${path}[${i}]`;
      if (i >= b.length) out.push({ path: p, op: "remove", from: a[i] });
      else if (i >= a.length) out.push({ path: p, op: "add", to: b[i] });
      else walk(a[i], b[i], p, out);
    }
    return;
  }
  out.push({ path, op: "change", from: a, to: b });
}

/** Changes that turn `live` into `desired`; empty when applying would change nothing. */
export function diffObjects(live: KubeObject, desired: KubeObject): FieldChange[] {
  const out: FieldChange[] = [];
  walk(normalizeForDiff(live), normalizeForDiff(desired), "", out);
  if (desired.kind === "Secret" || live.kind === "Secret") {
    for (const c of out) {
      if (/^(data|stringData)(\.|$)/.test(c.path)) {
        if ("from" in c) c.from = MASK;
        if ("to" in c) c.to = MASK;
      }
    }
  }
  return out;
}
