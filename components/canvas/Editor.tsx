"use client";
import { lintBadges } from "./lint-badges";
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { ReactFlowProvider, useReactFlow } from "@xyflow/react";
import { ChevronLeft, CircleHelp, LayoutGrid, Maximize, Redo2, Save, Undo2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ApiError } from "@/components/ui/fetch-json";
import { useToast } from "@/components/ui/toast";
import { validateDesign } from "@/lib/topology/design";
import { lintDesign, type Finding } from "@/lib/topology/lint";
import { designsApi, type DesignDetail } from "@/components/designs/api";
import { EditorStoreContext, useEditor } from "./context";
import { CanvasView } from "./DesignCanvas";
import { HelpDialog } from "./HelpDialog";
import { Inspector } from "./Inspector";
import { autoLayout } from "./layout";
import { LintPanel } from "./LintPanel";
import { ManifestsPanel } from "./ManifestsPanel";
import { Palette } from "./Palette";
import { absolutePosition, nodeSize } from "./placement";
import { PROMQL_GOTO_EVENT, formFieldId } from "./schema-form";
import { createEditorStore, type EditorStore } from "./store";
import { ReviewComments, ReviewToolbar } from "@/components/review/EditorReview";
import { LiveStatus } from "@/components/status/LiveStatus";
import { DeployTabButton, EditorDeployPane } from "@/components/deploy/EditorDeploy";

export interface EditorProps {
  detail: DesignDetail;
  readOnly?: boolean;
  /** Lay the design out once on open (new designs from templates), then save that as a revision. */
  layoutOnOpen?: boolean;
}

/** The /designs/[id] screen: palette, canvas or manifests, inspector and lint, with save and conflict handling. */
export function Editor(props: EditorProps) {
  const [store] = useState(() => createEditorStore(props.detail.design));
  return (
    <EditorStoreContext.Provider value={store}>
      <ReactFlowProvider>
        <EditorScreen {...props} store={store} />
      </ReactFlowProvider>
    </EditorStoreContext.Provider>
  );
}

/** The inspector field a finding's path names: component settings (`f-<id>-…`) or a design field (`versions-thanos`). */
function findingFieldId(f: Finding): string {
  const [head, ...rest] = f.path!.split(".");
  return f.componentId
    ? formFieldId(`f-${f.componentId}`, head === "settings" ? rest : [head, ...rest])
    : formFieldId(head, rest);
}

/**
 * Focus a field once the inspector (and a lazily loaded editor) has rendered it, opening the groups around it;
 * a position goes to the PromQL editor (PROMQL_GOTO_EVENT), so the cursor lands on the error.
 */
function focusField(id: string, position?: Finding["position"], deadline = performance.now() + 3000) {
  const el = document.getElementById(id);
  if (!el) {
    if (performance.now() < deadline) requestAnimationFrame(() => focusField(id, position, deadline));
    return;
  }
  for (let d = el.closest("details"); d; d = d.parentElement?.closest("details") ?? null) d.open = true;
  el.scrollIntoView({ block: "center" });
  el.focus();
  if (position) el.dispatchEvent(new CustomEvent(PROMQL_GOTO_EVENT, { detail: position }));
}

function isTyping(t: EventTarget | null) {
  const el = t as HTMLElement | null;
  return (
    !!el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable)
  );
}

function EditorScreen({ detail, readOnly = false, layoutOnOpen, store }: EditorProps & { store: EditorStore }) {
  const toast = useToast();
  const router = useRouter();
  const search = useSearchParams();
  const rf = useReactFlow();
  const design = useEditor((s) => s.design);
  const saved = useEditor((s) => s.saved);
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const undoLabel = useEditor((s) => s.past[s.past.length - 1]?.label);
  const dirty = design !== saved;
  const [revision, setRevision] = useState(detail.revision ?? detail.latestRevision);
  const [tab, setTab] = useState<"canvas" | "manifests" | "deploy" | "live">("canvas");
  const [side, setSide] = useState<"inspector" | "lint" | "comments">("inspector");
  const selectedIds = useEditor((s) => s.selected);
  const [help, setHelp] = useState(false);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<{ currentRevision?: number } | null>(null);
  const [leaveTo, setLeaveTo] = useState<string | null>(null);
  const [layingOut, setLayingOut] = useState(false);

  // Lint runs on every edit, off the urgent path so dragging stays smooth on large designs.
  const deferred = useDeferredValue(design);
  const findings = useMemo(() => {
    try {
      return lintDesign(deferred);
    } catch {
      return [];
    }
  }, [deferred]);
  const badges = useMemo(() => lintBadges(findings), [findings]);
  const edgeErrors = useMemo(
    () => new Set(findings.filter((f) => f.severity === "error" && f.connectionId).map((f) => f.connectionId!)),
    [findings],
  );
  const byId = useMemo(() => new Map(deferred.components.map((c) => [c.id, c])), [deferred.components]);
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.filter((f) => f.severity === "warning").length;

  const focusComponent = useCallback(
    (id: string) => {
      const d = store.getState().design;
      const map = new Map(d.components.map((c) => [c.id, c]));
      const c = map.get(id);
      if (!c) return;
      store.getState().select([id]);
      setTab("canvas");
      const p = absolutePosition(c, map);
      const size = nodeSize(c);
      void rf.setCenter(p.x + size.width / 2, p.y + size.height / 2, {
        zoom: Math.max(rf.getZoom(), c.kind === "cluster" ? 0.6 : 1),
        duration: 350,
      });
    },
    [rf, store],
  );

  const onPickFinding = useCallback(
    (f: Finding) => {
      if (f.componentId) focusComponent(f.componentId);
      else if (f.connectionId) store.getState().select([], [f.connectionId]);
      else if (f.path) store.getState().select([]);
      // A finding about one field (a version, a rule's expression) opens the inspector on that field.
      if (f.path) {
        setSide("inspector");
        focusField(findingFieldId(f), f.position);
      }
    },
    [focusComponent, store],
  );

  const runLayout = useCallback(async () => {
    setLayingOut(true);
    try {
      const { positions, sizes } = await autoLayout(store.getState().design);
      store.getState().setPositions("Auto-layout", positions, sizes);
      // Fit once React Flow has the new positions (after the store update has rendered).
      setTimeout(() => void rf.fitView({ padding: 0.08, duration: 300, maxZoom: 1.1 }), 60);
    } catch (e) {
      toast.error(e instanceof Error ? e.message : String(e), "Auto-layout failed");
    } finally {
      setLayingOut(false);
    }
  }, [rf, store, toast]);

  /** Save the document as a new revision; 409 opens the conflict dialog. Returns whether it saved. */
  const save = useCallback(
    async (message?: string): Promise<boolean> => {
      if (readOnly || saving) return false;
      const doc = store.getState().design;
      const v = validateDesign(doc);
      if (!v.ok) {
        const first = v.issues[0];
        const m = /^components\.(\d+)/.exec(first.path);
        if (m) {
          const c = doc.components[Number(m[1])];
          if (c) focusComponent(c.id);
        }
        toast.error(
          `${first.path ? first.path + ": " : ""}${first.message}${v.issues.length > 1 ? ` (and ${v.issues.length - 1} more)` : ""}`,
          "Fix the design before saving",
        );
        return false;
      }
      setSaving(true);
      try {
        const r = await designsApi.save(detail.id, { baseRevision: revision, design: doc, message });
        setRevision(r.revision);
        store.getState().markSaved(doc);
        toast.success(`Saved revision ${r.revision}`);
        return true;
      } catch (e) {
        if (e instanceof ApiError && e.status === 409)
          setConflict({ currentRevision: (e.body as { currentRevision?: number })?.currentRevision });
        else toast.error(e instanceof Error ? e.message : String(e), "Save failed");
        return false;
      } finally {
        setSaving(false);
      }
    },
    [readOnly, saving, store, detail.id, revision, toast, focusComponent],
  );

  // New designs from a template are laid out once and saved, so the first thing people see is tidy.
  const laidOut = useRef(false);
  useEffect(() => {
    if (!layoutOnOpen || readOnly || laidOut.current) return;
    laidOut.current = true;
    void (async () => {
      await runLayout();
      await save("Auto-layout");
      const params = new URLSearchParams(search.toString());
      params.delete("layout");
      router.replace(`/designs/${detail.id}${params.size ? `?${params}` : ""}`);
    })();
  }, [layoutOnOpen, readOnly, runLayout, save, router, search, detail.id]);

  // Guard: closing the tab or following an in-app link with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = "";
    };
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as HTMLElement | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
      if (!a || a.target === "_blank" || a.hasAttribute("download")) return;
      const url = new URL(a.href, location.href);
      if (url.origin !== location.origin || url.pathname === location.pathname) return;
      e.preventDefault();
      e.stopPropagation();
      setLeaveTo(url.pathname + url.search);
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty]);

  // Keyboard shortcuts (listed in the help dialog).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const k = e.key.toLowerCase();
      if (mod && k === "s") {
        e.preventDefault();
        void save();
        return;
      }
      if (isTyping(e.target) || document.querySelector("dialog[open]")) return;
      const s = store.getState();
      if (mod && k === "z" && !e.shiftKey) {
        if (readOnly) return;
        e.preventDefault();
        s.undo();
      } else if (mod && ((k === "z" && e.shiftKey) || k === "y")) {
        if (readOnly) return;
        e.preventDefault();
        s.redo();
      } else if (mod && k === "c") {
        s.copySelection();
      } else if (mod && k === "v") {
        if (readOnly) return;
        e.preventDefault();
        s.paste();
      } else if (mod && k === "d") {
        if (readOnly) return;
        e.preventDefault();
        s.copySelection();
        s.paste();
      } else if (mod && k === "a") {
        e.preventDefault();
        s.selectAll();
      } else if ((e.key === "Delete" || e.key === "Backspace") && !mod) {
        if (readOnly) return;
        e.preventDefault();
        s.deleteSelection();
      } else if (e.key === "Escape") {
        s.select([]);
      } else if (e.key === "?") {
        setHelp(true);
      } else if (!mod && !e.altKey && k === "l" && !readOnly) {
        void runLayout();
      } else if (!mod && !e.altKey && k === "f") {
        void rf.fitView({ padding: 0.08, duration: 300, maxZoom: 1.1 });
      } else if (!mod && !e.altKey && k === "m") {
        setTab((t) => (t === "canvas" ? "manifests" : "canvas"));
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [store, save, readOnly, runLayout, rf]);

  const reloadTheirs = async () => {
    try {
      const fresh = await designsApi.get(detail.id);
      store.getState().load(fresh.design);
      setRevision(fresh.revision ?? fresh.latestRevision);
      setConflict(null);
      toast.info(`Loaded revision ${fresh.revision ?? fresh.latestRevision}`);
    } catch (e) {
      toast.error(e instanceof Error ? e.message : String(e), "Reload failed");
    }
  };

  const saveAsCopy = async () => {
    const doc = store.getState().design;
    const name = `${detail.name} (copy)`.slice(0, 120);
    try {
      const r = await designsApi.create({ name, design: { ...doc, name } });
      // The copy holds everything typed here; this document is no longer "dirty" from the user's point of view.
      store.getState().markSaved(doc);
      setConflict(null);
      toast.success(`Saved your version as “${name}”`);
      router.push(`/designs/${r.id}`);
    } catch (e) {
      toast.error(e instanceof Error ? e.message : String(e), "Save as a copy failed");
    }
  };

  const refuse = useCallback((reason: string) => toast.error(reason, "Not allowed"), [toast]);

  return (
    <div className="tc-editor" data-dirty={dirty || undefined}>
      <header className="tc-toolbar">
        <Link href="/designs" className="tc-back" aria-label="Back to designs">
          <ChevronLeft size={18} aria-hidden />
        </Link>
        <div className="tc-title">
          <h1 title={detail.name}>{detail.name}</h1>
          <span className={`tc-save-state ${dirty ? "is-dirty" : ""}`} data-testid="save-state" aria-live="polite">
            {dirty ? "● Unsaved changes" : `Saved · revision ${revision}`}
          </span>
          {readOnly && <span className="badge">Read-only</span>}
        </div>
        <div className="tc-tabs" role="tablist" aria-label="View">
          <button
            role="tab"
            type="button"
            aria-selected={tab === "canvas"}
            className={tab === "canvas" ? "is-active" : ""}
            onClick={() => setTab("canvas")}
          >
            Canvas
          </button>
          <button
            role="tab"
            type="button"
            aria-selected={tab === "manifests"}
            className={tab === "manifests" ? "is-active" : ""}
            onClick={() => setTab("manifests")}
          >
            Manifests
          </button>
          <DeployTabButton active={tab === "deploy"} onSelect={() => setTab("deploy")} />
          {/* Live status (components/status): the deployed revision with health badges. */}
          <button
            role="tab"
            type="button"
            aria-selected={tab === "live"}
            className={tab === "live" ? "is-active" : ""}
            onClick={() => setTab("live")}
            data-testid="live-tab"
          >
            Live
          </button>
        </div>
        <div className="tc-actions">
          {!readOnly && (
            <>
              <Button
                variant="ghost"
                size="sm"
                icon={<Undo2 size={16} />}
                disabled={!canUndo}
                onClick={() => store.getState().undo()}
                aria-label={undoLabel ? `Undo ${undoLabel}` : "Undo"}
                title={undoLabel ? `Undo ${undoLabel} (Ctrl+Z)` : "Undo (Ctrl+Z)"}
              />
              <Button
                variant="ghost"
                size="sm"
                icon={<Redo2 size={16} />}
                disabled={!canRedo}
                onClick={() => store.getState().redo()}
                aria-label="Redo"
                title="Redo (Ctrl+Shift+Z)"
              />
              <Button
                variant="ghost"
                size="sm"
                icon={<LayoutGrid size={16} />}
                loading={layingOut}
                onClick={() => void runLayout()}
                title="Auto-layout (L)"
                aria-label="Auto-layout"
              >
                <span className="tc-hide-narrow">Auto-layout</span>
              </Button>
            </>
          )}
          <Button
            variant="ghost"
            size="sm"
            icon={<Maximize size={16} />}
            onClick={() => void rf.fitView({ padding: 0.08, duration: 300, maxZoom: 1.1 })}
            aria-label="Fit view"
            title="Fit view (F)"
          />
          <Button
            variant="ghost"
            size="sm"
            icon={<CircleHelp size={16} />}
            onClick={() => setHelp(true)}
            aria-label="Keyboard shortcuts"
            title="Keyboard shortcuts (?)"
          />
          {/* Review (components/review): approval badge, compare revisions, share links. */}
          <ReviewToolbar designId={detail.id} revision={revision} />
          {!readOnly && (
            <Button
              variant="primary"
              size="sm"
              icon={<Save size={16} />}
              loading={saving}
              disabled={!dirty}
              onClick={() => void save()}
              title="Save a new revision (Ctrl+S)"
            >
              Save
            </Button>
          )}
        </div>
      </header>
      <div className={`tc-body${readOnly ? " is-readonly" : ""}${tab === "live" ? " is-live" : ""}`}>
        {!readOnly && <Palette onRefuse={refuse} />}
        <div className="tc-center">
          <div className="tc-center-pane" hidden={tab !== "canvas"}>
            <CanvasView readOnly={readOnly} badges={badges} edgeErrors={edgeErrors} onRefuse={refuse} />
          </div>
          {tab === "manifests" && <ManifestsPanel design={deferred} />}
          {tab === "deploy" && (
            <EditorDeployPane
              designId={detail.id}
              revision={revision}
              dirty={dirty}
              onSelectComponent={(id) => {
                focusComponent(id);
                setSide("inspector");
              }}
            />
          )}
          {tab === "live" && <LiveStatus designId={detail.id} />}
        </div>
        <aside className="tc-side" aria-label="Details">
          <div className="tc-side-tabs" role="tablist">
            <button
              role="tab"
              type="button"
              aria-selected={side === "inspector"}
              className={side === "inspector" ? "is-active" : ""}
              onClick={() => setSide("inspector")}
            >
              Inspector
            </button>
            <button
              role="tab"
              type="button"
              aria-selected={side === "lint"}
              className={side === "lint" ? "is-active" : ""}
              onClick={() => setSide("lint")}
              data-testid="lint-tab"
            >
              Lint
              {errors > 0 && <span className="tc-count is-error">{errors}</span>}
              {warnings > 0 && <span className="tc-count is-warning">{warnings}</span>}
            </button>
            <button
              role="tab"
              type="button"
              aria-selected={side === "comments"}
              className={side === "comments" ? "is-active" : ""}
              onClick={() => setSide("comments")}
              data-testid="comments-tab"
            >
              Comments
            </button>
          </div>
          <div className="tc-side-body">
            {side === "inspector" ? (
              <Inspector readOnly={readOnly} />
            ) : side === "lint" ? (
              <LintPanel findings={findings} byId={byId} onPick={onPickFinding} />
            ) : (
              <ReviewComments
                designId={detail.id}
                revision={revision}
                components={deferred.components}
                selectedComponentId={selectedIds.size === 1 ? [...selectedIds][0] : null}
                onSelectComponent={focusComponent}
              />
            )}
          </div>
        </aside>
      </div>
      <HelpDialog open={help} onClose={() => setHelp(false)} />
      <Dialog
        open={!!conflict}
        onClose={() => setConflict(null)}
        title="Someone saved this design in the meantime"
        width={620}
        description={`Revision ${conflict?.currentRevision ?? "?"} was saved after you opened revision ${revision}. Your changes are still here.`}
        footer={
          <>
            <Button variant="ghost" onClick={() => setConflict(null)}>
              Keep editing
            </Button>
            <Button variant="danger-ghost" onClick={() => void reloadTheirs()}>
              Reload (discard my changes)
            </Button>
            <Button variant="primary" onClick={() => void saveAsCopy()}>
              Save mine as a copy
            </Button>
          </>
        }
      >
        <p className="muted">
          Reload loads the latest revision and drops your edits. Save as a copy keeps everything you changed in a new
          design.
        </p>
      </Dialog>
      <Dialog
        open={!!leaveTo}
        onClose={() => setLeaveTo(null)}
        title="Leave without saving?"
        description="Your unsaved changes to this design will be lost."
        footer={
          <>
            <Button onClick={() => setLeaveTo(null)}>Stay</Button>
            <Button
              variant="danger"
              onClick={() => {
                const to = leaveTo!;
                store.getState().markSaved();
                setLeaveTo(null);
                router.push(to);
              }}
            >
              Leave
            </Button>
          </>
        }
      />
    </div>
  );
}
