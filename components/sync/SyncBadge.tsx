"use client";
// Argo CD's sync word for a design, on the designs list and the editor header: Synced, OutOfSync, Unknown
// (or "Not deployed" for a draft). The tooltip names each cluster's state and why.
import "./sync.css";
import { CircleArrowUp, CircleCheck, CircleDashed } from "lucide-react";
import { overallSync, useSync, type SyncStatus } from "./api";

type Word = SyncStatus | "not-deployed";

const LOOK: Record<Word, { tone: string; label: string; Icon: typeof CircleCheck }> = {
  Synced: { tone: "badge-success", label: "Synced", Icon: CircleCheck },
  OutOfSync: { tone: "badge-warning", label: "OutOfSync", Icon: CircleArrowUp },
  Unknown: { tone: "", label: "Unknown", Icon: CircleDashed },
  "not-deployed": { tone: "", label: "Not deployed", Icon: CircleDashed },
};

/** One sync word as a badge; the Live tab uses it per cluster. */
export function SyncWord({ status, title }: { status: Word; title?: string }) {
  const { tone, label, Icon } = LOOK[status];
  return (
    <span className={`badge ${tone} ts-sync-word`} data-sync={status} title={title}>
      <Icon size={12} aria-hidden /> <span className="ts-sync-label">{label}</span>
    </span>
  );
}

export type SyncBadgeProps = (
  | { designId: string; shareToken?: undefined }
  /** Read through a share link that allows status instead of the signed-in API. */
  | { designId?: undefined; shareToken: string }
) & {
  /** The saved revision on screen: a save asks again at once. */
  revision?: number;
  /** Makes the badge a button (the editor opens its Live tab). */
  onOpen?(): void;
  /** Icon only on narrower screens (the word stays in the tooltip and the accessible name): the editor header is full. */
  compact?: boolean;
};

export function SyncBadge({ designId, shareToken, revision, onOpen, compact }: SyncBadgeProps) {
  const sync = useSync(shareToken !== undefined ? `share:${shareToken}` : designId, revision);
  const clusters = sync.data?.clusters ?? [];
  const word = overallSync(clusters);
  if (!word) return null;
  const title = clusters.map((c) => `${c.cluster}: ${c.status} (${c.reason})`).join("\n");
  const badge = <SyncWord status={word} title={title} />;
  return (
    <span className={`ts-sync-badge${compact ? " is-compact" : ""}`} data-testid="sync-badge" data-sync={word}>
      {onOpen ? (
        <button
          type="button"
          className="ts-sync-open"
          onClick={onOpen}
          aria-label={`Sync: ${LOOK[word].label}. Open live status`}
        >
          {badge}
        </button>
      ) : (
        badge
      )}
    </span>
  );
}
