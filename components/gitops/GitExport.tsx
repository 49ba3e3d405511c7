"use client";
// GitOps in the Deploy tab: export the chosen revision of a cluster node to its Git target (to the branch,
// or to a review branch for a pull request), and the exports in the history with commit, branch and link.
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { ExternalLink, GitBranch, GitCommitHorizontal } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { gitExportsApi, gitTargetsApi, type GitExportView } from "./api";
import styles from "./gitops.module.css";

const BADGE: Record<GitExportView["status"], string> = {
  running: "badge-primary",
  succeeded: "badge-success",
  unchanged: "",
  failed: "badge-danger",
};

/** The design's exports, refreshed every 2 s while one runs. */
export function useGitExports(designId: string) {
  return useQuery({
    queryKey: ["git-exports", designId],
    queryFn: () => gitExportsApi.list(designId),
    refetchInterval: (q) => (q.state.data?.some((e) => e.status === "running") ? 2000 : false),
  });
}

export function GitExportCard({
  designId,
  node,
  revision,
  gitTargetId,
  canExport,
}: {
  designId: string;
  node: string;
  revision: number;
  gitTargetId: string | undefined;
  canExport: boolean;
}) {
  const toast = useToast();
  const qc = useQueryClient();
  const [review, setReview] = useState(false);
  const [busy, setBusy] = useState(false);
  const targets = useQuery({ queryKey: ["git-targets"], queryFn: gitTargetsApi.list, staleTime: 30_000, retry: false });
  const target = targets.data?.find((t) => t.id === gitTargetId);

  async function start() {
    setBusy(true);
    try {
      await gitExportsApi.start(designId, { cluster: node, revision, reviewBranch: review || undefined });
      toast.info(`Revision ${revision} of ${node} is being committed to ${target?.name ?? "Git"}.`, "Export started");
      await qc.invalidateQueries({ queryKey: ["git-exports", designId] });
    } catch (e) {
      toast.error((e as Error).message, "Could not export");
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-label="Export to Git" data-testid="git-export">
      <div className="card-header">
        <div>
          <h3>
            <GitBranch size={15} aria-hidden /> Export to Git
          </h3>
          <p className="muted">
            {target ? (
              <>
                Commits revision {revision} of <strong>{node}</strong> to {target.url} ({target.branch}, path{" "}
                <code>{target.pathTemplate}</code>) for Argo CD or Flux. Secret values are never committed.
              </>
            ) : gitTargetId && targets.isSuccess ? (
              "The Git target this node was bound to is no longer registered; bind another in the cluster's inspector."
            ) : (
              <>
                Bind <strong>{node}</strong> to a Git target in its inspector (select the cluster on the canvas) to
                export it. <Link href="/git-targets">Git targets</Link>
              </>
            )}
          </p>
        </div>
      </div>
      {target && canExport ? (
        <div className={styles.exportRow}>
          <label className={styles.checkbox}>
            <input
              type="checkbox"
              checked={review}
              onChange={(e) => setReview(e.target.checked)}
              data-testid="git-review-branch"
            />{" "}
            to a review branch (for a pull request)
          </label>
          <Button
            variant="secondary"
            icon={<GitCommitHorizontal size={15} />}
            loading={busy}
            onClick={() => void start()}
            data-testid="git-export-start"
          >
            Export r{revision} to Git
          </Button>
        </div>
      ) : null}
    </section>
  );
}

/** Export entries for the deploy history, newest first. */
export function GitExportHistory({ exports }: { exports: GitExportView[] }) {
  if (exports.length === 0) return null;
  return (
    <ol className={styles.history} data-testid="git-export-history" aria-label="Git exports">
      {exports.map((e) => (
        <li key={e.id} data-testid="git-export-entry" data-status={e.status} data-revision={e.revision}>
          <span className={`badge ${BADGE[e.status]}`}>{e.status === "succeeded" ? "committed" : e.status}</span>{" "}
          <strong>Revision {e.revision}</strong> → {e.cluster}{" "}
          <span className="faint">
            (Git{e.target.name ? ` ${e.target.name}` : ""}) · {e.startedBy.name}
          </span>
          <div className={styles.exportMeta}>
            <GitBranch size={12} aria-hidden /> <code>{e.branch}</code>
            {e.path ? (
              <>
                {" "}
                · <code>{e.path}</code>
              </>
            ) : null}
            {e.commit ? (
              <>
                {" "}
                ·{" "}
                {e.commitUrl ? (
                  <a
                    href={e.commitUrl}
                    target="_blank"
                    rel="noreferrer"
                    className={styles.commit}
                    data-testid="git-commit"
                  >
                    {e.commit.slice(0, 12)} <ExternalLink size={11} aria-hidden />
                  </a>
                ) : (
                  <span className={styles.commit} title={`${e.repoUrl} @ ${e.commit}`} data-testid="git-commit">
                    {e.commit.slice(0, 12)}
                  </span>
                )}
              </>
            ) : null}
          </div>
          {e.error ? (
            <div className={styles.bad} role="alert">
              {e.error}
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
