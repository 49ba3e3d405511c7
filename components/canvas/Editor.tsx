"use client";
import { useCallback, useDeferredValue, useMemo, useState } from "react";
import { ReactFlowProvider } from "@xyflow/react";
import { useToast } from "@/components/ui/toast";
import type { Finding } from "@/lib/topology/lint";
import type { DesignDetail } from "@/components/designs/api";
import type { DesignSource } from "@/components/source/source";
import { LiveStatus } from "@/components/status/LiveStatus";
import { EditorDeployPane } from "@/components/deploy/EditorDeploy";
import { EditorStoreContext, useEditor } from "./context";
import { ComponentSearch } from "./ComponentSearch";
import { CanvasView } from "./DesignCanvas";
import { ConflictDialog, LeaveDialog } from "./EditorDialogs";
import { EditorSide, type SideTab } from "./EditorSide";
import { EditorToolbar } from "./EditorToolbar";
import { HelpDialog } from "./HelpDialog";
import { designLint } from "./lint-badges";
import { ManifestsPanel } from "./ManifestsPanel";
import { Palette } from "./Palette";
import { PROMQL_GOTO_EVENT, formFieldId } from "./schema-form";
import { createEditorStore, type EditorStore } from "./store";
import { useCanvasCamera } from "./use-canvas-camera";
import { useDesignDocument } from "./use-design-document";
import { SizingView } from "@/components/sizing/SizingView";
import { EDITOR_CANVAS_ATTR, useEditorShortcuts, type EditorView } from "./use-editor-shortcuts";
import { useLeaveGuard } from "./use-leave-guard";

export interface EditorProps {
  detail: DesignDetail;
  readOnly?: boolean;
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

function EditorScreen({ detail, readOnly = false, store }: EditorProps & { store: EditorStore }) {
  const toast = useToast();
  const [view, setView] = useState<EditorView>("canvas");
  const [side, setSide] = useState<SideTab>("inspector");
  const [help, setHelp] = useState(false);
  const [searching, setSearching] = useState(false);
  /** The optional revision message typed next to Save; it goes with the next save and is then cleared. */
  const [message, setMessage] = useState("");
  const camera = useCanvasCamera(store);
  const focusComponent = useCallback(
    (id: string) => {
      setView("canvas");
      camera.focusComponent(id);
    },
    [camera],
  );
  const doc = useDesignDocument({ detail, store, readOnly, onInvalidComponent: focusComponent });
  const discard = useCallback(() => store.getState().markSaved(), [store]);
  const guard = useLeaveGuard(doc.dirty, discard);

  // Panels and lint follow the document off the urgent path, so dragging stays smooth on large designs.
  const deferred = useDeferredValue(useEditor((s) => s.design));
  const source: DesignSource = useMemo(
    () => ({ kind: "design", designId: detail.id, revision: doc.revision, document: deferred, readOnly }),
    [detail.id, doc.revision, deferred, readOnly],
  );
  const { badges, edgeErrors } = designLint(deferred);

  const { save, reloadTheirs, saveAsCopy } = doc;
  const { runLayout, fitView } = camera;
  // Layout and fit measure the canvas: on another tab it is hidden (zero-sized), so they would only dirty
  // the design and feed React Flow NaN.
  const onCanvas = view === "canvas";
  const actions = useMemo(
    () => ({
      save: () =>
        void save(message.trim() || undefined).then((ok) => {
          if (ok) setMessage("");
        }),
      runLayout: () => {
        if (onCanvas) void runLayout();
      },
      fitView: () => {
        if (onCanvas) fitView();
      },
      openHelp: () => setHelp(true),
      openSearch: () => setSearching(true),
      closeSearch: () => setSearching(false),
      toggleManifests: () => setView((v) => (v === "canvas" ? "manifests" : "canvas")),
      undo: () => store.getState().undo(),
      redo: () => store.getState().redo(),
      closeHelp: () => setHelp(false),
      reload: () => void reloadTheirs(),
      saveCopy: () => void saveAsCopy(),
    }),
    [save, message, onCanvas, runLayout, fitView, store, reloadTheirs, saveAsCopy],
  );
  useEditorShortcuts({ store, view, readOnly, actions });

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
  const onDeploySelect = useCallback(
    (id: string) => {
      focusComponent(id);
      setSide("inspector");
    },
    [focusComponent],
  );
  const refuse = useCallback((reason: string) => toast.error(reason, "Not allowed"), [toast]);

  return (
    <div className="tc-editor" data-dirty={doc.dirty || undefined}>
      <EditorToolbar
        name={detail.name}
        designId={detail.id}
        revision={doc.revision}
        readOnly={readOnly}
        dirty={doc.dirty}
        saving={doc.saving}
        layingOut={camera.layingOut}
        view={view}
        onView={setView}
        onUndo={actions.undo}
        onRedo={actions.redo}
        onLayout={actions.runLayout}
        onFit={actions.fitView}
        onSearch={actions.openSearch}
        onHelp={actions.openHelp}
        onSave={actions.save}
        message={message}
        onMessage={setMessage}
      />
      <div className={`tc-body${readOnly ? " is-readonly" : ""}${view === "live" ? " is-live" : ""}`}>
        {!readOnly && <Palette onRefuse={refuse} />}
        <div className="tc-center">
          <div className="tc-center-pane" hidden={!onCanvas} {...{ [EDITOR_CANVAS_ATTR]: "" }}>
            <CanvasView readOnly={readOnly} badges={badges} edgeErrors={edgeErrors} onRefuse={refuse} />
          </div>
          {view === "manifests" && <ManifestsPanel source={source} />}
          {view === "sizing" && <SizingView design={deferred} readOnly={readOnly} />}
          {view === "deploy" && (
            <EditorDeployPane
              designId={detail.id}
              revision={doc.revision}
              dirty={doc.dirty}
              onSelectComponent={onDeploySelect}
            />
          )}
          {view === "live" && <LiveStatus designId={detail.id} />}
        </div>
        <EditorSide
          source={source}
          tab={side}
          onTab={setSide}
          onPickFinding={onPickFinding}
          onSelectComponent={focusComponent}
        />
      </div>
      <HelpDialog open={help} onClose={actions.closeHelp} />
      <ComponentSearch open={searching} design={deferred} onClose={actions.closeSearch} onPick={focusComponent} />
      <ConflictDialog
        conflict={doc.conflict}
        revision={doc.revision}
        onKeepEditing={doc.dismissConflict}
        onReload={actions.reload}
        onSaveCopy={actions.saveCopy}
      />
      <LeaveDialog open={guard.leaving} onStay={guard.stay} onLeave={guard.leave} />
    </div>
  );
}
