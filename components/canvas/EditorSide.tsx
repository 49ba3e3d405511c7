"use client";
// The editor's right column: Inspector, Lint and Comments tabs over one design source.
import { memo } from "react";
import type { Finding } from "@/lib/topology/lint";
import { ReviewComments } from "@/components/review/EditorReview";
import { useOpenCommentCount } from "@/components/source/queries";
import type { DesignSource } from "@/components/source/source";
import { useEditor } from "./context";
import { Inspector } from "./Inspector";
import { designLint } from "./lint-badges";
import { LintPanel } from "./LintPanel";

export type SideTab = "inspector" | "lint" | "comments";

/** Same query and period as the Comments panel: one poll serves both. */
const COMMENTS_POLL_MS = 10_000;

export const EditorSide = memo(function EditorSide({
  source,
  tab,
  onTab,
  onPickFinding,
  onSelectComponent,
}: {
  source: DesignSource;
  tab: SideTab;
  onTab(tab: SideTab): void;
  onPickFinding(f: Finding): void;
  onSelectComponent(id: string): void;
}) {
  const { errors, warnings } = designLint(source.document);
  const selectedComponentId = useEditor((s) => (s.selected.size === 1 ? [...s.selected][0] : null));
  const openComments = useOpenCommentCount(source, COMMENTS_POLL_MS);
  const tabButton = (id: SideTab, label: string, extra?: React.ReactNode) => (
    <button
      role="tab"
      type="button"
      aria-selected={tab === id}
      className={tab === id ? "is-active" : ""}
      onClick={() => onTab(id)}
      data-testid={id === "inspector" ? undefined : `${id}-tab`}
    >
      {label}
      {extra}
    </button>
  );
  return (
    <aside className="tc-side" aria-label="Details">
      <div className="tc-side-tabs" role="tablist">
        {tabButton("inspector", "Inspector")}
        {tabButton(
          "lint",
          "Lint",
          <>
            {errors > 0 && <span className="tc-count is-error">{errors}</span>}
            {warnings > 0 && <span className="tc-count is-warning">{warnings}</span>}
          </>,
        )}
        {tabButton(
          "comments",
          "Comments",
          openComments > 0 && (
            <span
              className="tc-count"
              data-testid="open-comments"
              aria-label={`${openComments} open comment${openComments === 1 ? "" : "s"}`}
            >
              {openComments}
            </span>
          ),
        )}
      </div>
      <div className="tc-side-body">
        {tab === "inspector" ? (
          <Inspector source={source} />
        ) : tab === "lint" ? (
          <LintPanel source={source} onPick={onPickFinding} />
        ) : (
          <ReviewComments
            source={source}
            selectedComponentId={selectedComponentId}
            onSelectComponent={onSelectComponent}
          />
        )}
      </div>
    </aside>
  );
});
