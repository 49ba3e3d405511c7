"use client";
// The public share page body: read-only canvas (pan, zoom, select) with the editor's own inspector, lint,
// manifests and comments panels reading from the share link (a share source is read-only), a revision
// picker + diff for "latest" links, and guest comments when allowed. Everything comes from
// /api/share/<token>, masked.
// Same order as the canvas module: the canvas rules (read-only handles among them) override React Flow's.
import "@xyflow/react/dist/style.css";
import "@/components/canvas/canvas.css";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useStore } from "zustand";
import { useQueryClient } from "@tanstack/react-query";
import { FileCode2, Gauge, GitCompare, Info, MessageSquare, TriangleAlert } from "lucide-react";
import { SizingView } from "@/components/sizing/SizingView";
import { SyncBadge } from "@/components/sync/SyncBadge";
import dynamic from "next/dynamic";
import { EditorStoreContext } from "@/components/canvas/context";
import { Inspector } from "@/components/canvas/Inspector";
import { designLint } from "@/components/canvas/lint-badges";
import { LintPanel } from "@/components/canvas/LintPanel";
import { ManifestsPanel } from "@/components/canvas/ManifestsPanel";
import { createEditorStore } from "@/components/canvas/store";
import { QueryProvider } from "@/components/designs/QueryProvider";
import { LogoMark } from "@/components/shell/logo";
import { useOpenCommentCount } from "@/components/source/queries";
import { fetchShareView, sourceKey, type ShareSource } from "@/components/source/source";
import { useToast } from "@/components/ui/toast";
import { unionDesign } from "@/lib/topology/diff";
import type { Finding } from "@/lib/topology/lint";
import type { ShareView } from "@/server/shares/view";
import { ApprovalStatus } from "./ApprovalBadge";
import { CommentsPanel } from "./CommentsPanel";
import { diffHighlightCss } from "./diff-highlight";
import { RevisionDiff, type DiffResult } from "./RevisionDiff";
import styles from "./share.module.css";
import { plural } from "@/lib/text/plural";

// React Flow measures the DOM, so the server has nothing useful to render for it: skipping it keeps the
// page's server time (and so its throughput under many readers) down to the data and the side panel.
const StoreCanvas = dynamic(() => import("@/components/canvas/DesignCanvas").then((m) => m.StoreCanvas), {
  ssr: false,
  loading: () => (
    <p className="muted" style={{ padding: 24 }}>
      Loading the canvas…
    </p>
  ),
});

// Live status only for links created with allowStatus; it polls /api/share/<token>/status.
const LiveStatus = dynamic(() => import("@/components/status/LiveStatus").then((m) => m.LiveStatus), {
  ssr: false,
  loading: () => (
    <p className="muted" style={{ padding: 24 }}>
      Loading live status…
    </p>
  ),
});

type Tab = "inspect" | "lint" | "manifests" | "sizing" | "changes" | "comments";

export function ShareViewer({ token, initial }: { token: string; initial: ShareView }) {
  return (
    <QueryProvider>
      <ShareScreen token={token} initial={initial} />
    </QueryProvider>
  );
}

function ShareScreen({ token, initial }: { token: string; initial: ShareView }) {
  const [view, setView] = useState(initial);
  const [tab, setTab] = useState<Tab>("inspect");
  const [diff, setDiff] = useState<DiffResult | null>(null);
  const [mode, setMode] = useState<"review" | "live">("review");
  // Live status draws the deployed revision, which the header then names instead of the picker's.
  const [liveRevision, setLiveRevision] = useState<number | null>(null);
  // The canvas and the inspector share one (read-only) editor store: selection lives there.
  const [store] = useState(() => createEditorStore(initial.design));
  const source: ShareSource = useMemo(
    () => ({ kind: "share", token, revision: view.revision, document: view.design }),
    [token, view.revision, view.design],
  );

  const toast = useToast();
  const qc = useQueryClient();
  const pickRevision = useCallback(
    async (revision: number) => {
      try {
        const next = await qc.fetchQuery({
          queryKey: [...sourceKey(source), "view", revision],
          queryFn: () => fetchShareView(token, revision),
        });
        store.getState().select([]);
        setView(next);
        const url = new URL(window.location.href);
        url.searchParams.set("revision", String(revision));
        window.history.replaceState(null, "", url);
      } catch (e) {
        toast.error((e as Error).message, `Could not open revision ${revision}`);
      }
    },
    [qc, source, token, store, toast],
  );

  const { badges, errors, warnings } = designLint(view.design);
  const showingDiff = tab === "changes" && diff !== null;
  const canvasDesign = useMemo(
    () => (showingDiff ? unionDesign(diff.before, diff.after, diff.diff) : view.design),
    [showingDiff, diff, view.design],
  );
  // The store follows what the canvas shows (the revision, or the union of a diff), keeping the selection
  // of components that are still there.
  useEffect(() => {
    const s = store.getState();
    if (s.design === canvasDesign) return;
    const keep = [...s.selected].filter((id) => canvasDesign.components.some((c) => c.id === id));
    s.load(canvasDesign);
    if (keep.length) s.select(keep);
  }, [canvasDesign, store]);
  const selection = useStore(store, (s) => s.selected);
  const selectedId = selection.size === 1 ? [...selection][0] : null;
  const select = useCallback((id: string) => store.getState().select([id]), [store]);
  const pickFinding = useCallback((f: Finding) => f.componentId && select(f.componentId), [select]);

  const openComments = useOpenCommentCount(source, 10_000, view.allowComments);
  const revisions = view.revisions ?? [];
  const tabs: { id: Tab; label: string; icon: React.ReactNode; count?: number }[] = [
    { id: "inspect", label: "Inspect", icon: <Info size={13} /> },
    { id: "lint", label: "Lint", icon: <TriangleAlert size={13} />, count: errors + warnings },
    { id: "manifests", label: "Manifests", icon: <FileCode2 size={13} /> },
    { id: "sizing", label: "Sizing", icon: <Gauge size={13} /> },
    ...(revisions.length > 1 ? [{ id: "changes" as const, label: "Changes", icon: <GitCompare size={13} /> }] : []),
    ...(view.allowComments
      ? [{ id: "comments" as const, label: "Comments", icon: <MessageSquare size={13} />, count: openComments }]
      : []),
  ];

  return (
    <div className={styles.page}>
      <header className={styles.bar}>
        <span className={styles.brand}>
          <LogoMark size={26} /> Topology Studio
        </span>
        <span className={styles.divider} />
        <div className={styles.title}>
          <h1 data-testid="share-title">{view.name}</h1>
          <span>Shared for review · read-only</span>
        </div>
        {view.allowStatus && (
          <div role="tablist" aria-label="Mode" style={{ display: "inline-flex", gap: 2 }}>
            <button
              role="tab"
              type="button"
              className={`btn btn-sm ${mode === "review" ? "btn-secondary" : "btn-ghost"}`}
              aria-selected={mode === "review"}
              onClick={() => setMode("review")}
            >
              Review
            </button>
            <button
              role="tab"
              type="button"
              className={`btn btn-sm ${mode === "live" ? "btn-secondary" : "btn-ghost"}`}
              aria-selected={mode === "live"}
              onClick={() => setMode("live")}
              data-testid="live-mode"
            >
              Live status
            </button>
          </div>
        )}
        <span className={styles.spacer} />
        <div className={styles.barGroup}>
          {mode === "live" && liveRevision !== null ? (
            <span className="badge badge-primary" data-testid="live-revision">
              Live: revision {liveRevision}
            </span>
          ) : view.fixed ? (
            <span className="badge badge-primary">Revision {view.revision}</span>
          ) : (
            <label className={styles.barGroup}>
              <span className="muted" style={{ fontSize: 13 }}>
                Revision
              </span>
              <select
                className="select"
                aria-label="Revision"
                value={view.revision}
                onChange={(e) => void pickRevision(Number(e.target.value))}
                data-testid="revision-picker"
              >
                {revisions.map((r) => (
                  <option key={r.revision} value={r.revision}>
                    {r.revision}
                    {r.revision === view.latestRevision ? " (latest)" : ""}
                    {r.message ? ` · ${r.message.slice(0, 40)}` : ""}
                  </option>
                ))}
              </select>
            </label>
          )}
          {view.allowStatus && <SyncBadge shareToken={token} />}
          <ApprovalStatus approvedRevision={view.approvedRevision} revision={view.revision} />
          <span className={`badge ${errors ? "badge-danger" : warnings ? "badge-warning" : "badge-success"}`}>
            {plural(errors, "error")} · {plural(warnings, "warning")}
          </span>
        </div>
      </header>

      {mode === "live" ? (
        <div className={styles.live}>
          <LiveStatus
            designId={`share:${token}`}
            shareToken={token}
            // A pinned link may show only its own revision; a link that follows the latest draws the deployed one.
            {...(view.fixed ? { design: view.design, designRevision: view.revision } : {})}
            onRevision={setLiveRevision}
          />
        </div>
      ) : (
        <EditorStoreContext.Provider value={store}>
          <div className={styles.main}>
            <div className={styles.canvas} data-diff-canvas={showingDiff ? "" : undefined}>
              {showingDiff && <style>{diffHighlightCss(diff.diff, "[data-diff-canvas]")}</style>}
              <div className="tc-canvas-standalone">
                <StoreCanvas readOnly badges={showingDiff ? undefined : badges} />
              </div>
            </div>

            <aside className={styles.side} aria-label="Review panel">
              <div className={styles.tabs} role="tablist">
                {tabs.map((t) => (
                  <button
                    key={t.id}
                    role="tab"
                    aria-selected={tab === t.id}
                    className={styles.tab}
                    onClick={() => setTab(t.id)}
                  >
                    <span aria-hidden style={{ display: "inline-flex" }}>
                      {t.icon}
                    </span>
                    {t.label}
                    {t.count ? <span className={styles.count}>{t.count}</span> : null}
                  </button>
                ))}
              </div>
              <div className={styles.tabBody} role="tabpanel">
                {tab === "inspect" && (
                  <div data-testid="readonly-inspector">
                    <Inspector source={source} />
                  </div>
                )}
                {tab === "lint" && <LintPanel source={source} onPick={pickFinding} />}
                {tab === "manifests" && <ManifestsPanel key={view.revision} source={source} />}
                {tab === "sizing" && <SizingView design={view.design} readOnly />}
                {tab === "changes" && revisions.length > 1 && (
                  <RevisionDiff
                    source={source}
                    revisions={revisions.map((r) => ({
                      revision: r.revision,
                      label: `revision ${r.revision}${r.revision === view.latestRevision ? " (latest)" : ""}`,
                      message: r.message,
                    }))}
                    defaultFrom={(view.revision === 1 ? 2 : view.revision) - 1}
                    defaultTo={view.revision === 1 ? 2 : view.revision}
                    onDiff={setDiff}
                    onSelectComponent={select}
                  />
                )}
                {tab === "comments" && view.allowComments && (
                  <CommentsPanel source={source} selectedComponentId={selectedId} onSelectComponent={select} />
                )}
              </div>
            </aside>
          </div>
        </EditorStoreContext.Provider>
      )}
    </div>
  );
}
