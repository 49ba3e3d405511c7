"use client";
// Review features inside the editor, kept out of the canvas code: the toolbar group (approval badge,
// Compare, Share) and the Comments side tab. The editor imports these two components and nothing else.
import { useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { GitCompare } from "lucide-react";
import { DesignCanvas } from "@/components/canvas/DesignCanvas";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { fetchJson } from "@/components/ui/fetch-json";
import { apiBase, sourceKey, type DesignSource } from "@/components/source/source";
import { unionDesign } from "@/lib/topology/diff";
import { ApprovalBadge } from "./ApprovalBadge";
import { CommentsPanel } from "./CommentsPanel";
import { diffHighlightCss } from "./diff-highlight";
import { RevisionDiff, type DiffResult } from "./RevisionDiff";
import { ShareButton } from "./ShareDialog";
import styles from "./review.module.css";

type Role = "viewer" | "editor" | "deployer" | "admin";
const RANK: Record<Role, number> = { viewer: 0, editor: 1, deployer: 2, admin: 3 };

/** The signed-in user's role (null while loading; viewer if it cannot be read): which review actions are offered. */
function useRole(): Role | null {
  // The same query (key and body) as the deploy tab's useCanDeploy: one /api/auth/me per page.
  const me = useQuery({
    queryKey: ["me"],
    queryFn: () => fetchJson<{ user: { role: Role } }>("/api/auth/me"),
    select: (r) => r.user.role,
    staleTime: 60_000,
    retry: false,
  });
  return me.data ?? (me.isError ? "viewer" : null);
}

const atLeast = (role: Role | null, need: Role) => role !== null && RANK[role] >= RANK[need];

export function ReviewToolbar({ designId, revision }: { designId: string; revision: number }) {
  const role = useRole();
  const [compare, setCompare] = useState(false);
  return (
    <>
      <ApprovalBadge designId={designId} revision={revision} canApprove={atLeast(role, "deployer")} />
      {revision > 1 && (
        <Button
          variant="ghost"
          size="sm"
          icon={<GitCompare size={16} />}
          onClick={() => setCompare(true)}
          title="Compare two revisions"
          aria-label="Compare"
          data-testid="compare-button"
        >
          <span className="tc-hide-narrow">Compare</span>
        </Button>
      )}
      <ShareButton designId={designId} revision={revision} canShare={atLeast(role, "editor")} />
      {compare && <CompareDialog designId={designId} revision={revision} onClose={() => setCompare(false)} />}
    </>
  );
}

export function ReviewComments(props: {
  source: DesignSource;
  selectedComponentId: string | null;
  onSelectComponent(id: string): void;
}) {
  const role = useRole();
  return (
    <CommentsPanel
      source={props.source}
      canResolve={atLeast(role, "editor")}
      selectedComponentId={props.selectedComponentId}
      onSelectComponent={props.onSelectComponent}
    />
  );
}

interface RevisionRow {
  revision: number;
  message: string | null;
  author: { name: string };
}

/** Two saved revisions side by side: highlighted canvas of both, change list and manifest diff. */
function CompareDialog({ designId, revision, onClose }: { designId: string; revision: number; onClose(): void }) {
  const source = useMemo(() => ({ kind: "design" as const, designId }), [designId]);
  const [diff, setDiff] = useState<DiffResult | null>(null);
  const { data: revisions = null } = useQuery({
    queryKey: [...sourceKey(source), "revisions"],
    queryFn: () =>
      fetchJson<{ revisions: RevisionRow[] }>(`${apiBase(source)}/revisions`).then((r) =>
        [...r.revisions].sort((a, b) => b.revision - a.revision),
      ),
    retry: false,
  });
  const union = useMemo(() => (diff ? unionDesign(diff.before, diff.after, diff.diff) : null), [diff]);

  return (
    <Dialog
      open
      onClose={onClose}
      width={1320}
      title="Compare revisions"
      description="Green: added · amber: changed · red dashed: removed. Secret values are masked on both sides."
      footer={<Button onClick={onClose}>Close</Button>}
    >
      <div style={{ display: "grid", gridTemplateColumns: "1fr 420px", gap: 16, height: "62vh" }}>
        <div
          style={{
            position: "relative",
            border: "1px solid var(--border)",
            borderRadius: "var(--radius)",
            overflow: "hidden",
          }}
          data-diff-canvas=""
        >
          {diff && <style>{diffHighlightCss(diff.diff, "[data-diff-canvas]")}</style>}
          {union ? (
            <div style={{ position: "absolute", inset: 0 }}>
              <DesignCanvas design={union} readOnly />
            </div>
          ) : (
            <p className="muted" style={{ padding: 16 }}>
              Loading…
            </p>
          )}
        </div>
        <div style={{ overflow: "auto" }} className={styles.diff}>
          {revisions && revisions.length > 1 ? (
            <RevisionDiff
              revisions={revisions.map((r) => ({
                revision: r.revision,
                label: `revision ${r.revision}${r.message ? ` · ${r.message.slice(0, 30)}` : ""}`,
                message: r.message,
              }))}
              source={source}
              defaultFrom={revision - 1}
              defaultTo={revision}
              onDiff={setDiff}
            />
          ) : (
            <p className="muted">{revisions ? "Only one revision so far." : "Loading revisions…"}</p>
          )}
        </div>
      </div>
    </Dialog>
  );
}
