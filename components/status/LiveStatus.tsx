"use client";
import { MeasuredTable } from "@/components/sizing/MeasuredTable";
import "./live.css";
import { useEffect, useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Pause, Play, RefreshCw } from "lucide-react";
import { DesignCanvas } from "@/components/canvas/DesignCanvas";
import { fetchRevisionDesign } from "@/components/source/source";
import { SyncPanel } from "@/components/sync/SyncPanel";
import type { OverlayBadge } from "@/components/canvas/nodes";
import type { Design } from "@/lib/topology/design";
import { pollDelay, statusApi, type StatusReport, type StatusState } from "./api";
import { HEALTH_STATUSES, HEALTH_TONE } from "@/lib/health";
import { BucketTimeline } from "./BucketTimeline";
import { age, clock, STATE_LABEL } from "./format";
import { StatusDrawer } from "./StatusDrawer";
import { StoresTable } from "./StoresTable";
import s from "./status.module.css";

/** Worst first, as the summary bar lists them. */
const STATES: StatusState[] = [...HEALTH_STATUSES].reverse();

export interface LiveStatusProps {
  designId: string;
  /** Read through a share link (`/api/share/:token/status`) instead of the signed-in API. */
  shareToken?: string;
  /**
   * The design to draw when it must not be the compared revision (a share link pinned to another one);
   * absent: the compared (deployed) revision is fetched and drawn.
   */
  design?: Design;
  /** The revision `design` is, so the header can say when it is not the deployed one. */
  designRevision?: number;
  /** Tells the page which revision live status compares with (the share header names it). */
  onRevision?(revision: number): void;
}

/** The live view of a deployed design: badges on the canvas, a drawer per component, Stores, Bucket. */
export function LiveStatus({ designId, shareToken, design: givenDesign, designRevision, onRevision }: LiveStatusProps) {
  const source = shareToken ? `share:${shareToken}` : designId;
  const [paused, setPaused] = useState(false);
  const [view, setView] = useState<"canvas" | "stores" | "bucket">("canvas");
  const [selected, setSelected] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);

  const status = useQuery({
    queryKey: ["status", source],
    queryFn: ({ signal }) => statusApi.status(source, signal),
    // Every 5 s; after failures 10, 20, 40, 60 s so a struggling server is not hammered.
    refetchInterval: (query) => (paused ? false : pollDelay(query.state.fetchFailureCount)),
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: false,
    retry: false,
    staleTime: 0,
  });
  const report = status.data;
  useEffect(() => {
    if (report) onRevision?.(report.revision);
  }, [report, onRevision]);
  const fetched = useQuery({
    queryKey: ["design-revision", source, report?.revision],
    // A share link reads the revision through its token (masked), like everything else it shows.
    queryFn: () =>
      fetchRevisionDesign(
        shareToken ? { kind: "share", token: shareToken } : { kind: "design", designId },
        report!.revision,
      ),
    enabled: !givenDesign && !!report,
    staleTime: Infinity,
  });
  const design = givenDesign ?? fetched.data;

  const overlay = useMemo(() => {
    if (!report) return undefined;
    const out: Record<string, OverlayBadge> = {};
    for (const [id, c] of Object.entries(report.components))
      out[id] = { state: c.state, reason: `${STATE_LABEL[c.state]}: ${c.reason}` };
    return out;
  }, [report]);

  const pick = (id: string) => {
    setSelected(id);
    setView("canvas");
  };

  if (status.isPending) {
    return (
      <div className={s.live}>
        <div className="tc-editor-loading" role="status">
          Reading live status from the clusters…
        </div>
      </div>
    );
  }
  if (!report) {
    return (
      <div className={s.live}>
        <div className={`alert alert-danger ${s.notice}`} role="alert">
          Could not read live status: {status.error?.message ?? "no answer"}. Retrying in{" "}
          {Math.round(pollDelay(status.failureCount) / 1000)} s.
        </div>
      </div>
    );
  }

  const counts = countStates(report);
  const storeFindings = report.stores.reduce(
    (n, q) => n + q.rows.filter((r) => r.state !== "up").length + (q.error ? 1 : 0),
    0,
  );
  const bucketWarnings = report.uploads.buckets.reduce((n, b) => n + b.warnings.length, 0);
  const updatedAgo = now - Date.parse(report.checkedAt);
  const allUnbound = report.clusters.length > 0 && report.clusters.every((c) => c.state === "unbound");

  return (
    <div className={s.live} data-testid="live-status">
      <div className={s.bar}>
        <span
          className={s.barGroup}
          title={
            report.revisionSource === "deployed"
              ? "Compared with the last deployed revision"
              : "Nothing deployed yet: compared with the latest revision"
          }
        >
          <strong>Revision {report.revision}</strong>
          <span className="muted">{report.revisionSource === "deployed" ? "deployed" : "not deployed yet"}</span>
          {givenDesign && designRevision !== undefined && designRevision !== report.revision && (
            <span className="muted" data-testid="drawn-revision">
              · drawing revision {designRevision}, the one this link shows
            </span>
          )}
        </span>
        <span className={s.barGroup} aria-label="Components by state">
          {STATES.filter((st) => counts[st] > 0).map((st) => (
            <span key={st} className={`${s.pill} ${s[HEALTH_TONE[st]]}`} data-testid={`count-${st}`}>
              <span className={s.count}>{counts[st]}</span> {STATE_LABEL[st].toLowerCase()}
            </span>
          ))}
        </span>
        <span className={s.barGroup} aria-label="Clusters">
          {report.clusters.map((c) => (
            <button
              key={c.componentId}
              type="button"
              className={`${s.pill} ${s[c.state]}`}
              style={{ border: 0, cursor: "pointer" }}
              title={c.error ?? `${c.registeredCluster?.name ?? ""} answered in ${c.durationMs} ms`}
              onClick={() => pick(c.componentId)}
              data-testid="cluster-state"
            >
              {c.name}: {c.state}
            </button>
          ))}
        </span>
        <span className={s.barSpacer} />
        <span className={`${s.updated} ${status.isError ? s.stale : ""}`} aria-live="polite" data-testid="last-updated">
          {paused ? "Paused · " : ""}Updated {clock(report.checkedAt)} · {age(updatedAgo)} ago
          {status.isFetching ? " · refreshing…" : ""}
        </span>
        <button
          type="button"
          className="btn btn-secondary btn-sm"
          aria-pressed={paused}
          onClick={() => setPaused((p) => !p)}
          data-testid="pause"
        >
          {paused ? <Play size={14} aria-hidden /> : <Pause size={14} aria-hidden />}
          {paused ? "Resume" : "Pause"}
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          onClick={() => void status.refetch()}
          aria-label="Refresh now"
          title="Refresh now (answers are shared for 5 s)"
        >
          <RefreshCw size={14} aria-hidden />
        </button>
      </div>
      {status.isError && (
        <div className={`alert alert-warning ${s.notice}`} role="alert">
          The last refresh failed ({status.error.message}); showing the answer from {age(updatedAgo)} ago, retrying in{" "}
          {Math.round(pollDelay(status.failureCount) / 1000)} s.
        </div>
      )}
      {allUnbound && (
        <div className={`alert alert-info ${s.notice}`}>
          No cluster of this design is bound to a registered cluster. Bind one in the cluster&apos;s settings and deploy
          to see live status.
        </div>
      )}
      <SyncPanel source={source} />
      <div className={s.tabs} role="tablist" aria-label="Live view">
        <button role="tab" type="button" aria-selected={view === "canvas"} onClick={() => setView("canvas")}>
          Canvas
        </button>
        <button
          role="tab"
          type="button"
          aria-selected={view === "stores"}
          onClick={() => setView("stores")}
          data-testid="stores-tab"
        >
          Stores
          {storeFindings > 0 && <span className={`${s.pill} ${s.degraded}`}>{storeFindings}</span>}
        </button>
        <button
          role="tab"
          type="button"
          aria-selected={view === "bucket"}
          onClick={() => setView("bucket")}
          data-testid="bucket-tab"
        >
          Bucket
          {bucketWarnings > 0 && <span className={`${s.pill} ${s.degraded}`}>{bucketWarnings}</span>}
        </button>
      </div>
      <div className={s.main}>
        {view === "canvas" && (
          <>
            <div className={s.canvasWrap}>
              {design ? (
                <DesignCanvas
                  design={design}
                  readOnly
                  overlay={overlay}
                  selection={selected ? [selected] : []}
                  onSelectionChange={(ids) => setSelected(ids[0] ?? null)}
                  onNodeActivate={setSelected}
                />
              ) : (
                <div className="tc-editor-loading" role="status">
                  {fetched.isError
                    ? `Could not load revision ${report.revision}: ${fetched.error.message}`
                    : "Loading the diagram…"}
                </div>
              )}
            </div>
            {selected && (
              <StatusDrawer
                componentId={selected}
                status={report.components[selected]}
                report={report}
                now={now}
                onClose={() => setSelected(null)}
              />
            )}
          </>
        )}
        {view === "stores" && (
          <div className={s.scroll}>
            <StoresTable stores={report.stores} onPickComponent={pick} now={now} />
            <MeasuredTable rows={report.measured ?? []} />
          </div>
        )}
        {view === "bucket" && (
          <div className={s.scroll}>
            <BucketTimeline buckets={report.uploads.buckets} now={now} onPickComponent={pick} />
          </div>
        )}
      </div>
    </div>
  );
}

function countStates(report: StatusReport): Record<StatusState, number> {
  const out = Object.fromEntries(HEALTH_STATUSES.map((h) => [h, 0])) as Record<StatusState, number>;
  for (const c of Object.values(report.components)) out[c.state]++;
  return out;
}
