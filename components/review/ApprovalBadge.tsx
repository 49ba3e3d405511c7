"use client";
// Which revision is approved, and for deployers an "Approve revision N" action. A deploy can later
// require the approved revision, so the badge says plainly whether the revision on screen is it.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
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
  const qc = useQueryClient();
  const base = `/api/designs/${encodeURIComponent(designId)}/approvals`;
  // Read again for every revision on screen: saving one is when someone may have approved meanwhile.
  const queryKey = ["design", designId, "approvals", revision];
  const { data: view = null } = useQuery({
    queryKey,
    queryFn: () => fetchJson<ApprovalsView>(base),
    retry: false,
  });
  const approval = useMutation({
    mutationFn: () => fetchJson<ApprovalsView>(base, { body: { revision } }),
    onSuccess: (next) => {
      qc.setQueryData(queryKey, next);
      toast.success(`Revision ${revision} is now the approved revision.`, "Approved");
    },
    onError: (e) => toast.error(e.message, "Could not approve"),
  });

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
          loading={approval.isPending}
          onClick={() => approval.mutate()}
          aria-label={`Approve revision ${revision}`}
          data-testid="approve-button"
        >
          Approve<span className="tc-hide-narrow"> revision {revision}</span>
        </Button>
      )}
    </span>
  );
}
