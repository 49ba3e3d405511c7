"use client";
// Deployment history of a design: who deployed which revision where, when, and the result. Rollback
// plans an earlier revision (deploying it is the rollback), so the change is read before it is made.
import { History, RotateCcw } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { DeploymentSummary } from "./api";
import { STATUS_BADGE } from "./DeployProgress";
import { duration, relativeTime } from "./format";
import styles from "./deploy.module.css";

export function HistoryList({
  deployments,
  liveRevision,
  onOpen,
  onRollback,
}: {
  deployments: DeploymentSummary[];
  /** Per cluster node: the revision of its newest successful deploy. */
  liveRevision: Map<string, number>;
  onOpen: (id: string) => void;
  onRollback: (d: DeploymentSummary) => void;
}) {
  if (deployments.length === 0) {
    return (
      <div className={styles.historyEmpty}>
        <History size={20} aria-hidden />
        <p>No deployments yet. Plan a revision, then deploy it.</p>
      </div>
    );
  }
  // Only the newest success per cluster node is what runs there now.
  const liveIds = new Set<string>();
  const seen = new Set<string>();
  for (const d of deployments) {
    const node = d.clusterNode ?? d.cluster.name;
    if (d.status === "succeeded" && !seen.has(node)) {
      seen.add(node);
      liveIds.add(d.id);
    }
  }
  return (
    <ol className={styles.history} data-testid="deploy-history">
      {deployments.map((d) => {
        const node = d.clusterNode ?? d.cluster.name;
        const live = liveRevision.get(node);
        const canRollback = d.status === "succeeded" && live !== undefined && live !== d.revision;
        return (
          <li
            key={d.id}
            className={styles.historyItem}
            data-testid="history-entry"
            data-revision={d.revision}
            data-status={d.status}
          >
            <button
              type="button"
              className={styles.historyMain}
              onClick={() => onOpen(d.id)}
              title="Show per-object results"
            >
              <span className={`badge ${STATUS_BADGE[d.status]}`}>{d.status}</span>
              <span className={styles.historyText}>
                <strong>Revision {d.revision}</strong> → {node}
                <span className="faint">
                  {" "}
                  ({d.cluster.name}) · {d.startedBy.name} · {relativeTime(d.startedAt)} ·{" "}
                  {duration(d.startedAt, d.finishedAt)}
                </span>
                {d.overrideReason ? (
                  <span className={`${styles.warn} ${styles.historyOverride}`} data-testid="history-override">
                    Deployed despite lint errors: {d.overrideReason}
                  </span>
                ) : null}
              </span>
            </button>
            {liveIds.has(d.id) ? <span className="badge badge-success">live</span> : null}
            {canRollback ? (
              <Button
                size="sm"
                variant="ghost"
                icon={<RotateCcw size={14} />}
                onClick={() => onRollback(d)}
                data-testid="rollback"
              >
                Roll back to r{d.revision}
              </Button>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
