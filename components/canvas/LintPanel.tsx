"use client";
import { memo, useMemo } from "react";
import { CircleAlert, CircleCheck, Info, TriangleAlert } from "lucide-react";
import type { Finding } from "@/lib/topology/lint";
import type { PanelSource } from "@/components/source/source";
import { designLint } from "./lint-badges";

const ICON = { error: CircleAlert, warning: TriangleAlert, info: Info } as const;

/** The source document's findings, live; clicking one hands it to `onPick` (the editor centres its component). */
export const LintPanel = memo(function LintPanel({
  source,
  onPick,
}: {
  source: PanelSource;
  onPick(f: Finding): void;
}) {
  const { findings } = designLint(source.document);
  const names = useMemo(
    () => new Map(source.document.components.map((c) => [c.id, c.name])),
    [source.document.components],
  );
  if (findings.length === 0)
    return (
      <div className="tc-lint-empty" role="status">
        <CircleCheck size={20} aria-hidden /> No lint findings.
      </div>
    );
  return (
    <ul className="tc-lint" aria-label="Lint findings">
      {findings.map((f, i) => {
        const Icon = ICON[f.severity];
        const name = f.componentId ? names.get(f.componentId) : undefined;
        return (
          <li key={`${f.rule}-${f.componentId ?? ""}-${f.connectionId ?? ""}-${i}`}>
            <button
              type="button"
              className={`tc-finding is-${f.severity}`}
              onClick={() => onPick(f)}
              data-rule={f.rule}
            >
              <Icon size={16} aria-hidden className="tc-finding-icon" />
              <span className="tc-finding-body">
                <span className="tc-finding-msg">{f.message}</span>
                <span className="tc-finding-hint">{f.hint}</span>
                <span className="tc-finding-meta">
                  {f.rule}
                  {name ? ` · ${name}` : f.path ? ` · ${f.path}` : ""}
                </span>
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
});
