"use client";
// A plan, readable before anything changes: counts per action, problems (permissions) first, then every
// object grouped by action; updates expand to their field-level diff.
import { useState } from "react";
import { AlertTriangle, ChevronDown, ChevronRight, Minus, Pencil, Plus, Trash2 } from "lucide-react";
import type { PlanAction, PlanEntry, PlanView as Plan } from "./api";
import { fieldChanges, objectLabel } from "./format";
import styles from "./deploy.module.css";

const ACTIONS: { action: PlanAction; label: string; icon: typeof Plus }[] = [
  { action: "create", label: "Create", icon: Plus },
  { action: "update", label: "Update", icon: Pencil },
  { action: "prune", label: "Prune", icon: Trash2 },
  { action: "unchanged", label: "Unchanged", icon: Minus },
];

export function PlanSummary({ plan }: { plan: Plan }) {
  return (
    <div className={styles.summary} data-testid="plan-summary">
      {ACTIONS.map(({ action, label, icon: Icon }) => (
        <span
          key={action}
          className={`${styles.chip} ${styles[`chip-${action}`]} ${plan.summary[action] === 0 ? styles.chipZero : ""}`}
          data-testid={`plan-count-${action}`}
          data-count={plan.summary[action]}
        >
          <Icon size={13} aria-hidden />
          <strong>{plan.summary[action]}</strong> {label.toLowerCase()}
        </span>
      ))}
    </div>
  );
}

export function PlanView({ plan }: { plan: Plan }) {
  const [showUnchanged, setShowUnchanged] = useState(false);
  const groups = ACTIONS.map((a) => ({ ...a, entries: plan.entries.filter((e) => e.action === a.action) })).filter(
    (g) => g.entries.length > 0,
  );
  const changes = plan.summary.create + plan.summary.update + plan.summary.prune;
  return (
    <div className={styles.plan} data-testid="plan-view">
      {plan.errors.length > 0 ? (
        <div className="alert alert-danger" role="alert" data-testid="plan-errors">
          <AlertTriangle size={16} aria-hidden />
          <div>
            <strong>This plan cannot be deployed.</strong>
            <ul className={styles.errorList}>
              {plan.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </div>
        </div>
      ) : changes === 0 ? (
        <div className="alert alert-success">
          The cluster already matches revision {plan.revision}; deploying changes nothing (it still waits for rollout).
        </div>
      ) : null}
      {groups.map((g) =>
        g.action === "unchanged" && !showUnchanged ? (
          <button key={g.action} type="button" className={styles.groupToggle} onClick={() => setShowUnchanged(true)}>
            <ChevronRight size={14} aria-hidden /> Show {g.entries.length} unchanged object
            {g.entries.length === 1 ? "" : "s"}
          </button>
        ) : (
          <section key={g.action} className={styles.group} aria-label={`${g.label} (${g.entries.length})`}>
            <h4 className={styles.groupTitle}>
              <span className={`${styles.dot} ${styles[`dot-${g.action}`]}`} aria-hidden />
              {g.label} <span className="faint">{g.entries.length}</span>
            </h4>
            <ul className={styles.entries}>
              {g.entries.map((e) => (
                <PlanRow key={`${e.action}:${e.object}`} entry={e} />
              ))}
            </ul>
          </section>
        ),
      )}
    </div>
  );
}

function PlanRow({ entry }: { entry: PlanEntry }) {
  const [open, setOpen] = useState(false);
  const { kind, name } = objectLabel(entry);
  const changes = entry.action === "update" ? fieldChanges(entry.diff) : [];
  const expandable = changes.length > 0;
  return (
    <li className={styles.entry} data-testid="plan-entry" data-action={entry.action} data-object={entry.object}>
      <button
        type="button"
        className={styles.entryHead}
        onClick={() => expandable && setOpen(!open)}
        aria-expanded={expandable ? open : undefined}
        disabled={!expandable}
      >
        {expandable ? (
          open ? (
            <ChevronDown size={14} aria-hidden />
          ) : (
            <ChevronRight size={14} aria-hidden />
          )
        ) : (
          <span className={styles.chevronSpace} />
        )}
        <span className={styles.kind}>{kind}</span>
        <span className={styles.objName}>{name}</span>
        {expandable ? (
          <span className={styles.changeCount}>
            {changes.length} field{changes.length === 1 ? "" : "s"}
          </span>
        ) : null}
      </button>
      {open ? (
        <table className={styles.diff} data-testid="plan-diff">
          <tbody>
            {changes.map((c) => (
              <tr key={c.path}>
                <td className={styles.diffPath}>{c.path}</td>
                <td className={styles.diffOld}>{c.before}</td>
                <td className={styles.diffArrow}>→</td>
                <td className={styles.diffNew}>{c.after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </li>
  );
}
