import { createStore, type StoreApi } from "zustand/vanilla";
import { KINDS, canConnect, kindDefaults, type ComponentKind, type ConnectionKind } from "@/lib/topology/catalog";
import type { Component, Connection, Design } from "@/lib/topology/design";

/**
 * The editor's single source of truth: the Design plus selection and history.
 * Every edit is an action that replaces `design` with a new immutable value; history keeps those values,
 * so undo/redo swaps whole documents (cheap: unchanged components are shared between snapshots).
 */
export interface HistoryEntry {
  label: string;
  design: Design;
  /** Successive edits with the same key (typing in one field) merge into one undo step. */
  mergeKey?: string;
  at: number;
}

export interface Clipboard {
  components: Component[];
  connections: Connection[];
}

export interface EditorState {
  design: Design;
  /** The document as last loaded or saved; `design !== saved` means unsaved changes. */
  saved: Design;
  past: HistoryEntry[];
  future: HistoryEntry[];
  selected: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  /** Cluster highlighted as the drop target while dragging. */
  dropTarget: string | null;
  clipboard: Clipboard | null;
  /** Snapshot taken when a drag or resize started; committed as one history step when it ends. */
  gesture: Design | null;
}

export interface EditorActions {
  addComponent(kind: ComponentKind, position: { x: number; y: number }, cluster?: string): string;
  updateComponent(
    id: string,
    patch: Partial<Pick<Component, "name" | "notes">> & { settings?: Record<string, unknown> },
    mergeKey?: string,
  ): void;
  updateDesignMeta(patch: Partial<Pick<Design, "name" | "description" | "versions">>, mergeKey?: string): void;
  /** Replace the settings of several components as one undo step (e.g. *Apply estimates*). */
  applySettings(label: string, settings: ReadonlyMap<string, Record<string, unknown>>): void;
  addConnection(kind: ConnectionKind, from: string, to: string): string | null;
  setConnectionKind(id: string, kind: ConnectionKind): void;
  deleteItems(componentIds: Iterable<string>, connectionIds: Iterable<string>): void;
  deleteSelection(): void;
  beginGesture(): void;
  /** Live positions while dragging: no history entry until `endGesture`. */
  moveLive(positions: Map<string, { x: number; y: number }>): void;
  resizeClusterLive(id: string, rect: { x: number; y: number; width: number; height: number }): void;
  endGesture(label: string): void;
  reparent(id: string, cluster: string | undefined, position: { x: number; y: number }): void;
  /**
   * Move the selected components by (dx, dy): the arrow keys. A burst of presses on the same selection is one
   * undo step. A component whose cluster moves too stays where it is inside it.
   */
  nudgeSelection(dx: number, dy: number): void;
  setPositions(
    label: string,
    positions: Map<string, { x: number; y: number }>,
    sizes?: Map<string, { width: number; height: number }>,
  ): void;
  select(componentIds: Iterable<string>, connectionIds?: Iterable<string>): void;
  selectAll(): void;
  setDropTarget(id: string | null): void;
  copySelection(): void;
  paste(offset?: { x: number; y: number }): void;
  undo(): void;
  redo(): void;
  /** Replace the document (load, reload after a conflict). Clears history. */
  load(design: Design): void;
  markSaved(design?: Design): void;
}

export type EditorStore = StoreApi<EditorState & EditorActions>;

const MERGE_WINDOW_MS = 1500;
const HISTORY_LIMIT = 200;

export function newId(kind: string, taken: (id: string) => boolean): string {
  for (;;) {
    const id = `${kind}-${Math.random().toString(36).slice(2, 8)}`;
    if (!taken(id)) return id;
  }
}

/** `base`, `base-2`, `base-3`… unique among the names already used in the same scope. */
export function uniqueName(base: string, used: Set<string>): string {
  if (!used.has(base)) return base;
  const stem = base.replace(/-\d+$/, "").slice(0, 36);
  for (let i = 2; ; i++) if (!used.has(`${stem}-${i}`)) return `${stem}-${i}`;
}

/** Names are unique per cluster (clusters among themselves), as validateDesign requires. */
export function namesInScope(d: Design, kind: ComponentKind, cluster: string | undefined): Set<string> {
  const scope = kind === "cluster" ? "<clusters>" : (cluster ?? "<outside>");
  const out = new Set<string>();
  for (const c of d.components) {
    const s = c.kind === "cluster" ? "<clusters>" : (c.cluster ?? "<outside>");
    if (s === scope) out.add(c.name);
  }
  return out;
}

/** Default settings for a kind: the schema's own defaults, so the inspector shows them. */
export function defaultSettings(kind: ComponentKind): Record<string, unknown> {
  return structuredClone(kindDefaults(kind)) as Record<string, unknown>;
}

function withComponents(d: Design, components: Component[]): Design {
  return { ...d, components };
}

export function createEditorStore(initial: Design): EditorStore {
  return createStore<EditorState & EditorActions>()((set, get) => {
    /** Apply an edit as one undoable step. */
    const commit = (label: string, next: Design, mergeKey?: string) => {
      const s = get();
      if (next === s.design) return;
      const last = s.past[s.past.length - 1];
      const now = Date.now();
      if (mergeKey && last?.mergeKey === mergeKey && now - last.at < MERGE_WINDOW_MS && s.future.length === 0) {
        last.at = now;
        set({ design: next });
        return;
      }
      const past = [...s.past, { label, design: s.design, mergeKey, at: now }].slice(-HISTORY_LIMIT);
      set({ design: next, past, future: [] });
    };

    return {
      design: initial,
      saved: initial,
      past: [],
      future: [],
      selected: new Set(),
      selectedEdges: new Set(),
      dropTarget: null,
      clipboard: null,
      gesture: null,

      addComponent(kind, position, cluster) {
        const d = get().design;
        const ids = new Set(d.components.map((c) => c.id));
        const id = newId(kind === "queryFrontend" ? "frontend" : kind, (x) => ids.has(x));
        const scope = kind === "cluster" ? undefined : cluster;
        const name = uniqueName(KINDS[kind].defaultName, namesInScope(d, kind, scope));
        const c = {
          id,
          kind,
          name,
          position: { x: Math.round(position.x), y: Math.round(position.y) },
          settings: defaultSettings(kind),
          ...(scope ? { cluster: scope } : {}),
        } as Component;
        // Parents must precede children for React Flow: clusters go first.
        const components = kind === "cluster" ? [c, ...d.components] : [...d.components, c];
        commit(`Add ${KINDS[kind].label}`, withComponents(d, components));
        set({ selected: new Set([id]), selectedEdges: new Set() });
        return id;
      },

      updateComponent(id, patch, mergeKey) {
        const d = get().design;
        const components = d.components.map((c) => {
          if (c.id !== id) return c;
          const next = { ...c, ...patch } as Component;
          if (patch.notes === "") delete (next as { notes?: string }).notes;
          return next;
        });
        commit("Edit settings", withComponents(d, components), mergeKey ?? `edit:${id}`);
      },

      applySettings(label, settings) {
        if (settings.size === 0) return;
        const d = get().design;
        const components = d.components.map((c) =>
          settings.has(c.id) ? ({ ...c, settings: settings.get(c.id) } as Component) : c,
        );
        commit(label, withComponents(d, components));
      },

      updateDesignMeta(patch, mergeKey) {
        commit("Edit design", { ...get().design, ...patch }, mergeKey ?? "edit:design");
      },

      addConnection(kind, from, to) {
        const d = get().design;
        if (from === to) return null;
        const [a, b] = [d.components.find((c) => c.id === from), d.components.find((c) => c.id === to)];
        if (!a || !b || !canConnect(kind, a.kind, b.kind)) return null;
        if (d.connections.some((e) => e.kind === kind && e.from === from && e.to === to)) return null;
        const ids = new Set(d.connections.map((e) => e.id));
        const id = newId(`e-${kind}`, (x) => ids.has(x));
        commit(`Connect (${kind})`, { ...d, connections: [...d.connections, { id, kind, from, to }] });
        set({ selected: new Set(), selectedEdges: new Set([id]) });
        return id;
      },

      setConnectionKind(id, kind) {
        const d = get().design;
        const e = d.connections.find((x) => x.id === id);
        const [a, b] = [d.components.find((c) => c.id === e?.from), d.components.find((c) => c.id === e?.to)];
        if (!a || !b || !canConnect(kind, a.kind, b.kind)) return;
        commit("Change connection", {
          ...d,
          connections: d.connections.map((e) => (e.id === id ? { ...e, kind } : e)),
        });
      },

      deleteItems(componentIds, connectionIds) {
        const d = get().design;
        const gone = new Set(componentIds);
        // Deleting a cluster deletes what it contains, as React Flow does with child nodes.
        for (const c of d.components) if (c.cluster && gone.has(c.cluster)) gone.add(c.id);
        const goneEdges = new Set(connectionIds);
        const components = d.components.filter((c) => !gone.has(c.id));
        const connections = d.connections.filter((e) => !goneEdges.has(e.id) && !gone.has(e.from) && !gone.has(e.to));
        if (components.length === d.components.length && connections.length === d.connections.length) return;
        const n = d.components.length - components.length + d.connections.length - connections.length;
        commit(`Delete ${n} item${n === 1 ? "" : "s"}`, { ...d, components, connections });
        set({ selected: new Set(), selectedEdges: new Set() });
      },

      deleteSelection() {
        const s = get();
        s.deleteItems(s.selected, s.selectedEdges);
      },

      beginGesture() {
        if (!get().gesture) set({ gesture: get().design });
      },

      moveLive(positions) {
        const d = get().design;
        let changed = false;
        const components = d.components.map((c) => {
          const p = positions.get(c.id);
          if (!p || (p.x === c.position.x && p.y === c.position.y)) return c;
          changed = true;
          return { ...c, position: { x: Math.round(p.x), y: Math.round(p.y) } };
        });
        if (changed) set({ design: withComponents(d, components) });
      },

      resizeClusterLive(id, rect) {
        const d = get().design;
        const components = d.components.map((c) =>
          c.id === id && c.kind === "cluster"
            ? {
                ...c,
                position: { x: Math.round(rect.x), y: Math.round(rect.y) },
                settings: {
                  ...c.settings,
                  width: Math.max(200, Math.round(rect.width)),
                  height: Math.max(160, Math.round(rect.height)),
                },
              }
            : c,
        );
        set({ design: withComponents(d, components) });
      },

      endGesture(label) {
        const s = get();
        const before = s.gesture;
        set({ gesture: null, dropTarget: null });
        if (!before || before === s.design) return;
        set({ past: [...s.past, { label, design: before, at: Date.now() }].slice(-HISTORY_LIMIT), future: [] });
      },

      reparent(id, cluster, position) {
        const d = get().design;
        const c = d.components.find((x) => x.id === id);
        if (!c || c.kind === "cluster") return;
        const used = namesInScope(d, c.kind, cluster);
        used.delete(c.cluster === cluster ? c.name : "");
        const name = c.cluster === cluster ? c.name : uniqueName(c.name, used);
        const moved = { ...c, name, position: { x: Math.round(position.x), y: Math.round(position.y) } } as Component;
        if (cluster) moved.cluster = cluster;
        else delete moved.cluster;
        // Position changes during the drag already live in `design`; fold the re-parent into the same step.
        set({
          design: withComponents(
            d,
            d.components.map((x) => (x.id === id ? moved : x)),
          ),
        });
      },

      nudgeSelection(dx, dy) {
        const s = get();
        const moving = s.design.components.filter(
          (c) => s.selected.has(c.id) && !(c.cluster !== undefined && s.selected.has(c.cluster)),
        );
        if (moving.length === 0 || (dx === 0 && dy === 0)) return;
        const ids = new Set(moving.map((c) => c.id));
        const components = s.design.components.map((c) =>
          ids.has(c.id) ? { ...c, position: { x: c.position.x + dx, y: c.position.y + dy } } : c,
        );
        const label = moving.length === 1 ? `Move ${moving[0].name}` : `Move ${moving.length} components`;
        commit(label, withComponents(s.design, components), `nudge:${[...ids].sort().join(",")}`);
      },

      setPositions(label, positions, sizes) {
        const d = get().design;
        const components = d.components.map((c) => {
          const p = positions.get(c.id);
          const size = sizes?.get(c.id);
          if (!p && !size) return c;
          let next = { ...c, position: p ? { x: Math.round(p.x), y: Math.round(p.y) } : c.position } as Component;
          if (size && next.kind === "cluster")
            next = {
              ...next,
              settings: {
                ...next.settings,
                width: Math.max(200, Math.round(size.width)),
                height: Math.max(160, Math.round(size.height)),
              },
            };
          return next;
        });
        commit(label, withComponents(d, components));
      },

      select(componentIds, connectionIds = []) {
        set({ selected: new Set(componentIds), selectedEdges: new Set(connectionIds) });
      },

      selectAll() {
        const d = get().design;
        set({
          selected: new Set(d.components.map((c) => c.id)),
          selectedEdges: new Set(d.connections.map((e) => e.id)),
        });
      },

      setDropTarget(id) {
        if (get().dropTarget !== id) set({ dropTarget: id });
      },

      copySelection() {
        const s = get();
        const ids = new Set(s.selected);
        // Copying a cluster copies its contents.
        for (const c of s.design.components) if (c.cluster && ids.has(c.cluster)) ids.add(c.id);
        const components = s.design.components.filter((c) => ids.has(c.id));
        if (components.length === 0) return;
        const connections = s.design.connections.filter((e) => ids.has(e.from) && ids.has(e.to));
        set({ clipboard: { components, connections } });
      },

      paste(offset = { x: 40, y: 40 }) {
        const s = get();
        const clip = s.clipboard;
        if (!clip) return;
        let d = s.design;
        const ids = new Set(d.components.map((c) => c.id));
        const remap = new Map<string, string>();
        for (const c of clip.components) {
          const id = newId(c.kind === "queryFrontend" ? "frontend" : c.kind, (x) => ids.has(x));
          ids.add(id);
          remap.set(c.id, id);
        }
        const existing = new Set(d.components.map((c) => c.id));
        const added: Component[] = [];
        for (const c of clip.components) {
          const parentCopied = c.cluster !== undefined && remap.has(c.cluster);
          const cluster = parentCopied
            ? remap.get(c.cluster!)
            : c.cluster && existing.has(c.cluster)
              ? c.cluster
              : undefined;
          if (KINDS[c.kind].needsCluster && !cluster) continue;
          const scopeDesign = { ...d, components: [...d.components, ...added] };
          const name = uniqueName(c.name, namesInScope(scopeDesign, c.kind, cluster));
          // Children of a copied cluster keep their relative place; everything else shifts so the copy is visible.
          const position = parentCopied ? c.position : { x: c.position.x + offset.x, y: c.position.y + offset.y };
          const copy = { ...c, id: remap.get(c.id)!, name, position } as Component;
          if (cluster) copy.cluster = cluster;
          else delete copy.cluster;
          added.push(copy);
        }
        const addedIds = new Set(added.map((c) => c.id));
        const edgeIds = new Set(d.connections.map((e) => e.id));
        const connections = clip.connections
          .filter((e) => addedIds.has(remap.get(e.from)!) && addedIds.has(remap.get(e.to)!))
          .map((e) => {
            const id = newId(`e-${e.kind}`, (x) => edgeIds.has(x));
            edgeIds.add(id);
            return { ...e, id, from: remap.get(e.from)!, to: remap.get(e.to)! };
          });
        const clusters = added.filter((c) => c.kind === "cluster");
        const others = added.filter((c) => c.kind !== "cluster");
        d = {
          ...d,
          components: [...clusters, ...d.components, ...others],
          connections: [...d.connections, ...connections],
        };
        commit(`Paste ${added.length}`, d);
        set({ selected: new Set(added.map((c) => c.id)), selectedEdges: new Set(connections.map((e) => e.id)) });
        // Paste again lands a further step away.
        set({
          clipboard: {
            components: clip.components.map((c) => ({ ...c, position: remapPosition(c, offset, remap, clip) })),
            connections: clip.connections,
          },
        });
      },

      undo() {
        const s = get();
        const prev = s.past[s.past.length - 1];
        if (!prev) return;
        set({ design: prev.design, past: s.past.slice(0, -1), future: [{ ...prev, design: s.design }, ...s.future] });
        pruneSelection(get, set);
      },

      redo() {
        const s = get();
        const next = s.future[0];
        if (!next) return;
        set({
          design: next.design,
          future: s.future.slice(1),
          past: [...s.past, { ...next, design: s.design, mergeKey: undefined }],
        });
        pruneSelection(get, set);
      },

      load(design) {
        set({
          design,
          saved: design,
          past: [],
          future: [],
          selected: new Set(),
          selectedEdges: new Set(),
          gesture: null,
          dropTarget: null,
        });
      },

      markSaved(design) {
        // The saved document must stay an undo point: typing or nudging on after a save starts a new step.
        const last = get().past[get().past.length - 1];
        if (last) last.mergeKey = undefined;
        set({ saved: design ?? get().design });
      },
    };
  });
}

function remapPosition(c: Component, offset: { x: number; y: number }, _remap: Map<string, string>, clip: Clipboard) {
  const parentCopied = c.cluster !== undefined && clip.components.some((x) => x.id === c.cluster);
  return parentCopied ? c.position : { x: c.position.x + offset.x, y: c.position.y + offset.y };
}

function pruneSelection(get: () => EditorState, set: (p: Partial<EditorState>) => void) {
  const s = get();
  const ids = new Set(s.design.components.map((c) => c.id));
  const edges = new Set(s.design.connections.map((e) => e.id));
  set({
    selected: new Set([...s.selected].filter((x) => ids.has(x))),
    selectedEdges: new Set([...s.selectedEdges].filter((x) => edges.has(x))),
  });
}

/** Label for the undo button ("Undo Add Query"). */
export function undoLabel(s: EditorState): string | null {
  return s.past[s.past.length - 1]?.label ?? null;
}
