"use client";
import { CircleAlert, CircleCheck, Info, TriangleAlert } from "lucide-react";
import type { Finding } from "@/lib/topology/lint";
import type { Component } from "@/lib/topology/design";

const ICON = { error: CircleAlert, warning: TriangleAlert, info: Info } as const;

/** Findings, live; clicking one selects and centres its component. */
export function LintPanel({
  findings,
  byId,
  onPick,
}: {
  findings: Finding[];
  byId: Map<string, Component>;
  onPick(f: Finding): void;
}) {
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
        const c = f.componentId ? byId.get(f.componentId) : undefined;
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
                  {c ? ` · ${c.name}` : f.path ? ` · ${f.path}` : ""}
                </span>
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
