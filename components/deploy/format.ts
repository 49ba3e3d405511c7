// Pure formatting for the deploy views (tested without a browser).

import type { DeployObject, FieldChange } from "@/lib/deploy/plan";
import { displayName } from "@/lib/deploy/resource-key";

/** Kind and "namespace/name" of a plan entry or run object, from its typed key. */
export function objectLabel(o: Pick<DeployObject, "key" | "object"> & { kind?: string }): {
  kind: string;
  name: string;
} {
  // Runs recorded before typed keys name the object by its full reference only.
  return o.key ? { kind: o.key.kind, name: displayName(o.key) } : { kind: o.kind ?? "", name: o.object };
}

export interface FieldChangeRow {
  path: string;
  before: string;
  after: string;
}

function show(v: unknown): string {
  if (v === undefined) return "—";
  if (typeof v === "string") return v;
  const s = JSON.stringify(v);
  return s.length > 160 ? `${s.slice(0, 157)}…` : s;
}

/** An update's field changes as rows: path, before → after, an absent side as a dash. */
export function fieldChanges(diff: readonly FieldChange[]): FieldChangeRow[] {
  return diff.map((c) => ({ path: c.path, before: show(c.from), after: show(c.to) }));
}

export function relativeTime(iso: string, now = Date.now()): string {
  const s = Math.round((now - Date.parse(iso)) / 1000);
  if (s < 45) return "just now";
  if (s < 90) return "a minute ago";
  const m = Math.round(s / 60);
  if (m < 45) return `${m} minutes ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} hour${h === 1 ? "" : "s"} ago`;
  return new Date(iso).toLocaleDateString(undefined, { month: "short", day: "numeric", year: "numeric" });
}

export function duration(startIso: string, endIso: string | null, now = Date.now()): string {
  const ms = (endIso ? Date.parse(endIso) : now) - Date.parse(startIso);
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${s % 60}s`;
}
