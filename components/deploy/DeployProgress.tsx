"use client";
// The deploy progress drawer: status, progress bar and one row per object (apply → prune → rollout),
// polling GET /api/deployments/:id every second while the run is going.
import { useEffect } from "react";
import { useQuery } from "@tanstack/react-query";
import { CheckCircle2, CircleDashed, Clock, Loader2, MinusCircle, Trash2, X, XCircle } from "lucide-react";
import { Button } from "@/components/ui/button";
import { deployApi, type DeployObject, type DeploymentStatus, type DeploymentView } from "./api";
import { duration, objectLabel } from "./format";
import styles from "./deploy.module.css";

const STATUS_LABEL: Record<DeploymentStatus, string> = {
  running: "Deploying",
  succeeded: "Succeeded",
  failed: "Failed",
  interrupted: "Interrupted",
};
export const STATUS_BADGE: Record<DeploymentStatus, string> = {
  running: "badge-primary",
  succeeded: "badge-success",
  failed: "badge-danger",
  interrupted: "badge-warning",
};

const PHASE_LABEL: Record<DeployObject["phase"], string> = {
  pending: "Pending",
  applying: "Applying",
  applied: "Applied",
  waiting: "Rolling out",
  ready: "Ready",
  pruned: "Pruned",
  failed: "Failed",
  timeout: "Timed out",
  skipped: "Skipped",
};

function PhaseIcon({ phase }: { phase: DeployObject["phase"] }) {
  switch (phase) {
    case "applying":
    case "waiting":
      return <Loader2 size={15} className={`${styles.spin} ${styles.phaseBusy}`} aria-hidden />;
    case "applied":
    case "ready":
      return <CheckCircle2 size={15} className={styles.phaseOk} aria-hidden />;
    case "pruned":
      return <Trash2 size={15} className={styles.phaseMuted} aria-hidden />;
    case "failed":
      return <XCircle size={15} className={styles.phaseBad} aria-hidden />;
    case "timeout":
      return <Clock size={15} className={styles.phaseBad} aria-hidden />;
    case "skipped":
      return <MinusCircle size={15} className={styles.phaseMuted} aria-hidden />;
    default:
      return <CircleDashed size={15} className={styles.phaseMuted} aria-hidden />;
  }
}

const PROBLEM = new Set<DeployObject["phase"]>(["failed", "timeout"]);

/** Problems first, then what this run changes (create/update/prune), then the unchanged rest; apply order within. */
export function displayOrder(objects: DeployObject[]): DeployObject[] {
  const rank = (o: DeployObject) =>
    PROBLEM.has(o.phase) ? 0 : o.action === "create" || o.action === "update" || o.action === "prune" ? 1 : 2;
  return objects
    .map((o, i) => ({ o, i }))
    .sort((a, b) => rank(a.o) - rank(b.o) || a.i - b.i)
    .map((x) => x.o);
}

export function DeployProgress({
  deploymentId,
  onClose,
  onFinished,
}: {
  deploymentId: string;
  onClose: () => void;
  onFinished?: (d: DeploymentView) => void;
}) {
  const q = useQuery({
    queryKey: ["deployment", deploymentId],
    queryFn: () => deployApi.get(deploymentId),
    refetchInterval: (query) => (query.state.data && query.state.data.status !== "running" ? false : 1000),
    refetchIntervalInBackground: true,
    staleTime: 0,
  });
  const d = q.data;
  const finished = d && d.status !== "running";
  useEffect(() => {
    if (d && finished) onFinished?.(d);
    // Only when the run's final state arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [finished, d?.id]);

  return (
    <aside
      className={styles.drawer}
      aria-label="Deployment progress"
      data-testid="deploy-progress"
      data-status={d?.status}
    >
      <header className={styles.drawerHead}>
        <div>
          <h3>
            {d ? (
              <>
                Revision {d.revision} → {d.cluster.name}
              </>
            ) : (
              "Deployment"
            )}
          </h3>
          {d ? (
            <p className="faint">
              {d.startedBy.name} · {new Date(d.startedAt).toLocaleTimeString()} · {duration(d.startedAt, d.finishedAt)}
            </p>
          ) : null}
        </div>
        <Button variant="ghost" size="sm" icon={<X size={16} />} onClick={onClose} aria-label="Close progress" />
      </header>
      {q.isError ? (
        <div className="alert alert-danger" role="alert">
          {(q.error as Error).message}
        </div>
      ) : !d ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          <div className={styles.statusRow}>
            <span className={`badge ${STATUS_BADGE[d.status]}`} data-testid="deploy-status">
              {d.status === "running" ? <Loader2 size={12} className={styles.spin} aria-hidden /> : null}
              {STATUS_LABEL[d.status]}
            </span>
            <span className="muted" data-testid="deploy-counts">
              {d.progress.done} of {d.progress.total} objects done
            </span>
          </div>
          <div
            className={styles.bar}
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={d.progress.percent}
            aria-label="Deploy progress"
          >
            <div
              className={`${styles.barFill} ${styles[`bar-${d.status}`]}`}
              style={{ width: `${d.progress.percent}%` }}
            />
          </div>
          {d.error ? (
            <div
              className={`alert ${d.status === "interrupted" ? "alert-warning" : "alert-danger"}`}
              role="alert"
              data-testid="deploy-error"
            >
              {d.error}
            </div>
          ) : null}
          <ul className={styles.objects} tabIndex={0} aria-label="Objects of this run">
            {displayOrder(d.objects).map((o) => {
              const { kind, name } = objectLabel(o);
              return (
                <li
                  key={o.object}
                  className={styles.object}
                  data-testid="deploy-object"
                  data-phase={o.phase}
                  data-object={o.object}
                >
                  <PhaseIcon phase={o.phase} />
                  <span className={styles.objectMain}>
                    <span>
                      <span className={styles.kind}>{kind}</span> <span className={styles.objName}>{name}</span>
                      {o.action === "create" || o.action === "update" ? (
                        <span className={`${styles.actionTag} ${styles[`tag-${o.action}`]}`}>{o.action}</span>
                      ) : null}
                    </span>
                    {o.message && (o.phase === "failed" || o.phase === "timeout" || o.phase === "waiting") ? (
                      <span className={styles.objectMsg}>{o.message}</span>
                    ) : null}
                  </span>
                  <span className={`${styles.phase} ${styles[`phase-${o.phase}`] ?? ""}`}>{PHASE_LABEL[o.phase]}</span>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </aside>
  );
}
