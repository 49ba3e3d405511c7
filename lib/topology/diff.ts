// Revision diff: what changed between two revisions of a design, as reviewers think of it.
// Components are matched by id; connections by id, then by (kind, from, to) so a connection that was
// deleted and drawn again between the same two components is not reported as removed + added.
// Positions are layout, not deployment: they are ignored unless asked for.
import { structuredPatch } from "diff";
import type { ComponentKind, ConnectionKind } from "./catalog";
import type { Component, Connection, Design } from "./design";

export type Change = "added" | "removed" | "changed";

/** One differing path with both sides; `undefined` means unset on that side. */
export interface ValueChange {
  path: string;
  before: unknown;
  after: unknown;
}

export interface ComponentChange {
  id: string;
  change: Change;
  kind: ComponentKind;
  /** The name in the newer revision (the older one when removed). */
  name: string;
  /** Dotted paths that differ (`name`, `cluster`, `settings.retention`, `settings.resources.limits.cpu`); empty for added/removed. */
  paths: string[];
  /** The same paths with their old and new values, in the same order. */
  values: ValueChange[];
}

export interface ConnectionChange {
  id: string;
  change: Change;
  kind: ConnectionKind;
  from: string;
  to: string;
  /** `kind`, `from`, `to` for a changed connection; empty for added/removed. */
  paths: string[];
  values: ValueChange[];
}

export interface DesignDiff {
  /** Paths outside components and connections: `name`, `description`, `versions.thanos`. */
  design: string[];
  /** The same design-level paths with their old and new values. */
  designValues: ValueChange[];
  components: ComponentChange[];
  connections: ConnectionChange[];
}

export interface DiffOptions {
  /** Report moved components (`position`) as changed. Default false. */
  positions?: boolean;
}

export function diffDesigns(before: Design, after: Design, opts: DiffOptions = {}): DesignDiff {
  const designValues: ValueChange[] = [];
  for (const key of ["name", "description", "versions"] as const)
    collectChanges(before[key], after[key], key, designValues);

  const components: ComponentChange[] = [];
  const old = new Map(before.components.map((c) => [c.id, c]));
  const seen = new Set<string>();
  for (const c of after.components) {
    const prev = old.get(c.id);
    if (!prev) {
      components.push({ id: c.id, change: "added", kind: c.kind, name: c.name, paths: [], values: [] });
      continue;
    }
    seen.add(c.id);
    const values = componentChanges(prev, c, opts);
    if (values.length > 0)
      components.push({ id: c.id, change: "changed", kind: c.kind, name: c.name, ...split(values) });
  }
  for (const c of before.components) {
    if (!seen.has(c.id))
      components.push({ id: c.id, change: "removed", kind: c.kind, name: c.name, paths: [], values: [] });
  }

  return {
    design: designValues.map((v) => v.path),
    designValues,
    components,
    connections: diffConnections(before.connections, after.connections),
  };
}

const split = (values: ValueChange[]) => ({ paths: values.map((v) => v.path), values });

function componentChanges(a: Component, b: Component, opts: DiffOptions): ValueChange[] {
  // A kind change keeps nothing comparable: report the kind and the whole settings object.
  if (a.kind !== b.kind)
    return [
      { path: "kind", before: a.kind, after: b.kind },
      { path: "settings", before: a.settings, after: b.settings },
    ];
  const out: ValueChange[] = [];
  for (const key of ["name", "cluster", "notes"] as const) collectChanges(a[key], b[key], key, out);
  if (opts.positions) collectChanges(a.position, b.position, "position", out);
  collectChanges(a.settings, b.settings, "settings", out);
  return out;
}

const connectionKey = (e: Connection) => `${e.kind}\u0000${e.from}\u0000${e.to}`;

function diffConnections(before: Connection[], after: Connection[]): ConnectionChange[] {
  const out: ConnectionChange[] = [];
  const oldById = new Map(before.map((e) => [e.id, e]));
  const matched = new Set<string>();
  const unmatchedAfter: Connection[] = [];
  for (const e of after) {
    const prev = oldById.get(e.id);
    if (!prev) {
      unmatchedAfter.push(e);
      continue;
    }
    matched.add(prev.id);
    const values = (["kind", "from", "to"] as const)
      .filter((k) => prev[k] !== e[k])
      .map((k) => ({ path: k, before: prev[k], after: e[k] }));
    if (values.length > 0) out.push({ ...pick(e), change: "changed", ...split(values) });
  }
  const oldByKey = new Map(before.filter((e) => !matched.has(e.id)).map((e) => [connectionKey(e), e]));
  for (const e of unmatchedAfter) {
    const prev = oldByKey.get(connectionKey(e));
    if (prev) {
      matched.add(prev.id);
      oldByKey.delete(connectionKey(e));
      continue; // same link under a new id: nothing a reviewer needs to see
    }
    out.push({ ...pick(e), change: "added", paths: [], values: [] });
  }
  for (const e of before) if (!matched.has(e.id)) out.push({ ...pick(e), change: "removed", paths: [], values: [] });
  return out;
}

const pick = (e: Connection) => ({ id: e.id, kind: e.kind, from: e.from, to: e.to });

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Appends the dotted paths where `a` and `b` differ, with both values. Arrays compare as whole values (one path). */
function collectChanges(a: unknown, b: unknown, path: string, out: ValueChange[]): void {
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of [...keys].sort()) collectChanges(a[k], b[k], path ? `${path}.${k}` : k, out);
    return;
  }
  if (!deepEqual(a, b)) out.push({ path, before: a, after: b });
}

// ---- Showing a value ----------------------------------------------------------------------------------

export interface ShownValue {
  /** One line for the change list: strings quoted, lists and objects summarised, long text cut with `…`. */
  short: string;
  /** Everything, for "show all" (pretty JSON for lists and objects); equals `short` when nothing was cut. */
  full: string;
}

const SHORT_MAX = 48;

const cut = (s: string) => (s.length > SHORT_MAX ? `${s.slice(0, SHORT_MAX - 1)}…` : s);

/** How a reviewer reads one side of a change: `2`, `"7d"`, `[3 items]`, `{cpu, memory}`, `(unset)`. */
export function showValue(v: unknown): ShownValue {
  if (v === undefined) return { short: "(unset)", full: "(unset)" };
  if (typeof v === "string") {
    const full = JSON.stringify(v);
    return { short: cut(full), full };
  }
  if (Array.isArray(v)) {
    const full = JSON.stringify(v, null, 2);
    const inline = JSON.stringify(v);
    return { short: inline.length <= SHORT_MAX ? inline : `[${v.length} item${v.length === 1 ? "" : "s"}]`, full };
  }
  if (isPlainObject(v)) {
    const full = JSON.stringify(v, null, 2);
    const inline = JSON.stringify(v);
    return { short: inline.length <= SHORT_MAX ? inline : cut(`{${Object.keys(v).join(", ")}}`), full };
  }
  const full = String(v);
  return { short: cut(full), full };
}

/** Structural equality where an absent key equals an undefined one (as in JSON). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!deepEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

export function diffCounts(d: DesignDiff): Record<Change, number> {
  const counts: Record<Change, number> = { added: 0, removed: 0, changed: 0 };
  for (const c of d.components) counts[c.change]++;
  for (const c of d.connections) counts[c.change]++;
  return counts;
}

// ---- Manifests ---------------------------------------------------------------------------------------

export interface ClusterManifests {
  cluster: string;
  yaml: string;
}

export interface ManifestDiff {
  cluster: string;
  status: "added" | "removed" | "changed" | "unchanged";
  /** Unified diff (`--- a/<cluster>.yaml` / `+++ b/<cluster>.yaml`, 3 lines of context); "" when unchanged. */
  patch: string;
  additions: number;
  deletions: number;
}

/** Per-cluster unified diff of rendered manifests, clusters in the newer revision's order then removed ones. */
export function diffManifests(before: ClusterManifests[], after: ClusterManifests[]): ManifestDiff[] {
  const old = new Map(before.map((m) => [m.cluster, m.yaml]));
  const clusters = [
    ...after.map((m) => m.cluster),
    ...before.map((m) => m.cluster).filter((c) => !after.some((m) => m.cluster === c)),
  ];
  const now = new Map(after.map((m) => [m.cluster, m.yaml]));
  return clusters.map((cluster) => {
    const a = old.get(cluster);
    const b = now.get(cluster);
    const status = a === undefined ? "added" : b === undefined ? "removed" : a === b ? "unchanged" : "changed";
    if (status === "unchanged") return { cluster, status, patch: "", additions: 0, deletions: 0 };
    const p = structuredPatch(`a/${cluster}.yaml`, `b/${cluster}.yaml`, a ?? "", b ?? "", undefined, undefined, {
      context: 3,
    });
    let additions = 0;
    let deletions = 0;
    const lines = [`--- ${p.oldFileName}`, `+++ ${p.newFileName}`];
    for (const h of p.hunks) {
      lines.push(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`);
      for (const l of h.lines) {
        if (l.startsWith("+")) additions++;
        else if (l.startsWith("-")) deletions++;
        lines.push(l);
      }
    }
    return { cluster, status, patch: lines.join("\n") + "\n", additions, deletions };
  });
}

// ---- Canvas view of a diff -----------------------------------------------------------------------------

/**
 * The newer design plus what the older one had and the newer one dropped, so a canvas can draw removed
 * components and connections (as ghosts) next to added and changed ones. Drawing only; never validated.
 */
export function unionDesign(before: Design, after: Design, d: DesignDiff = diffDesigns(before, after)): Design {
  const removedComponents = new Set(d.components.filter((c) => c.change === "removed").map((c) => c.id));
  const removedConnections = new Set(d.connections.filter((c) => c.change === "removed").map((c) => c.id));
  const present = new Set(after.components.map((c) => c.id));
  const extraComponents = before.components.filter((c) => removedComponents.has(c.id));
  for (const c of extraComponents) present.add(c.id);
  // A removed component inside a removed cluster keeps its place; one whose cluster vanished floats free.
  const ghosts = extraComponents.map((c) =>
    c.cluster && !present.has(c.cluster) ? ({ ...c, cluster: undefined } as Component) : c,
  );
  const ids = new Set(after.connections.map((e) => e.id));
  const extraConnections = before.connections.filter(
    (e) => removedConnections.has(e.id) && !ids.has(e.id) && present.has(e.from) && present.has(e.to),
  );
  return {
    ...after,
    components: [...after.components, ...ghosts],
    connections: [...after.connections, ...extraConnections],
  };
}
