"use client";
// The public share page body: read-only canvas (pan, zoom, select), a read-only inspector, lint,
// manifests per cluster, revision picker + diff (for "latest" links) and guest comments when allowed.
// There is no edit control here on purpose: everything comes from /api/share/<token>, masked.
import { lintBadges } from "@/components/canvas/lint-badges";
import { useCallback, useEffect, useMemo, useState } from "react";
import { Download, FileCode2, Gauge, GitCompare, Info, MessageSquare, TriangleAlert } from "lucide-react";
import { SizingView } from "@/components/sizing/SizingView";
import dynamic from "next/dynamic";
import { KIND_STYLE, componentSummary } from "@/components/canvas/kind-style";
import { QueryProvider } from "@/components/designs/QueryProvider";
import { LogoMark } from "@/components/shell/logo";
import { fetchJson } from "@/components/ui/fetch-json";
import { useToast } from "@/components/ui/toast";
import { KINDS } from "@/lib/topology/catalog";
import type { Component, Design } from "@/lib/topology/design";
import { unionDesign } from "@/lib/topology/diff";
import { lintDesign, type Finding } from "@/lib/topology/lint";
import { SECRET_MASK } from "@/lib/topology/primitives";
import type { ShareView } from "@/server/shares/view";
import { ApprovalStatus } from "./ApprovalBadge";
import { CommentsPanel } from "./CommentsPanel";
import { diffHighlightCss } from "./diff-highlight";
import { RevisionDiff, type DiffResult } from "./RevisionDiff";
import styles from "./share.module.css";

// React Flow measures the DOM, so the server has nothing useful to render for it: skipping it keeps the
// page's server time (and so its throughput under many readers) down to the data and the side panel.
const DesignCanvas = dynamic(() => import("@/components/canvas/DesignCanvas").then((m) => m.DesignCanvas), {
  ssr: false,
  loading: () => (
    <p className="muted" style={{ padding: 24 }}>
      Loading the canvas…
    </p>
  ),
});

// Live status (issue 7) only for links created with allowStatus; it polls /api/share/<token>/status.
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
  const [view, setView] = useState(initial);
  const [tab, setTab] = useState<Tab>("inspect");
  const [selection, setSelection] = useState<string[]>([]);
  const [diff, setDiff] = useState<DiffResult | null>(null);
  const [mode, setMode] = useState<"review" | "live">("review");
  const base = `/api/share/${encodeURIComponent(token)}`;

  const toast = useToast();
  const pickRevision = useCallback(
    async (revision: number) => {
      try {
        setView(await fetchJson<ShareView>(`${base}?revision=${revision}`));
        setSelection([]);
        const url = new URL(window.location.href);
        url.searchParams.set("revision", String(revision));
        window.history.replaceState(null, "", url);
      } catch (e) {
        toast.error((e as Error).message, `Could not open revision ${revision}`);
      }
    },
    [base, toast],
  );

  const findings = useMemo(() => lintDesign(view.design), [view.design]);
  const badges = useMemo(() => lintBadges(findings), [findings]);
  const showingDiff = tab === "changes" && diff !== null;
  const canvasDesign = useMemo(
    () => (showingDiff ? unionDesign(diff.before, diff.after, diff.diff) : view.design),
    [showingDiff, diff, view.design],
  );
  const selected = selection.length === 1 ? canvasDesign.components.find((c) => c.id === selection[0]) : undefined;
  const components = useMemo(() => view.design.components.map((c) => ({ id: c.id, name: c.name })), [view.design]);
  const select = useCallback((id: string) => setSelection([id]), []);

  const loadDesign = useCallback(
    async (rev: number) => (await fetchJson<ShareView>(`${base}?revision=${rev}`)).design,
    [base],
  );
  const loadManifests = useCallback(
    async (rev: number, cluster: string) => {
      const res = await fetch(`${base}/manifests?cluster=${encodeURIComponent(cluster)}&revision=${rev}`);
      if (!res.ok) throw new Error(`could not render cluster ${cluster} at revision ${rev}`);
      return res.text();
    },
    [base],
  );

  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.filter((f) => f.severity === "warning").length;
  const revisions = view.revisions ?? [];
  const tabs: { id: Tab; label: string; icon: React.ReactNode; count?: number }[] = [
    { id: "inspect", label: "Inspect", icon: <Info size={13} /> },
    { id: "lint", label: "Lint", icon: <TriangleAlert size={13} />, count: errors + warnings },
    { id: "manifests", label: "Manifests", icon: <FileCode2 size={13} /> },
    { id: "sizing", label: "Sizing", icon: <Gauge size={13} /> },
    ...(revisions.length > 1 ? [{ id: "changes" as const, label: "Changes", icon: <GitCompare size={13} /> }] : []),
    ...(view.allowComments ? [{ id: "comments" as const, label: "Comments", icon: <MessageSquare size={13} /> }] : []),
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
          {view.fixed ? (
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
          <ApprovalStatus approvedRevision={view.approvedRevision} revision={view.revision} />
          <span className={`badge ${errors ? "badge-danger" : warnings ? "badge-warning" : "badge-success"}`}>
            {errors} errors · {warnings} warnings
          </span>
        </div>
      </header>

      {mode === "live" ? (
        <div className={styles.live}>
          <QueryProvider>
            <LiveStatus designId={`share:${token}`} shareToken={token} design={view.design} />
          </QueryProvider>
        </div>
      ) : (
        <div className={styles.main}>
          <div className={styles.canvas} data-diff-canvas={showingDiff ? "" : undefined}>
            {showingDiff && <style>{diffHighlightCss(diff.diff, "[data-diff-canvas]")}</style>}
            <DesignCanvas
              design={canvasDesign}
              readOnly
              selection={selection}
              onSelectionChange={setSelection}
              badges={showingDiff ? undefined : badges}
            />
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
              {tab === "inspect" &&
                (selected ? (
                  <ReadOnlyInspector component={selected} design={canvasDesign} />
                ) : (
                  <DesignSummary design={view.design} />
                ))}
              {tab === "lint" && <FindingsList findings={findings} design={view.design} onSelect={select} />}
              {tab === "sizing" && <SizingView design={view.design} readOnly />}
              {tab === "manifests" && (
                <ManifestsTab
                  key={view.revision}
                  base={base}
                  design={view.design}
                  revision={view.revision}
                  name={view.name}
                />
              )}
              {tab === "changes" && revisions.length > 1 && (
                <RevisionDiff
                  revisions={revisions.map((r) => ({
                    revision: r.revision,
                    label: `revision ${r.revision}${r.revision === view.latestRevision ? " (latest)" : ""}`,
                  }))}
                  defaultFrom={(view.revision === 1 ? 2 : view.revision) - 1}
                  defaultTo={view.revision === 1 ? 2 : view.revision}
                  loadDesign={loadDesign}
                  loadManifests={loadManifests}
                  onDiff={setDiff}
                  onSelectComponent={select}
                />
              )}
              {tab === "comments" && view.allowComments && (
                <CommentsPanel
                  source={{ url: `${base}/comments` }}
                  guest
                  components={components}
                  selectedComponentId={selected?.id ?? null}
                  onSelectComponent={select}
                  revision={view.revision}
                />
              )}
            </div>
          </aside>
        </div>
      )}
    </div>
  );
}

function DesignSummary({ design }: { design: Design }) {
  const counts = new Map<string, number>();
  for (const c of design.components) counts.set(KINDS[c.kind].label, (counts.get(KINDS[c.kind].label) ?? 0) + 1);
  return (
    <>
      <h2>{design.name}</h2>
      {design.description && <p className="muted">{design.description}</p>}
      <p className="muted">
        Select a component on the canvas to see its settings. Scroll to zoom, drag the background to pan.
      </p>
      <dl className={styles.settings}>
        {[...counts].map(([label, n]) => (
          <Entry key={label} label={label} value={String(n)} />
        ))}
        {Object.entries(design.versions).map(([k, v]) => (
          <Entry key={k} label={`version: ${k}`} value={String(v)} />
        ))}
      </dl>
    </>
  );
}

function ReadOnlyInspector({ component: c, design }: { component: Component; design: Design }) {
  const Icon = KIND_STYLE[c.kind].icon;
  const cluster = c.cluster ? design.components.find((x) => x.id === c.cluster)?.name : undefined;
  const rows = flattenSettings(c.settings as Record<string, unknown>);
  return (
    <section aria-label={`${KINDS[c.kind].label} ${c.name} settings`} data-testid="readonly-inspector">
      <div className={styles.kindHead}>
        <span className={styles.kindIcon} style={{ background: KIND_STYLE[c.kind].color }}>
          <Icon size={16} aria-hidden />
        </span>
        <div>
          <h2>{c.name}</h2>
          <span className="muted" style={{ fontSize: 12.5 }}>
            {KINDS[c.kind].label}
            {cluster ? ` in ${cluster}` : ""}
            {componentSummary(c) ? ` · ${componentSummary(c)}` : ""}
          </span>
        </div>
      </div>
      {c.notes && (
        <p className="muted" style={{ marginTop: 10 }}>
          {c.notes}
        </p>
      )}
      <dl className={styles.settings} style={{ marginTop: 12 }}>
        {rows.map(([path, value]) => (
          <Entry key={path} label={path} value={value} />
        ))}
      </dl>
    </section>
  );
}

function Entry({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className={value === SECRET_MASK ? styles.masked : undefined} data-setting={label}>
        {value}
      </dd>
    </>
  );
}

/** Dotted path → display value; arrays and empty objects print as compact JSON. Secrets arrive masked. */
function flattenSettings(obj: Record<string, unknown>, prefix = "", out: [string, string][] = []): [string, string][] {
  for (const [k, v] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length > 0)
      flattenSettings(v as Record<string, unknown>, path, out);
    else if (v !== undefined) out.push([path, typeof v === "string" ? v : JSON.stringify(v)]);
  }
  return out;
}

function FindingsList({
  findings,
  design,
  onSelect,
}: {
  findings: Finding[];
  design: Design;
  onSelect(id: string): void;
}) {
  const names = new Map(design.components.map((c) => [c.id, c.name]));
  if (findings.length === 0) return <p className="muted">No findings: this revision passes every lint rule.</p>;
  return (
    <>
      {findings.map((f, i) => (
        <button
          key={i}
          type="button"
          className={styles.finding}
          data-severity={f.severity}
          onClick={() => f.componentId && onSelect(f.componentId)}
        >
          <span>
            <strong>{f.severity}</strong> {f.message}
          </span>
          <small>
            {f.rule}
            {f.componentId ? ` · ${names.get(f.componentId) ?? f.componentId}` : ""}
            {f.hint ? ` — ${f.hint}` : ""}
          </small>
        </button>
      ))}
    </>
  );
}

function ManifestsTab({
  base,
  design,
  revision,
  name,
}: {
  base: string;
  design: Design;
  revision: number;
  name: string;
}) {
  const clusters = design.components.filter((c) => c.kind === "cluster").map((c) => c.name);
  const [cluster, setCluster] = useState(clusters[0] ?? "");
  const [yaml, setYaml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (name: string) => {
      setCluster(name);
      setYaml(null);
      setError(null);
      const res = await fetch(`${base}/manifests?cluster=${encodeURIComponent(name)}&revision=${revision}`);
      if (res.ok) setYaml(await res.text());
      else setError(((await res.json().catch(() => ({}))) as { error?: string }).error ?? `HTTP ${res.status}`);
    },
    [base, revision],
  );

  const first = clusters[0];
  useEffect(() => {
    if (first) void load(first);
  }, [first, load]);

  if (clusters.length === 0) return <p className="muted">This design has no clusters, so nothing is rendered.</p>;
  return (
    <>
      <div className={styles.row}>
        <label className={styles.row}>
          Cluster
          <select className="select" value={cluster} onChange={(e) => void load(e.target.value)} aria-label="Cluster">
            {clusters.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        {yaml !== null && (
          <a
            className="btn btn-secondary btn-sm"
            download={`${name}-${cluster}-r${revision}.yaml`}
            href={`data:text/yaml;charset=utf-8,${encodeURIComponent(yaml)}`}
          >
            <Download size={14} /> Download
          </a>
        )}
      </div>
      {error && <div className="alert alert-danger">{error}</div>}
      <pre className={styles.yaml} data-testid="manifests-yaml">
        {yaml ?? (error ? "" : "Rendering…")}
      </pre>
    </>
  );
}
