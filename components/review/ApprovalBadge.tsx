"use client";
// Which revision is approved, and for deployers an "Approve revision N" action. A deploy can later
// require the approved revision, so the badge says plainly whether the revision on screen is it.
import { useCallback, useEffect, useState } from "react";
import { BadgeCheck, ShieldQuestion } from "lucide-react";
import { Button } from "@/components/ui/button";
import { fetchJson } from "@/components/ui/fetch-json";
import { useToast } from "@/components/ui/toast";
import type { ApprovalsView } from "@/server/approvals/service";
import { formatTime } from "./ShareDialog";
import styles from "./review.module.css";

/** Presentational: the badge alone (the share page knows approvedRevision from the share view). */
export function ApprovalStatus({
  approvedRevision,
  revision,
  title,
}: {
  approvedRevision: number | null;
  revision: number;
  title?: string;
}) {
  if (approvedRevision === null) {
    return (
      <span className="badge" title={title ?? "No revision is approved yet"} data-testid="approval-badge">
        <ShieldQuestion size={13} /> Not approved
      </span>
    );
  }
  const current = approvedRevision === revision;
  return (
    <span className={`badge ${current ? "badge-success" : "badge-warning"}`} title={title} data-testid="approval-badge">
      <BadgeCheck size={13} /> {current ? `Revision ${revision} approved` : `Revision ${approvedRevision} approved`}
    </span>
  );
}

export function ApprovalBadge({
  designId,
  revision,
  canApprove,
}: {
  designId: string;
  revision: number;
  canApprove: boolean;
}) {
  const toast = useToast();
  const [view, setView] = useState<ApprovalsView | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setView(await fetchJson<ApprovalsView>(`/api/designs/${designId}/approvals`));
    } catch {
      setView(null);
    }
  }, [designId]);

  useEffect(() => {
    void load();
  }, [load, revision]);

  async function approve() {
    setBusy(true);
    try {
      setView(await fetchJson<ApprovalsView>(`/api/designs/${designId}/approvals`, { body: { revision } }));
      toast.success(`Revision ${revision} is now the approved revision.`, "Approved");
    } catch (e) {
      toast.error((e as Error).message, "Could not approve");
    } finally {
      setBusy(false);
    }
  }

  if (!view) return null;
  const last = view.approvals.find((a) => a.revision === view.approvedRevision);
  const title = last ? `Approved by ${last.user.name} on ${formatTime(last.createdAt)}` : undefined;
  return (
    <span className={styles.approval}>
      <ApprovalStatus approvedRevision={view.approvedRevision} revision={revision} title={title} />
      {canApprove && view.approvedRevision !== revision && (
        <Button
          size="sm"
          variant="secondary"
          icon={<BadgeCheck size={14} />}
          loading={busy}
          onClick={approve}
          aria-label={`Approve revision ${revision}`}
          data-testid="approve-button"
        >
          Approve<span className="tc-hide-narrow"> revision {revision}</span>
        </Button>
      )}
    </span>
  );
}
