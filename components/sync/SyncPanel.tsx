"use client";
// The Live tab's sync strip: per cluster "Synced to revision 3" or "OutOfSync: latest 4, live 3", and the
// objects and fields where live differs from the deployed revision (live → desired).
import "./sync.css";
import { useState, type ReactNode } from "react";
import { ChevronDown, ChevronRight, RefreshCw } from "lucide-react";
import { clock } from "@/components/status/format";
import { useSync, useSyncRecheck, type ClusterSync, type SyncDifference } from "./api";
import { SyncWord } from "./SyncBadge";

/** What a person reads first about one cluster. */
export function syncHeadline(c: Pick<ClusterSync, "status" | "deployedRevision" | "latestRevision">): string {
  if (c.status === "Synced") return `Synced to revision ${c.deployedRevision}`;
  if (c.status === "OutOfSync") return `OutOfSync: latest ${c.latestRevision}, live ${c.deployedRevision}`;
  return "Unknown";
}

const MAX_VALUE = 120;
export function formatValue(v: unknown): string {
  if (v === undefined) return "(absent)";
  const text = typeof v === "string" ? v : JSON.stringify(v);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** Live and desired as the table shows them. */
function sides(d: SyncDifference, revision: number | null): [string, string] {
  if (d.change === "missing") return ["(missing)", `(in revision ${revision})`];
  if (d.change === "extra") return ["(exists)", `(not in revision ${revision}: a deploy prunes it)`];
  return [formatValue(d.live), formatValue(d.desired)];
}

/** What a share guest reads instead of values, which guests never get. */
const CHANGE_WORDS: Record<SyncDifference["change"], string> = {
  changed: "changed on the cluster",
  missing: "missing from the cluster",
  extra: "not in the deployed revision (a deploy prunes it)",
};

const SHOWN_ROWS = 50;

/** Share guests get objects and fields only: one column saying what differs instead of two empty ones. */
function Differences({ cluster, guest }: { cluster: ClusterSync; guest: boolean }) {
  const rows = cluster.differences.slice(0, SHOWN_ROWS);
  return (
    <div className="ts-sync-diffs" data-testid="sync-differences">
      <table className="table">
        <thead>
          <tr>
            <th>Object</th>
            <th>Field</th>
            {guest ? (
              <th>Difference</th>
            ) : (
              <>
                <th>Live</th>
                <th>Desired</th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((d, i) => {
            const [live, desired] = sides(d, cluster.deployedRevision);
            return (
              <tr key={`${d.object}|${d.field ?? d.change}|${i}`} data-change={d.change}>
                <td className="mono">{d.object}</td>
                <td className="mono">{d.field ?? "—"}</td>
                {guest ? (
                  <td>{CHANGE_WORDS[d.change]}</td>
                ) : (
                  <>
                    <td className="mono ts-sync-live">{live}</td>
                    <td className="mono">
                      <span aria-hidden>→ </span>
                      {desired}
                    </td>
                  </>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {cluster.differences.length > SHOWN_ROWS && (
        <p className="muted ts-sync-more">and {cluster.differences.length - SHOWN_ROWS} more</p>
      )}
    </div>
  );
}

function ClusterRow({ cluster, guest }: { cluster: ClusterSync; guest: boolean }) {
  const [open, setOpen] = useState(true);
  const n = cluster.differences.length;
  // The reason adds nothing to "Synced to revision 3" when the latest is that revision.
  const showReason = !(cluster.cause === "in-sync" && cluster.latestRevision === cluster.deployedRevision);
  return (
    <div className="ts-sync-cluster" data-testid={`sync-cluster-${cluster.cluster}`} data-sync={cluster.status}>
      <div className="ts-sync-line">
        <SyncWord status={cluster.status} />
        <strong>{cluster.cluster}</strong>
        <span data-testid="sync-headline">{syncHeadline(cluster)}</span>
        {showReason && <span className="muted ts-sync-reason">{cluster.reason}</span>}
        {n > 0 && (
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            aria-expanded={open}
            onClick={() => setOpen((o) => !o)}
            data-testid="sync-toggle"
          >
            {open ? <ChevronDown size={14} aria-hidden /> : <ChevronRight size={14} aria-hidden />}
            {n} difference{n === 1 ? "" : "s"}
          </button>
        )}
      </div>
      {open && n > 0 && <Differences cluster={cluster} guest={guest} />}
    </div>
  );
}

/** `source` is a design id or `share:<token>`. Renders nothing for a design without clusters. */
export function SyncPanel({ source }: { source: string }) {
  const sync = useSync(source);
  const guest = source.startsWith("share:");
  if (sync.isError && !sync.data)
    return (
      <div className="ts-sync-panel muted" role="status">
        Sync status unavailable: {sync.error.message}
      </div>
    );
  return (
    <SyncClusters clusters={sync.data?.clusters ?? []} checkedAt={sync.data?.checkedAt} guest={guest}>
      {/* Share guests read the shared answer; signed-in viewers may ask for a fresh comparison. */}
      {!guest && <RecheckButton source={source} />}
    </SyncClusters>
  );
}

function RecheckButton({ source }: { source: string }) {
  const recheck = useSyncRecheck(source);
  return (
    <button
      type="button"
      className="btn btn-ghost btn-sm ts-sync-recheck"
      onClick={() => recheck.mutate()}
      disabled={recheck.isPending}
      title="Compare the live objects with the deployed revision now"
      data-testid="sync-recheck"
    >
      <RefreshCw size={14} aria-hidden /> {recheck.isPending ? "Checking…" : "Check now"}
    </button>
  );
}

/** The strip itself, from a report's clusters; `children` go to the end of the first line. */
export function SyncClusters({
  clusters,
  checkedAt,
  guest = false,
  children,
}: {
  clusters: readonly ClusterSync[];
  /** When the answer was computed: viewers may be shown an older one while the next is computed. */
  checkedAt?: string;
  /** A share guest's report: no values in it. */
  guest?: boolean;
  children?: ReactNode;
}) {
  if (clusters.length === 0) return null;
  return (
    <section className="ts-sync-panel" aria-label="Sync status" data-testid="sync-panel">
      <div className="ts-sync-head">
        <h2>
          Sync
          {checkedAt && (
            <span className="ts-sync-checked" data-testid="sync-checked">
              {" "}
              · compared {clock(checkedAt)}
            </span>
          )}
        </h2>
        {children}
      </div>
      {clusters.map((c) => (
        <ClusterRow key={c.cluster} cluster={c} guest={guest} />
      ))}
    </section>
  );
}
