// Field ownership for server-side apply. Ownership is tracked per leaf path (maps are walked, lists
// are atomic leaves: real SSA merges keyed lists like containers by name; atomic lists are coarser
// but keep the same conflict semantics for every field our compiler emits) and serialized as
// managedFields/fieldsV1 exactly in Kubernetes' "f:<name>" shape.

import { deepEqual } from "../../lib/topology/diff";

export { deepEqual };
export type Obj = Record<string, unknown>;
export type Path = string[];

export interface ManagedFieldsEntry {
  manager: string;
  operation: "Apply" | "Update";
  apiVersion: string;
  time: string;
  fieldsType: "FieldsV1";
  fieldsV1: Obj;
  subresource?: string;
}

export function isPlainObject(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function clone<T>(v: T): T {
  return structuredClone(v);
}

// Identity and server-maintained fields are never owned by a manager.
const UNTRACKED_METADATA = new Set([
  "name",
  "namespace",
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "managedFields",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
  "selfLink",
  "generateName",
]);

export const pathKey = (p: Path): string => JSON.stringify(p);
export const keyPath = (k: string): Path => JSON.parse(k) as Path;

/** Leaf paths of an object, skipping apiVersion/kind/identity metadata and (optionally) status. */
export function leafPaths(obj: Obj, opts: { skipStatus?: boolean } = {}): Path[] {
  const out: Path[] = [];
  const walk = (v: unknown, p: Path) => {
    if (isPlainObject(v) && Object.keys(v).length > 0) {
      for (const [k, child] of Object.entries(v)) walk(child, [...p, k]);
    } else out.push(p);
  };
  for (const [k, v] of Object.entries(obj)) {
    if (k === "apiVersion" || k === "kind") continue;
    if (k === "status" && opts.skipStatus) continue;
    if (k === "metadata" && isPlainObject(v)) {
      for (const [mk, mv] of Object.entries(v)) if (!UNTRACKED_METADATA.has(mk)) walk(mv, ["metadata", mk]);
      continue;
    }
    walk(v, [k]);
  }
  return out;
}

export function getPath(obj: unknown, p: Path): unknown {
  let cur = obj;
  for (const k of p) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

export function setPath(obj: Obj, p: Path, value: unknown): void {
  let cur = obj;
  for (const k of p.slice(0, -1)) {
    if (!isPlainObject(cur[k])) cur[k] = {};
    cur = cur[k] as Obj;
  }
  cur[p[p.length - 1]!] = clone(value);
}

/** Delete a leaf and any parent maps it leaves empty (except the top-level sections). */
export function deletePath(obj: Obj, p: Path): void {
  const parents: Obj[] = [obj];
  let cur: unknown = obj;
  for (const k of p.slice(0, -1)) {
    if (!isPlainObject(cur)) return;
    cur = cur[k];
    if (!isPlainObject(cur)) return;
    parents.push(cur);
  }
  delete parents[parents.length - 1]![p[p.length - 1]!];
  for (let i = parents.length - 1; i >= 2; i--) {
    if (Object.keys(parents[i]!).length === 0) delete parents[i - 1]![p[i - 1]!];
    else break;
  }
}

export function toFieldsV1(paths: Path[]): Obj {
  const root: Obj = {};
  for (const p of paths) {
    let cur = root;
    for (const k of p) {
      const fk = `f:${k}`;
      if (!isPlainObject(cur[fk])) cur[fk] = {};
      cur = cur[fk] as Obj;
    }
  }
  return root;
}

export function fromFieldsV1(f: Obj): Path[] {
  const out: Path[] = [];
  const walk = (node: Obj, p: Path) => {
    const keys = Object.keys(node).filter((k) => k.startsWith("f:"));
    if (keys.length === 0 && p.length > 0) out.push(p);
    for (const k of keys) walk(node[k] as Obj, [...p, k.slice(2)]);
  };
  walk(f, []);
  return out;
}

/** Two paths overlap when one is a prefix of the other (a map owned whole vs. one of its leaves). */
export function overlaps(a: Path, b: Path): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function fieldString(p: Path): string {
  return "." + p.join(".");
}

export interface Conflict {
  manager: string;
  apiVersion: string;
  field: Path;
}

export class ApplyConflictError extends Error {
  constructor(readonly conflicts: Conflict[]) {
    super(
      `Apply failed with ${conflicts.length} conflict${conflicts.length === 1 ? "" : "s"}: ` +
        conflicts.map((c) => `conflict with "${c.manager}" using ${c.apiVersion}: ${fieldString(c.field)}`).join("\n"),
    );
  }
}

/**
 * Server-side apply of `config` by `manager` onto `live` (undefined = create). Returns the merged
 * object with updated managedFields, or throws ApplyConflictError unless `force`.
 */
export function serverSideApply(
  live: Obj | undefined,
  config: Obj,
  manager: string,
  opts: { force: boolean; apiVersion: string; now: string; skipStatus: boolean },
): Obj {
  const configPaths = leafPaths(config, { skipStatus: opts.skipStatus });
  const entries: ManagedFieldsEntry[] = clone(
    ((live?.metadata as Obj | undefined)?.managedFields as ManagedFieldsEntry[]) ?? [],
  );
  const isMine = (e: ManagedFieldsEntry) => e.manager === manager && e.operation === "Apply" && !e.subresource;
  const others = entries.filter((e) => !isMine(e));
  const mine = entries.find(isMine);

  // Conflicts: another manager owns an overlapping path and the applied value differs from live.
  const conflicts: Conflict[] = [];
  const conflicting = new Set<string>();
  if (live) {
    for (const e of others) {
      for (const owned of fromFieldsV1(e.fieldsV1)) {
        for (const p of configPaths) {
          if (!overlaps(owned, p)) continue;
          const longer = owned.length >= p.length ? owned : p;
          if (
            !deepEqual(getPath(live, longer), getPath(config, longer)) ||
            !deepEqual(getPath(live, p), getPath(config, p))
          ) {
            if (!conflicting.has(pathKey(owned) + e.manager))
              conflicts.push({ manager: e.manager, apiVersion: e.apiVersion, field: owned });
            conflicting.add(pathKey(owned) + e.manager);
          }
        }
      }
    }
    if (conflicts.length && !opts.force) throw new ApplyConflictError(conflicts);
  }

  const result: Obj = live ? clone(live) : { apiVersion: config.apiVersion, kind: config.kind, metadata: {} };
  // Fields this manager applied before and no longer applies are removed, unless someone else owns them.
  const configKeys = new Set(configPaths.map(pathKey));
  const otherOwned = others.flatMap((e) => fromFieldsV1(e.fieldsV1));
  for (const p of mine ? fromFieldsV1(mine.fieldsV1) : []) {
    if (configKeys.has(pathKey(p))) continue;
    if (otherOwned.some((o) => overlaps(o, p))) continue;
    deletePath(result, p);
  }
  for (const p of configPaths) setPath(result, p, getPath(config, p));

  // Forced conflicts move ownership to this manager.
  const newEntries: ManagedFieldsEntry[] = [];
  for (const e of others) {
    const lost = conflicts.filter((c) => c.manager === e.manager).map((c) => c.field);
    const kept = fromFieldsV1(e.fieldsV1).filter((o) => !lost.some((l) => overlaps(l, o)));
    if (kept.length) newEntries.push({ ...e, fieldsV1: toFieldsV1(kept) });
  }
  if (configPaths.length)
    newEntries.push({
      manager,
      operation: "Apply",
      apiVersion: opts.apiVersion,
      time: opts.now,
      fieldsType: "FieldsV1",
      fieldsV1: toFieldsV1(configPaths),
    });
  (result.metadata as Obj).managedFields = newEntries;
  return result;
}

/** Ownership after a non-apply write (create/PUT/merge patch): changed fields move to `manager`. */
export function recordUpdate(
  before: Obj | undefined,
  after: Obj,
  manager: string,
  opts: { apiVersion: string; now: string; skipStatus: boolean; subresource?: string },
): ManagedFieldsEntry[] {
  const entries: ManagedFieldsEntry[] = clone(
    ((before?.metadata as Obj | undefined)?.managedFields as ManagedFieldsEntry[]) ?? [],
  );
  const afterPaths = leafPaths(after, { skipStatus: opts.skipStatus });
  const beforePaths = before ? leafPaths(before, { skipStatus: opts.skipStatus }) : [];
  const afterKeys = new Set(afterPaths.map(pathKey));
  const changed = afterPaths.filter((p) => !before || !deepEqual(getPath(before, p), getPath(after, p)));
  const removed = beforePaths.filter((p) => !afterKeys.has(pathKey(p)));
  const touched = [...changed, ...removed];
  if (touched.length === 0) return entries;
  const isMine = (e: ManagedFieldsEntry) =>
    e.manager === manager && e.operation === "Update" && (e.subresource ?? "") === (opts.subresource ?? "");
  const out: ManagedFieldsEntry[] = [];
  let minePaths: Path[] = [];
  for (const e of entries) {
    if (isMine(e)) {
      minePaths = fromFieldsV1(e.fieldsV1);
      continue;
    }
    const kept = fromFieldsV1(e.fieldsV1).filter(
      (o) => !touched.some((t) => overlaps(t, o)) && afterKeys.has(pathKey(o)),
    );
    if (kept.length) out.push({ ...e, fieldsV1: toFieldsV1(kept) });
  }
  const mineKeys = new Set([...minePaths.filter((p) => afterKeys.has(pathKey(p))), ...changed].map(pathKey));
  if (mineKeys.size)
    out.push({
      manager,
      operation: "Update",
      apiVersion: opts.apiVersion,
      time: opts.now,
      fieldsType: "FieldsV1",
      fieldsV1: toFieldsV1([...mineKeys].map(keyPath)),
      ...(opts.subresource ? { subresource: opts.subresource } : {}),
    });
  return out;
}

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return clone(patch);
  const out: Obj = isPlainObject(target) ? clone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/**
 * Strategic merge patch, reduced to what kubectl sends for built-in kinds: maps merge, lists of
 * objects with a `name` merge by name, `$patch: delete` removes an element, other lists replace.
 */
export function strategicMergePatch(target: unknown, patch: unknown): unknown {
  if (Array.isArray(patch)) {
    const keyed = patch.every((e) => isPlainObject(e) && typeof e.name === "string");
    if (!keyed || !Array.isArray(target)) return clone(patch.filter((e) => !(isPlainObject(e) && e.$patch)));
    const out = clone(target) as Obj[];
    for (const el of patch as Obj[]) {
      const i = out.findIndex((t) => isPlainObject(t) && t.name === el.name);
      if (el.$patch === "delete") {
        if (i >= 0) out.splice(i, 1);
      } else if (i >= 0) out[i] = strategicMergePatch(out[i], el) as Obj;
      else out.push(strategicMergePatch(undefined, el) as Obj);
    }
    return out;
  }
  if (!isPlainObject(patch)) return clone(patch);
  const out: Obj = isPlainObject(target) ? clone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith("$setElementOrder/") || k === "$retainKeys") continue;
    if (v === null) delete out[k];
    else out[k] = strategicMergePatch(out[k], v);
  }
  return out;
}
