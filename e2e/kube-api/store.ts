// The in-memory object store: the one place objects change, so resourceVersion stays monotonic,
// generation bumps only on spec changes, and watchers and the controller see every change.
import { EventEmitter } from "node:events";
import { randomUUID } from "node:crypto";
import { type Obj, clone, deepEqual, isPlainObject } from "./fields";
import { type ResourceType, RESOURCES, groupVersion } from "./resources";

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";
export interface StoreEvent {
  type: WatchEventType;
  rt: ResourceType;
  object: Obj;
}

export interface Meta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }[];
  managedFields?: unknown[];
}

export const meta = (o: Obj): Meta => o.metadata as Meta;

const key = (rt: ResourceType, ns: string | undefined, name: string) => `${rt.group}|${rt.plural}|${ns ?? ""}|${name}`;

/** Everything except metadata and status: a change here bumps metadata.generation. */
function specOf(o: Obj): Obj {
  const { metadata: _m, status: _s, ...rest } = o;
  return rest;
}

/** metadata.generation of `next` as the server would set it when replacing `prev` (also for dry runs). */
export function applyGeneration(rt: ResourceType, prev: Obj, next: Obj): void {
  const nm = meta(next);
  if (rt.generation) nm.generation = (meta(prev).generation ?? 1) + (deepEqual(specOf(prev), specOf(next)) ? 0 : 1);
  else delete nm.generation;
}

export class Store {
  private objects = new Map<string, Obj>();
  private rv = 1;
  readonly events = new EventEmitter();

  constructor() {
    this.events.setMaxListeners(0);
  }

  currentResourceVersion(): string {
    return String(this.rv);
  }

  get(rt: ResourceType, ns: string | undefined, name: string): Obj | undefined {
    const o = this.objects.get(key(rt, rt.namespaced ? ns : undefined, name));
    return o && clone(o);
  }

  /** Copies of matching objects; `filter` sees the stored object, so only matches are copied. */
  list(rt: ResourceType, ns?: string, filter?: (o: Obj) => boolean): Obj[] {
    const prefix = `${rt.group}|${rt.plural}|`;
    const out: Obj[] = [];
    for (const [k, o] of this.objects) {
      if (!k.startsWith(prefix)) continue;
      if (ns && meta(o).namespace !== ns) continue;
      if (filter && !filter(o)) continue;
      out.push(clone(o));
    }
    return out.sort((a, b) =>
      `${meta(a).namespace}/${meta(a).name}`.localeCompare(`${meta(b).namespace}/${meta(b).name}`),
    );
  }

  /** Insert a new object; the caller has validated it. Fills uid, timestamps, generation. */
  create(rt: ResourceType, obj: Obj): Obj {
    const o = clone(obj);
    o.apiVersion = groupVersion(rt);
    o.kind = rt.kind;
    const m = meta(o);
    if (!rt.namespaced) delete m.namespace;
    m.uid = randomUUID();
    m.creationTimestamp = new Date().toISOString().replace(/\.\d+Z$/, "Z");
    if (rt.generation) m.generation = 1;
    else delete m.generation;
    m.resourceVersion = String(++this.rv);
    if (rt.kind === "Namespace") o.status = { phase: "Active" };
    this.objects.set(key(rt, m.namespace, m.name), o);
    this.emit("ADDED", rt, o);
    return clone(o);
  }

  /** Replace an existing object, keeping identity; bumps generation when the spec changed. */
  update(rt: ResourceType, next: Obj): Obj {
    const m = meta(next);
    const k = key(rt, rt.namespaced ? m.namespace : undefined, m.name);
    const prev = this.objects.get(k);
    if (!prev) throw new Error(`update of missing object ${k}`);
    const o = clone(next);
    o.apiVersion = groupVersion(rt);
    o.kind = rt.kind;
    const pm = meta(prev);
    const nm = meta(o);
    nm.uid = pm.uid;
    nm.creationTimestamp = pm.creationTimestamp;
    applyGeneration(rt, prev, o);
    // A no-op write keeps the resourceVersion, like the real API server.
    const { resourceVersion: _a, ...pmRest } = pm as Meta & Obj;
    const { resourceVersion: _b, ...nmRest } = nm as Meta & Obj;
    if (deepEqual(pmRest, nmRest) && deepEqual(specOf(prev), specOf(o)) && deepEqual(prev.status, o.status)) {
      return clone(prev);
    }
    nm.resourceVersion = String(++this.rv);
    this.objects.set(k, o);
    this.emit("MODIFIED", rt, o);
    return clone(o);
  }

  delete(rt: ResourceType, ns: string | undefined, name: string): Obj | undefined {
    const k = key(rt, rt.namespaced ? ns : undefined, name);
    const stored = this.objects.get(k);
    if (!stored) return undefined;
    this.objects.delete(k);
    const o = clone(stored);
    meta(o).resourceVersion = String(++this.rv);
    this.emit("DELETED", rt, o);
    // Garbage collection: namespaces take their contents, owners take their dependents.
    if (rt.kind === "Namespace") {
      for (const r of RESOURCES)
        if (r.namespaced) for (const child of this.list(r, name)) this.delete(r, name, meta(child).name);
    }
    const uid = meta(o).uid;
    for (const r of RESOURCES) {
      if (!r.namespaced || r.virtual) continue;
      for (const dep of this.list(r, ns, (d) => !!meta(d).ownerReferences?.some((ref) => ref.uid === uid)))
        this.delete(r, meta(dep).namespace, meta(dep).name);
    }
    return o;
  }

  /** Drop everything (tests reuse one server). */
  clear(): void {
    this.objects.clear();
  }

  // Listeners get the stored snapshot itself (writes replace it, never mutate it): they must not
  // modify it. Copying here dominated the server's CPU time with many pods.
  private emit(type: WatchEventType, rt: ResourceType, o: Obj): void {
    this.events.emit("change", { type, rt, object: o } satisfies StoreEvent);
  }
}

export function labelsOf(o: Obj): Record<string, string> {
  const l = (o.metadata as Obj | undefined)?.labels;
  return isPlainObject(l) ? (l as Record<string, string>) : {};
}
