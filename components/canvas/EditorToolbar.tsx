"use client";
// The editor's header: back link, name and save state, the view tabs, and the actions (history, layout,
// fit, help, review, save). Behaviour comes in through props; only the history buttons read the store.
import { memo } from "react";
import Link from "next/link";
import { ChevronLeft, CircleHelp, LayoutGrid, Maximize, Redo2, Save, Search, Undo2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { DeployTabButton } from "@/components/deploy/EditorDeploy";
import { ReviewToolbar } from "@/components/review/EditorReview";
import { SyncBadge } from "@/components/sync/SyncBadge";
import { useEditor } from "./context";
import type { EditorView } from "./use-editor-shortcuts";

export interface EditorToolbarProps {
  name: string;
  designId: string;
  revision: number;
  readOnly: boolean;
  dirty: boolean;
  saving: boolean;
  layingOut: boolean;
  view: EditorView;
  onView(view: EditorView): void;
  onUndo(): void;
  onRedo(): void;
  onLayout(): void;
  onFit(): void;
  onSearch(): void;
  onHelp(): void;
  onSave(): void;
  /** The revision message the next save takes (optional). */
  message: string;
  onMessage(message: string): void;
}

/** The longest revision message the API takes (server/designs/requests.ts). */
export const REVISION_MESSAGE_MAX = 500;

function ViewTab({
  view,
  current,
  onView,
  label,
}: {
  view: EditorView;
  current: EditorView;
  onView(v: EditorView): void;
  label: string;
}) {
  return (
    <button
      role="tab"
      type="button"
      aria-selected={current === view}
      className={current === view ? "is-active" : ""}
      onClick={() => onView(view)}
      data-testid={view === "live" || view === "sizing" ? `${view}-tab` : undefined}
    >
      {label}
    </button>
  );
}

/** A toolbar icon button named by its action, with its shortcut in the tooltip. */
function IconButton({
  icon,
  label,
  keys,
  disabled,
  onClick,
}: {
  icon: React.ReactNode;
  label: string;
  keys: string;
  disabled?: boolean;
  onClick(): void;
}) {
  return (
    <Button
      variant="ghost"
      size="sm"
      icon={icon}
      disabled={disabled}
      onClick={onClick}
      aria-label={label}
      title={`${label} (${keys})`}
    />
  );
}

const HistoryButtons = memo(function HistoryButtons({ onUndo, onRedo }: { onUndo(): void; onRedo(): void }) {
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const undoLabel = useEditor((s) => s.past[s.past.length - 1]?.label);
  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        icon={<Undo2 size={16} />}
        disabled={!canUndo}
        onClick={onUndo}
        aria-label={undoLabel ? `Undo ${undoLabel}` : "Undo"}
        title={undoLabel ? `Undo ${undoLabel} (Ctrl+Z)` : "Undo (Ctrl+Z)"}
      />
      <Button
        variant="ghost"
        size="sm"
        icon={<Redo2 size={16} />}
        disabled={!canRedo}
        onClick={onRedo}
        aria-label="Redo"
        title="Redo (Ctrl+Shift+Z)"
      />
    </>
  );
});

export const EditorToolbar = memo(function EditorToolbar({
  name,
  designId,
  revision,
  readOnly,
  dirty,
  saving,
  layingOut,
  view,
  onView,
  onUndo,
  onRedo,
  onLayout,
  onFit,
  onSearch,
  onHelp,
  onSave,
  message,
  onMessage,
}: EditorToolbarProps) {
  // Layout, fit and search act on the canvas; on the other tabs it is hidden.
  const offCanvas = view !== "canvas";
  return (
    <header className="tc-toolbar">
      <Link href="/designs" className="tc-back" aria-label="Back to designs">
        <ChevronLeft size={18} aria-hidden />
      </Link>
      <div className="tc-title">
        <h1 title={name}>{name}</h1>
        <span className={`tc-save-state ${dirty ? "is-dirty" : ""}`} data-testid="save-state" aria-live="polite">
          {dirty ? "● Unsaved changes" : `Saved · revision ${revision}`}
        </span>
        {readOnly && <span className="badge">Read-only</span>}
        <SyncBadge designId={designId} revision={revision} onOpen={() => onView("live")} compact />
      </div>
      <div className="tc-tabs" role="tablist" aria-label="View">
        <ViewTab view="canvas" current={view} onView={onView} label="Canvas" />
        <ViewTab view="manifests" current={view} onView={onView} label="Manifests" />
        <ViewTab view="sizing" current={view} onView={onView} label="Sizing" />
        <DeployTabButton active={view === "deploy"} onSelect={() => onView("deploy")} />
        {/* Live status (components/status): the deployed revision with health badges. */}
        <ViewTab view="live" current={view} onView={onView} label="Live" />
      </div>
      <div className="tc-actions">
        {!readOnly && (
          <>
            <HistoryButtons onUndo={onUndo} onRedo={onRedo} />
            <Button
              variant="ghost"
              size="sm"
              icon={<LayoutGrid size={16} />}
              loading={layingOut}
              disabled={offCanvas}
              onClick={onLayout}
              title="Auto-layout (L)"
              aria-label="Auto-layout"
            >
              <span className="tc-hide-narrow">Auto-layout</span>
            </Button>
          </>
        )}
        <IconButton icon={<Maximize size={16} />} label="Fit view" keys="F" disabled={offCanvas} onClick={onFit} />
        <IconButton
          icon={<Search size={16} />}
          label="Find a component"
          keys="/ or Ctrl+K"
          disabled={offCanvas}
          onClick={onSearch}
        />
        <IconButton icon={<CircleHelp size={16} />} label="Keyboard shortcuts" keys="?" onClick={onHelp} />
        {/* Review (components/review): approval badge, compare revisions, share links. */}
        <ReviewToolbar designId={designId} revision={revision} />
        {!readOnly && dirty && (
          <input
            className="input tc-save-message"
            aria-label="Revision message (optional)"
            placeholder="What changed? (optional)"
            maxLength={REVISION_MESSAGE_MAX}
            value={message}
            onChange={(e) => onMessage(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                onSave();
              }
            }}
            style={{ width: 200, height: 30, fontSize: 13 }}
          />
        )}
        {!readOnly && (
          <Button
            variant="primary"
            size="sm"
            icon={<Save size={16} />}
            loading={saving}
            disabled={!dirty}
            onClick={onSave}
            title="Save a new revision (Ctrl+S)"
          >
            Save
          </Button>
        )}
      </div>
    </header>
  );
});
