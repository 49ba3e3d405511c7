// Pure formatting for the deploy views (tested without a browser).

/** "apps/v1/StatefulSet monitoring/prom" → { kind: "StatefulSet", name: "monitoring/prom" }. */
export function splitObject(key: string): { kind: string; apiVersion: string; name: string } {
  const space = key.indexOf(" ");
  const type = space < 0 ? key : key.slice(0, space);
  const name = space < 0 ? "" : key.slice(space + 1);
  const slash = type.lastIndexOf("/");
  return { kind: slash < 0 ? type : type.slice(slash + 1), apiVersion: slash < 0 ? "" : type.slice(0, slash), name };
}

export interface FieldChange {
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

/**
 * Field changes of an update, whatever shape the engine reports: a list of {path, before|from|live|old,
 * after|to|desired|new} entries, or a {path: {before, after}} map.
 */
export function fieldChanges(diff: unknown): FieldChange[] {
  const pick = (o: Record<string, unknown>, keys: string[]) => {
    for (const k of keys) if (k in o) return o[k];
    return undefined;
  };
  const one = (path: string, o: Record<string, unknown>): FieldChange => ({
    path,
    before: show(pick(o, ["before", "from", "live", "old", "oldValue"])),
    after: show(pick(o, ["after", "to", "desired", "new", "newValue"])),
  });
  if (Array.isArray(diff)) {
    return diff
      .filter((d): d is Record<string, unknown> => !!d && typeof d === "object")
      .map((d) => one(Array.isArray(d.path) ? d.path.join(".") : String(d.path ?? d.field ?? "?"), d));
  }
  if (diff && typeof diff === "object") {
    const o = diff as Record<string, unknown>;
    if (Array.isArray(o.changes)) return fieldChanges(o.changes);
    if (Array.isArray(o.fields)) return fieldChanges(o.fields);
    return Object.entries(o).map(([path, v]) =>
      v && typeof v === "object" && !Array.isArray(v)
        ? one(path, v as Record<string, unknown>)
        : { path, before: "—", after: show(v) },
    );
  }
  return [];
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
